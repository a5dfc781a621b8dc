import type { IpcError } from '../ipc';

/**
 * A heading a person understands for each error code; the server's message goes under it.
 * `apiBase` is the selected profile's address, named when the platform cannot be reached.
 */
export function errorTitle(error: IpcError, apiBase?: string): string {
  switch (error.code) {
    case 'cancelled':
      return 'Sign-in cancelled.';
    case 'timeout':
      return 'Sign-in timed out: it was not finished in the browser within 5 minutes.';
    case 'network':
      return `Can't reach ${apiBase ?? 'the platform'}. Check the profile's address and your connection.`;
    case 'auth_failed':
      return 'The platform refused the sign-in.';
    case 'session_expired':
      return 'Your session has ended. Sign in again.';
    case 'not_signed_in':
      return 'You are not signed in.';
    case 'keyring':
      return "The system keyring can't be used to keep your session.";
    case 'invalid_input':
      return 'Check what you entered.';
    case 'forbidden':
      return 'Your role does not allow this.';
    case 'rejected':
      return 'The platform refused this change.';
    case 'conflict':
      return 'Someone else changed this meanwhile.';
    case 'step_up_required':
      return "Confirm it's you.";
    case 'not_found':
      return 'The platform has no such record (it may have been deleted).';
    case 'server':
      return 'The platform reported an error.';
    default:
      return 'Something went wrong.';
  }
}
