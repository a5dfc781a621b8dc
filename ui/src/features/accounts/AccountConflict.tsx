import { Alert, Button, Group, Stack, Table, Text } from '@mantine/core';
import { useCallback } from 'react';

import { changedFields, FIELD_LABELS, fieldText, type AccountValues } from './accountForm';

interface Props {
  /** What the form started from, what I made of it, and what the server has now. */
  base: AccountValues;
  mine: AccountValues;
  fresh: AccountValues;
  onReapply: () => void;
  onDiscard: () => void;
}

/** Someone changed the account while I edited it: what they did, what I did, and a way on. */
export function AccountConflict({ base, mine, fresh, onReapply, onDiscard }: Props) {
  const focusOnMount = useCallback((el: HTMLDivElement | null) => el?.focus(), []);
  const fields = [...new Set([...changedFields(base, fresh), ...changedFields(base, mine)])];
  const mineLeft = changedFields(base, mine).some((f) => changedFields(fresh, mine).includes(f));
  return (
    <Alert color="yellow" title="Someone else changed this account while you were editing" data-testid="account-conflict" role="alert" ref={focusOnMount} tabIndex={-1}>
      <Stack gap="xs">
        <Text size="sm">Nothing of yours was saved. This is the account as the server has it now, beside your edits:</Text>
        <Table withTableBorder verticalSpacing={4} fz="sm">
          <Table.Thead>
            <Table.Tr>
              <Table.Th>Field</Table.Th>
              <Table.Th>When you opened it</Table.Th>
              <Table.Th>Now on the server</Table.Th>
              <Table.Th>Yours</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {fields.map((f) => (
              <Table.Tr key={f} data-testid="account-conflict-field" data-field={f}>
                <Table.Td>{FIELD_LABELS[f]}</Table.Td>
                <Table.Td>{fieldText(base, f)}</Table.Td>
                <Table.Td>{fieldText(fresh, f)}</Table.Td>
                <Table.Td>{fieldText(mine, f)}</Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
        <Group gap="xs">
          {mineLeft && (
            <Button size="xs" onClick={onReapply} data-testid="account-reapply">
              Re-apply my changes on top
            </Button>
          )}
          <Button size="xs" variant="default" onClick={onDiscard} data-testid="account-discard">
            {mineLeft ? 'Discard mine' : 'Keep theirs'}
          </Button>
        </Group>
        <Text size="xs" c="dimmed">
          {mineLeft ? 'Re-applying puts your edits on the fresh state in the form; nothing is sent until you save again.' : 'The server already has what you entered.'}
        </Text>
      </Stack>
    </Alert>
  );
}
