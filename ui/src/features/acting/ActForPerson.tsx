import { Button, Stack, Text } from '@mantine/core';
import { useState } from 'react';

import type { Me, User } from '../../ipc';
import { ActingDialog } from './ActingDialog';

/**
 * Whether to offer acting for `user`: the platform grants `act_on_behalf` (to OWNERs) and lets
 * them act for active staff who are not OWNERs, never for themselves. The platform decides
 * again when asked; this only keeps a button from being offered that could not work.
 */
export const canActFor = (me: Me, user: User) =>
  me.permissions.includes('act_on_behalf') &&
  user.kind === 'STAFF' &&
  user.status === 'active' &&
  !user.staff_roles.includes('OWNER') &&
  user.id !== me.user_id;

/** "Act for this person…" in the person's detail, behind a dialog that says what it means. */
export function ActForPerson({ profile, me, user }: { profile: string; me: Me; user: User }) {
  const [open, setOpen] = useState(false);
  return (
    <Stack gap={6} data-testid="act-for-section">
      <Text size="sm" fw={600}>
        Act on behalf
      </Text>
      <Button size="xs" variant="light" color="orange" w="fit-content" onClick={() => setOpen(true)} data-testid="act-for">
        Act for this person…
      </Button>
      {open && <ActingDialog profile={profile} me={me} user={user} onClose={() => setOpen(false)} />}
    </Stack>
  );
}
