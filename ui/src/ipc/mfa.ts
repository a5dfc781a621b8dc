// Staff MFA (src-tauri/src/commands/mfa.rs).
import { useMutation, useQueryClient } from '@tanstack/react-query';

import { auditRoot } from './audit';
import type { User } from './bindings';
import { directoryRoot } from './directory';
import { call } from './invoke';
import { serverRoot } from './roles';

export type ResetMfaArgs = { profile: string; id: string; expectedVersion: number; reason: string };

/**
 * Resets a staff member's authenticator if they are still at `expectedVersion` (OWNER only, a
 * step-up operation: rejects with `step_up_required` when the sign-in is too old).
 */
export const resetMfa = ({ profile, id, expectedVersion, reason }: ResetMfaArgs) =>
  call<User>('reset_mfa', { profile, id, expectedVersion, reason });

export function useResetMfa() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: resetMfa,
    onSuccess: (_user, { profile }) => {
      // The backend synced the change into the cache; the person has a new version, and the
      // server recorded an audit event.
      void client.invalidateQueries({ queryKey: directoryRoot(profile) });
      void client.invalidateQueries({ queryKey: serverRoot(profile) });
      void client.invalidateQueries({ queryKey: auditRoot(profile) });
    },
  });
}
