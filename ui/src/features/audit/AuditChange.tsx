import { Code, Text } from '@mantine/core';

import { RoleChanges } from '../../components/RoleChanges';
import type { AuditEvent } from '../../ipc';
import { changeOf } from './describe';

/** An event's change in a line: role badges (+ added, − removed), or old → new status. */
export function AuditChange({ event }: { event: Pick<AuditEvent, 'before' | 'after'> }) {
  const change = changeOf(event);
  if (change.kind === 'roles') return <RoleChanges before={change.before} after={change.after} data-testid="audit-change" />;
  if (change.kind === 'status') {
    return (
      <Text size="sm" data-testid="audit-change">
        Status {change.before ?? '(none)'} → <b>{change.after ?? '(none)'}</b>
      </Text>
    );
  }
  return (
    <Text size="xs" data-testid="audit-change">
      <Code>{change.before}</Code> → <Code>{change.after}</Code>
    </Text>
  );
}
