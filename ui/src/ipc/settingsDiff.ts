import { useQuery } from '@tanstack/react-query';

import type { SettingsDiff } from './bindings';
import { call } from './invoke';
import { settingsKey } from './settingsView';

/** What changed from version `from` to version `to`, field by field in the schema's order. */
export const settingsDiff = (profile: string, from: number, to: number) =>
  call<SettingsDiff>('settings_diff', { profile, from, to });

/** Stored versions never change, so a diff once read is kept. Disabled until both are picked. */
export const useSettingsDiff = (profile: string, from: number | null, to: number | null) =>
  useQuery({
    queryKey: [...settingsKey(profile), 'diff', from, to],
    queryFn: () => settingsDiff(profile, from ?? 0, to ?? 0),
    enabled: from !== null && to !== null,
    staleTime: Infinity,
  });
