import { BarChart } from '@mantine/charts';
import { Button, Center, Loader, SimpleGrid } from '@mantine/core';

import { ErrorAlert } from '../../components/ErrorAlert';
import { OVERVIEW_AUDIT_DAYS, OVERVIEW_KEY_DAYS, usePlatformOverview, type AuditDay, type KeyExpiry } from '../../ipc';
import { ChartCard } from './ChartCard';
import { auditTotal, count, keyBars, shortDate } from './data';

interface Props {
  profile: string;
  /** The parts asked for: each only for those whose permissions allow it. */
  keys: boolean;
  audit: boolean;
  /** Opens the access review. */
  onReview: () => void;
  /** Opens the audit log from local midnight `day` to the next (Unix seconds). */
  onAuditDay: (day: number) => void;
  /** Opens the audit log of the whole 30 days. */
  onAuditRange: (from: number, to: number) => void;
}

/** What only the platform knows (key expiry, audit activity), for OWNERs. */
export function PlatformCharts({ profile, keys, audit, onReview, onAuditDay, onAuditRange }: Props) {
  const platform = usePlatformOverview(profile, keys || audit);
  if (!keys && !audit) return null;
  if (platform.isPending) {
    return (
      <Center p="lg">
        <Loader size="sm" aria-label="Asking the platform for keys and audit activity" />
      </Center>
    );
  }
  if (platform.error) return <ErrorAlert error={platform.error} />;
  const p = platform.data;
  return (
    <SimpleGrid cols={{ base: 1, md: 2 }} spacing="md" data-testid="overview-platform">
      {p.keys && <KeysChart keys={p.keys} onReview={onReview} />}
      {p.audit && <AuditChart days={p.audit} onDay={onAuditDay} onRange={onAuditRange} />}
    </SimpleGrid>
  );
}

function KeysChart({ keys, onReview }: { keys: KeyExpiry; onReview: () => void }) {
  const bars = keyBars(keys);
  const expiring = keys.weeks.reduce((n, w) => n + w.keys, 0);
  return (
    <ChartCard title={`API keys expiring in the next ${OVERVIEW_KEY_DAYS} days`} source="platform" testId="overview-keys"
      caption={`${count(expiring)} working keys expire by week; ${count(keys.overdue)} overdue (expired, never rotated)`}
      actions={
        <Button size="compact-sm" variant="light" color="indigo" data-testid="overview-keys-review" onClick={onReview}>
          Open the access review
        </Button>
      }>
      <BarChart h={220} data={bars} dataKey="label" type="stacked" withLegend
        series={[{ name: 'overdue', label: 'Overdue', color: 'red.6' }, { name: 'expiring', label: 'Expiring', color: 'indigo.5' }]}
        xAxisProps={{ interval: 1, fontSize: 11 }} barProps={{ cursor: 'pointer', onClick: onReview }} />
    </ChartCard>
  );
}

function AuditChart({ days, onDay, onRange }: { days: AuditDay[]; onDay: (day: number) => void; onRange: (from: number, to: number) => void }) {
  // The keyboard reaches the busiest days directly; every day is a bar for the mouse.
  const busiest = [...days].filter((d) => d.events > 0).sort((a, b) => b.events - a.events).slice(0, 3);
  const first = days[0]?.day ?? 0;
  const end = (days[days.length - 1]?.day ?? 0) + 86_400;
  return (
    <ChartCard title={`Audit activity, last ${OVERVIEW_AUDIT_DAYS} days`} source="platform" testId="overview-audit"
      caption={`${count(auditTotal(days))} changes recorded; a day's bar opens its audit log`}
      actions={
        <>
          <Button size="compact-sm" variant="light" color="indigo" data-testid="overview-audit-open" onClick={() => onRange(first, end)}>
            Open the audit log
          </Button>
          {busiest.map((d) => (
            <Button key={d.day} size="compact-sm" variant="default" data-testid={`overview-audit-day-${d.day}`} onClick={() => onDay(d.day)}>
              {shortDate(d.day)} · {count(d.events)}
            </Button>
          ))}
        </>
      }>
      <BarChart h={220} data={days.map((d) => ({ day: shortDate(d.day), Changes: d.events }))} dataKey="day"
        series={[{ name: 'Changes', color: 'indigo.6' }]} xAxisProps={{ interval: 4, fontSize: 11 }}
        barProps={{ cursor: 'pointer', onClick: (_: unknown, i: number) => {
          const d = days[i];
          if (d) onDay(d.day);
        } }} />
    </ChartCard>
  );
}
