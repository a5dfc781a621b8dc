import { useMutation } from '@tanstack/react-query';

import type { AuditFilter, ExportResult, IpcError } from './bindings';
import { call } from './invoke';

export type ExportAuditArgs = { profile: string; filter: AuditFilter };

/** Writes every event the filter matches as CSV into the Downloads folder and says where. */
export const exportAudit = ({ profile, filter }: ExportAuditArgs) => call<ExportResult>('export_audit', { profile, filter });

export const useExportAudit = () => useMutation<ExportResult, IpcError, ExportAuditArgs>({ mutationFn: exportAudit });
