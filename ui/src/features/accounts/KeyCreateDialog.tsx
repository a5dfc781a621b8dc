import { Alert, Button, Group, Modal, Stack, Text, TextInput } from '@mantine/core';
import { useState } from 'react';

import { StepUpNotice } from '../../components/StepUpNotice';
import { needsStepUp, useCreateApiKey, type OneTimeSecret, type ServiceAccount } from '../../ipc';
import { DEFAULT_EXPIRY, expiresAt, ExpiryField, type Expiry } from './ExpiryField';
import { Failure } from './Failure';
import { useNowSeconds } from './time';

interface Props {
  profile: string;
  account: ServiceAccount;
  onClose: () => void;
  /** Receives the new key's one answer; the form keeps nothing of it. */
  onIssued: (answer: OneTimeSecret) => void;
}

/** Names a new key and its expiry, says what happens next, then issues it. */
export function KeyCreateDialog({ profile, account, onClose, onIssued }: Props) {
  const now = useNowSeconds();
  const create = useCreateApiKey();
  const [name, setName] = useState('');
  const [expiry, setExpiry] = useState<Expiry>(DEFAULT_EXPIRY);
  const at = expiresAt(expiry, now);
  const ready = name.trim() !== '' && at !== null && !create.pending;

  const submit = async () => {
    if (!ready || at === null) return;
    const answer = await create.run({ profile, accountId: account.id, key: { name: name.trim(), expires_at: at } });
    if (answer) onIssued(answer);
  };

  return (
    <Modal opened onClose={onClose} title={`New API key for ${account.name}`} closeOnClickOutside={!create.pending} closeOnEscape={!create.pending}>
      <form
        data-testid="key-create-form"
        onSubmit={(e) => {
          e.preventDefault();
          void submit();
        }}
      >
        <Stack gap="sm">
          <TextInput
            label="Name"
            description="Where it will be used, so it can be recognised later (e.g. “reminder service, production”)."
            required
            data-autofocus
            value={name}
            onChange={(e) => setName(e.currentTarget.value)}
            data-testid="key-name"
          />
          <ExpiryField value={expiry} onChange={setExpiry} now={now} testId="key-expiry" />
          {account.active_keys >= 2 && (
            <Alert color="yellow" title="This account already has two working keys">
              The platform allows at most two, so this one will likely be refused. Rotate a key instead, or disable or revoke one first.
            </Alert>
          )}
          <Text size="sm">
            The key is shown <strong>once</strong>, right after it is created, and it works at once. Have the place you will keep it ready.
          </Text>
          {create.error && !needsStepUp(create.error) && <Failure what="The key was not created." error={create.error} />}
          <StepUpNotice profile={profile} error={create.error} onConfirmed={() => void submit()} />
          <Group justify="flex-end">
            <Button variant="default" onClick={onClose} disabled={create.pending}>
              Cancel
            </Button>
            <Button type="submit" data-testid="key-create-submit" disabled={!ready} loading={create.pending}>
              Create key
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}
