import { Badge, Box, Group, Stack, Text } from '@mantine/core';

import type { FieldError, SettingField } from '../../ipc';
import { formatValue } from './format';
import { LockIcon } from './LockIcon';
import { knownKind, SettingInput } from './SettingInput';

interface Props {
  field: SettingField;
  /** What the input shows: the staged value, or the saved one. */
  value: unknown;
  /** The value in the version the edits are staged on. */
  saved: unknown;
  staged: boolean;
  /** Why the person may not change it; null when they may. */
  locked: string | null;
  /** The platform's refusal of the staged value, from the schema it served. */
  problem: FieldError | null;
  onChange: (value: unknown) => void;
}

/** One setting: label, description and input from the schema; staged, locked or invalid. */
export function FieldRow({ field, value, saved, staged, locked, problem, onChange }: Props) {
  const known = knownKind(field);
  const description = (
    <>
      {field.description}
      {!known && ' This version of the console cannot change this kind of setting; it is shown as stored.'}
    </>
  );
  return (
    <Box
      data-testid={`setting-${field.key}`}
      data-staged={staged || undefined}
      data-locked={locked !== null || undefined}
      p="sm"
      style={{
        borderRadius: 'var(--mantine-radius-sm)',
        // Colour is not the only signal: a "Changed" badge and the saved value go with it.
        borderLeft: `4px solid ${staged ? 'var(--mantine-color-yellow-6)' : 'transparent'}`,
        background: staged ? 'var(--mantine-color-yellow-0)' : undefined,
      }}
    >
      <Stack gap={6}>
        {staged && (
          <Group gap="xs">
            <Badge size="sm" color="yellow" variant="filled">
              Changed
            </Badge>
            <Text size="xs" c="dimmed" style={{ whiteSpace: 'pre-line' }}>
              Saved value: {formatValue(field, saved)}
            </Text>
          </Group>
        )}
        <SettingInput field={field} value={value} readOnly={locked !== null || !known} error={problem} description={description} onChange={onChange} />
        {locked && (
          <Group gap={6} wrap="nowrap" align="flex-start" data-testid={`setting-locked-${field.key}`} c="dimmed">
            <Box mt={2}>
              <LockIcon />
            </Box>
            <Text size="xs">{locked}</Text>
          </Group>
        )}
      </Stack>
    </Box>
  );
}
