import { Alert, Group, Stack, Text } from '@mantine/core';
import { useEffect, useRef } from 'react';

import type { CheckStatus, ConnectionReport } from '../../ipc';

const COLOR: Record<CheckStatus, string> = { ok: 'teal', warn: 'yellow', fail: 'red', not_checked: 'gray' };
const LABEL: Record<CheckStatus, string> = { ok: 'OK', warn: 'Warning', fail: 'Problem', not_checked: 'Not checked' };

/** The status as a small drawn icon (the app bundles no icon set); its label is for screen readers. */
function StatusIcon({ status }: { status: CheckStatus }) {
  const path = {
    ok: <path d="M5 12l5 5L20 7" />,
    warn: <path d="M12 4l9 16H3zM12 10v4M12 17v.5" />,
    fail: <path d="M6 6l12 12M18 6L6 18" />,
    not_checked: <path d="M6 12h12" />,
  }[status];
  return (
    <svg width={18} height={18} viewBox="0 0 24 24" fill="none" stroke={`var(--mantine-color-${COLOR[status]}-6)`} strokeWidth={2.5} strokeLinecap="round" strokeLinejoin="round" role="img" aria-label={LABEL[status]}>
      {path}
    </svg>
  );
}

/** "Test connection": each check the core ran, with an icon and its words (the CLI prints the same). */
export function ConnectionReportView({ report }: { report: ConnectionReport }) {
  const top = useRef<HTMLDivElement>(null);
  // The report opens below the form: bring its verdict into view when it arrives.
  useEffect(() => top.current?.scrollIntoView({ block: 'nearest' }), [report]);
  const failed = report.checks.filter((c) => c.status === 'fail').map((c) => c.title);
  return (
    <Stack gap="xs" data-testid="connection-report" data-ok={report.ok} ref={top}>
      <Alert color={report.ok ? 'teal' : 'red'} title={report.ok ? 'Ready to sign in' : 'Sign-in cannot work yet'} p="xs">
        {report.ok ? 'The server offers what the console needs.' : `Fix the ${failed.join(', ').toLowerCase()} problem${failed.length > 1 ? 's' : ''} below, then test again.`}
      </Alert>
      {report.checks.map((check) => (
        <Group key={check.id} gap="sm" wrap="nowrap" align="flex-start" data-testid={`check-${check.id}`} data-status={check.status}>
          <div style={{ flex: 'none', paddingTop: 2 }}>
            <StatusIcon status={check.status} />
          </div>
          <div>
            <Text size="sm" fw={600}>
              {check.title}
            </Text>
            <Text size="sm" c={check.status === 'fail' ? 'red' : undefined} style={{ overflowWrap: 'anywhere' }}>
              {check.detail}
            </Text>
          </div>
        </Group>
      ))}
    </Stack>
  );
}
