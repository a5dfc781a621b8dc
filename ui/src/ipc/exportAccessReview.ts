import { useMutation } from '@tanstack/react-query';

import type { ExportResult, IpcError } from './bindings';
import { call } from './invoke';

/** Writes the access review as CSV into the Downloads folder and says where. */
export const exportAccessReview = (profile: string) => call<ExportResult>('export_access_review', { profile });

export const useExportAccessReview = () => useMutation<ExportResult, IpcError, string>({ mutationFn: exportAccessReview });
