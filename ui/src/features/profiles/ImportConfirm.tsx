import { Alert, Button, Code, Group, Modal, Stack, Table, Text, TextInput, type ButtonProps } from '@mantine/core';
import { useState } from 'react';

import { ErrorAlert } from '../../components/ErrorAlert';
import { useAddProfile, useCheckProfile, useImportProfile, usePendingImport, type ProfileFile } from '../../ipc';
import { problemOf } from './values';

/**
 * What a profile file holds, before anything is added: name, API base, issuer, client id and
 * scopes, and "Import" / "Cancel". A name already in use is the core's problem of the name;
 * the person may type another one here.
 */
export function ImportConfirm({ file, onClose }: { file: ProfileFile; onClose: () => void }) {
  const [name, setName] = useState(file.profile.name);
  const profile = { ...file.profile, name };
  const check = useCheckProfile(profile, null);
  const add = useAddProfile();
  const problems = check.data ?? [];
  const ready = check.current && problems.length === 0 && !add.isPending;
  const row = (label: string, value: string, testId: string) => (
    <Table.Tr>
      <Table.Th w={120}>{label}</Table.Th>
      <Table.Td data-testid={testId} style={{ overflowWrap: 'anywhere' }}>
        {value}
      </Table.Td>
    </Table.Tr>
  );
  return (
    <Modal opened onClose={onClose} title="Import a profile" size="lg" closeOnClickOutside={false}>
      <form
        data-testid="import-confirm"
        onSubmit={(e) => {
          e.preventDefault();
          if (ready) add.mutate(profile, { onSuccess: onClose });
        }}
      >
        <Stack gap="sm">
          <Text size="sm">
            From <Code>{file.path}</Code>. It holds no password, secret or token; add it to sign in to this platform.
          </Text>
          <TextInput data-testid="import-name" label="Name" value={name} onChange={(e) => setName(e.currentTarget.value)} error={problemOf(problems, 'name')} />
          <Table withTableBorder>
            <Table.Tbody>
              {row('API base', file.profile.api_base, 'import-api-base')}
              {row('Issuer', file.profile.issuer ?? 'same as the API base', 'import-issuer')}
              {row('Client id', file.profile.client_id, 'import-client-id')}
              {row('Scopes', file.profile.scopes.join(' '), 'import-scopes')}
            </Table.Tbody>
          </Table>
          {problems.some((p) => p.field !== 'name') && <Alert color="red">{problems.map((p) => p.message).join(' ')}</Alert>}
          {add.error && <ErrorAlert error={add.error} title="Not imported" />}
          <Group justify="flex-end">
            <Button variant="default" onClick={onClose}>
              Cancel
            </Button>
            <Button data-testid="import-confirm-button" type="submit" disabled={!ready} loading={add.isPending}>
              Import
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}

/** "Import…": the native open dialog (opened by the backend), then the confirmation. */
export function ImportButton(props: ButtonProps) {
  const pick = useImportProfile();
  const [file, setFile] = useState<ProfileFile | null>(null);
  return (
    <>
      <Button data-testid="import-profile" loading={pick.isPending} onClick={() => pick.mutate(undefined, { onSuccess: setFile })} {...props}>
        Import…
      </Button>
      {pick.error && (
        <Modal opened onClose={() => pick.reset()} title="Not imported">
          <ErrorAlert error={pick.error} title="This file cannot be imported" />
        </Modal>
      )}
      {file && <ImportConfirm file={file} onClose={() => setFile(null)} />}
    </>
  );
}

/** The profile file the app was opened with (a double-click in the file manager), if any. */
export function PendingImport() {
  const pending = usePendingImport();
  const [closed, setClosed] = useState(false);
  if (closed) return null;
  if (pending.error)
    return (
      <Modal opened onClose={() => setClosed(true)} title="Not imported">
        <ErrorAlert error={pending.error} title="This file cannot be imported" />
      </Modal>
    );
  return pending.data ? <ImportConfirm file={pending.data} onClose={() => setClosed(true)} /> : null;
}
