import { useQuery, type QueryClient } from '@tanstack/react-query';

import type { SessionView } from './bindings';
import { call } from './invoke';

export const sessionKey = (profile: string) => ['session', profile] as const;

/** The stored sign-in of a profile, or null when signed out. */
export const currentSession = (profile: string) => call<SessionView | null>('current_session', { profile });

export const useCurrentSession = (profile: string | undefined) =>
  useQuery({
    queryKey: sessionKey(profile ?? ''),
    queryFn: () => currentSession(profile ?? ''),
    enabled: profile !== undefined,
    retry: false,
  });

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
