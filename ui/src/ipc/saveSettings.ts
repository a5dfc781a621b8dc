import { useMutation, useQueryClient, type QueryClient } from '@tanstack/react-query';

import { auditKey } from './auditEvents';
import type { IpcError, SettingsSaved, SettingsView } from './bindings';
import { call } from './invoke';
import { settingsKey, settingsViewKey } from './settingsView';

export type SaveSettingsArgs = { profile: string; baseVersion: number; changes: Record<string, unknown>; reason: string };

/**
 * Saves the staged values if the settings are still at `baseVersion` (If-Match). Someone
 * else's save meanwhile is not an error: it comes back as `outcome: 'conflict'` with the
 * server's settings and what changed there. Rejects with `invalid_input` (no reason, a value
 * the schema refuses), `rejected` or `forbidden` (an Owner-only field for a Member).
 */
export const saveSettings = ({ profile, baseVersion, changes, reason }: SaveSettingsArgs) =>
  call<SettingsSaved>('save_settings', { profile, baseVersion, changes, reason });

/** After a save, a restore or a conflict the server's settings are known: show them at once. */
export function settingsWritten(client: QueryClient, profile: string, result: SettingsSaved) {
  const settings = result.outcome === 'saved' ? result.settings : result.current;
  client.setQueryData<SettingsView>(settingsViewKey(profile), (view) => (view ? { ...view, settings } : view));
  // The history gained a version (or the view was stale), and the server recorded an audit event.
  void client.invalidateQueries({ queryKey: settingsKey(profile) });
  if (result.outcome === 'saved') void client.invalidateQueries({ queryKey: auditKey(profile) });
}

export function useSaveSettings() {
  const client = useQueryClient();
  return useMutation<SettingsSaved, IpcError, SaveSettingsArgs>({
    mutationFn: saveSettings,
    onSuccess: (result, { profile }) => settingsWritten(client, profile, result),
  });
}
