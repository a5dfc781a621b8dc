import type { IpcError } from '../ipc';

/** A heading a person understands for each error code; the server's message goes under it. */
export function errorTitle(error: IpcError): string {
  switch (error.code) {
    case 'cancelled':
      return 'Sign-in cancelled.';
    case 'timeout':
      return 'Sign-in timed out.';
    case 'network':
      return "Can't reach the platform.";
    case 'auth_failed':
      return 'Sign-in failed.';
    case 'session_expired':
      return 'Your session has ended.';
    case 'not_signed_in':
      return 'You are not signed in.';
    case 'keyring':
      return "The system keyring can't be used.";
    case 'invalid_input':
      return 'Check what you entered.';
    case 'server':
      return 'The platform reported an error.';
    default:
      return 'Something went wrong.';
  }
}
