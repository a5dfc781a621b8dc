import { useMutation, useQueryClient } from '@tanstack/react-query';

import { auditKey } from './auditEvents';
import type { IpcError, NewServiceAccount, ServiceAccount } from './bindings';
import { call } from './invoke';
import { accountListKey, accountsKey } from './serviceAccounts';

export type CreateServiceAccountArgs = { profile: string; account: NewServiceAccount };

/** Creates an account with no credentials yet; keys and a client secret are issued separately. */
export const createServiceAccount = ({ profile, account }: CreateServiceAccountArgs) =>
  call<ServiceAccount>('create_service_account', { profile, account });

export function useCreateServiceAccount() {
  const client = useQueryClient();
  return useMutation<ServiceAccount, IpcError, CreateServiceAccountArgs>({
    mutationFn: createServiceAccount,
    onSuccess: (account, { profile }) => {
      // Listed at once, so the screen can open it before the refetch lands.
      client.setQueryData<ServiceAccount[]>(accountListKey(profile), (list) => list && [...list.filter((a) => a.id !== account.id), account]);
      void client.invalidateQueries({ queryKey: accountsKey(profile) });
      void client.invalidateQueries({ queryKey: auditKey(profile) });
    },
  });
}
