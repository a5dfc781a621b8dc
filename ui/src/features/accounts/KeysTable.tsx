import { Badge, Button, Group, ScrollArea, Table, Text, Tooltip } from '@mantine/core';

import { useUser, type ApiKey, type KeyAction } from '../../ipc';
import { lastUsedText } from './LastUsed';
import { expiresSoon, formatTime, relative } from './time';

export type KeyRequest = { kind: 'rotate' | 'revoke'; key: ApiKey } | { kind: Extract<KeyAction, 'disable' | 'enable'>; key: ApiKey };

interface Props {
  profile: string;
  keys: ApiKey[];
  now: number;
  /** The key whose one-click action (disable / enable) is being sent. */
  busyId: string | null;
  onRequest: (r: KeyRequest) => void;
}

/** What a key is now; an active key past its expiry is shown as the expired key it is. */
export function effectiveStatus(key: ApiKey, now: number): ApiKey['status'] {
  return key.status === 'active' && key.expires_at <= now ? 'expired' : key.status;
}

const STATUS: Record<ApiKey['status'], { label: string; color: string }> = {
  active: { label: 'Active', color: 'green' },
  disabled: { label: 'Disabled', color: 'gray' },
  revoked: { label: 'Revoked', color: 'red' },
  expired: { label: 'Expired', color: 'dark' },
};

/** An account's keys, newest first, with what can be done to each. */
export function KeysTable({ profile, keys, now, busyId, onRequest }: Props) {
  if (keys.length === 0) {
    return (
      <Text c="dimmed" size="sm" data-testid="keys-empty">
        No keys yet. Create one to let this account call the API.
      </Text>
    );
  }
  const byId = new Map(keys.map((k) => [k.id, k]));
  return (
    <ScrollArea type="auto">
      <Table verticalSpacing="xs" miw={980} data-testid="keys-table">
        <Table.Thead>
          <Table.Tr>
            <Table.Th>Prefix</Table.Th>
            <Table.Th>Name</Table.Th>
            <Table.Th>Created</Table.Th>
            <Table.Th>Expires</Table.Th>
            <Table.Th>Last used</Table.Th>
            <Table.Th>Status</Table.Th>
            <Table.Th>Actions</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {keys.map((k) => (
            <KeyRow key={k.id} profile={profile} apiKey={k} now={now} busy={busyId === k.id} replacement={k.replaced_by ? byId.get(k.replaced_by) : undefined} onRequest={onRequest} />
          ))}
        </Table.Tbody>
      </Table>
    </ScrollArea>
  );
}

interface RowProps {
  profile: string;
  apiKey: ApiKey;
  now: number;
  busy: boolean;
  replacement: ApiKey | undefined;
  onRequest: (r: KeyRequest) => void;
}

function KeyRow({ profile, apiKey: k, now, busy, replacement, onRequest }: RowProps) {
  const status = effectiveStatus(k, now);
  const working = status === 'active';
  const soon = working && expiresSoon(k.expires_at, now);
  const { label, color } = STATUS[status];
  return (
    <Table.Tr data-testid="key-row" data-key-id={k.id} data-key-prefix={k.prefix} data-status={status}>
      <Table.Td>
        <Text size="sm" ff="monospace">
          {k.prefix}…
        </Text>
      </Table.Td>
      <Table.Td>
        <Text size="sm">{k.name}</Text>
      </Table.Td>
      <Table.Td>
        <Text size="sm" title={formatTime(k.created_at)}>
          {relative(k.created_at, now)}
        </Text>
        <Text size="xs" c="dimmed">
          by <PersonName profile={profile} id={k.created_by} />
        </Text>
      </Table.Td>
      <Table.Td>
        <Text size="sm" c={soon ? 'orange.8' : undefined} fw={soon ? 600 : undefined}>
          {relative(k.expires_at, now)}
          {soon && ' (soon)'}
        </Text>
        <Text size="xs" c="dimmed">
          {formatTime(k.expires_at)}
        </Text>
      </Table.Td>
      <Table.Td>
        <Text size="sm">{lastUsedText(k, now).replace(/\.$/, '')}</Text>
      </Table.Td>
      <Table.Td>
        <Badge color={color} variant="light" data-testid="key-status">
          {label}
        </Badge>
        {working && k.replaced_by && (
          <Text size="xs" c="dimmed" data-testid="key-replaced">
            Replaced{replacement ? ` by ${replacement.prefix}…` : ''}; stops {relative(k.expires_at, now)}
          </Text>
        )}
      </Table.Td>
      <Table.Td>
        <Group gap={4} wrap="nowrap">
          {working && !k.replaced_by && (
            <Tooltip label="A new key now; this one keeps working for an overlap you choose">
              <Button size="compact-sm" variant="light" data-testid="key-rotate" onClick={() => onRequest({ kind: 'rotate', key: k })}>
                Rotate
              </Button>
            </Tooltip>
          )}
          {working && (
            <Tooltip label="Refused from now on until enabled again (reversible)">
              <Button size="compact-sm" variant="default" data-testid="key-disable" loading={busy} onClick={() => onRequest({ kind: 'disable', key: k })}>
                Disable
              </Button>
            </Tooltip>
          )}
          {status === 'disabled' && (
            <Tooltip label="Accepted again from now on (until it expires)">
              <Button size="compact-sm" variant="default" data-testid="key-enable" loading={busy} onClick={() => onRequest({ kind: 'enable', key: k })}>
                Enable
              </Button>
            </Tooltip>
          )}
          {(working || status === 'disabled') && (
            <Button size="compact-sm" color="red" variant="light" data-testid="key-revoke" onClick={() => onRequest({ kind: 'revoke', key: k })}>
              Revoke
            </Button>
          )}
        </Group>
      </Table.Td>
    </Table.Tr>
  );
}

/** A person's name from the local directory cache; their id when the cache does not know them. */
function PersonName({ profile, id }: { profile: string; id: string }) {
  const person = useUser(profile, id);
  return <>{person.data?.user.display_name ?? id}</>;
}
