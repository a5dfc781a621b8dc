import { Button, Card, Center, FocusTrap, Group, Loader, Stack, Text, Title } from '@mantine/core';
import { useEffect, useId, useRef } from 'react';
import { createPortal } from 'react-dom';

import { ErrorAlert } from '../components/ErrorAlert';
import type { IpcError } from '../ipc';

interface Props {
  minutes: number;
  name: string;
  signingIn: boolean;
  signInError: IpcError | null;
  /** The session could not be ended at the server (it is gone from this computer either way). */
  lockError: IpcError | null;
  onSignIn: () => void;
  onCancel: () => void;
}

/**
 * Covers the whole window after the idle time. It is opaque, and everything else on the page
 * (the shell, and any dialog or menu portalled beside it) is made inert and hidden from
 * assistive technology while it shows, so nothing underneath can be read or reached.
 */
export function IdleLockScreen({ minutes, name, signingIn, signInError, lockError, onSignIn, onCancel }: Props) {
  const titleId = useId();
  const root = useRef<HTMLDivElement>(null);

  useEffect(() => {
    const own = root.current;
    const changed: Element[] = [];
    for (const el of Array.from(document.body.children)) {
      if (el === own || el.hasAttribute('inert')) continue;
      el.setAttribute('inert', '');
      el.setAttribute('aria-hidden', 'true');
      changed.push(el);
    }
    return () => {
      for (const el of changed) {
        el.removeAttribute('inert');
        el.removeAttribute('aria-hidden');
      }
    };
  }, []);

  return createPortal(
    <div
      ref={root}
      data-testid="idle-lock"
      role="dialog"
      aria-modal="true"
      aria-labelledby={titleId}
      style={{ position: 'fixed', inset: 0, zIndex: 10_000, background: 'var(--mantine-color-gray-1)' }}
      // Keys stay here: an Escape must not reach a dialog of the covered window.
      onKeyDown={(e) => e.stopPropagation()}
    >
      <Center h="100%" p="md">
        <FocusTrap active>
          <Card withBorder shadow="md" radius="md" padding="xl" w={480} maw="100%">
            <Stack gap="md">
              <Title order={2} id={titleId}>
                Access Console is locked
              </Title>
              <Text data-testid="idle-lock-reason">
                Locked after {minutes} {minutes === 1 ? 'minute' : 'minutes'} without activity, as your organization requires.
              </Text>
              <Text size="sm" c="dimmed">
                You were signed out and your access was forgotten on this computer. Sign in again as {name} to carry on where
                you left off; nothing you had open is lost. Someone else signing in starts afresh.
              </Text>
              {lockError && (
                <Text size="xs" c="dimmed" data-testid="idle-lock-warning">
                  The platform could not be told that this session ended ({lockError.message}); it is gone from this
                  computer.
                </Text>
              )}
              {signInError && <ErrorAlert error={signInError} />}
              {signingIn ? (
                <Group justify="space-between" wrap="nowrap">
                  <Group gap="sm" wrap="nowrap">
                    <Loader size="sm" />
                    <Text>Finish signing in in your browser…</Text>
                  </Group>
                  <Button variant="default" onClick={onCancel} data-autofocus>
                    Cancel
                  </Button>
                </Group>
              ) : (
                <Button data-testid="idle-sign-in" size="md" onClick={onSignIn} data-autofocus>
                  Sign in again
                </Button>
              )}
            </Stack>
          </Card>
        </FocusTrap>
      </Center>
    </div>,
    document.body,
  );
}
