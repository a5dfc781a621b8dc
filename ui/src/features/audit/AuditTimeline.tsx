import { Button, Loader, Stack, Text, Timeline } from '@mantine/core';
import { useMemo } from 'react';

import { ErrorAlert } from '../../components/ErrorAlert';
import { useAuditEvents, type AuditFilter } from '../../ipc';
import { formatTime } from '../../lib/time';
import { AuditChange } from './AuditChange';
import { actionLabel } from './describe';

/** A person's recorded changes, newest first: when, who, what changed and why. */
export function AuditTimeline({ profile, targetId }: { profile: string; targetId: string }) {
  const filter: AuditFilter = useMemo(() => ({ actor: null, target: targetId, action: null, from: null, to: null }), [targetId]);
  const log = useAuditEvents(profile, filter, 10);
  const events = log.data?.pages.flatMap((p) => p.events) ?? [];

  return (
    <Stack gap={6} data-testid="audit-timeline" role="region" aria-label="History of changes">
      <Text size="sm" fw={600}>
        History
      </Text>
      {log.isPending ? (
        <Loader size="xs" aria-label="Loading history" />
      ) : log.error ? (
        <ErrorAlert error={log.error} />
      ) : events.length === 0 ? (
        <Text size="sm" c="dimmed">
          No recorded changes.
        </Text>
      ) : (
        <Timeline bulletSize={12} lineWidth={2}>
          {events.map((e) => (
            <Timeline.Item key={e.id} title={actionLabel(e.action)} data-testid="audit-timeline-item">
              <Text size="xs" c="dimmed">
                {formatTime(e.at)} by {e.actor_name || e.actor_id}
              </Text>
              <AuditChange event={e} />
              {e.reason && (
                <Text size="xs" fs="italic" mt={2}>
                  “{e.reason}”
                </Text>
              )}
            </Timeline.Item>
          ))}
        </Timeline>
      )}
      {log.hasNextPage && (
        <Button variant="subtle" size="xs" w="fit-content" onClick={() => void log.fetchNextPage()} loading={log.isFetchingNextPage}>
          Show older changes
        </Button>
      )}
    </Stack>
  );
}
