import { useMutation, useQueryClient } from '@tanstack/react-query';

import type { IpcError } from './bindings';
import { sessionKey } from './currentSession';
import { call } from './invoke';

/** Revokes the session at the server when reachable; always forgets it on this machine. */
export const signOut = (profile: string) => call<null>('sign_out', { profile });

export function useSignOut() {
  const client = useQueryClient();
  return useMutation<null, IpcError, string>({
    mutationFn: signOut,
    onSuccess: (_, profile) => client.setQueryData(sessionKey(profile), null),
  });
}
