import { useInfiniteQuery } from '@tanstack/react-query';

import type { AuditFilter, AuditPage } from './bindings';
import { call } from './invoke';

/** Everything read from a profile's audit log; a change made from this window invalidates it. */
export const auditKey = (profile: string) => ['audit', profile] as const;

/** One page of the audit log, newest first; `cursor` is the previous page's `next_cursor`. */
export const auditEvents = (profile: string, filter: AuditFilter, cursor: string | null, limit: number) =>
  call<AuditPage>('audit_events', { profile, filter, cursor, limit });

/** The log as pages loaded one after another ("Load more"). */
export const useAuditEvents = (profile: string, filter: AuditFilter, limit = 50, enabled = true) =>
  useInfiniteQuery({
    queryKey: [...auditKey(profile), filter, limit],
    queryFn: ({ pageParam }) => auditEvents(profile, filter, pageParam, limit),
    initialPageParam: null as string | null,
    getNextPageParam: (last) => last.next_cursor,
    enabled,
  });
