import { useMutation, useQueryClient } from '@tanstack/react-query';

import type { IpcError } from './bindings';
import { sessionKey } from './currentSession';
import { call } from './invoke';

export type SignOutArgs = { profile: string; wipeCache: boolean };

/** Revokes the session at the server when reachable; always forgets it on this machine. With
 * `wipeCache`, the local directory copy and its key are deleted too. */
export const signOut = ({ profile, wipeCache }: SignOutArgs) => call<null>('sign_out', { profile, wipeCache });

export function useSignOut() {
  const client = useQueryClient();
  return useMutation<null, IpcError, SignOutArgs>({
    mutationFn: signOut,
    onSuccess: (_, { profile }) => client.setQueryData(sessionKey(profile), null),
  });
}
