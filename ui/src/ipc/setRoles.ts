import { useMutation, useQueryClient } from '@tanstack/react-query';

import { auditKey } from './auditEvents';
import type { IpcError, StaffRole, User } from './bindings';
import { call } from './invoke';
import { directoryKey } from './searchUsers';
import { serverUserKey } from './serverUser';

export type SetRolesArgs = { profile: string; id: string; roles: StaffRole[]; expectedVersion: number; reason: string };

/**
 * Replaces one person's roles if they are still at `expectedVersion`. Rejects with `conflict`
 * when someone changed them meanwhile, `rejected` / `forbidden` for a guardrail.
 */
export const setRoles = ({ profile, id, roles, expectedVersion, reason }: SetRolesArgs) =>
  call<User>('set_roles', { profile, id, roles, expectedVersion, reason });

export function useSetRoles() {
  const client = useQueryClient();
  return useMutation<User, IpcError, SetRolesArgs>({
    mutationFn: setRoles,
    onSuccess: (user, { profile }) => {
      client.setQueryData(serverUserKey(profile, user.id), user);
      // The backend has synced the change into the cache, and the server recorded an audit event.
      void client.invalidateQueries({ queryKey: directoryKey(profile) });
      void client.invalidateQueries({ queryKey: auditKey(profile) });
    },
  });
}
