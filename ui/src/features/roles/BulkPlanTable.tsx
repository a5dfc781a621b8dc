import { Badge, Text } from '@mantine/core';
import { useVirtualizer } from '@tanstack/react-virtual';
import { useRef } from 'react';

import { RoleChanges } from '../../components/RoleChanges';
import type { RoleChangeOutcome } from '../../ipc';
import { verdict } from './bulk';
import { problemText } from './problems';

const GRID = 'minmax(140px, 1.1fr) minmax(110px, 1fr) minmax(150px, 1.3fr) minmax(150px, 1.2fr)';
const MAX_HEIGHT = 360;

interface Props {
  outcomes: RoleChangeOutcome[];
  /** A dry run ("will change") or a real run ("changed"). */
  dryRun: boolean;
  'data-testid': string;
}

/** One line per person (who, before, after, verdict); only the lines in view exist in the page. */
export function BulkPlanTable({ outcomes, dryRun, 'data-testid': testId }: Props) {
  const scroller = useRef<HTMLDivElement>(null);
  // eslint-disable-next-line react-hooks/incompatible-library -- no React Compiler here; the virtualizer re-renders through its own state
  const virtualizer = useVirtualizer({
    count: outcomes.length,
    getScrollElement: () => scroller.current,
    estimateSize: () => 44,
    overscan: 8,
  });

  return (
    <div
      ref={scroller}
      data-testid={testId}
      data-virtual-scroller
      role="table"
      aria-label={dryRun ? 'Plan' : 'Results'}
      aria-rowcount={outcomes.length + 1}
      tabIndex={0}
      style={{ maxHeight: MAX_HEIGHT, height: Math.min(MAX_HEIGHT, 34 + outcomes.length * 44), overflow: 'auto', border: '1px solid var(--mantine-color-gray-3)', borderRadius: 4 }}
    >
      <div
        role="row"
        aria-rowindex={1}
        style={{ display: 'grid', gridTemplateColumns: GRID, gap: 8, padding: '6px 8px', position: 'sticky', top: 0, zIndex: 1, background: 'var(--mantine-color-gray-0)', fontWeight: 600, fontSize: 'var(--mantine-font-size-sm)' }}
      >
        <div role="columnheader">Person</div>
        <div role="columnheader">Roles before</div>
        <div role="columnheader">Roles after</div>
        <div role="columnheader">{dryRun ? 'What will happen' : 'What happened'}</div>
      </div>
      <div role="rowgroup" style={{ position: 'relative', height: virtualizer.getTotalSize() }}>
        {virtualizer.getVirtualItems().map((item) => {
          const o = outcomes[item.index];
          if (!o) return null;
          return (
            <div
              key={item.key}
              ref={virtualizer.measureElement}
              data-index={item.index}
              role="row"
              aria-rowindex={item.index + 2}
              data-testid="bulk-row"
              data-user-id={o.user_id}
              data-verdict={verdict(o)}
              style={{ display: 'grid', gridTemplateColumns: GRID, gap: 8, padding: '6px 8px', position: 'absolute', top: 0, left: 0, right: 0, transform: `translateY(${item.start}px)`, borderTop: '1px solid var(--mantine-color-gray-2)', alignItems: 'start' }}
            >
              <div role="cell" style={{ minWidth: 0 }}>
                <Text size="sm" fw={500} truncate>
                  {o.display_name || '(unknown person)'}
                </Text>
                <Text size="xs" c="dimmed" truncate>
                  {o.user_id}
                </Text>
              </div>
              <div role="cell">
                <Text size="sm">{o.before.length > 0 ? o.before.join(', ') : 'No roles'}</Text>
              </div>
              <div role="cell">
                <RoleChanges before={o.before} after={o.after} withKept />
              </div>
              <div role="cell">
                <Outcome outcome={o} dryRun={dryRun} />
              </div>
            </div>
          );
        })}
      </div>
    </div>
  );
}

function Outcome({ outcome, dryRun }: { outcome: RoleChangeOutcome; dryRun: boolean }) {
  const v = verdict(outcome);
  if (v === 'refused' && outcome.problem) {
    return (
      <>
        <Badge size="sm" color="red" variant="light">
          {dryRun ? 'Will be refused' : 'Refused'}
        </Badge>
        <Text size="xs" mt={2}>
          {problemText(outcome.problem)}
        </Text>
      </>
    );
  }
  if (v === 'unchanged') {
    return (
      <Badge size="sm" color="gray" variant="light">
        {dryRun ? 'Already so: no change' : 'No change'}
      </Badge>
    );
  }
  return (
    <Badge size="sm" color="green" variant="light">
      {dryRun ? 'Will change' : outcome.applied ? 'Changed' : 'Not changed'}
    </Badge>
  );
}
