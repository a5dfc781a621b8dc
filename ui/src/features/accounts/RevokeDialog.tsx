import { Button, Code, Group, Modal, Stack, Text, TextInput } from '@mantine/core';
import { useState } from 'react';

import { useKeyAction, type ApiKey } from '../../ipc';
import { Failure } from './Failure';
import { LastUsed } from './LastUsed';
import { useNowSeconds } from './time';

interface Props {
  profile: string;
  apiKey: ApiKey;
  onClose: () => void;
  onDone: (key: ApiKey) => void;
}

/**
 * Revoking cannot be undone, so the owner types the key's prefix: a deliberate act aimed at
 * exactly this key (the one a scanner or a log line named), not a stray click.
 */
export function RevokeDialog({ profile, apiKey, onClose, onDone }: Props) {
  const now = useNowSeconds();
  const revoke = useKeyAction();
  const [typed, setTyped] = useState('');
  const matches = typed === apiKey.prefix;

  const confirm = () =>
    revoke.mutate({ profile, accountId: apiKey.account_id, keyId: apiKey.id, action: 'revoke' }, { onSuccess: (key) => onDone(key) });

  return (
    <Modal opened onClose={onClose} title={`Revoke the key ${apiKey.prefix}…?`} closeOnClickOutside={!revoke.isPending}>
      <Stack gap="sm" data-testid="key-revoke-dialog">
        <Text size="sm">
          Revoking <strong>{apiKey.name}</strong> is <strong>immediate and final</strong>: from the moment you confirm, every request made
          with it is refused, and it can never be enabled again. Whatever still uses it stops working.
        </Text>
        <LastUsed apiKey={apiKey} now={now} testId="key-revoke-last-used" />
        <Text size="sm" c="dimmed">
          To stop it only for a while, disable it instead (it can be enabled again). To replace it without an outage, rotate it.
        </Text>
        <TextInput
          label={
            <>
              Type the key’s prefix, <Code>{apiKey.prefix}</Code>, to confirm
            </>
          }
          value={typed}
          onChange={(e) => setTyped(e.currentTarget.value)}
          autoComplete="off"
          spellCheck={false}
          data-autofocus
          data-testid="key-revoke-confirm-input"
          ff="monospace"
        />
        {revoke.error && <Failure what="The key was not revoked." error={revoke.error} />}
        <Group justify="flex-end">
          <Button variant="default" onClick={onClose} disabled={revoke.isPending}>
            Cancel
          </Button>
          <Button color="red" data-testid="key-revoke-confirm" disabled={!matches} loading={revoke.isPending} onClick={confirm}>
            Revoke now
          </Button>
        </Group>
      </Stack>
    </Modal>
  );
}
