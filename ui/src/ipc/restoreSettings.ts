import { useMutation, useQueryClient } from '@tanstack/react-query';

import type { IpcError, SettingsSaved } from './bindings';
import { call } from './invoke';
import { settingsWritten } from './saveSettings';

export type RestoreSettingsArgs = { profile: string; version: number; baseVersion: number; reason: string };

/**
 * Makes the values of `version` current again, as a new version (config Owner only), if the
 * settings are still at `baseVersion`; otherwise `outcome: 'conflict'` as for a save.
 */
export const restoreSettings = ({ profile, version, baseVersion, reason }: RestoreSettingsArgs) =>
  call<SettingsSaved>('restore_settings', { profile, version, baseVersion, reason });

export function useRestoreSettings() {
  const client = useQueryClient();
  return useMutation<SettingsSaved, IpcError, RestoreSettingsArgs>({
    mutationFn: restoreSettings,
    onSuccess: (result, { profile }) => settingsWritten(client, profile, result),
  });
}
