// Acting on behalf of a staff member (src-tauri/src/commands/acting.rs): the session becomes the
// delegated one and back, without a sign-in.
import { queryOptions, useMutation, useQuery, useQueryClient, type QueryClient } from '@tanstack/react-query';

import type { ActingEligibility, SessionView } from './bindings';
import { call } from './invoke';
import { forgetPersonalQueries, sessionQuery } from './session';

export type StartActingArgs = { profile: string; userId: string; reason: string; minutes: number };

/** Starts acting for `userId` (a step-up operation): the answer is the session as that person. */
export const startActing = ({ profile, userId, reason, minutes }: StartActingArgs) =>
  call<SessionView>('start_acting', { profile, userId, reason, minutes });

/** Whether the platform lets the signed-in person act for `userId`, and if not why. */
export const actingEligibility = (profile: string, userId: string) =>
  call<ActingEligibility>('acting_eligibility', { profile, userId });

export const useActingEligibility = (profile: string, userId: string) =>
  useQuery({ queryKey: ['acting-eligibility', profile, userId], queryFn: () => actingEligibility(profile, userId) });

/** Ends acting (also after the window closed): the answer is the owner's own session again. */
export const stopActing = (profile: string) => call<SessionView>('stop_acting', { profile });

/** Why the last acting ended, for the owner's own screens to say (null: nothing to say). Only
 * ever written by `useStopActing`, never fetched; forgotten with the rest at the next switch. */
export const actingNoticeQuery = (profile: string) =>
  queryOptions<string | null>({ queryKey: ['acting-notice', profile], queryFn: () => null, initialData: null, staleTime: Infinity });

/** The notice, and how to dismiss it. */
export function useActingNotice(profile: string) {
  const client = useQueryClient();
  const { data } = useQuery(actingNoticeQuery(profile));
  return { notice: data, dismiss: () => client.setQueryData(actingNoticeQuery(profile).queryKey, null) };
}

/**
 * The window now belongs to another view of the platform: nothing read for the previous one
 * (directory pages, a person, the audit log, staged mutations) may stay on screen or in memory.
 * The shell is keyed by person, so it remounts and reads everything again as `session`.
 */
function switchTo(client: QueryClient, session: SessionView) {
  forgetPersonalQueries(client);
  client.getMutationCache().clear();
  client.setQueryData(sessionQuery(session.profile).queryKey, session);
}

export function useStartActing() {
  const client = useQueryClient();
  return useMutation({ mutationFn: startActing, onSuccess: (session) => switchTo(client, session) });
}

export type StopActingArgs = { profile: string; /** What the owner's screens say afterwards. */ notice: string | null };

/** Marks the stop itself, so that its own failure is never taken for a reason to stop again. */
export const STOP_ACTING_KEY = ['stop-acting'] as const;

export function useStopActing() {
  const client = useQueryClient();
  return useMutation({
    mutationKey: STOP_ACTING_KEY,
    mutationFn: ({ profile }: StopActingArgs) => stopActing(profile),
    onSuccess: (session, { notice }) => {
      switchTo(client, session);
      client.setQueryData(actingNoticeQuery(session.profile).queryKey, notice);
    },
  });
}

/** Acting is over at the platform (the window closed): the one case every screen hands to Stop. */
export const actingEnded = (error: unknown) =>
  typeof error === 'object' && error !== null && (error as { code?: unknown }).code === 'acting_ended';
