import { Button, Group, Modal, Stack, Text } from '@mantine/core';
import { useState } from 'react';

import { ErrorAlert } from '../../components/ErrorAlert';
import { useSetPersonStatus, type User } from '../../ipc';
import { ReasonInput } from './ReasonInput';

interface Props {
  profile: string;
  user: User;
  onClose: () => void;
  onDone: (user: User) => void;
}

/** Suspends an active person or reactivates a suspended one, saying what happens first. */
export function StatusDialog({ profile, user, onClose, onDone }: Props) {
  const change = useSetPersonStatus();
  const [reason, setReason] = useState('');
  const suspending = user.status !== 'suspended';
  const name = user.display_name;
  const confirm = () =>
    change.mutate(
      { profile, id: user.id, status: suspending ? 'suspended' : 'active', expectedVersion: user.version, reason: reason.trim() },
      { onSuccess: onDone },
    );

  return (
    <Modal opened onClose={onClose} title={suspending ? `Suspend ${name}?` : `Reactivate ${name}?`} closeOnEscape={!change.isPending}>
      <Stack gap="sm" data-testid="status-dialog">
        {suspending ? (
          <Text size="sm">
            <strong>{name}</strong> is signed out everywhere <strong>at once</strong> and cannot sign in again until reactivated. Their
            records stay as they are.
          </Text>
        ) : (
          <Text size="sm">
            <strong>{name}</strong> may sign in again, with the roles they held when suspended.
          </Text>
        )}
        <ReasonInput value={reason} onChange={setReason} testId="status-reason" />
        {change.error && <ErrorAlert error={change.error} title={suspending ? 'They were not suspended.' : 'They were not reactivated.'} />}
        <Group justify="flex-end">
          <Button variant="default" onClick={onClose} disabled={change.isPending}>
            Cancel
          </Button>
          <Button
            color={suspending ? 'red' : 'teal'}
            disabled={reason.trim() === ''}
            loading={change.isPending}
            onClick={confirm}
            data-testid="status-confirm"
          >
            {suspending ? 'Suspend now' : 'Reactivate'}
          </Button>
        </Group>
      </Stack>
    </Modal>
  );
}
