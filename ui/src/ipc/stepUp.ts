import { useMutation, useQueryClient } from '@tanstack/react-query';

import type { IpcError, SessionView } from './bindings';
import { sessionKey } from './currentSession';
import { call } from './invoke';

/**
 * Step-up: the signed-in person confirms it is them in the browser (a fresh sign-in). Resolves
 * when they did; rejects with `auth_failed` when someone else signed in there (the session is
 * kept as it was), `cancelled` / `timeout` like a sign-in.
 */
export const stepUp = (profile: string) => call<SessionView>('step_up', { profile });

export function useStepUp() {
  const client = useQueryClient();
  return useMutation<SessionView, IpcError, string>({
    mutationFn: stepUp,
    onSuccess: (session) => client.setQueryData(sessionKey(session.profile), session),
  });
}

/** An operation refused until the person confirms it is them; the message says why. */
export const needsStepUp = (error: IpcError | null | undefined): error is IpcError => error?.code === 'step_up_required';
