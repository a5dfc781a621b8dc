import { Alert, Anchor, Button, Center, Code, Group, Loader, Stack, Table, Text, Title } from '@mantine/core';
import { useState } from 'react';

import {
  REVIEW_EXPIRING_DAYS,
  REVIEW_UNUSED_DAYS,
  useAccessReview,
  useExportAccessReview,
  useFetchServiceAccount,
  useKeyAction,
  useUpdateServiceAccount,
  toIpcError,
  type IpcError,
  type ReviewItem,
  type ReviewKind,
} from '../../ipc';
import { Failure } from './Failure';
import { formatTime } from './time';

const GROUPS: { kind: ReviewKind; title: string; hint: string }[] = [
  { kind: 'unused_key', title: `Keys unused for ${REVIEW_UNUSED_DAYS} days`, hint: 'A key nobody uses is only a risk. Disable it; if nothing breaks, revoke it.' },
  { kind: 'expiring_key', title: `Keys expiring within ${REVIEW_EXPIRING_DAYS} days`, hint: 'Rotate these in the account before they stop, or disable them if they are no longer needed.' },
  {
    kind: 'orphaned_account',
    title: 'Accounts whose owner is no longer active staff',
    hint: 'Nobody answers for these. Give each a new owner (Edit account), or disable it.',
  },
];

const itemId = (i: ReviewItem) => `${i.kind}:${i.account_id}:${i.key_id ?? ''}`;

/**
 * Credentials and accounts an owner should look at now, grouped by why, each with a one-click
 * disable (reversible: a key or account can be enabled again), and the whole list as CSV.
 */
export function AccessReview({ profile, onOpenAccount }: { profile: string; onOpenAccount: (id: string) => void }) {
  const review = useAccessReview(profile);
  const exporter = useExportAccessReview();
  const keyAction = useKeyAction();
  const update = useUpdateServiceAccount();
  const fetchAccount = useFetchServiceAccount();
  const [busy, setBusy] = useState<string | null>(null);
  const [done, setDone] = useState<string | null>(null);
  const [error, setError] = useState<IpcError | null>(null);

  const disable = async (item: ReviewItem) => {
    setBusy(itemId(item));
    setDone(null);
    setError(null);
    try {
      if (item.key_id) {
        await keyAction.mutateAsync({ profile, accountId: item.account_id, keyId: item.key_id, action: 'disable' });
        setDone(`Disabled the key ${item.key_prefix ?? item.key_id}… of ${item.account_name}. It is refused from now on; it can be enabled again from the account.`);
      } else {
        // The one-click disable names the version it read just now, like any other edit.
        const account = await fetchAccount(profile, item.account_id);
        await update.mutateAsync({ profile, id: account.id, patch: { status: 'disabled' }, expectedVersion: account.version });
        setDone(`Disabled ${item.account_name}: none of its keys are accepted until it is enabled again (Edit account).`);
      }
    } catch (e) {
      setError(toIpcError(e));
    } finally {
      setBusy(null);
    }
  };

  const items = review.data?.items ?? [];
  return (
    <Stack gap="sm" data-testid="access-review">
      <Group justify="space-between" align="flex-end">
        <Stack gap={0}>
          <Title order={3}>Access review</Title>
          {review.data && (
            <Text size="sm" c="dimmed">
              As of {formatTime(review.data.as_of)}
            </Text>
          )}
        </Stack>
        <Group gap="xs">
          <Button variant="default" onClick={() => void review.refetch()} loading={review.isFetching && !review.isPending}>
            Check again
          </Button>
          <Button variant="default" data-testid="review-export" onClick={() => exporter.mutate(profile)} loading={exporter.isPending}>
            Export CSV
          </Button>
        </Group>
      </Group>
      {exporter.data && (
        <Alert color="green" data-testid="review-export-result" role="status" withCloseButton onClose={() => exporter.reset()}>
          Saved {exporter.data.count} {exporter.data.count === 1 ? 'finding' : 'findings'} to <Code>{exporter.data.path}</Code>
        </Alert>
      )}
      {exporter.error && <Failure what="The review was not exported." error={exporter.error} />}
      {done && (
        <Alert color="green" data-testid="review-done" role="status" withCloseButton onClose={() => setDone(null)}>
          {done}
        </Alert>
      )}
      {error && <Failure what="Nothing was disabled." error={error} />}
      {review.isPending ? (
        <Center p="lg">
          <Loader size="sm" aria-label="Reviewing every account and key" />
        </Center>
      ) : review.error ? (
        <Failure what="The review could not be made." error={review.error} />
      ) : items.length === 0 ? (
        <Text c="dimmed" data-testid="review-empty">
          Nothing to review: no unused or expiring keys, and every account has an active owner.
        </Text>
      ) : (
        GROUPS.map((g) => {
          const found = items.filter((i) => i.kind === g.kind);
          if (found.length === 0) return null;
          return (
            <Stack key={g.kind} gap={4} data-testid="review-group" data-kind={g.kind}>
              <Title order={5}>
                {g.title} ({found.length})
              </Title>
              <Text size="xs" c="dimmed">
                {g.hint}
              </Text>
              <Table verticalSpacing={4}>
                <Table.Tbody>
                  {found.map((i) => (
                    <Table.Tr key={itemId(i)} data-testid="review-item" data-kind={i.kind} data-account-id={i.account_id} data-key-id={i.key_id ?? undefined}>
                      <Table.Td w={260}>
                        <Anchor component="button" type="button" size="sm" onClick={() => onOpenAccount(i.account_id)}>
                          {i.account_name}
                        </Anchor>
                        {i.key_prefix && (
                          <Text size="xs" ff="monospace" c="dimmed">
                            {i.key_prefix}…
                          </Text>
                        )}
                      </Table.Td>
                      <Table.Td>
                        <Text size="sm">{i.detail}</Text>
                      </Table.Td>
                      <Table.Td w={160} ta="right">
                        <Button
                          size="compact-sm"
                          variant="light"
                          color="red"
                          data-testid="review-disable"
                          loading={busy === itemId(i)}
                          disabled={busy !== null && busy !== itemId(i)}
                          onClick={() => void disable(i)}
                          title={i.key_id ? 'Refuse this key from now on (it can be enabled again)' : 'Refuse all of its keys from now on (it can be enabled again)'}
                        >
                          {i.key_id ? 'Disable key' : 'Disable account'}
                        </Button>
                      </Table.Td>
                    </Table.Tr>
                  ))}
                </Table.Tbody>
              </Table>
            </Stack>
          );
        })
      )}
    </Stack>
  );
}
