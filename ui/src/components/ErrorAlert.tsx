import { Alert } from '@mantine/core';

import type { IpcError } from '../ipc';
import { errorTitle } from '../lib/errorText';

export function ErrorAlert({ error }: { error: IpcError }) {
  const color = error.code === 'cancelled' ? 'gray' : 'red';
  return (
    <Alert data-testid="error-alert" color={color} title={errorTitle(error)} role="alert">
      {error.message}
    </Alert>
  );
}
