import { Alert, Button, Group, Text } from '@mantine/core';
import { useQueryClient } from '@tanstack/react-query';
import { useCallback, useEffect, useRef, useState } from 'react';

import { actingEnded, STOP_ACTING_KEY, useActingNotice, useStopActing, type OnBehalf } from '../../ipc';

/** Height of the banner in the header: the shell adds it to the header's own. */
export const BANNER_HEIGHT = 40;

const nowSeconds = () => Math.floor(Date.now() / 1000);

/** "09:59": minutes and seconds left, never below zero. */
export const mmss = (seconds: number) => {
  const s = Math.max(0, Math.floor(seconds));
  return `${String(Math.floor(s / 60)).padStart(2, '0')}:${String(s % 60).padStart(2, '0')}`;
};

/**
 * Shown the whole time an OWNER acts for someone, above everything else: for whom, why, the time
 * left (to the second) and Stop. At zero, or when any call answers that acting is over
 * (`acting_ended`), it stops by itself; the owner's own screens then say why.
 */
export function ActingBanner({ profile, acting }: { profile: string; acting: OnBehalf }) {
  const client = useQueryClient();
  const stop = useStopActing();
  const name = acting.subject_name;
  const [now, setNow] = useState(nowSeconds);
  useEffect(() => {
    const t = setInterval(() => setNow(nowSeconds()), 1000);
    return () => clearInterval(t);
  }, []);
  const left = acting.expires_at === undefined ? null : acting.expires_at - now;

  // One stop at a time: the countdown, an error answer and a click may arrive together. The
  // automatic stops (at zero, on `acting_ended`) are tried once; after a failure the error shows
  // beside the button and a click tries again.
  const inFlight = useRef(false);
  const autoTried = useRef(false);
  const { mutate } = stop;
  const end = useCallback(
    (notice: string) => {
      if (inFlight.current) return;
      inFlight.current = true;
      mutate({ profile, notice }, { onSettled: () => (inFlight.current = false) });
    },
    [mutate, profile],
  );
  const ended = `Your time acting for ${name} ended; you are back in your own session.`;
  const endByItself = useCallback(() => {
    if (autoTried.current) return;
    autoTried.current = true;
    end(ended);
  }, [end, ended]);

  useEffect(() => {
    if (left !== null && left <= 0) endByItself();
  }, [left, endByItself]);

  // Any query or mutation of any screen answered `acting_ended`: the window closed at the platform.
  useEffect(() => {
    const queries = client.getQueryCache().subscribe((e) => {
      if (e.type === 'updated' && e.action.type === 'error' && actingEnded(e.action.error)) endByItself();
    });
    const mutations = client.getMutationCache().subscribe((e) => {
      const own = e.mutation?.options.mutationKey?.[0] === STOP_ACTING_KEY[0];
      if (e.type === 'updated' && e.action.type === 'error' && !own && actingEnded(e.action.error)) endByItself();
    });
    return () => {
      queries();
      mutations();
    };
  }, [client, endByItself]);

  return (
    <Group
      role="status"
      data-testid="acting-banner"
      h={BANNER_HEIGHT}
      px="lg"
      gap="md"
      wrap="nowrap"
      justify="space-between"
      bg="var(--ac-banner)"
      style={{ borderBottom: '2px solid var(--mantine-color-orange-6)' }}
    >
      <Group gap="md" wrap="nowrap" style={{ minWidth: 0 }}>
        <Text size="sm" fw={700} c="var(--ac-banner-text)" style={{ whiteSpace: 'nowrap' }} data-testid="acting-subject">
          Acting for {name}
        </Text>
        {acting.reason && (
          <Text size="sm" truncate="end" title={acting.reason} data-testid="acting-reason-shown">
            Reason: {acting.reason}
          </Text>
        )}
      </Group>
      <Group gap="sm" wrap="nowrap">
        {stop.error && (
          <Text size="xs" c="red" role="alert" data-testid="acting-stop-error">
            {stop.error.message}
          </Text>
        )}
        {left !== null && (
          // Not announced every second: the banner's role announces it once, when it appears.
          <Text size="sm" fw={600} aria-live="off" title="Time left" style={{ fontVariantNumeric: 'tabular-nums' }} data-testid="acting-time-left">
            {mmss(left)} left
          </Text>
        )}
        <Button
          size="xs"
          color="orange"
          data-testid="acting-stop"
          loading={stop.isPending}
          onClick={() => end(`You stopped acting for ${name}; you are back in your own session.`)}
        >
          Stop acting
        </Button>
      </Group>
    </Group>
  );
}

/**
 * After acting: why it ended, on the owner's own screens until dismissed. It floats below the
 * header, so the directory below keeps its full height and scroll position.
 */
export function ActingEndedNotice({ profile }: { profile: string }) {
  const { notice, dismiss } = useActingNotice(profile);
  if (!notice) return null;
  return (
    <Alert
      color="orange"
      variant="filled"
      role="status"
      withCloseButton
      closeButtonLabel="Dismiss"
      onClose={dismiss}
      data-testid="acting-ended"
      maw={440}
      style={{ position: 'fixed', top: 'calc(var(--app-shell-header-offset, 56px) + 12px)', right: 16, zIndex: 200 }}
    >
      {notice}
    </Alert>
  );
}
