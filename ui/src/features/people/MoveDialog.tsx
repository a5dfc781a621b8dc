import { Button, Group, Modal, Stack, Text } from '@mantine/core';
import { useState } from 'react';

import { ErrorAlert } from '../../components/ErrorAlert';
import { PersonPicker, type Person } from '../../components/PersonPicker';
import { useEditPerson, type User } from '../../ipc';
import { ReasonInput } from './ReasonInput';

interface Props {
  profile: string;
  user: User;
  guardianName: string | null;
  onClose: () => void;
  onDone: (user: User) => void;
}

/** Moves a dependent into another guardian's household. */
export function MoveDialog({ profile, user, guardianName, onClose, onDone }: Props) {
  const edit = useEditPerson();
  const [to, setTo] = useState<Person | null>(null);
  const [reason, setReason] = useState('');
  const confirm = () =>
    to &&
    edit.mutate(
      { profile, id: user.id, patch: { guardian_id: to.id, reason: reason.trim() }, expectedVersion: user.version },
      { onSuccess: onDone },
    );

  return (
    <Modal opened onClose={onClose} title={`Move ${user.display_name} to another guardian`} closeOnEscape={!edit.isPending}>
      <Stack gap="sm" data-testid="move-dialog">
        <Text size="sm">
          {user.display_name} now belongs to {guardianName ?? user.guardian_id}. After the move the new guardian sees what the
          organization’s rules let a guardian see, and a contact {user.display_name} shared with the old household becomes the new
          guardian’s.
        </Text>
        <PersonPicker
          profile={profile}
          who="guardian"
          exclude={user.guardian_id ?? undefined}
          label="New guardian"
          description="Search the directory by name, email or phone."
          value={to}
          onChange={setTo}
          required
          testId="move-guardian"
        />
        <ReasonInput value={reason} onChange={setReason} testId="move-reason" />
        {edit.error && <ErrorAlert error={edit.error} title="The dependent was not moved." />}
        <Group justify="flex-end">
          <Button variant="default" onClick={onClose} disabled={edit.isPending}>
            Cancel
          </Button>
          <Button disabled={!to || reason.trim() === ''} loading={edit.isPending} onClick={confirm} data-testid="move-confirm">
            Move
          </Button>
        </Group>
      </Stack>
    </Modal>
  );
}
