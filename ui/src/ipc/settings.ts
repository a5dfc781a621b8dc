// The organization's settings: view, preview, save, restore, history (src-tauri/src/commands/settings.rs).
import { infiniteQueryOptions, keepPreviousData, queryOptions, useInfiniteQuery, useMutation, useQuery, useQueryClient, type QueryClient } from '@tanstack/react-query';

import { auditRoot } from './audit';
import type { FieldError, SettingsDiff, SettingsHistory, SettingsPreview, SettingsSaved, SettingsSchema, SettingsView } from './bindings';
import { call } from './invoke';

/** Everything read about a profile's organization settings: the view, the history, diffs. */
export const settingsRoot = (profile: string) => ['settings', profile] as const;

/** The schema, the settings as the server has them now, and what this person may change. */
export const settingsView = (profile: string) => call<SettingsView>('settings_view', { profile });

export const settingsViewQuery = (profile: string) =>
  queryOptions({ queryKey: [...settingsRoot(profile), 'view'], queryFn: () => settingsView(profile) });

export const useSettingsView = (profile: string) => useQuery(settingsViewQuery(profile));

/**
 * Every staged value the served schema refuses, as the platform would say it: the check runs in
 * core, by the rules the platform served, so the window knows none of them. Nothing is sent.
 */
export const checkSettings = (schema: SettingsSchema, changes: Record<string, unknown>) =>
  call<FieldError[]>('check_settings', { schema, changes });

/** The check of the staged values; while a newer one runs the last answer stays on screen. */
export const checkSettingsQuery = (schema: SettingsSchema, changes: Record<string, unknown>) =>
  queryOptions({
    queryKey: ['settings-check', schema, changes],
    queryFn: () => checkSettings(schema, changes),
    enabled: Object.keys(changes).length > 0,
    placeholderData: keepPreviousData,
    staleTime: Infinity,
  });

export const useCheckSettings = (schema: SettingsSchema, changes: Record<string, unknown>) => useQuery(checkSettingsQuery(schema, changes));

export type PreviewSettingsArgs = { profile: string; baseVersion: number; changes: Record<string, unknown> };

/**
 * What saving the staged values would change, and every field the platform would refuse
 * (bounds, type, or Owner-only for a Member). Nothing is stored, nothing to invalidate.
 */
export const previewSettings = ({ profile, baseVersion, changes }: PreviewSettingsArgs) =>
  call<SettingsPreview>('preview_settings', { profile, baseVersion, changes });

export const usePreviewSettings = () =>
  useMutation({ mutationFn: previewSettings });

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
function settingsWritten(client: QueryClient, profile: string, result: SettingsSaved) {
  const settings = result.outcome === 'saved' ? result.settings : result.current;
  client.setQueryData(settingsViewQuery(profile).queryKey, (view) => (view ? { ...view, settings } : view));
  // The history gained a version (or the view was stale), and the server recorded an audit event.
  void client.invalidateQueries({ queryKey: settingsRoot(profile) });
  if (result.outcome === 'saved') void client.invalidateQueries({ queryKey: auditRoot(profile) });
}

export function useSaveSettings() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: saveSettings,
    onSuccess: (result, { profile }) => settingsWritten(client, profile, result),
  });
}

export type RestoreSettingsArgs = { profile: string; version: number; baseVersion: number; reason: string };

/**
 * Makes the values of `version` current again, as a new version (config Owner only), if the
 * settings are still at `baseVersion`; otherwise `outcome: 'conflict'` as for a save.
 */
export const restoreSettings = ({ profile, version, baseVersion, reason }: RestoreSettingsArgs) =>
  call<SettingsSaved>('restore_settings', { profile, version, baseVersion, reason });

export function useRestoreSettings() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: restoreSettings,
    onSuccess: (result, { profile }) => settingsWritten(client, profile, result),
  });
}

/** One page of versions, newest first; `cursor` is the previous page's `next_cursor`. */
export const settingsHistory = (profile: string, cursor: string | null, limit: number) =>
  call<SettingsHistory>('settings_history', { profile, cursor, limit });

/** The versions as pages loaded one after another ("Load older versions"). */
export const settingsHistoryQuery = (profile: string, limit: number) =>
  infiniteQueryOptions({
    queryKey: [...settingsRoot(profile), 'history', limit],
    queryFn: ({ pageParam }) => settingsHistory(profile, pageParam, limit),
    initialPageParam: null as string | null,
    getNextPageParam: (last) => last.next_cursor,
  });

export const useSettingsHistory = (profile: string, limit = 20) => useInfiniteQuery(settingsHistoryQuery(profile, limit));

/** What changed from version `from` to version `to`, field by field in the schema's order. */
export const settingsDiff = (profile: string, from: number, to: number) =>
  call<SettingsDiff>('settings_diff', { profile, from, to });

/** Stored versions never change, so a diff once read is kept. */
export const settingsDiffQuery = (profile: string, from: number, to: number) =>
  queryOptions({ queryKey: [...settingsRoot(profile), 'diff', from, to], queryFn: () => settingsDiff(profile, from, to), staleTime: Infinity });

/** Disabled until both versions are picked. */
export const useSettingsDiff = (profile: string, from: number | null, to: number | null) =>
  useQuery({ ...settingsDiffQuery(profile, from ?? 0, to ?? 0), enabled: from !== null && to !== null });
