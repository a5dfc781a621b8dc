import { Alert, Button, Center, Code, Group, Loader, ScrollArea, Stack, Table, Text, Title } from '@mantine/core';
import { useMemo, useState } from 'react';

import { ErrorAlert } from '../../components/ErrorAlert';
import { choiceIncomplete } from '../../components/PersonPicker';
import { useAuditEvents, useExportAudit, type AuditEvent } from '../../ipc';
import { formatTime } from '../../lib/time';
import { AuditChange } from './AuditChange';
import { AuditFilters } from './AuditFilters';
import { actingTerms, actionLabel, EMPTY_FORM, toFilter, whoActed, type FilterForm } from './describe';

const PAGE = 50;

/** The organization's audit log: who changed what, when and why, filtered, paged and exportable. */
export interface AuditRequest {
  /** YYYY-MM-DD, both inclusive, as the date filters take them. */
  from: string;
  to: string;
  seq: number;
}

export function AuditScreen({ profile, request }: { profile: string; request?: AuditRequest }) {
  const [form, setForm] = useState<FilterForm>(EMPTY_FORM);
  const [applied, setApplied] = useState<FilterForm>(EMPTY_FORM);
  const [checked, setChecked] = useState(false);
  // A day asked for from elsewhere (an Overview chart) replaces the filters, once per `seq`.
  const [appliedSeq, setAppliedSeq] = useState<number | null>(null);
  if (request && request.seq !== appliedSeq) {
    const asked = { ...EMPTY_FORM, from: request.from, to: request.to };
    setAppliedSeq(request.seq);
    setForm(asked);
    setApplied(asked);
  }
  const filter = useMemo(() => toFilter(applied), [applied]);
  const log = useAuditEvents(profile, filter, PAGE);
  const exporter = useExportAudit();
  const events = log.data?.pages.flatMap((p) => p.events) ?? [];
  const total = log.data?.pages[0]?.total ?? null;

  const apply = () => {
    setChecked(true);
    // "oliv" typed but never picked matches no id: say so rather than show an empty log.
    if (choiceIncomplete(form.actor) || choiceIncomplete(form.target)) return;
    exporter.reset();
    setApplied(form);
  };
  const clear = () => {
    setChecked(false);
    exporter.reset();
    setForm(EMPTY_FORM);
    setApplied(EMPTY_FORM);
  };

  return (
    <Stack gap="sm" data-testid="audit-screen" maw={1400} mx="auto">
      <Group justify="space-between" align="flex-end">
        <Title order={2}>Audit log</Title>
        <Button
          variant="default"
          data-testid="audit-export"
          onClick={() => exporter.mutate({ profile, filter })}
          loading={exporter.isPending}
          title="Every event matching the filters, not only the loaded ones"
        >
          Export CSV
        </Button>
      </Group>
      <AuditFilters profile={profile} form={form} checked={checked} onForm={setForm} onApply={apply} onClear={clear} />
      {exporter.data && (
        <Alert color="green" data-testid="audit-export-result" role="status" withCloseButton onClose={() => exporter.reset()}>
          Saved {exporter.data.count.toLocaleString('en-US')} {exporter.data.count === 1 ? 'event' : 'events'} to{' '}
          <Code>{exporter.data.path}</Code>
        </Alert>
      )}
      {exporter.error && <ErrorAlert error={exporter.error} />}
      <Text size="sm" c="dimmed" aria-live="polite" data-testid="audit-count">
        {log.isPending ? 'Loading…' : total === null ? `${events.length} events shown` : `Showing ${events.length} of ${total.toLocaleString('en-US')} events`}
      </Text>
      {log.isPending ? (
        <Center p="lg">
          <Loader size="sm" aria-label="Loading the audit log" />
        </Center>
      ) : log.error ? (
        <ErrorAlert error={log.error} />
      ) : events.length === 0 ? (
        <Text c="dimmed" data-testid="audit-empty">
          No events match these filters.
        </Text>
      ) : (
        <ScrollArea type="auto">
          <Table striped highlightOnHover verticalSpacing="xs" miw={900}>
            <Table.Thead>
              <Table.Tr>
                <Table.Th>When</Table.Th>
                <Table.Th>Changed by</Table.Th>
                <Table.Th>What</Table.Th>
                <Table.Th>Changed</Table.Th>
                <Table.Th>Change</Table.Th>
                <Table.Th>Reason</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {events.map((e) => (
                <Row key={e.id} event={e} />
              ))}
            </Table.Tbody>
          </Table>
        </ScrollArea>
      )}
      {log.hasNextPage && (
        <Button variant="default" w="fit-content" mx="auto" data-testid="audit-load-more" onClick={() => void log.fetchNextPage()} loading={log.isFetchingNextPage}>
          Load more
        </Button>
      )}
    </Stack>
  );
}

function Row({ event: e }: { event: AuditEvent }) {
  return (
    <Table.Tr data-testid="audit-row" data-event-id={e.id}>
      <Table.Td style={{ whiteSpace: 'nowrap' }}>{formatTime(e.at)}</Table.Td>
      <Table.Td>{e.on_behalf ? <OnBehalfOf event={e} /> : <Who name={e.actor_name} id={e.actor_id} />}</Table.Td>
      <Table.Td>{actionLabel(e.action)}</Table.Td>
      <Table.Td>
        <Who name={e.target_name} id={e.target_id} type={e.target_type} />
      </Table.Td>
      <Table.Td>
        <AuditChange event={e} />
      </Table.Td>
      <Table.Td>
        <Text size="sm">{e.reason}</Text>
      </Table.Td>
    </Table.Tr>
  );
}

/** Both actors of an action taken for someone else, and the terms it was taken under. */
function OnBehalfOf({ event: e }: { event: AuditEvent }) {
  const terms = actingTerms(e);
  return (
    <>
      <Text size="sm" data-testid="audit-on-behalf">
        {whoActed(e)}
      </Text>
      {terms && (
        <Text size="xs" c="dimmed" data-testid="audit-acting-terms">
          {terms}
        </Text>
      )}
      <Text size="xs" c="dimmed" ff="monospace">
        {e.actor_id} · {e.on_behalf?.subject_id}
      </Text>
    </>
  );
}

function Who({ name, id, type }: { name: string; id: string; type?: string }) {
  return (
    <>
      <Text size="sm">
        {name || '(unknown)'}
        {type && type !== 'user' && (
          <Text span size="xs" c="dimmed">
            {' '}
            ({type.replace(/_/g, ' ')})
          </Text>
        )}
      </Text>
      <Text size="xs" c="dimmed" ff="monospace">
        {id}
      </Text>
    </>
  );
}
