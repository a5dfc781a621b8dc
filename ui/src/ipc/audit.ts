// The audit log (src-tauri/src/commands/audit.rs).
import { infiniteQueryOptions, useInfiniteQuery, useMutation } from '@tanstack/react-query';

import type { AuditFilter, AuditPage, ExportResult } from './bindings';
import { call } from './invoke';

/** Everything read from a profile's audit log; a change made from this window invalidates it. */
export const auditRoot = (profile: string) => ['audit', profile] as const;

/** One page of the audit log, newest first; `cursor` is the previous page's `next_cursor`. */
export const auditEvents = (profile: string, filter: AuditFilter, cursor: string | null, limit: number) =>
  call<AuditPage>('audit_events', { profile, filter, cursor, limit });

/** The log as pages loaded one after another ("Load more"). */
export const auditEventsQuery = (profile: string, filter: AuditFilter, limit: number) =>
  infiniteQueryOptions({
    queryKey: [...auditRoot(profile), filter, limit],
    queryFn: ({ pageParam }) => auditEvents(profile, filter, pageParam, limit),
    initialPageParam: null as string | null,
    getNextPageParam: (last) => last.next_cursor,
  });

export const useAuditEvents = (profile: string, filter: AuditFilter, limit = 50, enabled = true) =>
  useInfiniteQuery({ ...auditEventsQuery(profile, filter, limit), enabled });

export type ExportAuditArgs = { profile: string; filter: AuditFilter };

/** Writes every event the filter matches as CSV into the Downloads folder and says where. */
export const exportAudit = ({ profile, filter }: ExportAuditArgs) => call<ExportResult>('export_audit', { profile, filter });

export const useExportAudit = () => useMutation({ mutationFn: exportAudit });
