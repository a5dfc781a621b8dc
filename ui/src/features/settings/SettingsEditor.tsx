import { Alert, Button, Card, Group, Stack, Text, Title } from '@mantine/core';
import { useCallback, useState } from 'react';

import { useCheckSettings, usePreviewSettings, useSaveSettings, type SettingChange, type SettingField, type Settings, type SettingsView } from '../../ipc';
import { ChangesTable } from './ChangesTable';
import { groupFields, problemsOf, rebase, stage, valueIn, type Edits } from './draft';
import { FieldRow } from './FieldRow';
import { SettingsConflict } from './SettingsConflict';
import { SettingsReview } from './SettingsReview';

/** Edits and the version they were staged on (a save names it: If-Match). */
interface Staged {
  base: Settings;
  edits: Edits;
}

interface Conflict {
  message: string;
  current: Settings;
  serverChanges: SettingChange[];
}

/** Why this person may not change `field`, in plain words; null when they may. */
export function lockedReason(view: SettingsView, field: SettingField): string | null {
  if (view.editable.includes(field.key)) return null;
  if (view.rights === 'read_only') return 'Your role may read the settings but not change them.';
  if (!field.member_editable) return `Only a config Owner may change this: ${field.owner_only_reason ?? 'ask a config Owner of your organization.'}`;
  return 'The platform does not let your role change this setting.';
}

/**
 * The settings form: edits are staged locally and checked as typed, reviewed with the server's
 * diff, then saved with a reason against the version they were staged on. Someone else's save
 * meanwhile is shown field by field, and mine can be put on top of it.
 */
export function SettingsEditor({ profile, view }: { profile: string; view: SettingsView }) {
  const preview = usePreviewSettings();
  const save = useSaveSettings();
  const [staged, setStaged] = useState<Staged | null>(null);
  const [reviewing, setReviewing] = useState(false);
  const [reason, setReason] = useState('');
  const [conflict, setConflict] = useState<Conflict | null>(null);
  const [saved, setSaved] = useState<{ version: number; changes: SettingChange[] } | null>(null);

  const { schema } = view;
  const base = staged?.base ?? view.settings;
  const edits = staged?.edits ?? {};
  const check = useCheckSettings(schema, edits);
  const problems = problemsOf(check.data ?? [], edits);
  const stagedCount = Object.keys(edits).length;
  const problemCount = Object.keys(problems).length;

  const onChange = (field: SettingField, value: unknown) => {
    setSaved(null);
    const next = stage(edits, base, field, value);
    setStaged(Object.keys(next).length > 0 ? { base, edits: next } : null);
  };
  const runPreview = (from: Settings, changes: Edits) => preview.mutate({ profile, baseVersion: from.version, changes });
  const review = () => {
    save.reset();
    setReviewing(true);
    runPreview(base, edits);
  };
  const backToEditing = () => {
    setReviewing(false);
    preview.reset();
    save.reset();
  };
  const discard = () => {
    setStaged(null);
    setConflict(null);
    backToEditing();
  };
  const submit = () =>
    save.mutate(
      { profile, baseVersion: base.version, changes: edits, reason: reason.trim() },
      {
        onSuccess: (result) => {
          if (result.outcome === 'conflict') {
            setConflict({ message: result.message, current: result.current, serverChanges: result.server_changes });
            return;
          }
          setSaved({ version: result.settings.version, changes: preview.data?.changes ?? [] });
          setStaged(null);
          setReason('');
          backToEditing();
        },
      },
    );
  const reapply = (c: Conflict) => {
    const mine = rebase(edits, c.current, schema);
    setConflict(null);
    save.reset();
    if (Object.keys(mine).length === 0) return discard();
    setStaged({ base: c.current, edits: mine });
    setReviewing(true);
    runPreview(c.current, mine);
  };

  if (conflict) {
    return (
      <SettingsConflict
        message={conflict.message}
        baseVersion={base.version}
        currentVersion={conflict.current.version}
        serverChanges={conflict.serverChanges}
        mine={edits}
        mineLeft={Object.keys(rebase(edits, conflict.current, schema)).length > 0}
        schema={schema}
        onReapply={() => reapply(conflict)}
        onDiscard={discard}
      />
    );
  }
  if (reviewing) {
    return (
      <SettingsReview
        schema={schema}
        preview={{ pending: preview.isPending, error: preview.error, data: preview.data }}
        onRetryPreview={() => runPreview(base, edits)}
        reason={reason}
        onReason={setReason}
        saving={save.isPending}
        saveError={save.error}
        onSave={submit}
        onBack={backToEditing}
      />
    );
  }

  const canEdit = view.editable.length > 0;
  return (
    <Stack gap="md">
      {saved && <Saved {...saved} view={view} onClose={() => setSaved(null)} />}
      {groupFields(schema).map(({ group, fields }) => (
        <Card key={group.id} withBorder radius="md" padding="md" data-testid={`settings-group-${group.id}`}>
          <Title order={3} size="h4" mb="xs">
            {group.label}
          </Title>
          <Stack gap={4}>
            {fields.map((field) => {
              const key = field.key;
              const isStaged = Object.prototype.hasOwnProperty.call(edits, key);
              return (
                <FieldRow
                  key={key}
                  field={field}
                  value={isStaged ? edits[key] : valueIn(base, field)}
                  saved={valueIn(base, field)}
                  staged={isStaged}
                  locked={lockedReason(view, field)}
                  problem={problems[key] ?? null}
                  onChange={(v) => onChange(field, v)}
                />
              );
            })}
          </Stack>
        </Card>
      ))}
      {canEdit && (
        <Card withBorder radius="md" padding="sm" pos="sticky" bottom={0} style={{ zIndex: 2 }}>
          <Group justify="space-between">
            <Text size="sm" c={problemCount > 0 ? 'red' : 'dimmed'} data-testid="settings-staged-count" aria-live="polite">
              {stagedCount === 0
                ? 'No changes yet. Nothing is sent until you review and save.'
                : problemCount > 0
                  ? `${stagedCount} ${stagedCount === 1 ? 'change' : 'changes'}; fix the ${problemCount} marked ${problemCount === 1 ? 'field' : 'fields'} to review.`
                  : `${stagedCount} ${stagedCount === 1 ? 'change' : 'changes'} staged, not saved yet.`}
            </Text>
            <Group gap="xs">
              {stagedCount > 0 && (
                <Button variant="default" data-testid="settings-discard" onClick={discard}>
                  Discard changes
                </Button>
              )}
              <Button data-testid="settings-review" disabled={stagedCount === 0 || problemCount > 0} onClick={review}>
                Review changes
              </Button>
            </Group>
          </Group>
        </Card>
      )}
    </Stack>
  );
}

function Saved({ version, changes, view, onClose }: { version: number; changes: SettingChange[]; view: SettingsView; onClose: () => void }) {
  // The Save button that had the focus is gone; the confirmation takes it.
  const focusOnMount = useCallback((el: HTMLDivElement | null) => el?.focus(), []);
  return (
    <Alert
      color="green"
      title={`Saved as version ${version}`}
      withCloseButton
      onClose={onClose}
      data-testid="settings-saved"
      data-version={version}
      role="status"
      ref={focusOnMount}
      tabIndex={-1}
    >
      <Stack gap={4}>
        <ChangesTable changes={changes} schema={view.schema} oldLabel="Before" newLabel="Now" />
        <Text size="xs">Recorded in the history and the audit trail with your reason. An Owner can restore the previous version.</Text>
      </Stack>
    </Alert>
  );
}
