import { Button, Code, Group, Modal, Radio, Stack, Text, TextInput } from '@mantine/core';
import { useState } from 'react';

import { ErrorAlert } from '../../components/ErrorAlert';
import { PersonPicker, type Person } from '../../components/PersonPicker';
import { useRemovePerson, type DependentsPlan, type Removal, type User } from '../../ipc';
import { ReasonInput } from './ReasonInput';

interface Props {
  profile: string;
  user: User;
  /** The guardian's dependents in the local copy (none for everyone else). */
  dependents: User[];
  onClose: () => void;
  onDone: (removal: Removal) => void;
}

/**
 * Removing takes a person out of every list and ends their sign-ins; the platform keeps the
 * record for its audit trail. The name is typed to confirm, and a guardian's dependents are
 * never left without a household: they move to another guardian or are removed too.
 */
export function RemoveDialog({ profile, user, dependents, onClose, onDone }: Props) {
  const remove = useRemovePerson();
  const [typed, setTyped] = useState('');
  const [reason, setReason] = useState('');
  const [plan, setPlan] = useState<'move' | 'remove'>('move');
  const [to, setTo] = useState<Person | null>(null);
  const household = dependents.length > 0;
  const dependentsPlan: DependentsPlan | null = !household ? null : plan === 'remove' ? 'remove' : to ? { move_to: to.id } : null;
  const ready = typed.trim() === user.display_name.trim() && reason.trim() !== '' && (!household || dependentsPlan !== null);
  const confirm = () =>
    remove.mutate({ profile, id: user.id, dependents: dependentsPlan, expectedVersion: user.version, reason: reason.trim() }, { onSuccess: onDone });
  const names = dependents.map((d) => d.display_name).join(', ');

  return (
    <Modal opened onClose={onClose} title={`Remove ${user.display_name}?`} closeOnEscape={!remove.isPending} size="lg">
      <Stack gap="sm" data-testid="remove-dialog">
        <Text size="sm">
          <strong>{user.display_name}</strong> disappears from the directory and every list, and every sign-in of theirs ends now. The
          platform keeps the record and its history for the audit trail; it cannot be undone from the console.
        </Text>
        {household && (
          <Radio.Group
            label={`${user.display_name} is the guardian of ${names}. Where do they go?`}
            value={plan}
            onChange={(v) => setPlan(v as 'move' | 'remove')}
            data-testid="remove-dependents-plan"
          >
            <Stack gap={6} mt={6}>
              <Radio value="move" label="Move them to another guardian" data-testid="remove-plan-move" />
              {plan === 'move' && (
                <PersonPicker
                  profile={profile}
                  who="guardian"
                  exclude={user.id}
                  label="New guardian"
                  description="They take the new guardian’s contact in place of this one."
                  value={to}
                  onChange={setTo}
                  required
                  testId="remove-move-to"
                />
              )}
              <Radio value="remove" label={`Remove them too (${dependents.length})`} data-testid="remove-plan-remove" />
            </Stack>
          </Radio.Group>
        )}
        <ReasonInput value={reason} onChange={setReason} testId="remove-reason" />
        <TextInput
          label={
            <>
              Type <Code>{user.display_name}</Code> to confirm
            </>
          }
          value={typed}
          onChange={(e) => setTyped(e.currentTarget.value)}
          autoComplete="off"
          data-testid="remove-confirm-input"
        />
        {remove.error && <ErrorAlert error={remove.error} title="Nobody was removed." />}
        <Group justify="flex-end">
          <Button variant="default" onClick={onClose} disabled={remove.isPending}>
            Cancel
          </Button>
          <Button color="red" disabled={!ready} loading={remove.isPending} onClick={confirm} data-testid="remove-confirm">
            Remove
          </Button>
        </Group>
      </Stack>
    </Modal>
  );
}
