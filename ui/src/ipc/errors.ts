import type { ErrorCode, IpcError } from './bindings';

const CODES: readonly ErrorCode[] = [
  'not_signed_in',
  'session_expired',
  'cancelled',
  'timeout',
  'network',
  'auth_failed',
  'server',
  'invalid_input',
  'keyring',
  'internal',
];

/** Whatever a command rejected with, as `{ code, message }` (unknown shapes become `internal`). */
export function toIpcError(e: unknown): IpcError {
  if (typeof e === 'object' && e !== null && 'code' in e && 'message' in e) {
    const { code, message } = e as { code: unknown; message: unknown };
    if (typeof code === 'string' && (CODES as readonly string[]).includes(code) && typeof message === 'string') {
      return { code: code as ErrorCode, message };
    }
  }
  const message = e instanceof Error ? e.message : typeof e === 'string' ? e : 'Unexpected error';
  return { code: 'internal', message };
}

export function isIpcError(e: unknown): e is IpcError {
  return typeof e === 'object' && e !== null && 'code' in e && 'message' in e;
}
