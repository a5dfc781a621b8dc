import { useMutation } from '@tanstack/react-query';

import type { IpcError, SettingsPreview } from './bindings';
import { call } from './invoke';

export type PreviewSettingsArgs = { profile: string; baseVersion: number; changes: Record<string, unknown> };

/**
 * What saving the staged values would change, and every field the platform would refuse
 * (bounds, type, or Owner-only for a Member). Nothing is stored, nothing to invalidate.
 */
export const previewSettings = ({ profile, baseVersion, changes }: PreviewSettingsArgs) =>
  call<SettingsPreview>('preview_settings', { profile, baseVersion, changes });

export const usePreviewSettings = () =>
  useMutation<SettingsPreview, IpcError, PreviewSettingsArgs>({ mutationFn: previewSettings });
