import { useMutation, useQueryClient } from '@tanstack/react-query';

import { auditKey } from './auditEvents';
import type { IpcError, ServiceAccount, ServiceAccountPatch } from './bindings';
import { call } from './invoke';
import { accountListKey, accountsKey } from './serviceAccounts';

export type UpdateServiceAccountArgs = { profile: string; id: string; patch: ServiceAccountPatch; expectedVersion: number };

/**
 * Changes an account if it is still at `expectedVersion` (sent as If-Match). Rejects with
 * `conflict` when someone changed it meanwhile, `rejected` when a rule refuses the change.
 */
export const updateServiceAccount = ({ profile, id, patch, expectedVersion }: UpdateServiceAccountArgs) =>
  call<ServiceAccount>('update_service_account', { profile, id, patch, expectedVersion });

export function useUpdateServiceAccount() {
  const client = useQueryClient();
  return useMutation<ServiceAccount, IpcError, UpdateServiceAccountArgs>({
    mutationFn: updateServiceAccount,
    onSuccess: (account, { profile }) => {
      // The row shows the change at once; the refetch then brings what else the server knows.
      client.setQueryData<ServiceAccount[]>(accountListKey(profile), (list) => list?.map((a) => (a.id === account.id ? account : a)));
      void client.invalidateQueries({ queryKey: accountsKey(profile) });
      void client.invalidateQueries({ queryKey: auditKey(profile) });
    },
  });
}
