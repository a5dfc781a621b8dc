import { Alert, Button, Group, Modal, SegmentedControl, Stack, Text, TextInput } from '@mantine/core';
import { useState } from 'react';

import { StepUpNotice } from '../../components/StepUpNotice';
import { needsStepUp, useCurrentSession, useRotateApiKey, type ApiKey, type OneTimeSecret } from '../../ipc';
import { DEFAULT_EXPIRY, expiresAt, ExpiryField, type Expiry } from './ExpiryField';
import { Failure } from './Failure';
import { LastUsed } from './LastUsed';
import { DAY, formatTime, HOUR, relative, useNowSeconds } from './time';

export const OVERLAPS = [
  { value: String(HOUR), label: '1 hour' },
  { value: String(DAY), label: '24 hours' },
  { value: String(7 * DAY), label: '7 days' },
];

/** The choices, with the organization's default (`key_rotation_overlap_hours`) among them, marked. */
export function overlapChoices(defaultSeconds: number) {
  const choices = OVERLAPS.some((o) => o.value === String(defaultSeconds))
    ? OVERLAPS
    : [...OVERLAPS, { value: String(defaultSeconds), label: defaultSeconds === 0 ? 'none' : `${defaultSeconds / HOUR} hours` }];
  return choices
    .map((o) => (o.value === String(defaultSeconds) ? { ...o, label: `${o.label} (default)` } : o))
    .sort((a, b) => Number(a.value) - Number(b.value));
}

/** When the old key stops: after the overlap, or at its own expiry if that comes first. */
export const oldKeyStops = (key: Pick<ApiKey, 'expires_at'>, now: number, overlapSeconds: number) =>
  Math.min(key.expires_at, now + overlapSeconds);

interface Props {
  profile: string;
  apiKey: ApiKey;
  onClose: () => void;
  onIssued: (answer: OneTimeSecret) => void;
}

/**
 * Replacing a key without an outage: a new key now, the old one still accepted for an overlap
 * the owner chooses, long enough to deploy the new one everywhere the old one is used.
 */
export function RotateDialog({ profile, apiKey, onClose, onIssued }: Props) {
  const now = useNowSeconds(15_000);
  const rotate = useRotateApiKey();
  // The organization's setting, as the platform reported it at sign-in; a day if it says none.
  const orgHours = useCurrentSession(profile).data?.me.key_rotation_overlap_hours;
  const defaultOverlap = orgHours === undefined ? DAY : orgHours * HOUR;
  const [picked, setOverlap] = useState<string | null>(null);
  const overlap = picked ?? String(defaultOverlap);
  const [name, setName] = useState(apiKey.name);
  const [expiry, setExpiry] = useState<Expiry>(DEFAULT_EXPIRY);
  const at = expiresAt(expiry, now);
  const stops = oldKeyStops(apiKey, now, Number(overlap));
  const ready = name.trim() !== '' && at !== null && !rotate.pending;

  const submit = async () => {
    if (!ready || at === null) return;
    const answer = await rotate.run({
      profile,
      accountId: apiKey.account_id,
      keyId: apiKey.id,
      rotate: { name: name.trim(), expires_at: at, overlap_seconds: Number(overlap) },
    });
    if (answer) onIssued(answer);
  };

  return (
    <Modal opened onClose={onClose} title={`Rotate the key ${apiKey.prefix}…`} size="lg" closeOnClickOutside={!rotate.pending} closeOnEscape={!rotate.pending}>
      <Stack gap="sm" data-testid="key-rotate-dialog">
        <Stack gap={2}>
          <Text size="sm" fw={500}>
            The key being replaced: {apiKey.name}
          </Text>
          <LastUsed apiKey={apiKey} now={now} testId="key-rotate-last-used" />
        </Stack>
        <Stack gap={4}>
          <Text size="sm" fw={500}>
            How long should the old key keep working?
          </Text>
          <SegmentedControl data={overlapChoices(defaultOverlap)} value={overlap} onChange={setOverlap} data-testid="key-rotate-overlap" w="fit-content" />
          <Alert color="blue" data-testid="key-rotate-old-stops">
            If you rotate now, the old key keeps working until <strong>{formatTime(stops)}</strong> ({relative(stops, now)}), then
            stops. Put the new key in place everywhere before then.
            {stops < now + Number(overlap) && ' (Its own expiry comes before the end of the overlap.)'}
          </Alert>
        </Stack>
        <TextInput
          label="Name of the new key"
          required
          value={name}
          onChange={(e) => setName(e.currentTarget.value)}
          data-testid="key-rotate-name"
        />
        <ExpiryField value={expiry} onChange={setExpiry} now={now} testId="key-rotate-expiry" />
        <Text size="sm">The new key works at once and is shown once, right after it is issued.</Text>
        {rotate.error && !needsStepUp(rotate.error) && <Failure what="The key was not rotated." error={rotate.error} />}
        <StepUpNotice profile={profile} error={rotate.error} onConfirmed={() => void submit()} />
        <Group justify="flex-end">
          <Button variant="default" onClick={onClose} disabled={rotate.pending}>
            Cancel
          </Button>
          <Button data-testid="key-rotate-submit" disabled={!ready} loading={rotate.pending} onClick={() => void submit()}>
            Issue the new key
          </Button>
        </Group>
      </Stack>
    </Modal>
  );
}
