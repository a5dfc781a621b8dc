import { Button, Loader, Stack, Text, Timeline } from '@mantine/core';
import { useMemo } from 'react';

import { ErrorAlert } from '../../components/ErrorAlert';
import { useAuditEvents, type AuditFilter } from '../../ipc';
import { formatTime } from '../../lib/time';
import { AuditChange } from './AuditChange';
import { actingTerms, actionLabel, whoActed } from './describe';

/**
 * A person's own timeline, newest first: what was done to them, and what was done for them by
 * someone acting on their behalf (who, when, why, within which window).
 */
export function AuditTimeline({ profile, personId }: { profile: string; personId: string }) {
  const filter: AuditFilter = useMemo(
    () => ({ actor: null, target: null, action: null, from: null, to: null, person: personId }),
    [personId],
  );
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
            <Timeline.Item
              key={e.id}
              // Done for them to someone else: whom, so the entry reads on its own.
              title={e.target_id === personId ? actionLabel(e.action) : `${actionLabel(e.action)} · ${e.target_name || e.target_id}`}
              data-testid="audit-timeline-item"
            >
              <Text size="xs" c="dimmed">
                {formatTime(e.at)} by {whoActed(e)}
              </Text>
              {actingTerms(e) && (
                <Text size="xs" c="dimmed" data-testid="audit-acting-terms">
                  {actingTerms(e)}
                </Text>
              )}
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
