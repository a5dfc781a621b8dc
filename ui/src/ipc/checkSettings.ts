import { keepPreviousData, useQuery } from '@tanstack/react-query';

import type { FieldError, SettingsSchema } from './bindings';
import { call } from './invoke';

/**
 * Every staged value the served schema refuses, as the platform would say it: the check runs in
 * core, by the rules the platform served, so the window knows none of them. Nothing is sent.
 */
export const checkSettings = (schema: SettingsSchema, changes: Record<string, unknown>) =>
  call<FieldError[]>('check_settings', { schema, changes });

/** The check of the staged values; while a newer one runs the last answer stays on screen. */
export const useCheckSettings = (schema: SettingsSchema, changes: Record<string, unknown>) =>
  useQuery({
    queryKey: ['settings-check', schema, changes],
    queryFn: () => checkSettings(schema, changes),
    enabled: Object.keys(changes).length > 0,
    placeholderData: keepPreviousData,
    staleTime: Infinity,
  });
