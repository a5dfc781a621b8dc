// Invitations of staff (src-tauri/src/commands/invitations.rs). An invitation's link lets
// whoever holds it set the person's password: like a key's secret, it is shown once and kept
// in no query or mutation cache (see secretCall.ts).
import { queryOptions, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';

import { auditRoot } from './audit';
import type { Invitation, InviteStaff, OneTimeInvitation } from './bindings';
import { directoryRoot } from './directory';
import { call } from './invoke';
import { useSecretCall } from './secretCall';

export const invitationsRoot = (profile: string) => ['invitations', profile] as const;

/** The pending invitations, from the server (expired ones too: they can be re-sent). */
export const invitations = (profile: string) => call<Invitation[]>('invitations', { profile });

export const invitationsQuery = (profile: string) =>
  queryOptions({ queryKey: [...invitationsRoot(profile), 'pending'], queryFn: () => invitations(profile) });

export const useInvitations = (profile: string, enabled = true) => useQuery({ ...invitationsQuery(profile), enabled });

/** What an invitation's answer makes stale: the list, the directory (the invited person), the audit. */
const afterInvite = (profile: string) => [invitationsRoot(profile), directoryRoot(profile), auditRoot(profile)] as const;

export type InviteStaffArgs = { profile: string; invite: InviteStaff };

/** Creates the invited person and the invitation; the link is in this answer only. */
export const inviteStaff = ({ profile, invite }: InviteStaffArgs) => call<OneTimeInvitation>('invite_staff', { profile, invite });

export const useInviteStaff = () => useSecretCall(inviteStaff, afterInvite);

export type InvitationActionArgs = { profile: string; id: string; expectedVersion: number; reason: string };

/** A new link for the invitation (the old one stops working); in this answer only. */
export const resendInvitation = ({ profile, id, expectedVersion, reason }: InvitationActionArgs) =>
  call<OneTimeInvitation>('resend_invitation', { profile, id, expectedVersion, reason });

export const useResendInvitation = () => useSecretCall(resendInvitation, afterInvite);

/** Ends the invitation; the invited person, who never accepted, is removed. */
export const withdrawInvitation = ({ profile, id, expectedVersion, reason }: InvitationActionArgs) =>
  call<Invitation>('withdraw_invitation', { profile, id, expectedVersion, reason });

export function useWithdrawInvitation() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: withdrawInvitation,
    onSuccess: (_, { profile }) => {
      for (const queryKey of afterInvite(profile)) void client.invalidateQueries({ queryKey });
    },
  });
}
