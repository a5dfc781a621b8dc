import { useMutation, useQueryClient } from '@tanstack/react-query';

import type { IpcError, SessionView } from './bindings';
import { sessionKey } from './currentSession';
import { call } from './invoke';

/** Opens the system browser; resolves when the person has signed in there. */
export const signIn = (profile: string) => call<SessionView>('sign_in', { profile });

export function useSignIn() {
  const client = useQueryClient();
  return useMutation<SessionView, IpcError, string>({
    mutationFn: signIn,
    onSuccess: (session) => client.setQueryData(sessionKey(session.profile), session),
  });
}
