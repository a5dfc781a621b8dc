import { useQuery } from '@tanstack/react-query';

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
