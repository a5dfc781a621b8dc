import { Button, Code, Group, Modal, Stack, Text, Title } from '@mantine/core';
import { useState } from 'react';

import { StepUpNotice } from '../../components/StepUpNotice';
import { needsStepUp, useRotateClientSecret, type OneTimeSecret, type ServiceAccount } from '../../ipc';
import { Failure } from './Failure';

interface Props {
  profile: string;
  account: ServiceAccount;
  onIssued: (answer: OneTimeSecret) => void;
}

/**
 * The account's machine-to-machine credentials (client id + secret, for the client_credentials
 * grant). Unlike a key there is one secret and no overlap: replacing it stops the old one at once,
 * and the owner is told so before confirming.
 */
export function ClientSecret({ profile, account, onIssued }: Props) {
  const rotate = useRotateClientSecret();
  const [confirming, setConfirming] = useState(false);
  const issued = account.client_id !== null;

  const close = () => {
    setConfirming(false);
    rotate.reset();
  };
  const confirm = async () => {
    const answer = await rotate.run({ profile, accountId: account.id });
    if (answer) {
      setConfirming(false);
      onIssued(answer);
    }
  };

  return (
    <Stack gap={4} data-testid="client-secret">
      <Title order={4}>Machine-to-machine client</Title>
      {issued ? (
        <Text size="sm">
          Client id <Code data-testid="client-secret-client-id">{account.client_id}</Code>. The secret was shown once when it was issued;
          it cannot be shown again, only replaced.
        </Text>
      ) : (
        <Text size="sm" c="dimmed">
          No client secret yet. Issue one if a program should obtain tokens as this account with the client_credentials grant.
        </Text>
      )}
      <Button variant="default" w="fit-content" data-testid="client-secret-rotate" onClick={() => setConfirming(true)}>
        {issued ? 'Rotate client secret' : 'Issue client secret'}
      </Button>
      {confirming && (
        <Modal opened onClose={close} title={issued ? 'Replace the client secret?' : 'Issue a client secret?'} closeOnClickOutside={!rotate.pending} closeOnEscape={!rotate.pending}>
          <Stack gap="sm" data-testid="client-secret-confirm-dialog">
            {issued ? (
              <Text size="sm">
                The current client secret <strong>stops working at once</strong>: anything using it can no longer obtain tokens until it is
                given the new one. There is no overlap. The client id stays the same.
              </Text>
            ) : (
              <Text size="sm">
                {account.name} gets a client id and a secret. With them, a program obtains tokens as this account, so treat the secret like
                a password.
              </Text>
            )}
            <Text size="sm">The new secret is shown once, right after it is issued.</Text>
            {rotate.error && !needsStepUp(rotate.error) && <Failure what="No client secret was issued." error={rotate.error} />}
            <StepUpNotice profile={profile} error={rotate.error} onConfirmed={() => void confirm()} />
            <Group justify="flex-end">
              <Button variant="default" onClick={close} disabled={rotate.pending}>
                Cancel
              </Button>
              <Button color={issued ? 'red' : undefined} data-testid="client-secret-confirm" loading={rotate.pending} onClick={() => void confirm()}>
                {issued ? 'Replace the secret now' : 'Issue the secret'}
              </Button>
            </Group>
          </Stack>
        </Modal>
      )}
    </Stack>
  );
}
