import { Alert } from '@mantine/core';

import type { IpcError } from '../../ipc';
import { errorTitle } from '../../lib/errorText';

/**
 * What did not happen, then why: "The key was not created." over the server's own words (for
 * example that the account already holds two working keys, or the latest expiry allowed).
 */
export function Failure({ error, what }: { error: IpcError; what: string }) {
  return (
    <Alert data-testid="error-alert" color="red" role="alert" title={`${what} ${errorTitle(error)}`}>
      {error.message}
    </Alert>
  );
}
