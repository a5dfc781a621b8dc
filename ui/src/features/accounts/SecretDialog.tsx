import { Alert, Button, Code, Group, Modal, Stack, Text } from '@mantine/core';
import { useState } from 'react';

import { copySecret, toIpcError, type IpcError, type OneTimeSecret } from '../../ipc';
import { Failure } from './Failure';
import { formatTime } from './time';

/** A credential just issued, and what it is: a new key, a key replacing another, a client secret. */
export interface Revealed {
  what: 'key' | 'rotated' | 'client';
  answer: OneTimeSecret;
}

const TITLES: Record<Revealed['what'], string> = {
  key: 'Your new API key',
  rotated: 'Your new API key (rotation)',
  client: 'Your new client secret',
};

/**
 * The one place a secret is shown. It arrives as a prop from the state of whoever opened the
 * dialog, which drops it on close (this component unmounts with it); it is never cached,
 * stored or logged. Closing without having copied it asks first, since it cannot be shown again.
 */
export function SecretDialog({ revealed, onClose }: { revealed: Revealed; onClose: () => void }) {
  const { answer, what } = revealed;
  // Seconds until the clipboard is cleared (from Rust), once copied.
  const [clearsIn, setClearsIn] = useState<number | null>(null);
  const copied = clearsIn !== null;
  const [copyError, setCopyError] = useState<IpcError | null>(null);
  const [asking, setAsking] = useState(false);
  const noun = what === 'client' ? 'client secret' : 'key';

  const copy = () => {
    setCopyError(null);
    copySecret(answer.secret).then(
      (secs) => setClearsIn(secs),
      (e: unknown) => setCopyError(toIpcError(e)),
    );
  };
  const requestClose = () => (copied ? onClose() : setAsking(true));

  return (
    <Modal opened onClose={requestClose} title={TITLES[what]} size="lg" closeOnClickOutside={false} centered>
      <Stack gap="sm" data-testid="key-secret-dialog">
        <Alert color="orange" title={`This ${noun} will not be shown again. Store it now.`}>
          Copy it into the place it will be used, or into your secrets manager. Nobody can read it back later, not even an owner: if it
          is lost, issue a new one.
        </Alert>
        {answer.client_id && (
          <Stack gap={2}>
            <Text size="sm" fw={500}>
              Client id
            </Text>
            <Code block data-testid="client-id">
              {answer.client_id}
            </Code>
          </Stack>
        )}
        {answer.key && (
          <Text size="sm">
            <strong>{answer.key.name}</strong> ({answer.key.prefix}…), expires {formatTime(answer.key.expires_at)}.
          </Text>
        )}
        <Stack gap={2}>
          <Text size="sm" fw={500}>
            {what === 'client' ? 'Client secret' : 'API key'}
          </Text>
          <Code block data-testid="key-secret" style={{ userSelect: 'all', wordBreak: 'break-all', whiteSpace: 'pre-wrap' }}>
            {answer.secret}
          </Code>
        </Stack>
        {answer.replaced && (
          <Text size="sm" data-testid="key-secret-replaced">
            The old key {answer.replaced.prefix}… keeps working until <strong>{formatTime(answer.replaced.expires_at)}</strong>, then
            stops. Put the new key in place before then.
          </Text>
        )}
        <Group gap="sm">
          <Button data-testid="key-copy" onClick={copy} variant={copied ? 'light' : 'filled'}>
            {copied ? 'Copy again' : 'Copy'}
          </Button>
          {copied && (
            <Text size="sm" c="green.8" data-testid="key-copied" role="status">
              Copied — the clipboard is cleared in {clearsIn} s
            </Text>
          )}
        </Group>
        {copyError && <Failure what="It was not copied." error={copyError} />}
        {copyError && (
          <Text size="sm" c="dimmed">
            Select the {noun} above and copy it by hand.
          </Text>
        )}
        {asking ? (
          <Alert color="yellow" title={`Have you stored the ${noun}?`} data-testid="key-secret-ask">
            <Stack gap="xs">
              <Text size="sm">You have not copied it here. Once this dialog is closed, it cannot be shown again.</Text>
              <Group gap="xs">
                <Button size="xs" color="red" variant="light" data-testid="key-secret-close-confirm" onClick={onClose}>
                  Yes, I stored it — close
                </Button>
                <Button size="xs" variant="default" data-testid="key-secret-close-cancel" onClick={() => setAsking(false)}>
                  Go back
                </Button>
              </Group>
            </Stack>
          </Alert>
        ) : (
          <Group justify="flex-end">
            <Button variant="default" data-testid="key-secret-close" onClick={requestClose}>
              {copied ? 'Done — close' : 'Close'}
            </Button>
          </Group>
        )}
      </Stack>
    </Modal>
  );
}
