import { Alert } from '@mantine/core';

import type { IpcError } from '../ipc';
import { errorTitle } from '../lib/errorText';

/** An error as a person reads it: a plain heading per code, then the server's own message. */
export function ErrorAlert({ error, apiBase }: { error: IpcError; apiBase?: string }) {
  const color = error.code === 'cancelled' ? 'gray' : 'red';
  return (
    <Alert data-testid="error-alert" color={color} title={errorTitle(error, apiBase)} role="alert">
      {error.message}
    </Alert>
  );
}
