import { Code, Stack, Text } from '@mantine/core';

import { RoleChanges } from '../../components/RoleChanges';
import type { AuditEvent } from '../../ipc';
import { changeOf } from './describe';

/** An event's change: role badges (+ added, − removed), old → new status, or the fields that differ. */
export function AuditChange({ event }: { event: Pick<AuditEvent, 'action' | 'before' | 'after'> }) {
  const change = changeOf(event);
  if (change.kind === 'roles') return <RoleChanges before={change.before} after={change.after} data-testid="audit-change" />;
  if (change.kind === 'status') {
    return (
      <Text size="sm" data-testid="audit-change">
        Status {change.before ?? '(none)'} → <b>{change.after ?? '(none)'}</b>
      </Text>
    );
  }
  if (change.fields.length === 0) {
    return (
      <Text size="sm" c="dimmed" data-testid="audit-change">
        No field changed
      </Text>
    );
  }
  return (
    <Stack gap={0} data-testid="audit-change">
      {change.fields.map((f) => (
        <Text key={f.name} size="xs">
          {f.name && `${f.name}: `}
          {f.before === null ? '(none)' : <Code>{f.before}</Code>} → {f.after === null ? '(none)' : <Code>{f.after}</Code>}
        </Text>
      ))}
    </Stack>
  );
}
