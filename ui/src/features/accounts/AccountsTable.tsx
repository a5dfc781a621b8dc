import { Badge, ScrollArea, Table, Text } from '@mantine/core';

import type { ServiceAccount } from '../../ipc';
import { OwnerCell } from './OwnerCell';
import { expiresSoon, formatTime, relative } from './time';

interface Props {
  accounts: ServiceAccount[];
  now: number;
  onOpen: (id: string) => void;
}

/** Every service account with who answers for it and the state of its credentials. */
export function AccountsTable({ accounts, now, onOpen }: Props) {
  return (
    <ScrollArea type="auto">
      <Table striped highlightOnHover verticalSpacing="xs" miw={980} data-testid="accounts-table">
        <Table.Thead>
          <Table.Tr>
            <Table.Th>Name</Table.Th>
            <Table.Th>Owner of record</Table.Th>
            <Table.Th>Acts for</Table.Th>
            <Table.Th>Status</Table.Th>
            <Table.Th>Active keys</Table.Th>
            <Table.Th>Soonest expiry</Table.Th>
            <Table.Th>Latest use</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {accounts.map((a) => (
            <Row key={a.id} account={a} now={now} onOpen={onOpen} />
          ))}
        </Table.Tbody>
      </Table>
    </ScrollArea>
  );
}

function Row({ account: a, now, onOpen }: { account: ServiceAccount; now: number; onOpen: (id: string) => void }) {
  const soon = a.soonest_expiry !== null && expiresSoon(a.soonest_expiry, now);
  return (
    <Table.Tr
      data-testid="account-row"
      data-account-id={a.id}
      onClick={() => onOpen(a.id)}
      onKeyDown={(e) => {
        if (e.key === 'Enter' || e.key === ' ') {
          e.preventDefault();
          onOpen(a.id);
        }
      }}
      tabIndex={0}
      aria-label={`Open ${a.name}`}
      style={{ cursor: 'pointer' }}
    >
      <Table.Td>
        <Text size="sm" fw={500}>
          {a.name}
        </Text>
        {a.description && (
          <Text size="xs" c="dimmed" lineClamp={1} maw={320}>
            {a.description}
          </Text>
        )}
      </Table.Td>
      <Table.Td>
        <OwnerCell account={a} />
      </Table.Td>
      <Table.Td>
        <Text size="sm" c={a.acts_for_name ? undefined : 'dimmed'}>
          {a.acts_for_name ?? '—'}
        </Text>
      </Table.Td>
      <Table.Td>
        <Badge color={a.status === 'active' ? 'green' : 'gray'} variant="light">
          {a.status === 'active' ? 'Active' : 'Disabled'}
        </Badge>
      </Table.Td>
      <Table.Td>
        <Text size="sm">{a.active_keys}</Text>
      </Table.Td>
      <Table.Td data-testid="account-expiry" data-soon={soon || undefined}>
        {a.soonest_expiry === null ? (
          <Text size="sm" c="dimmed">
            —
          </Text>
        ) : (
          <>
            <Text size="sm" c={soon ? 'orange.8' : undefined} fw={soon ? 600 : undefined}>
              {relative(a.soonest_expiry, now)}
              {soon && ' (soon)'}
            </Text>
            <Text size="xs" c="dimmed">
              {formatTime(a.soonest_expiry)}
            </Text>
          </>
        )}
      </Table.Td>
      <Table.Td>
        {a.last_used_at === null ? (
          <Text size="sm" c="dimmed">
            Never
          </Text>
        ) : (
          <Text size="sm" title={formatTime(a.last_used_at)}>
            {relative(a.last_used_at, now)}
          </Text>
        )}
      </Table.Td>
    </Table.Tr>
  );
}
