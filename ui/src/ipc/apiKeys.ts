import { useQuery } from '@tanstack/react-query';

import type { ApiKey } from './bindings';
import { call } from './invoke';
import { accountsKey } from './serviceAccounts';

export const apiKeysKey = (profile: string, accountId: string) => [...accountsKey(profile), 'keys', accountId] as const;

/** An account's keys, newest first: prefixes and dates, never a key itself. */
export const apiKeys = (profile: string, accountId: string) => call<ApiKey[]>('api_keys', { profile, accountId });

export const useApiKeys = (profile: string, accountId: string) =>
  useQuery({ queryKey: apiKeysKey(profile, accountId), queryFn: () => apiKeys(profile, accountId) });
