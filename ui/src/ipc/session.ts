// Who is signed in: sign-in, step-up, sign-out and the idle lock (src-tauri/src/commands/session.rs).
import { queryOptions, useMutation, useQuery, useQueryClient, type QueryClient } from '@tanstack/react-query';

import type { IpcError, SessionView } from './bindings';
import { call } from './invoke';

/** The stored sign-in of a profile, or null when signed out. */
export const currentSession = (profile: string) => call<SessionView | null>('current_session', { profile });

export const sessionQuery = (profile: string) =>
  queryOptions({ queryKey: ['session', profile], queryFn: () => currentSession(profile), retry: false });

export const useCurrentSession = (profile: string | undefined) =>
  useQuery({ ...sessionQuery(profile ?? ''), enabled: profile !== undefined });

/** Query keys that belong to no one person: the profiles, who is signed in, the demo accounts,
 * and what the last sign-out said about the local copy (no data of anyone's in it). */
const NOT_PERSONAL = new Set(['session', 'profiles', 'demo', 'session-notice']);

/**
 * Forgets everything read for whoever was signed in (what they may change, directory pages, the
 * settings as they saw them), so the next person never sees it, not even while a refetch runs.
 * Call it once their screens are gone: a mounted screen would read its data straight back.
 */
export function forgetPersonalQueries(client: QueryClient) {
  client.removeQueries({ predicate: (q) => !NOT_PERSONAL.has(String(q.queryKey[0])) });
}

/** Opens the system browser; resolves when the person has signed in there. */
export const signIn = (profile: string) => call<SessionView>('sign_in', { profile });

export function useSignIn() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: signIn,
    onSuccess: (session) => client.setQueryData(sessionQuery(session.profile).queryKey, session),
  });
}

export const cancelSignIn = () => call<null>('cancel_sign_in');

export const useCancelSignIn = () => useMutation({ mutationFn: cancelSignIn });

/**
 * Step-up: the signed-in person confirms it is them in the browser (a fresh sign-in). Resolves
 * when they did; rejects with `auth_failed` when someone else signed in there (the session is
 * kept as it was), `cancelled` / `timeout` like a sign-in.
 */
export const stepUp = (profile: string) => call<SessionView>('step_up', { profile });

export function useStepUp() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: stepUp,
    onSuccess: (session) => client.setQueryData(sessionQuery(session.profile).queryKey, session),
  });
}

/** An operation refused until the person confirms it is them; the message says why. */
export const needsStepUp = (error: IpcError | null | undefined): error is IpcError => error?.code === 'step_up_required';

export type SignOutArgs = { profile: string; keepCopy: boolean };

/** Revokes the session at the server when reachable; always forgets it on this machine. The
 * local directory copy and its key are deleted, unless `keepCopy`: then it is sealed for the
 * same person's next sign-in. Answers why a copy to be kept was deleted instead, if it was. */
export const signOut = ({ profile, keepCopy }: SignOutArgs) => call<string | null>('sign_out', { profile, keepCopy });

/** What the last sign-out of `profile` has to tell the next screen (null: nothing). Only ever
 * written by `useSignOut`, never fetched. */
export const signOutNoticeQuery = (profile: string) =>
  queryOptions<string | null>({ queryKey: ['session-notice', profile], queryFn: () => null, initialData: null, staleTime: Infinity });

export function useSignOut() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: signOut,
    onSuccess: (note, { profile }) => {
      client.setQueryData(signOutNoticeQuery(profile).queryKey, note);
      client.setQueryData(sessionQuery(profile).queryKey, null);
    },
  });
}

export const useSignOutNotice = (profile: string | undefined) => useQuery(signOutNoticeQuery(profile ?? ''));

/**
 * Ends the session after the idle time: the tokens leave memory and the keyring and are
 * revoked at the server, while the local cache stays. The stored session is deliberately left
 * in the query cache: the window stays mounted under the lock screen, so that signing in again
 * as the same person resumes exactly where they were.
 */
export const lockSession = (profile: string) => call<null>('lock_session', { profile });

export const useLockSession = () => useMutation({ mutationFn: lockSession });
