import { Alert, Badge, Button, Group, Stack, Text } from '@mantine/core';
import { useCallback } from 'react';

import type { SettingChange, SettingsSchema } from '../../ipc';
import { ChangesTable } from './ChangesTable';
import type { Edits } from './draft';
import { fieldOf, formatValue } from './format';

interface Props {
  message: string;
  /** The version my edits were staged on, and the server's version now. */
  baseVersion: number;
  currentVersion: number;
  serverChanges: SettingChange[];
  mine: Edits;
  /** Whether any of mine still differs from the server's values. */
  mineLeft: boolean;
  schema: SettingsSchema;
  onReapply: () => void;
  onDiscard: () => void;
}

/** Someone saved while I was editing: what they changed, and a way on with mine. */
export function SettingsConflict({ message, baseVersion, currentVersion, serverChanges, mine, mineLeft, schema, onReapply, onDiscard }: Props) {
  const focusOnMount = useCallback((el: HTMLDivElement | null) => el?.focus(), []);
  return (
    <Alert
      color="yellow"
      title="Someone else saved the settings while you were editing"
      data-testid="settings-conflict-panel"
      role="alert"
      ref={focusOnMount}
      tabIndex={-1}
    >
      <Stack gap="xs">
        <Text size="sm">
          Nothing of yours was saved. You started from version {baseVersion}; the server is at version {currentVersion} now.{' '}
          {message}
        </Text>
        <Text size="sm" fw={500}>
          What changed on the server meanwhile:
        </Text>
        <ChangesTable
          changes={serverChanges}
          schema={schema}
          oldLabel={`In version ${baseVersion}`}
          newLabel="Their value (now)"
          empty="No field differs: they saved the same values."
          extra={{
            label: 'Yours',
            cell: (c) =>
              c.key in mine ? (
                <Group gap={4}>
                  <Badge size="xs" color="orange" variant="light">
                    you changed it too
                  </Badge>
                  <Text size="sm" style={{ whiteSpace: 'pre-line' }}>
                    {formatValue(fieldOf(schema, c.key), mine[c.key])}
                  </Text>
                </Group>
              ) : (
                <Text size="sm" c="dimmed">
                  —
                </Text>
              ),
          }}
          data-testid="settings-conflict"
        />
        <Group gap="xs">
          {mineLeft && (
            <Button size="xs" onClick={onReapply} data-testid="settings-reapply">
              Re-apply my changes on top
            </Button>
          )}
          <Button size="xs" variant="default" onClick={onDiscard} data-testid="settings-conflict-discard">
            {mineLeft ? 'Discard my changes' : 'Keep theirs'}
          </Button>
        </Group>
        <Text size="xs" c="dimmed">
          {mineLeft
            ? 'Re-applying stages your values on the new version and takes you back to the review; where you both changed a field, yours replaces theirs. Nothing is sent until you save again.'
            : 'The server already has every value you staged.'}
        </Text>
      </Stack>
    </Alert>
  );
}
