import { useQuery } from '@tanstack/react-query';

import type { SettingsView } from './bindings';
import { call } from './invoke';

/** Everything read about a profile's organization settings: the view, the history, diffs. */
export const settingsKey = (profile: string) => ['settings', profile] as const;
export const settingsViewKey = (profile: string) => [...settingsKey(profile), 'view'] as const;

/** The schema, the settings as the server has them now, and what this person may change. */
export const settingsView = (profile: string) => call<SettingsView>('settings_view', { profile });

export const useSettingsView = (profile: string) =>
  useQuery({ queryKey: settingsViewKey(profile), queryFn: () => settingsView(profile) });
