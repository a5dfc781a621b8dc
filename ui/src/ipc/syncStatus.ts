import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useEffect } from 'react';

import type { SyncStatus } from './bindings';
import { call } from './invoke';
import { directoryKey } from './searchUsers';

export const syncStatusKey = (profile: string) => ['sync', profile] as const;

export const syncStatus = (profile: string) => call<SyncStatus>('sync_status', { profile });

export const isSyncing = (status: SyncStatus | undefined) => status?.phase === 'full' || status?.phase === 'delta';

/** Polled: every 500 ms while a sync runs (for its progress), every 15 s otherwise. */
export function useSyncStatus(profile: string) {
  const client = useQueryClient();
  const query = useQuery({
    queryKey: syncStatusKey(profile),
    queryFn: () => syncStatus(profile),
    refetchInterval: (q) => (isSyncing(q.state.data) ? 500 : 15_000),
  });

  // The cache changed under every search and detail shown: refetch them. During a full sync this
  // runs at most once per poll, so the table fills in as rows arrive.
  const count = query.data?.user_count;
  const syncedAt = query.data?.last_synced_at;
  const phase = query.data?.phase;
  useEffect(() => {
    if (phase === undefined) return;
    void client.invalidateQueries({ queryKey: directoryKey(profile) });
  }, [client, profile, count, syncedAt, phase]);

  return query;
}
