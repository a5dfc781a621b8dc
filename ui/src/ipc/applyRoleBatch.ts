import { useMutation, useQueryClient } from '@tanstack/react-query';

import { auditKey } from './auditEvents';
import type { BatchApplied, IpcError, RoleChangeItem } from './bindings';
import { call } from './invoke';
import { directoryKey } from './searchUsers';
import { serverKey } from './serverUser';

export type ApplyRoleBatchArgs = { profile: string; items: RoleChangeItem[]; reason: string };

/** Applies a batch for real (a plan's items, or an earlier batch's `undo`); returns its own undo. */
export const applyRoleBatch = ({ profile, items, reason }: ApplyRoleBatchArgs) =>
  call<BatchApplied>('apply_role_batch', { profile, items, reason });

export function useApplyRoleBatch() {
  const client = useQueryClient();
  return useMutation<BatchApplied, IpcError, ApplyRoleBatchArgs>({
    mutationFn: applyRoleBatch,
    onSuccess: (_, { profile }) => {
      // Even a partly refused batch may have changed some people: everything read about them is stale.
      void client.invalidateQueries({ queryKey: directoryKey(profile) });
      void client.invalidateQueries({ queryKey: serverKey(profile) });
      void client.invalidateQueries({ queryKey: auditKey(profile) });
    },
  });
}
