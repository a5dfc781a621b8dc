import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useCallback } from 'react';

import type { User } from './bindings';
import { call } from './invoke';

/**
 * What is read from the server itself (not the cache). Kept apart from `directoryKey`, which
 * every sync invalidates: an editor's starting point must not move under staged changes.
 */
export const serverKey = (profile: string) => ['server', profile] as const;
export const serverUserKey = (profile: string, id: string) => [...serverKey(profile), 'user', id] as const;

/** A person as the server has them now, with `version` (the ETag a change must name). */
export const serverUser = (profile: string, id: string) => call<User>('server_user', { profile, id });

export const useServerUser = (profile: string, id: string) =>
  useQuery({ queryKey: serverUserKey(profile, id), queryFn: () => serverUser(profile, id), staleTime: 0 });

/** Reads the person from the server again (after a conflict), updating what the editor starts from. */
export function useRefetchServerUser() {
  const client = useQueryClient();
  return useCallback(
    (profile: string, id: string) =>
      client.fetchQuery({ queryKey: serverUserKey(profile, id), queryFn: () => serverUser(profile, id), staleTime: 0 }),
    [client],
  );
}
