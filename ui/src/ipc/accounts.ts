// Service accounts and their credentials (src-tauri/src/commands/accounts.rs). Nothing read here
// ever holds a secret: the calls that answer one go through `useSecretCall`, which caches nothing.
import { queryOptions, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useCallback } from 'react';

import { auditRoot } from './audit';
import type {
  AccessReview,
  ApiKey,
  ExportResult,
  IpcError,
  KeyAction,
  NewApiKey,
  NewServiceAccount,
  OneTimeSecret,
  RotateApiKey,
  ServiceAccount,
  ServiceAccountPatch,
} from './bindings';
import { call } from './invoke';
import { useSecretCall } from './secretCall';

/** Everything read about a profile's service accounts: the list, each account's keys, the review. */
export const accountsRoot = (profile: string) => ['accounts', profile] as const;

/** Every service account of the organization, from the server (not the cache). */
export const serviceAccounts = (profile: string) => call<ServiceAccount[]>('service_accounts', { profile });

export const serviceAccountsQuery = (profile: string) =>
  queryOptions({ queryKey: [...accountsRoot(profile), 'list'], queryFn: () => serviceAccounts(profile) });

export const useServiceAccounts = (profile: string) => useQuery(serviceAccountsQuery(profile));

/**
 * Reads the accounts again and returns one as the server has it now, with the version a change
 * must name: after a conflict, or before a one-click disable.
 */
export function useFetchServiceAccount() {
  const client = useQueryClient();
  return useCallback(
    async (profile: string, id: string): Promise<ServiceAccount> => {
      const list = await client.fetchQuery({ ...serviceAccountsQuery(profile), staleTime: 0 });
      const found = list.find((a) => a.id === id);
      if (!found) throw { code: 'not_found', message: `The service account ${id} no longer exists.` } satisfies IpcError;
      return found;
    },
    [client],
  );
}

export type CreateServiceAccountArgs = { profile: string; account: NewServiceAccount };

/** Creates an account with no credentials yet; keys and a client secret are issued separately. */
export const createServiceAccount = ({ profile, account }: CreateServiceAccountArgs) =>
  call<ServiceAccount>('create_service_account', { profile, account });

export function useCreateServiceAccount() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: createServiceAccount,
    onSuccess: (account, { profile }) => {
      // Listed at once, so the screen can open it before the refetch lands.
      client.setQueryData(serviceAccountsQuery(profile).queryKey, (list) => list && [...list.filter((a) => a.id !== account.id), account]);
      void client.invalidateQueries({ queryKey: accountsRoot(profile) });
      void client.invalidateQueries({ queryKey: auditRoot(profile) });
    },
  });
}

export type UpdateServiceAccountArgs = { profile: string; id: string; patch: ServiceAccountPatch; expectedVersion: number };

/**
 * Changes an account if it is still at `expectedVersion` (sent as If-Match). Rejects with
 * `conflict` when someone changed it meanwhile, `rejected` when a rule refuses the change.
 */
export const updateServiceAccount = ({ profile, id, patch, expectedVersion }: UpdateServiceAccountArgs) =>
  call<ServiceAccount>('update_service_account', { profile, id, patch, expectedVersion });

export function useUpdateServiceAccount() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: updateServiceAccount,
    onSuccess: (account, { profile }) => {
      // The row shows the change at once; the refetch then brings what else the server knows.
      client.setQueryData(serviceAccountsQuery(profile).queryKey, (list) => list?.map((a) => (a.id === account.id ? account : a)));
      void client.invalidateQueries({ queryKey: accountsRoot(profile) });
      void client.invalidateQueries({ queryKey: auditRoot(profile) });
    },
  });
}

/** An account's keys, newest first: prefixes and dates, never a key itself. */
export const apiKeys = (profile: string, accountId: string) => call<ApiKey[]>('api_keys', { profile, accountId });

export const apiKeysQuery = (profile: string, accountId: string) =>
  queryOptions({ queryKey: [...accountsRoot(profile), 'keys', accountId], queryFn: () => apiKeys(profile, accountId) });

export const useApiKeys = (profile: string, accountId: string) => useQuery(apiKeysQuery(profile, accountId));

export type KeyActionArgs = { profile: string; accountId: string; keyId: string; action: KeyAction };

/** Disables, enables (both reversible) or revokes (final) a key; answers the key as it is now. */
export const keyAction = ({ profile, accountId, keyId, action }: KeyActionArgs) =>
  call<ApiKey>('key_action', { profile, accountId, keyId, action });

export function useKeyAction() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: keyAction,
    onSuccess: (key, { profile, accountId }) => {
      // The row shows the new status at once; counts, expiries and the review follow.
      client.setQueryData(apiKeysQuery(profile, accountId).queryKey, (keys) => keys?.map((k) => (k.id === key.id ? key : k)));
      void client.invalidateQueries({ queryKey: accountsRoot(profile) });
      void client.invalidateQueries({ queryKey: auditRoot(profile) });
    },
  });
}

/** Key lists, counts, expiries, the review and the audit log changed; none holds the secret. */
const afterSecret = (profile: string) => [accountsRoot(profile), auditRoot(profile)];

export type CreateApiKeyArgs = { profile: string; accountId: string; key: NewApiKey };

/** Issues a key; the answer is the only time its secret is ever seen. */
export const createApiKey = ({ profile, accountId, key }: CreateApiKeyArgs) =>
  call<OneTimeSecret>('create_api_key', { profile, accountId, key });

export const useCreateApiKey = () => useSecretCall(createApiKey, afterSecret);

export type RotateApiKeyArgs = { profile: string; accountId: string; keyId: string; rotate: RotateApiKey };

/** A new key now (its secret in this answer only); `replaced` is the old key with its new, overlap expiry. */
export const rotateApiKey = ({ profile, accountId, keyId, rotate }: RotateApiKeyArgs) =>
  call<OneTimeSecret>('rotate_api_key', { profile, accountId, keyId, rotate });

export const useRotateApiKey = () => useSecretCall(rotateApiKey, afterSecret);

export type RotateClientSecretArgs = { profile: string; accountId: string };

/** Issues the account's M2M client secret, or replaces it: the old one stops at once. */
export const rotateClientSecret = ({ profile, accountId }: RotateClientSecretArgs) =>
  call<OneTimeSecret>('rotate_client_secret', { profile, accountId });

export const useRotateClientSecret = () => useSecretCall(rotateClientSecret, afterSecret);

/** Unused keys, expiring keys and accounts whose owner has left, as of now. */
export const accessReview = (profile: string) => call<AccessReview>('access_review', { profile });

export const accessReviewQuery = (profile: string) =>
  queryOptions({ queryKey: [...accountsRoot(profile), 'review'], queryFn: () => accessReview(profile) });

export const useAccessReview = (profile: string, enabled = true) => useQuery({ ...accessReviewQuery(profile), enabled });

/** Writes the access review as CSV into the Downloads folder and says where. */
export const exportAccessReview = (profile: string) => call<ExportResult>('export_access_review', { profile });

export const useExportAccessReview = () => useMutation({ mutationFn: exportAccessReview });
