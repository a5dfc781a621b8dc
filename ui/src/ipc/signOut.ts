import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';

import type { IpcError } from './bindings';
import { sessionKey } from './currentSession';
import { call } from './invoke';

export type SignOutArgs = { profile: string; keepCopy: boolean };

const noticeKey = (profile: string) => ['session-notice', profile] as const;

/** Revokes the session at the server when reachable; always forgets it on this machine. The
 * local directory copy and its key are deleted, unless `keepCopy`: then it is sealed for the
 * same person's next sign-in. Answers why a copy to be kept was deleted instead, if it was. */
export const signOut = ({ profile, keepCopy }: SignOutArgs) => call<string | null>('sign_out', { profile, keepCopy });

export function useSignOut() {
  const client = useQueryClient();
  return useMutation<string | null, IpcError, SignOutArgs>({
    mutationFn: signOut,
    onSuccess: (note, { profile }) => {
      client.setQueryData(noticeKey(profile), note);
      client.setQueryData(sessionKey(profile), null);
    },
  });
}

/** What the last sign-out of `profile` has to tell the next screen (null: nothing). */
export const useSignOutNotice = (profile: string | undefined) =>
  useQuery<string | null>({
    queryKey: noticeKey(profile ?? ''),
    queryFn: () => null,
    initialData: null,
    staleTime: Infinity,
  });
