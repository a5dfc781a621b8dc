import { useMutation, useQueryClient } from '@tanstack/react-query';

import { apiKeysKey } from './apiKeys';
import { auditKey } from './auditEvents';
import type { ApiKey, IpcError, KeyAction } from './bindings';
import { call } from './invoke';
import { accountsKey } from './serviceAccounts';

export type KeyActionArgs = { profile: string; accountId: string; keyId: string; action: KeyAction };

/** Disables, enables (both reversible) or revokes (final) a key; answers the key as it is now. */
export const keyAction = ({ profile, accountId, keyId, action }: KeyActionArgs) =>
  call<ApiKey>('key_action', { profile, accountId, keyId, action });

export function useKeyAction() {
  const client = useQueryClient();
  return useMutation<ApiKey, IpcError, KeyActionArgs>({
    mutationFn: keyAction,
    onSuccess: (key, { profile, accountId }) => {
      // The row shows the new status at once; counts, expiries and the review follow.
      client.setQueryData<ApiKey[]>(apiKeysKey(profile, accountId), (keys) => keys?.map((k) => (k.id === key.id ? key : k)));
      void client.invalidateQueries({ queryKey: accountsKey(profile) });
      void client.invalidateQueries({ queryKey: auditKey(profile) });
    },
  });
}
