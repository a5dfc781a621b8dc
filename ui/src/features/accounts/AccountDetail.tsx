import { Alert, Badge, Button, Card, Center, Group, Loader, Stack, Text, Title } from '@mantine/core';
import { useState } from 'react';

import { useApiKeys, useKeyAction, type ApiKey, type OneTimeSecret, type ServiceAccount } from '../../ipc';
import { AccountEditDialog } from './AccountEditDialog';
import { ClientSecret } from './ClientSecret';
import { Failure } from './Failure';
import { KeyCreateDialog } from './KeyCreateDialog';
import { KeysTable, type KeyRequest } from './KeysTable';
import { OwnerCell } from './OwnerCell';
import { RevokeDialog } from './RevokeDialog';
import { RotateDialog } from './RotateDialog';
import { SecretDialog, type Revealed } from './SecretDialog';
import { useLocked } from '../../lib/locked';
import { formatTime, useNowSeconds } from './time';

interface Props {
  profile: string;
  account: ServiceAccount;
  onBack: () => void;
}

/** What just happened to a key, said plainly (and whether it can be undone). */
type Notice = { color: string; text: string };

/** One account: who answers for it, its keys and what can be done to each, its M2M client. */
export function AccountDetail({ profile, account, onBack }: Props) {
  const now = useNowSeconds();
  const keys = useApiKeys(profile, account.id);
  const action = useKeyAction();
  // The only place a new secret is held: from the server's answer until the dialog closes.
  const [revealed, setRevealed] = useState<Revealed | null>(null);
  // A key shown once does not survive the idle lock: the session that fetched it has ended.
  const locked = useLocked();
  if (locked && revealed) setRevealed(null);
  const [dialog, setDialog] = useState<{ kind: 'create' | 'edit' } | { kind: 'rotate' | 'revoke'; key: ApiKey } | null>(null);
  const [notice, setNotice] = useState<Notice | null>(null);

  const issued = (what: Revealed['what']) => (answer: OneTimeSecret) => {
    setDialog(null);
    setNotice(null);
    setRevealed({ what, answer });
  };
  const fresh = (k: ApiKey) => keys.data?.find((x) => x.id === k.id) ?? k;
  const request = (r: KeyRequest) => {
    setNotice(null);
    action.reset();
    if (r.kind === 'rotate' || r.kind === 'revoke') {
      // The dialogs say when the key was last used: read it fresh, not as listed minutes ago.
      void keys.refetch();
      return setDialog({ kind: r.kind, key: r.key });
    }
    action.mutate(
      { profile, accountId: account.id, keyId: r.key.id, action: r.kind },
      {
        onSuccess: (k) =>
          setNotice(
            r.kind === 'disable'
              ? { color: 'gray', text: `${k.prefix}… is disabled: requests with it are refused from now on. Enable it to let it work again.` }
              : { color: 'green', text: `${k.prefix}… is enabled: it is accepted again until it expires (${formatTime(k.expires_at)}).` },
          ),
      },
    );
  };

  return (
    <Stack gap="md" data-testid="account-detail" data-account-id={account.id}>
      <Group justify="space-between">
        <Button variant="subtle" onClick={onBack} data-testid="account-back" px={0}>
          ← All service accounts
        </Button>
        <Button variant="default" onClick={() => setDialog({ kind: 'edit' })} data-testid="account-edit">
          Edit account
        </Button>
      </Group>
      <Card withBorder>
        <Stack gap={6}>
          <Group gap="sm">
            <Title order={3} data-testid="account-detail-name">
              {account.name}
            </Title>
            <Badge color={account.status === 'active' ? 'green' : 'gray'} variant="light">
              {account.status === 'active' ? 'Active' : 'Disabled'}
            </Badge>
          </Group>
          {account.description && <Text size="sm">{account.description}</Text>}
          <Group gap="xl" align="flex-start">
            <Stack gap={0}>
              <Text size="xs" c="dimmed">
                Owner of record
              </Text>
              <OwnerCell account={account} />
            </Stack>
            <Stack gap={0}>
              <Text size="xs" c="dimmed">
                Acts for
              </Text>
              <Text size="sm">{account.acts_for_name ?? 'Itself (an application)'}</Text>
            </Stack>
            <Stack gap={0}>
              <Text size="xs" c="dimmed">
                Id
              </Text>
              <Text size="sm" ff="monospace">
                {account.id}
              </Text>
            </Stack>
          </Group>
          {account.status === 'disabled' && (
            <Text size="sm" c="red.8">
              This account is disabled: none of its keys are accepted until it is enabled again (Edit account).
            </Text>
          )}
        </Stack>
      </Card>

      <Stack gap="xs">
        <Group justify="space-between">
          <Title order={4}>API keys</Title>
          <Button data-testid="key-create" onClick={() => setDialog({ kind: 'create' })}>
            Create key
          </Button>
        </Group>
        <Text size="xs" c="dimmed">
          Rotate issues a new key and keeps the old one working for an overlap you choose. Disable stops a key until you enable it again.
          Revoke stops it for good.
        </Text>
        {notice && (
          <Alert color={notice.color} data-testid="key-notice" role="status" withCloseButton onClose={() => setNotice(null)}>
            {notice.text}
          </Alert>
        )}
        {action.error && <Failure what="The key was not changed." error={action.error} />}
        {keys.isPending ? (
          <Center p="md">
            <Loader size="sm" aria-label="Loading the keys" />
          </Center>
        ) : keys.error ? (
          <Failure what="The keys could not be read." error={keys.error} />
        ) : (
          <KeysTable profile={profile} keys={keys.data} now={now} busyId={action.isPending ? (action.variables?.keyId ?? null) : null} onRequest={request} />
        )}
      </Stack>

      <ClientSecret profile={profile} account={account} onIssued={issued('client')} />

      {dialog?.kind === 'create' && <KeyCreateDialog profile={profile} account={account} onClose={() => setDialog(null)} onIssued={issued('key')} />}
      {dialog?.kind === 'rotate' && <RotateDialog profile={profile} apiKey={fresh(dialog.key)} onClose={() => setDialog(null)} onIssued={issued('rotated')} />}
      {dialog?.kind === 'revoke' && (
        <RevokeDialog
          profile={profile}
          apiKey={fresh(dialog.key)}
          onClose={() => setDialog(null)}
          onDone={(k) => {
            setDialog(null);
            setNotice({ color: 'red', text: `${k.prefix}… is revoked: it is refused from now on, for good.` });
          }}
        />
      )}
      {dialog?.kind === 'edit' && <AccountEditDialog profile={profile} account={account} onClose={() => setDialog(null)} onSaved={() => setDialog(null)} />}
      {revealed && <SecretDialog revealed={revealed} onClose={() => setRevealed(null)} />}
    </Stack>
  );
}
