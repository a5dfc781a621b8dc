import { Button } from '@mantine/core';
import { useState } from 'react';

import type { OneTimeInvitation } from '../../ipc';
import { InviteDialog } from './InviteDialog';
import { LinkDialog } from './LinkDialog';
import { PendingInvitations } from './PendingInvitations';

type Open = 'invite' | 'pending' | null;

/**
 * "Invite staff…" and "Invitations" on the directory, for an OWNER. The link of a new or
 * re-sent invitation lives in this component's state only while its dialog is open.
 */
export function InvitationsButtons({ profile }: { profile: string }) {
  const [open, setOpen] = useState<Open>(null);
  const [revealed, setRevealed] = useState<OneTimeInvitation | null>(null);
  const show = (answer: OneTimeInvitation) => {
    setOpen(null);
    setRevealed(answer);
  };
  return (
    <>
      <Button variant="default" size="xs" data-testid="invite-button" onClick={() => setOpen('invite')}>
        Invite staff…
      </Button>
      <Button variant="subtle" size="xs" data-testid="invitations-button" onClick={() => setOpen('pending')}>
        Invitations
      </Button>
      {/* Mounted only while open, so every opening starts afresh. */}
      {open === 'invite' && <InviteDialog profile={profile} onClose={() => setOpen(null)} onInvited={show} />}
      {open === 'pending' && <PendingInvitations profile={profile} onClose={() => setOpen(null)} onResent={show} />}
      {revealed && <LinkDialog answer={revealed} onClose={() => setRevealed(null)} />}
    </>
  );
}

/** Whether the signed-in person may invite (the platform says so in `/v1/me`). */
export const canInvite = (permissions: readonly string[]) => permissions.includes('staff_invite');
