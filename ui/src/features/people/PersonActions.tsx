import { Button, Group, Stack, Text, Tooltip } from '@mantine/core';
import { useState } from 'react';

import { usePersonSchema, type Permission, type UserDetail } from '../../ipc';
import { ageOn } from '../../lib/age';
import { ConvertDialog } from './ConvertDialog';
import { MoveDialog } from './MoveDialog';
import { newPersonMode, PersonDialog } from './PersonDialog';
import { RemoveDialog } from './RemoveDialog';
import { StatusDialog } from './StatusDialog';

/** Only an OWNER adds, edits, suspends and removes people; the platform refuses everyone else. */
export const canManagePeople = (permissions: readonly Permission[]) => permissions.includes('users_write');

type Open = 'edit' | 'status' | 'remove' | 'move' | 'convert' | 'add-dependent' | null;

/** What an OWNER may do to the person the detail pane shows, each behind its own dialog. */
export function PersonActions({ profile, detail }: { profile: string; detail: UserDetail }) {
  const { user, household } = detail;
  const [open, setOpen] = useState<Open>(null);
  const schema = usePersonSchema(profile);
  const close = () => setOpen(null);
  if (user.kind === 'SERVICE_ACCOUNT') return null;
  // The kinds the platform adds here are the ones it edits and removes here (staff come and go
  // by invitation): read from its person schema, not known by the window.
  const consumer = schema.data?.creatable_kinds.includes(user.kind) ?? false;
  const dependent = user.kind === 'DEPENDENT';
  const guardianName = household.guardian?.display_name ?? null;
  const ageOut = schema.data?.dependent_leaves_guardian_at_age;
  const age = schema.data ? ageOn(user.date_of_birth, schema.data.today) : null;
  const ofAge = ageOut !== undefined && age !== null && age >= ageOut;

  return (
    <Stack gap={6} data-testid="person-actions">
      <Text size="sm" fw={600}>
        Manage
      </Text>
      <Group gap="xs">
        {consumer && (
          <Button size="xs" variant="default" onClick={() => setOpen('edit')} data-testid="person-edit">
            Edit…
          </Button>
        )}
        {user.kind === 'GUARDIAN' && (
          <Button size="xs" variant="default" onClick={() => setOpen('add-dependent')} data-testid="person-add-dependent">
            Add dependent…
          </Button>
        )}
        {dependent && (
          <Button size="xs" variant="default" onClick={() => setOpen('move')} data-testid="person-move">
            Move to another guardian…
          </Button>
        )}
        {dependent && (
          <Tooltip
            label={
              ageOut === undefined
                ? 'Reading the organization’s age-out…'
                : age === null
                  ? 'Their date of birth is not known: add it first (Edit…).'
                  : `Possible from age ${ageOut}; they are ${age}.`
            }
            disabled={ofAge}
            withArrow
          >
            <Button size="xs" variant="default" disabled={!ofAge} onClick={() => setOpen('convert')} data-testid="person-convert">
              Make a patient of their own…
            </Button>
          </Tooltip>
        )}
        {user.status !== 'invited' && (
          <Button
            size="xs"
            variant="default"
            color={user.status === 'suspended' ? 'teal' : 'red'}
            onClick={() => setOpen('status')}
            data-testid="person-status"
          >
            {user.status === 'suspended' ? 'Reactivate…' : 'Suspend…'}
          </Button>
        )}
        {consumer && (
          <Button size="xs" variant="subtle" color="red" onClick={() => setOpen('remove')} data-testid="person-remove">
            Remove…
          </Button>
        )}
      </Group>
      {open === 'edit' && <PersonDialog profile={profile} mode={{ creating: false, user }} onClose={close} onSaved={close} />}
      {open === 'add-dependent' && (
        <PersonDialog
          profile={profile}
          mode={newPersonMode('DEPENDENT', { id: user.id, name: user.display_name })}
          onClose={close}
          onSaved={close}
        />
      )}
      {open === 'status' && <StatusDialog profile={profile} user={user} onClose={close} onDone={close} />}
      {open === 'move' && <MoveDialog profile={profile} user={user} guardianName={guardianName} onClose={close} onDone={close} />}
      {open === 'convert' && <ConvertDialog profile={profile} user={user} guardianName={guardianName} onClose={close} onDone={close} />}
      {open === 'remove' && (
        <RemoveDialog
          profile={profile}
          user={user}
          dependents={user.kind === 'GUARDIAN' ? household.dependents : []}
          onClose={close}
          onDone={close}
        />
      )}
    </Stack>
  );
}

/** "Add person…" beside the directory's search, for an OWNER. */
export function AddPersonButton({ profile }: { profile: string }) {
  const [open, setOpen] = useState(false);
  return (
    <>
      <Button size="xs" onClick={() => setOpen(true)} data-testid="person-add">
        Add person…
      </Button>
      {open && <PersonDialog profile={profile} mode={newPersonMode()} onClose={() => setOpen(false)} onSaved={() => setOpen(false)} />}
    </>
  );
}
