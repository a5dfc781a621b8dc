import { useMutation } from '@tanstack/react-query';

import type { IpcError } from './bindings';
import { call } from './invoke';

/**
 * Ends the session after the idle time: the tokens leave memory and the keyring and are
 * revoked at the server, while the local cache stays. The stored session is deliberately left
 * in the query cache: the window stays mounted under the lock screen, so that signing in again
 * as the same person resumes exactly where they were.
 */
export const lockSession = (profile: string) => call<null>('lock_session', { profile });

export const useLockSession = () => useMutation<null, IpcError, string>({ mutationFn: lockSession });
