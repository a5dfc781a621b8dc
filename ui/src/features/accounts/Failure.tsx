import type { IpcError } from '../../ipc';
import { ErrorAlert } from '../../components/ErrorAlert';

/**
 * What did not happen, then why: "The key was not created." over the server's own words (for
 * example that the account already holds two working keys, or the latest expiry allowed).
 */
export function Failure({ error, what }: { error: IpcError; what: string }) {
  return <ErrorAlert error={error} title={what} />;
}
