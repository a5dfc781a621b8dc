import { Alert, Button, Code, Group, Modal, Stack, Text } from '@mantine/core';
import { useState } from 'react';

import { ErrorAlert } from '../../components/ErrorAlert';
import { copySecret, toIpcError, type IpcError, type OneTimeInvitation } from '../../ipc';
import { formatTime } from '../../lib/time';

/**
 * The one place an invitation's link is shown, as a key's secret is: it arrives as a prop from
 * whoever opened the dialog, which drops it on close; it is never cached, stored or logged.
 * Closing without having copied it asks first, since it cannot be shown again (a re-send
 * issues a new one).
 */
export function LinkDialog({ answer, onClose }: { answer: OneTimeInvitation; onClose: () => void }) {
  const { invitation } = answer;
  const [clearsIn, setClearsIn] = useState<number | null>(null);
  const copied = clearsIn !== null;
  const [copyError, setCopyError] = useState<IpcError | null>(null);
  const [asking, setAsking] = useState(false);

  const copy = () => {
    setCopyError(null);
    copySecret(answer.accept_url).then(
      (secs) => setClearsIn(secs),
      (e: unknown) => setCopyError(toIpcError(e)),
    );
  };
  const requestClose = () => (copied ? onClose() : setAsking(true));

  return (
    <Modal opened onClose={requestClose} title={`Invitation for ${invitation.display_name}`} size="lg" closeOnClickOutside={false} centered>
      <Stack gap="sm" data-testid="invite-link-dialog">
        <Alert color="orange" title="This link will not be shown again. Send it now.">
          Whoever opens it can set the password of {invitation.display_name}: send it to {invitation.email} only. If it is lost, re-send the
          invitation for a new link.
        </Alert>
        <Text size="sm">
          It works until <strong>{formatTime(invitation.expires_at)}</strong>.
        </Text>
        <Code block data-testid="invite-link" style={{ userSelect: 'all', wordBreak: 'break-all', whiteSpace: 'pre-wrap' }}>
          {answer.accept_url}
        </Code>
        <Text size="xs" c="dimmed">
          Or they type this code on the platform&apos;s invitation page: <Code data-testid="invite-code">{answer.code}</Code>
        </Text>
        <Group gap="sm">
          <Button data-testid="invite-link-copy" onClick={copy} variant={copied ? 'light' : 'filled'}>
            {copied ? 'Copy again' : 'Copy link'}
          </Button>
          {copied && (
            <Text size="sm" c="green.8" role="status" data-testid="invite-link-copied">
              Copied — the clipboard is cleared in {clearsIn} s
            </Text>
          )}
        </Group>
        {copyError && <ErrorAlert error={copyError} title="It was not copied." />}
        {asking ? (
          <Alert color="yellow" title="Have you sent the link?" data-testid="invite-link-ask">
            <Stack gap="xs">
              <Text size="sm">You have not copied it here. Once this dialog is closed, it cannot be shown again.</Text>
              <Group gap="xs">
                <Button size="xs" color="red" variant="light" data-testid="invite-link-close-confirm" onClick={onClose}>
                  Yes — close
                </Button>
                <Button size="xs" variant="default" onClick={() => setAsking(false)}>
                  Go back
                </Button>
              </Group>
            </Stack>
          </Alert>
        ) : (
          <Group justify="flex-end">
            <Button variant="default" data-testid="invite-link-close" onClick={requestClose}>
              {copied ? 'Done — close' : 'Close'}
            </Button>
          </Group>
        )}
      </Stack>
    </Modal>
  );
}
