import type { ErrorCode, IpcError } from './bindings';

// A Record, not a list: a code added to the Rust enum (and so to the bindings) fails typecheck
// here until it is known, instead of arriving in the UI as `internal`.
const KNOWN: Record<ErrorCode, true> = {
  not_signed_in: true,
  session_expired: true,
  cancelled: true,
  timeout: true,
  network: true,
  auth_failed: true,
  server: true,
  forbidden: true,
  rejected: true,
  conflict: true,
  step_up_required: true,
  acting_ended: true,
  not_found: true,
  invalid_input: true,
  keyring: true,
  internal: true,
};
const CODES = Object.keys(KNOWN) as readonly ErrorCode[];

/** Whatever a command rejected with, as `{ code, message }` (unknown shapes become `internal`). */
export function toIpcError(e: unknown): IpcError {
  if (typeof e === 'object' && e !== null && 'code' in e && 'message' in e) {
    const { code, message } = e as { code: unknown; message: unknown };
    if (typeof message === 'string') {
      // An unknown code must not pass as a known one: the UI branches on it.
      return { code: isErrorCode(code) ? code : 'internal', message };
    }
  }
  const message = e instanceof Error ? e.message : typeof e === 'string' ? e : 'Unexpected error';
  return { code: 'internal', message };
}

const isErrorCode = (code: unknown): code is ErrorCode =>
  typeof code === 'string' && (CODES as readonly string[]).includes(code);

export function isIpcError(e: unknown): e is IpcError {
  return (
    typeof e === 'object' && e !== null && 'code' in e && isErrorCode(e.code) && 'message' in e && typeof e.message === 'string'
  );
}

// Every command rejects with an IpcError (`call` makes sure of it), so that is what TanStack
// types a query's or mutation's `error` as: no screen needs to cast it.
declare module '@tanstack/react-query' {
  interface Register {
    defaultError: IpcError;
  }
}
