import { Button, Loader, Stack, Text } from '@mantine/core';
import { useState } from 'react';

import { useActingEligibility, type Me, type User } from '../../ipc';
import { ActingDialog } from './ActingDialog';

/**
 * "Act for this person…" in the person's detail, behind a dialog that says what it means. Whether
 * it is offered is the platform's answer for this person (`acting_eligibility`): the button where
 * a start would work, the platform's reason where it would not, nothing where acting does not
 * apply (not staff, oneself, or a caller who may not act for anyone).
 */
export function ActForPerson({ profile, me, user }: { profile: string; me: Me; user: User }) {
  const [open, setOpen] = useState(false);
  const eligibility = useActingEligibility(profile, user.id);
  if (eligibility.isPending) return <Loader size="xs" aria-label="Asking the platform whether you may act for this person" />;
  if (eligibility.error) {
    return (
      <Text size="xs" c="dimmed" data-testid="act-for-unknown">
        Could not ask the platform whether you may act for {user.display_name}: {eligibility.error.message}
      </Text>
    );
  }
  const answer = eligibility.data;
  if (!answer.applies) return null;
  return (
    <Stack gap={6} data-testid="act-for-section">
      <Text size="sm" fw={600}>
        Act on behalf
      </Text>
      {answer.allowed ? (
        <Button size="xs" variant="light" color="orange" w="fit-content" onClick={() => setOpen(true)} data-testid="act-for">
          Act for this person…
        </Button>
      ) : (
        <Text size="xs" c="dimmed" data-testid="act-for-refused">
          {answer.reason}
        </Text>
      )}
      {open && <ActingDialog profile={profile} me={me} user={user} onClose={() => setOpen(false)} />}
    </Stack>
  );
}
