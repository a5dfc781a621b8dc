import { useQuery } from '@tanstack/react-query';

import type { UserDetail } from './bindings';
import { call } from './invoke';
import { directoryKey } from './searchUsers';

export const userKey = (profile: string, id: string) => [...directoryKey(profile), 'user', id] as const;

/** A person from the local cache with their household, or null when the cache has no such id. */
export const getUser = (profile: string, id: string) => call<UserDetail | null>('get_user', { profile, id });

export const useUser = (profile: string, id: string | null) =>
  useQuery({
    queryKey: userKey(profile, id ?? ''),
    queryFn: () => getUser(profile, id ?? ''),
    enabled: id !== null,
  });
