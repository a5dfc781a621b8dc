import '@mantine/charts/styles.css';

import { Stack, Title } from '@mantine/core';

import type { Permission } from '../../ipc';
import type { DirectoryFilterRequest } from './data';
import { PeopleCharts } from './PeopleCharts';
import { PlatformCharts } from './PlatformCharts';

export interface OverviewLinks {
  /** Opens the directory with these filters (absent: the person has no directory). */
  directory?: (filter: DirectoryFilterRequest) => void;
  /** Opens the audit log from `from` to `to` (Unix seconds, local midnights). */
  audit: (from: number, to: number) => void;
  /** Opens the access review of service accounts. */
  review: () => void;
}

interface Props {
  profile: string;
  permissions: readonly Permission[];
  links: OverviewLinks;
}

/** The organization at a glance: who is in it (local copy) and, for OWNERs, keys and audit. */
export function OverviewCharts({ profile, permissions, links }: Props) {
  const keys = permissions.includes('service_accounts_write');
  const audit = permissions.includes('audit_read');
  const directory = links.directory;
  if (!directory && !keys && !audit) return null;
  return (
    <Stack gap="md" data-testid="overview-charts">
      <Title order={3} size="h4">
        Your organization at a glance
      </Title>
      {directory && <PeopleCharts profile={profile} onDirectory={directory} />}
      <PlatformCharts profile={profile} keys={keys} audit={audit} onReview={links.review}
        onAuditDay={(day) => links.audit(day, day + 86_400)} onAuditRange={links.audit} />
    </Stack>
  );
}
