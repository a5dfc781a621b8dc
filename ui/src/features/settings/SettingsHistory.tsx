import { Alert, Badge, Button, Center, Checkbox, Group, Loader, ScrollArea, Stack, Table, Text, Title } from '@mantine/core';
import { useState } from 'react';

import { ErrorAlert } from '../../components/ErrorAlert';
import { useSettingsDiff, useSettingsHistory, type SettingsSchema, type SettingsVersion, type SettingsView } from '../../ipc';
import { formatTime } from '../../lib/time';
import { ChangesTable } from './ChangesTable';
import { labelsOf } from './format';
import { RestoreDialog } from './RestoreDialog';

/**
 * Every saved version, newest first: who, when, why and which fields. Any two can be compared;
 * a config Owner can restore an older one (as a new version), a Member cannot.
 */
export function SettingsHistory({ profile, view }: { profile: string; view: SettingsView }) {
  const history = useSettingsHistory(profile);
  const [picked, setPicked] = useState<number[]>([]);
  const [restoring, setRestoring] = useState<SettingsVersion | null>(null);
  const [restored, setRestored] = useState<{ from: number; as: number } | null>(null);
  const versions = history.data?.pages.flatMap((p) => p.versions) ?? [];
  const current = view.settings.version;

  // Ticking a third version lets go of the first one ticked.
  const pick = (v: number, on: boolean) => setPicked((p) => (on ? [...p.filter((x) => x !== v), v].slice(-2) : p.filter((x) => x !== v)));
  const pair: [number, number] | null = picked.length === 2 ? [Math.min(...picked), Math.max(...picked)] : null;

  return (
    <Stack gap="sm" data-testid="settings-history">
      {restored && (
        <Alert color="green" role="status" withCloseButton onClose={() => setRestored(null)} data-testid="settings-restored" title={`Version ${restored.from} restored`}>
          Its values are current again, as version {restored.as}.
        </Alert>
      )}
      <Text size="sm" c="dimmed">
        Tick two versions to see what changed between them.
        {view.can_restore ? ' Restore makes an older version current again, as a new version.' : ''}
      </Text>
      {history.isPending ? (
        <Center p="lg">
          <Loader size="sm" aria-label="Loading the history" />
        </Center>
      ) : history.error ? (
        <ErrorAlert error={history.error} />
      ) : (
        <ScrollArea type="auto">
          <Table striped verticalSpacing="xs" miw={760}>
            <Table.Thead>
              <Table.Tr>
                <Table.Th w={40}>
                  <Text span size="xs" c="dimmed">
                    Compare
                  </Text>
                </Table.Th>
                <Table.Th>Version</Table.Th>
                <Table.Th>When</Table.Th>
                <Table.Th>Who</Table.Th>
                <Table.Th>Reason</Table.Th>
                <Table.Th>Changed</Table.Th>
                {view.can_restore && <Table.Th />}
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {versions.map((v) => (
                <Table.Tr key={v.version} data-testid={`settings-version-${v.version}`} data-version={v.version}>
                  <Table.Td>
                    <Checkbox
                      aria-label={`Compare version ${v.version}`}
                      data-testid={`settings-compare-${v.version}`}
                      checked={picked.includes(v.version)}
                      onChange={(e) => pick(v.version, e.currentTarget.checked)}
                    />
                  </Table.Td>
                  <Table.Td>
                    <Group gap={4} wrap="nowrap">
                      <Text fw={600}>v{v.version}</Text>
                      {v.version === current && (
                        <Badge size="xs" variant="light">
                          current
                        </Badge>
                      )}
                    </Group>
                  </Table.Td>
                  <Table.Td style={{ whiteSpace: 'nowrap' }}>{formatTime(v.at)}</Table.Td>
                  <Table.Td>{v.actor_name || v.actor_id}</Table.Td>
                  <Table.Td>
                    <Text size="sm">{v.reason}</Text>
                    {v.restored_from !== null && (
                      <Badge size="xs" color="orange" variant="light" mt={2}>
                        restored from v{v.restored_from}
                      </Badge>
                    )}
                  </Table.Td>
                  <Table.Td>
                    <Text size="sm">{v.changed.length === 0 ? '—' : labelsOf(view.schema, v.changed).join(', ')}</Text>
                  </Table.Td>
                  {view.can_restore && (
                    <Table.Td>
                      {v.version !== current && (
                        <Button size="compact-xs" variant="default" data-testid={`settings-restore-${v.version}`} onClick={() => setRestoring(v)}>
                          Restore
                        </Button>
                      )}
                    </Table.Td>
                  )}
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </ScrollArea>
      )}
      {history.hasNextPage && (
        <Button variant="default" w="fit-content" mx="auto" onClick={() => void history.fetchNextPage()} loading={history.isFetchingNextPage}>
          Load older versions
        </Button>
      )}
      {pair && <HistoryDiff profile={profile} from={pair[0]} to={pair[1]} schema={view.schema} />}
      {restoring && (
        <RestoreDialog
          profile={profile}
          version={restoring}
          current={view.settings}
          schema={view.schema}
          onClose={() => setRestoring(null)}
          onRestored={(from, settings) => {
            setRestoring(null);
            setRestored({ from, as: settings.version });
          }}
        />
      )}
    </Stack>
  );
}

function HistoryDiff({ profile, from, to, schema }: { profile: string; from: number; to: number; schema: SettingsSchema }) {
  const diff = useSettingsDiff(profile, from, to);
  return (
    <Stack gap={4} data-testid="settings-history-diff" aria-live="polite">
      <Title order={4}>
        From version {from} to version {to}
      </Title>
      {diff.isPending ? (
        <Loader size="xs" aria-label="Comparing" />
      ) : diff.error ? (
        <ErrorAlert error={diff.error} />
      ) : (
        <ChangesTable changes={diff.data.changes} schema={schema} oldLabel={`Version ${from}`} newLabel={`Version ${to}`} empty="These versions have the same values." />
      )}
    </Stack>
  );
}
