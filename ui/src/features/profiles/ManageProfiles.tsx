import { Badge, Button, Group, Modal, Stack, Table, Text } from '@mantine/core';
import { useState } from 'react';

import { ErrorAlert } from '../../components/ErrorAlert';
import { useExportProfile, useProfiles, useRemoveProfile, useTestConnection, type Profile } from '../../ipc';
import { ConnectionReportView } from './ConnectionReport';
import { ImportButton } from './ImportConfirm';
import { ProfileEditor } from './ProfileEditor';

type Editing = { kind: 'add' } | { kind: 'edit'; profile: Profile } | null;

/** The profiles on this computer: edit, test, export, remove; add one or import a file. */
export function ManageProfiles({ onClose }: { onClose: () => void }) {
  const profiles = useProfiles();
  const [editing, setEditing] = useState<Editing>(null);
  const [removing, setRemoving] = useState<Profile | null>(null);
  const test = useTestConnection();
  const exported = useExportProfile();
  const mine = profiles.data?.profiles.filter((p) => !p.builtin) ?? [];
  return (
    <>
      <Modal opened={editing === null && removing === null} onClose={onClose} title="Profiles" size="xl">
        <Stack gap="sm" data-testid="manage-profiles-dialog">
          {mine.length === 0 ? (
            <Text c="dimmed">No profiles of your own yet. The Demo profile is built in.</Text>
          ) : (
            <Table>
              <Table.Tbody>
                {mine.map((p) => (
                  <Table.Tr key={p.name} data-testid={`profile-row-${p.name}`}>
                    <Table.Td>
                      <Text fw={600}>{p.name}</Text>
                      <Text size="xs" c="dimmed" style={{ overflowWrap: 'anywhere' }}>
                        {p.api_base}
                      </Text>
                    </Table.Td>
                    <Table.Td>
                      <Group gap="xs" justify="flex-end" wrap="nowrap">
                        <Button size="compact-sm" variant="default" onClick={() => setEditing({ kind: 'edit', profile: p })}>
                          Edit
                        </Button>
                        <Button size="compact-sm" variant="default" loading={test.isPending && test.variables?.name === p.name} onClick={() => test.mutate(p)}>
                          Test
                        </Button>
                        <Button size="compact-sm" variant="default" data-testid={`export-${p.name}`} loading={exported.isPending && exported.variables === p.name} onClick={() => exported.mutate(p.name)}>
                          Export
                        </Button>
                        <Button size="compact-sm" variant="light" color="red" onClick={() => setRemoving(p)}>
                          Remove
                        </Button>
                      </Group>
                    </Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          )}
          {exported.data && (
            <Text size="sm" data-testid="export-done">
              Saved to {exported.data}
            </Text>
          )}
          {exported.error && <ErrorAlert error={exported.error} title="Not exported" />}
          {test.data && (
          <>
              <Badge variant="light">Test of {test.variables?.name}</Badge>
              <ConnectionReportView report={test.data} />
          </>
        )}
        <Group justify="flex-end">
          <ImportButton variant="default" />
          <Button data-testid="add-profile" onClick={() => setEditing({ kind: 'add' })}>
            Add a profile
          </Button>
        </Group>
      </Stack>
    </Modal>
      {editing && <ProfileEditor editing={editing.kind === 'edit' ? editing.profile : undefined} onClose={() => setEditing(null)} onSaved={() => setEditing(null)} />}
      {removing && <RemoveProfile profile={removing} onClose={() => setRemoving(null)} />}
    </>
  );
}

function RemoveProfile({ profile, onClose }: { profile: Profile; onClose: () => void }) {
  const remove = useRemoveProfile();
  return (
    <Modal opened onClose={onClose} title={`Remove the profile ${profile.name}?`}>
      <Stack gap="sm">
        <Text size="sm">
          The profile <b>{profile.name}</b> ({profile.api_base}) is removed from this computer. Sign out of it first if you are signed in with it, so the platform ends that session.
        </Text>
        {remove.error && <ErrorAlert error={remove.error} />}
        <Group justify="flex-end">
          <Button variant="default" onClick={onClose}>
            Cancel
          </Button>
          <Button data-testid="remove-profile-confirm" color="red" loading={remove.isPending} onClick={() => remove.mutate(profile.name, { onSuccess: onClose })}>
            Remove {profile.name}
          </Button>
        </Group>
      </Stack>
    </Modal>
  );
}
