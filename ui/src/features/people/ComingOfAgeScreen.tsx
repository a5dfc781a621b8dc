import { Alert, Badge, Button, Center, Code, Group, Loader, SegmentedControl, Stack, Table, Text, Title } from '@mantine/core';
import { useState } from 'react';

import { ErrorAlert } from '../../components/ErrorAlert';
import { useComingOfAge, useExportComingOfAge, type ComingOfAgeItem, type Need } from '../../ipc';
import { ConvertDialog } from './ConvertDialog';

const WINDOWS = ['30', '60', '90'] as const;

const NEEDS: Record<Need, { label: string; title: string }> = {
  own_contact: { label: 'Own contact', title: 'They carry only their guardian’s contact: a patient of their own needs one of their own.' },
  consent: { label: 'Consent', title: 'Their record becomes theirs and the guardian’s access ends: they consent to it.' },
};

const when = (days: number) => (days === 0 ? 'today' : days === 1 ? 'tomorrow' : `in ${days} days`);

/**
 * Dependents who reach the organization's age-out soon, read from this computer's copy of the
 * directory, each with what must happen before they manage their own record, and the way to do it.
 */
export function ComingOfAgeScreen({ profile, onOpenPerson }: { profile: string; onOpenPerson?: (id: string) => void }) {
  const [days, setDays] = useState<(typeof WINDOWS)[number]>('90');
  const list = useComingOfAge(profile, Number(days));
  const exporter = useExportComingOfAge();
  const [converting, setConverting] = useState<ComingOfAgeItem | null>(null);

  return (
    <Stack gap="sm" data-testid="coming-of-age" maw={1200} mx="auto">
      <Group justify="space-between" align="flex-end">
        <Stack gap={2}>
          <Title order={2}>Coming of age</Title>
          <Text size="sm" c="dimmed" data-testid="coming-of-age-rule">
            {list.data
              ? `Dependents turning ${list.data.age_out} (the organization’s age-out) within ${days} days of ${list.data.today}.`
              : 'Dependents who reach the organization’s age-out soon.'}
          </Text>
        </Stack>
        <Group gap="xs">
          <SegmentedControl
            size="xs"
            value={days}
            onChange={(v) => {
              exporter.reset();
              setDays(v as (typeof WINDOWS)[number]);
            }}
            data={WINDOWS.map((d) => ({ value: d, label: `${d} days` }))}
            data-testid="coming-of-age-days"
          />
          <Button variant="default" size="xs" onClick={() => exporter.mutate({ profile, days: Number(days) })} loading={exporter.isPending} data-testid="coming-of-age-export">
            Export CSV
          </Button>
        </Group>
      </Group>
      {exporter.data && (
        <Alert color="green" role="status" withCloseButton onClose={() => exporter.reset()} data-testid="coming-of-age-export-result">
          Saved {exporter.data.count} {exporter.data.count === 1 ? 'dependent' : 'dependents'} to <Code>{exporter.data.path}</Code>
        </Alert>
      )}
      {exporter.error && <ErrorAlert error={exporter.error} title="Nothing was exported." />}
      {list.isPending ? (
        <Center p="lg">
          <Loader size="sm" aria-label="Loading who comes of age" />
        </Center>
      ) : list.error ? (
        <ErrorAlert error={list.error} />
      ) : list.data.items.length === 0 ? (
        <Text c="dimmed" data-testid="coming-of-age-empty">
          No dependent reaches {list.data.age_out} in the next {days} days.
        </Text>
      ) : (
        <Table striped highlightOnHover data-testid="coming-of-age-table">
          <Table.Thead>
            <Table.Tr>
              <Table.Th>Dependent</Table.Th>
              <Table.Th>Guardian</Table.Th>
              <Table.Th>Born</Table.Th>
              <Table.Th>Turns {list.data.age_out}</Table.Th>
              <Table.Th>Before then</Table.Th>
              <Table.Th />
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {list.data.items.map((item) => (
              <Table.Tr key={item.user.id} data-testid="coming-of-age-row" data-user-id={item.user.id}>
                <Table.Td>
                  {onOpenPerson ? (
                    <Button variant="subtle" size="compact-sm" onClick={() => onOpenPerson(item.user.id)}>
                      {item.user.display_name}
                    </Button>
                  ) : (
                    item.user.display_name
                  )}
                </Table.Td>
                <Table.Td>{item.guardian_name ?? '—'}</Table.Td>
                <Table.Td>{item.user.date_of_birth}</Table.Td>
                <Table.Td data-testid="coming-of-age-turns">
                  {item.turns_on} <Text span size="xs" c="dimmed">({when(item.days_left)})</Text>
                </Table.Td>
                <Table.Td>
                  <Group gap={4}>
                    {item.needs.map((n) => (
                      <Badge key={n} size="sm" variant="light" color={n === 'own_contact' ? 'orange' : 'blue'} title={NEEDS[n].title}>
                        {NEEDS[n].label}
                      </Badge>
                    ))}
                  </Group>
                </Table.Td>
                <Table.Td>
                  {item.days_left > 0 ? (
                    // Not yet: the platform refuses the conversion before the day.
                    <Text size="xs" c="dimmed" data-testid="coming-of-age-from">
                      Possible from {item.turns_on}
                    </Text>
                  ) : (
                    <Button size="xs" variant="default" onClick={() => setConverting(item)} data-testid="coming-of-age-convert">
                      Make a patient of their own…
                    </Button>
                  )}
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      )}
      {converting && (
        <ConvertDialog
          profile={profile}
          user={converting.user}
          guardianName={converting.guardian_name}
          onClose={() => setConverting(null)}
          onDone={() => setConverting(null)}
        />
      )}
    </Stack>
  );
}
