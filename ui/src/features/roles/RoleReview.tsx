import { Alert, Button, Group, Loader, Stack, Text, Textarea, Title } from '@mantine/core';
import { useCallback } from 'react';

import { ErrorAlert } from '../../components/ErrorAlert';
import { RoleChanges } from '../../components/RoleChanges';
import type { IpcError, RoleChangeOutcome, RoleInfo, StaffRole } from '../../ipc';
import { roleDiff } from '../../lib/roleDiff';
import { problemText } from './problems';

interface Props {
  name: string;
  before: readonly StaffRole[];
  after: readonly StaffRole[];
  catalog: RoleInfo[];
  preview: { pending: boolean; error: IpcError | null; outcome: RoleChangeOutcome | undefined };
  onRetryPreview: () => void;
  reason: string;
  onReason: (reason: string) => void;
  applying: boolean;
  applyError: IpcError | null;
  onApply: () => void;
  onBack: () => void;
}

/** The staged change before it is sent: the difference, the server's verdict, and why. */
export function RoleReview(props: Props) {
  const { name, before, after, catalog, preview, reason, applying } = props;
  const problem = preview.outcome?.problem ?? null;
  const verdictOk = !preview.pending && !preview.error && preview.outcome !== undefined && problem === null;
  const reasonMissing = reason.trim() === '';
  const granted = roleDiff(before, after).added.filter((r) => catalog.find((c) => c.role === r)?.sensitive);
  // Keyboard and screen-reader users land on the step they just opened.
  const focusOnMount = useCallback((el: HTMLHeadingElement | null) => el?.focus(), []);

  return (
    <Stack gap="sm" data-testid="role-review-panel">
      <Title order={4} ref={focusOnMount} tabIndex={-1}>
        Review changes for {name}
      </Title>
      <Text size="sm">Nothing has been changed yet. Applying will make {name}&apos;s roles:</Text>
      <RoleChanges before={before} after={after} withKept data-testid="role-diff" />
      {granted.length > 0 && (
        <Alert color="orange" variant="light" title="Administrative access">
          {granted.join(' and ')} {granted.length === 1 ? 'gives' : 'give'} {name} administrative access to the organization.
        </Alert>
      )}

      {preview.pending ? (
        <Group gap="xs">
          <Loader size="xs" />
          <Text size="sm" c="dimmed">
            Checking with the server (dry run)…
          </Text>
        </Group>
      ) : preview.error ? (
        <Stack gap={4}>
          <ErrorAlert error={preview.error} />
          <Button variant="default" size="xs" onClick={props.onRetryPreview} w="fit-content">
            Check again
          </Button>
        </Stack>
      ) : problem ? (
        <Alert color="red" title="The server would refuse this change" data-testid="role-problem" role="alert">
          <Text size="sm">{problemText(problem)}</Text>
        </Alert>
      ) : (
        verdictOk && (
          <Text size="sm" c="green.8" data-testid="role-preview-ok">
            The server checked this change: it would be accepted.
          </Text>
        )
      )}

      <Textarea
        data-testid="role-reason"
        label="Reason"
        description="Required. Recorded with the change in the audit trail."
        placeholder="e.g. Joined the on-call support rota"
        required
        autosize
        minRows={2}
        value={reason}
        onChange={(e) => props.onReason(e.currentTarget.value)}
      />
      {props.applyError && <ErrorAlert error={props.applyError} />}
      <Group gap="xs">
        <Button
          data-testid="role-apply"
          onClick={props.onApply}
          disabled={!verdictOk || reasonMissing}
          loading={applying}
          color={granted.length > 0 ? 'red' : undefined}
        >
          Apply changes
        </Button>
        <Button variant="default" onClick={props.onBack} disabled={applying}>
          Back to editing
        </Button>
      </Group>
      {verdictOk && reasonMissing && (
        <Text size="xs" c="dimmed">
          Give a reason to apply.
        </Text>
      )}
    </Stack>
  );
}
