import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useCallback } from 'react';

import type { IpcError, ServiceAccount } from './bindings';
import { call } from './invoke';

/**
 * Everything read about a profile's service accounts from the server: the list, each account's
 * keys and the access review. None of it ever holds a secret (those answers are not cached).
 */
export const accountsKey = (profile: string) => ['accounts', profile] as const;
export const accountListKey = (profile: string) => [...accountsKey(profile), 'list'] as const;

/** Every service account of the organization, from the server (not the cache). */
export const serviceAccounts = (profile: string) => call<ServiceAccount[]>('service_accounts', { profile });

export const useServiceAccounts = (profile: string) =>
  useQuery({ queryKey: accountListKey(profile), queryFn: () => serviceAccounts(profile) });

/**
 * Reads the accounts again and returns one as the server has it now, with the version a change
 * must name: after a conflict, or before a one-click disable.
 */
export function useFetchServiceAccount() {
  const client = useQueryClient();
  return useCallback(
    async (profile: string, id: string): Promise<ServiceAccount> => {
      const list = await client.fetchQuery({ queryKey: accountListKey(profile), queryFn: () => serviceAccounts(profile), staleTime: 0 });
      const found = list.find((a) => a.id === id);
      if (!found) throw { code: 'not_found', message: `The service account ${id} no longer exists.` } satisfies IpcError;
      return found;
    },
    [client],
  );
}
