import { Alert, Button, Group, Loader, Modal, Stack, Text, Textarea } from '@mantine/core';
import { useState } from 'react';

import { ErrorAlert } from '../../components/ErrorAlert';
import { StepUpNotice } from '../../components/StepUpNotice';
import { needsStepUp, useRestoreSettings, useSettingsDiff, type Settings, type SettingsSchema, type SettingsVersion } from '../../ipc';
import { ChangesTable } from './ChangesTable';

interface Props {
  profile: string;
  version: SettingsVersion;
  /** The settings as the server has them now: the restore is based on this version. */
  current: Settings;
  schema: SettingsSchema;
  onClose: () => void;
  onRestored: (restored: number, as: Settings) => void;
}

/** Asks before an Owner restores an old version: what it will change now, and why. */
export function RestoreDialog({ profile, version, current, schema, onClose, onRestored }: Props) {
  const diff = useSettingsDiff(profile, current.version, version.version);
  const restore = useRestoreSettings();
  const [reason, setReason] = useState('');
  // Someone saved meanwhile: the diff above is now against their version; check it again.
  const [overtaken, setOvertaken] = useState<number | null>(null);
  const nothing = diff.data !== undefined && diff.data.changes.length === 0;

  const confirm = () =>
    restore.mutate(
      { profile, version: version.version, baseVersion: current.version, reason: reason.trim() },
      {
        onSuccess: (result) => {
          if (result.outcome === 'saved') onRestored(version.version, result.settings);
          else setOvertaken(result.current.version);
        },
      },
    );

  return (
    <Modal
      opened
      onClose={onClose}
      title={`Restore version ${version.version}?`}
      size="lg"
      closeOnClickOutside={false}
      closeOnEscape={!restore.isPending}
      data-testid="settings-restore-dialog"
    >
      <Stack gap="sm">
        <Text size="sm">
          Restoring makes the values of version {version.version} current again, as a new version. Version {current.version} and
          every other version stay in the history.
        </Text>
        {overtaken !== null && (
          <Alert color="yellow" data-testid="settings-restore-conflict" role="alert" title="Someone saved in the meantime">
            The settings are at version {overtaken} now, so nothing was restored. The changes below are against that version:
            check them and confirm again.
          </Alert>
        )}
        <Text size="sm" fw={500}>
          What will change:
        </Text>
        {diff.isPending ? (
          <Group gap="xs">
            <Loader size="xs" />
            <Text size="sm" c="dimmed">
              Comparing with the current version…
            </Text>
          </Group>
        ) : diff.error ? (
          <ErrorAlert error={diff.error} />
        ) : (
          <ChangesTable
            changes={diff.data.changes}
            schema={schema}
            oldLabel={`Now (version ${current.version})`}
            newLabel={`After restoring version ${version.version}`}
            empty={`Version ${version.version} has the same values as now: restoring would change nothing.`}
            data-testid="settings-restore-diff"
          />
        )}
        <Textarea
          data-testid="settings-restore-reason"
          label="Reason"
          description="Required. Kept with the new version and in the audit trail."
          placeholder="e.g. Undo yesterday's change to the support address"
          required
          autosize
          minRows={2}
          value={reason}
          onChange={(e) => setReason(e.currentTarget.value)}
        />
        {restore.error && !needsStepUp(restore.error) && <ErrorAlert error={restore.error} />}
        <StepUpNotice profile={profile} error={restore.error} onConfirmed={confirm} />
        <Group justify="flex-end">
          <Button variant="default" onClick={onClose} disabled={restore.isPending}>
            Cancel
          </Button>
          <Button
            color="orange"
            data-testid="settings-restore-confirm"
            disabled={reason.trim() === '' || diff.data === undefined || nothing}
            loading={restore.isPending}
            onClick={confirm}
          >
            Restore version {version.version}
          </Button>
        </Group>
      </Stack>
    </Modal>
  );
}
