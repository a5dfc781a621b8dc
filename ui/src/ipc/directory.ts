// The directory: the local cache of people and its sync (src-tauri/src/commands/directory.rs).
import { keepPreviousData, queryOptions, useMutation, useQueries, useQuery, useQueryClient } from '@tanstack/react-query';
import { useEffect } from 'react';

import type { DirectoryPage, DirectoryQuery, SyncStatus, UserDetail } from './bindings';
import { call } from './invoke';

/** Everything read from a profile's local cache; a sync invalidates it all. */
export const directoryRoot = (profile: string) => ['directory', profile] as const;

/** Searches the local cache (never the network): `total` counts every match, `rows` is one window. */
export const searchUsers = (profile: string, query: DirectoryQuery) =>
  call<DirectoryPage>('search_users', { profile, query });

export const searchUsersQuery = (profile: string, query: DirectoryQuery) =>
  queryOptions({ queryKey: [...directoryRoot(profile), 'search', query], queryFn: () => searchUsers(profile, query) });

/** One page of results; the previous page stays on screen while the next one loads. */
export const useSearchUsers = (profile: string, query: DirectoryQuery, enabled = true) =>
  useQuery({ ...searchUsersQuery(profile, query), placeholderData: keepPreviousData, enabled });

/**
 * Several windows of one search at once: the rows a scrolled table shows. Windows scrolled past
 * are dropped after 30 s (not TanStack's 5 min), or a drag through a million rows would keep a
 * million users in memory; a window scrolled back to is refetched from the cache in milliseconds.
 */
export const useSearchUsersWindows = (profile: string, queries: DirectoryQuery[]) =>
  useQueries({ queries: queries.map((query) => ({ ...searchUsersQuery(profile, query), gcTime: 30_000 })) });

/** Reads a page already in the query cache, without fetching or subscribing to it. */
export function useCachedPage(profile: string) {
  const client = useQueryClient();
  return (query: DirectoryQuery) => client.getQueryData(searchUsersQuery(profile, query).queryKey);
}

/** A person from the local cache with their household, or null when the cache has no such id. */
export const getUser = (profile: string, id: string) => call<UserDetail | null>('get_user', { profile, id });

export const userQuery = (profile: string, id: string) =>
  queryOptions({ queryKey: [...directoryRoot(profile), 'user', id], queryFn: () => getUser(profile, id) });

export const useUser = (profile: string, id: string | null) => useQuery({ ...userQuery(profile, id ?? ''), enabled: id !== null });

export const syncStatus = (profile: string) => call<SyncStatus>('sync_status', { profile });

export const isSyncing = (status: SyncStatus | undefined) => status?.phase === 'full' || status?.phase === 'delta';

/** Polled: every 500 ms while a sync runs (for its progress), every 15 s otherwise. */
export const syncStatusQuery = (profile: string) =>
  queryOptions({
    queryKey: ['sync', profile],
    queryFn: () => syncStatus(profile),
    refetchInterval: (q) => (isSyncing(q.state.data) ? 500 : 15_000),
  });

export function useSyncStatus(profile: string) {
  const client = useQueryClient();
  const query = useQuery(syncStatusQuery(profile));

  // The cache changed under every search and detail shown: refetch them. During a full sync this
  // runs at most once per poll, so the table fills in as rows arrive.
  const count = query.data?.user_count;
  const syncedAt = query.data?.last_synced_at;
  const phase = query.data?.phase;
  useEffect(() => {
    if (phase === undefined) return;
    void client.invalidateQueries({ queryKey: directoryRoot(profile) });
  }, [client, profile, count, syncedAt, phase]);

  return query;
}

/** Starts a background sync and returns at once; harmless while one runs. */
export const syncNow = (profile: string) => call<SyncStatus>('sync_now', { profile });

export function useSyncNow() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: syncNow,
    // The returned status starts the fast polling at once instead of up to 15 s later.
    onSuccess: (status, profile) => client.setQueryData(syncStatusQuery(profile).queryKey, status),
  });
}
