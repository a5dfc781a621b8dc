import { Badge, Button, Group, Loader, Modal, Stack, Table, Text, TextInput } from '@mantine/core';
import { useState } from 'react';

import { ErrorAlert } from '../../components/ErrorAlert';
import { useInvitations, useResendInvitation, useWithdrawInvitation, type Invitation, type OneTimeInvitation } from '../../ipc';
import { formatTime, useNowSeconds } from '../../lib/time';

interface Props {
  profile: string;
  onClose: () => void;
  /** Receives a re-send's one answer (the new link). */
  onResent: (answer: OneTimeInvitation) => void;
}

/** What the owner is about to do to one invitation, with the reason being typed. */
type Pending = { action: 'resend' | 'withdraw'; invitation: Invitation; reason: string };

/**
 * The organization's pending invitations: who, which roles, who sent them and until when.
 * Re-send gives a new link (the old one stops working); withdraw ends the invitation and removes
 * the invited person. Both are confirmed with a reason, which the audit trail records.
 */
export function PendingInvitations({ profile, onClose, onResent }: Props) {
  const now = useNowSeconds();
  const list = useInvitations(profile);
  const resend = useResendInvitation();
  const withdraw = useWithdrawInvitation();
  const [pending, setPending] = useState<Pending | null>(null);
  const busy = resend.pending || withdraw.isPending;

  const confirm = async () => {
    if (!pending || pending.reason.trim() === '') return;
    const args = { profile, id: pending.invitation.id, expectedVersion: pending.invitation.version, reason: pending.reason.trim() };
    if (pending.action === 'resend') {
      const answer = await resend.run(args);
      if (answer) {
        setPending(null);
        onResent(answer);
      }
    } else {
      withdraw.mutate(args, { onSuccess: () => setPending(null) });
    }
  };

  return (
    <Modal opened onClose={onClose} title="Pending invitations" size="xl" closeOnClickOutside={!busy}>
      <Stack gap="sm" data-testid="invitations-dialog">
        {list.isPending && <Loader size="sm" />}
        {list.error && <ErrorAlert error={list.error} title="The invitations could not be read." />}
        {list.data?.length === 0 && <Text size="sm">Nobody is waiting to accept an invitation.</Text>}
        {list.data && list.data.length > 0 && (
          <Table data-testid="invitations-table">
            <Table.Thead>
              <Table.Tr>
                <Table.Th>Person</Table.Th>
                <Table.Th>Roles</Table.Th>
                <Table.Th>Sent by</Table.Th>
                <Table.Th>Expires</Table.Th>
                <Table.Th />
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {list.data.map((i) => (
                <Table.Tr key={i.id} data-testid="invitation-row">
                  <Table.Td>
                    <Text size="sm">{i.display_name}</Text>
                    <Text size="xs" c="dimmed">
                      {i.email}
                    </Text>
                  </Table.Td>
                  <Table.Td>{i.roles.join(', ') || '—'}</Table.Td>
                  <Table.Td>{i.invited_by_name}</Table.Td>
                  <Table.Td>
                    {i.expires_at <= now ? (
                      <Badge color="red" variant="light" data-testid="invitation-expired">
                        Expired {formatTime(i.expires_at)}
                      </Badge>
                    ) : (
                      formatTime(i.expires_at)
                    )}
                  </Table.Td>
                  <Table.Td>
                    <Group gap={4} wrap="nowrap">
                      <Button size="xs" variant="default" data-testid="invitation-resend" onClick={() => setPending({ action: 'resend', invitation: i, reason: '' })}>
                        Re-send…
                      </Button>
                      <Button size="xs" color="red" variant="light" data-testid="invitation-withdraw" onClick={() => setPending({ action: 'withdraw', invitation: i, reason: '' })}>
                        Withdraw…
                      </Button>
                    </Group>
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        )}
        {pending && (
          <Stack gap="xs" data-testid="invitation-confirm">
            <Text size="sm">
              {pending.action === 'resend' ? (
                <>
                  Send <strong>{pending.invitation.display_name}</strong> a new link? The link sent before stops working at once.
                </>
              ) : (
                <>
                  Withdraw the invitation of <strong>{pending.invitation.display_name}</strong>? Their link stops working and they are removed
                  from the directory (they never accepted). Inviting them again is a new invitation.
                </>
              )}
            </Text>
            <TextInput
              label="Reason"
              required
              data-autofocus
              value={pending.reason}
              onChange={(e) => setPending({ ...pending, reason: e.currentTarget.value })}
              data-testid="invitation-reason"
            />
            {resend.error && <ErrorAlert error={resend.error} title="No new link was sent." />}
            {withdraw.error && <ErrorAlert error={withdraw.error} title="The invitation was not withdrawn." />}
            <Group justify="flex-end" gap="xs">
              <Button variant="default" size="xs" onClick={() => setPending(null)} disabled={busy}>
                Cancel
              </Button>
              <Button
                size="xs"
                color={pending.action === 'withdraw' ? 'red' : undefined}
                data-testid="invitation-confirm-submit"
                disabled={pending.reason.trim() === ''}
                loading={busy}
                onClick={() => void confirm()}
              >
                {pending.action === 'resend' ? 'Send a new link' : 'Withdraw'}
              </Button>
            </Group>
          </Stack>
        )}
      </Stack>
    </Modal>
  );
}
