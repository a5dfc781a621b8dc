import { Alert } from '@mantine/core';

import type { ErrorCode, IpcError } from '../ipc';

/**
 * A short heading per code, never a sentence: the sentence is Rust's message, which already says
 * what happened and what to do (naming the address it could not reach, the minutes it waited).
 * A Record, so a code added in Rust fails typecheck here until it has a heading.
 */
const HEADINGS: Record<ErrorCode, string> = {
  not_signed_in: 'Sign-in needed',
  session_expired: 'Sign-in needed',
  cancelled: 'Cancelled',
  timeout: 'Timed out',
  network: 'No connection',
  auth_failed: 'Sign-in refused',
  server: 'Platform error',
  forbidden: 'Not allowed',
  rejected: 'Refused',
  conflict: 'Conflict',
  step_up_required: "Confirm it's you",
  acting_ended: 'Acting ended',
  not_found: 'Not found',
  invalid_input: 'Check your input',
  keyring: 'Keyring unavailable',
  internal: 'Unexpected error',
};

/** An error as a person reads it: a heading for its code, then the message once. */
export function ErrorAlert({ error, title }: { error: IpcError; title?: string }) {
  const color = error.code === 'cancelled' ? 'gray' : 'red';
  return (
    <Alert data-testid="error-alert" color={color} title={title ?? HEADINGS[error.code]} role="alert">
      {error.message}
    </Alert>
  );
}
