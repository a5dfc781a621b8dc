import { useInfiniteQuery } from '@tanstack/react-query';

import type { SettingsHistory } from './bindings';
import { call } from './invoke';
import { settingsKey } from './settingsView';

/** One page of versions, newest first; `cursor` is the previous page's `next_cursor`. */
export const settingsHistory = (profile: string, cursor: string | null, limit: number) =>
  call<SettingsHistory>('settings_history', { profile, cursor, limit });

/** The versions as pages loaded one after another ("Load older versions"). */
export const useSettingsHistory = (profile: string, limit = 20) =>
  useInfiniteQuery({
    queryKey: [...settingsKey(profile), 'history', limit],
    queryFn: ({ pageParam }) => settingsHistory(profile, pageParam, limit),
    initialPageParam: null as string | null,
    getNextPageParam: (last) => last.next_cursor,
  });
