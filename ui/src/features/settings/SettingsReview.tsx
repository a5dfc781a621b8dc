import { Alert, Button, Group, List, Loader, Stack, Text, Textarea, Title } from '@mantine/core';
import { useCallback } from 'react';

import { ErrorAlert } from '../../components/ErrorAlert';
import type { IpcError, SettingsPreview, SettingsSchema } from '../../ipc';
import { ChangesTable } from './ChangesTable';

interface Props {
  schema: SettingsSchema;
  preview: { pending: boolean; error: IpcError | null; data: SettingsPreview | undefined };
  onRetryPreview: () => void;
  reason: string;
  onReason: (reason: string) => void;
  saving: boolean;
  saveError: IpcError | null;
  onSave: () => void;
  onBack: () => void;
}

/** The staged values before they are saved: the server's diff, what it would refuse, and why. */
export function SettingsReview({ schema, preview, reason, onReason, saving, saveError, onSave, onBack, onRetryPreview }: Props) {
  const data = preview.data;
  const refused = data?.errors ?? [];
  const ok = !preview.pending && !preview.error && data !== undefined && refused.length === 0 && data.changes.length > 0;
  const reasonMissing = reason.trim() === '';
  // Keyboard and screen-reader users land on the step they just opened.
  const focusOnMount = useCallback((el: HTMLHeadingElement | null) => el?.focus(), []);

  return (
    <Stack gap="sm" data-testid="settings-review-panel">
      <Title order={3} ref={focusOnMount} tabIndex={-1}>
        Review your changes
      </Title>
      <Text size="sm">Nothing has been saved yet. The server compared your changes with the settings it has now:</Text>
      {preview.pending ? (
        <Group gap="xs">
          <Loader size="xs" />
          <Text size="sm" c="dimmed">
            Checking with the server…
          </Text>
        </Group>
      ) : preview.error ? (
        <Stack gap={4}>
          <ErrorAlert error={preview.error} />
          <Button variant="default" size="xs" w="fit-content" onClick={onRetryPreview}>
            Check again
          </Button>
        </Stack>
      ) : (
        data && (
          <>
            <ChangesTable
              changes={data.changes}
              schema={schema}
              oldLabel="Now"
              newLabel="After saving"
              empty="The server already has these values: saving would change nothing."
              data-testid="settings-diff"
            />
            {data.current_version !== data.base_version && (
              <Alert color="yellow" data-testid="settings-stale" title="Someone saved in the meantime">
                You started from version {data.base_version}; the server is at version {data.current_version} now. If you
                save, you will see what they changed and can put your changes on top of theirs.
              </Alert>
            )}
            {refused.length > 0 && (
              <Alert color="red" role="alert" data-testid="settings-refused" title="The platform would refuse these changes">
                <List size="sm">
                  {refused.map((e) => (
                    <List.Item key={`${e.key}:${e.code}`} data-key={e.key}>
                      {e.message}
                    </List.Item>
                  ))}
                </List>
                <Text size="xs" mt={4}>
                  Go back to editing and change or undo these fields.
                </Text>
              </Alert>
            )}
          </>
        )
      )}
      <Textarea
        data-testid="settings-reason"
        label="Reason"
        description="Required. Kept with the new version and in the audit trail, so others know why."
        placeholder="e.g. New help desk address from 1 March"
        required
        autosize
        minRows={2}
        value={reason}
        onChange={(e) => onReason(e.currentTarget.value)}
      />
      {saveError && <ErrorAlert error={saveError} />}
      <Group gap="xs">
        <Button data-testid="settings-save" onClick={onSave} disabled={!ok || reasonMissing} loading={saving}>
          Save
        </Button>
        <Button variant="default" data-testid="settings-back" onClick={onBack} disabled={saving}>
          Back to editing
        </Button>
      </Group>
      {ok && reasonMissing && (
        <Text size="xs" c="dimmed">
          Give a reason to save.
        </Text>
      )}
    </Stack>
  );
}
