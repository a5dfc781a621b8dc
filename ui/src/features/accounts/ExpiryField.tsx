import { NativeSelect, Stack, Text, TextInput } from '@mantine/core';

import { DAY, endOfLocalDay, formatTime, relative, toDateInput } from './time';

export type ExpiryPreset = '30' | '90' | '180' | '365' | 'date';

export interface Expiry {
  preset: ExpiryPreset;
  /** `<input type="date">` value, used with the 'date' preset. */
  date: string;
}

export const DEFAULT_EXPIRY: Expiry = { preset: '90', date: '' };

const PRESETS: { value: ExpiryPreset; label: string }[] = [
  { value: '30', label: 'In 30 days' },
  { value: '90', label: 'In 90 days' },
  { value: '180', label: 'In 180 days' },
  { value: '365', label: 'In 365 days' },
  { value: 'date', label: 'On a date…' },
];

/** When the key stops working, in Unix seconds; null until a date in the future is chosen. */
export function expiresAt(expiry: Expiry, now: number): number | null {
  if (expiry.preset !== 'date') return now + Number(expiry.preset) * DAY;
  const at = endOfLocalDay(expiry.date);
  return at !== null && at > now ? at : null;
}

interface Props {
  value: Expiry;
  onChange: (e: Expiry) => void;
  now: number;
  /** `key-expiry` in the create form; the date input is `${testId}-date`. */
  testId: string;
}

/** A key's expiry: a preset or a date, with the resulting moment spelled out before it is sent. */
export function ExpiryField({ value, onChange, now, testId }: Props) {
  const at = expiresAt(value, now);
  return (
    <Stack gap={4}>
      <NativeSelect
        label="Expires"
        data={PRESETS}
        value={value.preset}
        data-testid={testId}
        onChange={(e) => {
          const preset = e.currentTarget.value as ExpiryPreset;
          // Start the date input at the preset that was chosen, not at an empty field.
          onChange({ preset, date: value.date || toDateInput(now + 90 * DAY) });
        }}
      />
      {value.preset === 'date' && (
        <TextInput
          type="date"
          label="Expiry date"
          description="The key stops working at the end of this day (your time)."
          value={value.date}
          min={toDateInput(now + DAY)}
          data-testid={`${testId}-date`}
          onChange={(e) => onChange({ ...value, date: e.currentTarget.value })}
        />
      )}
      <Text size="xs" c={at === null ? 'red' : 'dimmed'} data-testid={`${testId}-at`}>
        {at === null
          ? 'Choose a date after today.'
          : `It stops working ${formatTime(at)} (${relative(at, now)}). The organization sets a longest lifetime; the platform refuses a later date and names the latest allowed.`}
      </Text>
    </Stack>
  );
}
