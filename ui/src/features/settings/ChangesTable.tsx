import { Table, Text, VisuallyHidden } from '@mantine/core';
import type { ReactNode } from 'react';

import type { SettingChange, SettingsSchema } from '../../ipc';
import { fieldOf, formatValue } from './format';

interface Props {
  changes: SettingChange[];
  schema: SettingsSchema;
  oldLabel?: string;
  newLabel?: string;
  /** Said when nothing differs. */
  empty?: string;
  /** An extra last column, e.g. "you changed this too". */
  extra?: { label: string; cell: (change: SettingChange) => ReactNode };
  'data-testid'?: string;
}

/** Field, old value, new value: a change as a person checks it before it is made. */
export function ChangesTable({ changes, schema, oldLabel = 'Old', newLabel = 'New', empty = 'No differences.', extra, 'data-testid': testId }: Props) {
  if (changes.length === 0) {
    return (
      <Text size="sm" c="dimmed" data-testid={testId}>
        {empty}
      </Text>
    );
  }
  return (
    <Table withTableBorder verticalSpacing={4} fz="sm" data-testid={testId}>
      <Table.Thead>
        <Table.Tr>
          <Table.Th>Field</Table.Th>
          <Table.Th>{oldLabel}</Table.Th>
          <Table.Th>{newLabel}</Table.Th>
          {extra && <Table.Th>{extra.label}</Table.Th>}
        </Table.Tr>
      </Table.Thead>
      <Table.Tbody>
        {changes.map((c) => {
          const field = fieldOf(schema, c.key);
          return (
            <Table.Tr key={c.key} data-key={c.key} data-testid={testId ? `${testId}-row` : undefined}>
              <Table.Td>
                {c.label}
                <VisuallyHidden> ({c.key})</VisuallyHidden>
              </Table.Td>
              <Table.Td c="dimmed" style={{ whiteSpace: 'pre-line', wordBreak: 'break-word' }}>
                <span data-value="old">{formatValue(field, c.old)}</span>
              </Table.Td>
              <Table.Td fw={500} style={{ whiteSpace: 'pre-line', wordBreak: 'break-word' }}>
                <span data-value="new">{formatValue(field, c.new)}</span>
              </Table.Td>
              {extra && <Table.Td>{extra.cell(c)}</Table.Td>}
            </Table.Tr>
          );
        })}
      </Table.Tbody>
    </Table>
  );
}
