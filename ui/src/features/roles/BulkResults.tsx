import { Alert, Badge, Button, Group, Stack, Text, Title } from '@mantine/core';
import { useState } from 'react';

import { ErrorAlert } from '../../components/ErrorAlert';
import { useApplyRoleBatch, type BatchApplied } from '../../ipc';
import { BulkPlanTable } from './BulkPlanTable';
import { undoReason } from './bulk';

interface Props {
  profile: string;
  applied: BatchApplied;
  reason: string;
  onClose: () => void;
}

/** What the batch did to each person, and a confirmed way to put it back. */
export function BulkResults({ profile, applied, reason, onClose }: Props) {
  const undo = useApplyRoleBatch();
  const [confirming, setConfirming] = useState(false);
  const done = applied.result.items.filter((o) => o.applied).length;
  const refused = applied.result.items.filter((o) => o.problem).length;

  return (
    <Stack gap="sm">
      <Stack gap="sm" data-testid="bulk-results">
        <Title order={4}>Changes applied</Title>
        <Group gap="xs">
          <Badge color="green" variant="light">
            {done} changed
          </Badge>
          {refused > 0 && (
            <Badge color="red" variant="light">
              {refused} refused
            </Badge>
          )}
        </Group>
        {refused > 0 && (
          <Text size="sm">Some people were refused by the server (for example, someone changed them after the preview).</Text>
        )}
        <BulkPlanTable outcomes={applied.result.items} dryRun={false} data-testid="bulk-results-table" />
      </Stack>

      {undo.data ? (
        <Stack gap="sm" data-testid="bulk-undo-results">
          <Title order={4}>Undone</Title>
          <Text size="sm">
            {undo.data.result.items.filter((o) => o.applied).length} of {applied.undo.length} people have their earlier roles back.
          </Text>
          <BulkPlanTable outcomes={undo.data.result.items} dryRun={false} data-testid="bulk-undo-table" />
        </Stack>
      ) : confirming ? (
        <Alert color="orange" title="Undo these changes?" data-testid="bulk-undo-confirmation">
          <Stack gap="xs">
            <Text size="sm">
              This puts back the earlier roles of {applied.undo.length} {applied.undo.length === 1 ? 'person' : 'people'}. Anyone
              changed again since will be left alone. The reason recorded is “{undoReason(reason)}”.
            </Text>
            {undo.error && <ErrorAlert error={undo.error} />}
            <Group gap="xs">
              <Button
                color="orange"
                data-testid="bulk-undo-confirm"
                loading={undo.isPending}
                onClick={() => undo.mutate({ profile, items: applied.undo, reason: undoReason(reason) })}
              >
                Yes, undo
              </Button>
              <Button variant="default" onClick={() => setConfirming(false)} disabled={undo.isPending}>
                Keep the changes
              </Button>
            </Group>
          </Stack>
        </Alert>
      ) : null}

      <Group justify="flex-end" gap="xs">
        {applied.undo.length > 0 && !undo.data && !confirming && (
          <Button variant="default" color="orange" data-testid="bulk-undo" onClick={() => setConfirming(true)}>
            Undo these changes
          </Button>
        )}
        <Button onClick={onClose} disabled={undo.isPending} data-testid="bulk-done">
          Done
        </Button>
      </Group>
    </Stack>
  );
}
