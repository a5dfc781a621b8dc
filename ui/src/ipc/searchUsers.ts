import { keepPreviousData, useQueries, useQuery, useQueryClient } from '@tanstack/react-query';

import type { DirectoryPage, DirectoryQuery } from './bindings';
import { call } from './invoke';

/** Everything read from a profile's local cache; a sync invalidates it all. */
export const directoryKey = (profile: string) => ['directory', profile] as const;
export const searchUsersKey = (profile: string, query: DirectoryQuery) =>
  [...directoryKey(profile), 'search', query] as const;

/** Searches the local cache (never the network): `total` counts every match, `rows` is one window. */
export const searchUsers = (profile: string, query: DirectoryQuery) =>
  call<DirectoryPage>('search_users', { profile, query });

/** One page of results; the previous page stays on screen while the next one loads. */
export const useSearchUsers = (profile: string, query: DirectoryQuery, enabled = true) =>
  useQuery({
    queryKey: searchUsersKey(profile, query),
    queryFn: () => searchUsers(profile, query),
    placeholderData: keepPreviousData,
    enabled,
  });

/**
 * Several windows of one search at once: the rows a scrolled table shows. Windows scrolled past
 * are dropped after 30 s (not TanStack's 5 min), or a drag through a million rows would keep a
 * million users in memory; a window scrolled back to is refetched from the cache in milliseconds.
 */
export const useSearchUsersWindows = (profile: string, queries: DirectoryQuery[]) =>
  useQueries({
    queries: queries.map((query) => ({
      queryKey: searchUsersKey(profile, query),
      queryFn: () => searchUsers(profile, query),
      gcTime: 30_000,
    })),
  });

/** Reads a page already in the query cache, without fetching or subscribing to it. */
export function useCachedPage(profile: string) {
  const client = useQueryClient();
  return (query: DirectoryQuery) => client.getQueryData<DirectoryPage>(searchUsersKey(profile, query));
}
