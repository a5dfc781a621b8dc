import { BarChart, DonutChart } from '@mantine/charts';
import { Alert, Button, Center, Loader, SimpleGrid } from '@mantine/core';

import { ErrorAlert } from '../../components/ErrorAlert';
import { useOverview } from '../../ipc';
import { formatTime } from '../../lib/time';
import { ChartCard } from './ChartCard';
import { byKind, byStatus, count, householdLabel, hue, roleLabel, total, type DirectoryFilterRequest } from './data';

const ANY: DirectoryFilterRequest = { kind: null, role: null, status: null };

interface Props {
  profile: string;
  /** Opens the directory with these filters. */
  onDirectory: (filter: DirectoryFilterRequest) => void;
}

/** Who is in the organization: counted in the local copy, each part opening the directory. */
export function PeopleCharts({ profile, onDirectory }: Props) {
  const overview = useOverview(profile);
  if (overview.isPending) {
    return (
      <Center p="lg">
        <Loader size="sm" aria-label="Counting your local copy" />
      </Center>
    );
  }
  if (overview.error) return <ErrorAlert error={overview.error} />;
  const o = overview.data;
  const kinds = byKind(o);
  const statuses = byStatus(o);
  const open = (f: Partial<DirectoryFilterRequest>) => onDirectory({ ...ANY, ...f });
  const asOf = o.as_of === null ? 'not synced yet' : `as of ${formatTime(o.as_of)}`;

  return (
    <>
      {o.loading && (
        <Alert color="blue" data-testid="overview-loading">
          Your local copy is still loading: these are the people it holds so far.
        </Alert>
      )}
      <SimpleGrid cols={{ base: 1, md: 2 }} spacing="md" data-testid="overview-people">
        <ChartCard title="People by kind" source="local" caption={`${count(total(kinds))} people, ${asOf}`} testId="overview-kinds"
          actions={kinds.map((s) => (
            <Button key={s.key} size="compact-sm" variant="light" color={hue(s.color)} data-testid={`overview-kind-${s.key}`}
              onClick={() => open({ kind: s.key })} aria-label={`${s.name}: ${count(s.value)}, open in the directory`}>
              {s.name} · {count(s.value)}
            </Button>
          ))}>
          <Center>
            <DonutChart data={kinds.map(({ name, value, color }) => ({ name, value, color }))} chartLabel={count(total(kinds))}
              tooltipDataSource="segment" size={170} thickness={28} paddingAngle={1}
              pieProps={{ cursor: 'pointer', onClick: (_: unknown, i: number) => open({ kind: kinds[i]?.key ?? null }) }} />
          </Center>
        </ChartCard>
        <ChartCard title="People by status" source="local" caption="Every kind together" testId="overview-statuses"
          actions={statuses.map((s) => (
            <Button key={s.key} size="compact-sm" variant="light" color={hue(s.color)} data-testid={`overview-status-${s.key}`}
              onClick={() => open({ status: s.key })} aria-label={`${s.name}: ${count(s.value)}, open in the directory`}>
              {s.name} · {count(s.value)}
            </Button>
          ))}>
          <BarChart h={200} data={statuses.map((s) => ({ status: s.name, People: s.value, color: s.color }))} dataKey="status"
            series={[{ name: 'People', color: 'green.6' }]}
            barProps={{ cursor: 'pointer', onClick: (_: unknown, i: number) => open({ status: statuses[i]?.key ?? null }) }} />
        </ChartCard>
        <ChartCard title="Staff by role" source="local" caption="A person with two roles counts in both" testId="overview-roles"
          actions={o.staff_roles.map((r) => (
            <Button key={r.role} size="compact-sm" variant="light" color="orange" data-testid={`overview-role-${r.role}`}
              onClick={() => open({ role: r.role })} aria-label={`${roleLabel(r.role)}: ${count(r.count)}, open in the directory`}>
              {roleLabel(r.role)} · {count(r.count)}
            </Button>
          ))}>
          <BarChart h={Math.max(160, o.staff_roles.length * 26)} orientation="vertical" yAxisProps={{ width: 170, interval: 0 }}
            data={o.staff_roles.map((r) => ({ role: roleLabel(r.role), Staff: r.count }))} dataKey="role"
            series={[{ name: 'Staff', color: 'orange.6' }]}
            barProps={{ cursor: 'pointer', onClick: (_: unknown, i: number) => open({ role: o.staff_roles[i]?.role ?? null }) }} />
        </ChartCard>
        <ChartCard title="Household sizes" source="local" caption="Guardians by number of dependents" testId="overview-households"
          actions={
            <Button size="compact-sm" variant="light" color="violet" data-testid="overview-households-open" onClick={() => open({ kind: 'GUARDIAN' })}>
              Open guardians · {count(o.households.reduce((n, h) => n + h.guardians, 0))}
            </Button>
          }>
          <BarChart h={200} data={o.households.map((h) => ({ dependents: householdLabel(h.dependents), Guardians: h.guardians }))}
            dataKey="dependents" xAxisLabel="Dependents" series={[{ name: 'Guardians', color: 'violet.6' }]}
            barProps={{ cursor: 'pointer', onClick: () => open({ kind: 'GUARDIAN' }) }} />
        </ChartCard>
      </SimpleGrid>
    </>
  );
}
