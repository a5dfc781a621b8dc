import { Button, Center, Group, Loader, Stack, Tabs, Text, Title } from '@mantine/core';
import { useState } from 'react';

import { useServiceAccounts } from '../../ipc';
import { AccessReview } from './AccessReview';
import { AccountCreateDialog } from './AccountCreateDialog';
import { AccountDetail } from './AccountDetail';
import { AccountsTable } from './AccountsTable';
import { Failure } from './Failure';
import { useNowSeconds } from './time';

type View = 'accounts' | 'review';

/**
 * Service accounts and their credentials, for owners: the list (or one account with its keys)
 * and the access review. Everything here is read from the server, not the local cache.
 */
export function AccountsScreen({ profile, reviewRequest }: { profile: string; reviewRequest?: number }) {
  const now = useNowSeconds();
  const accounts = useServiceAccounts(profile);
  const [view, setView] = useState<View>(reviewRequest === undefined ? 'accounts' : 'review');
  const [selected, setSelected] = useState<string | null>(null);
  // The review asked for from elsewhere (the Overview's key chart): shown once per request.
  const [appliedRequest, setAppliedRequest] = useState(reviewRequest);
  if (reviewRequest !== appliedRequest) {
    setAppliedRequest(reviewRequest);
    setView('review');
    setSelected(null);
  }
  const [creating, setCreating] = useState(false);
  const account = accounts.data?.find((a) => a.id === selected);

  const open = (id: string) => {
    setSelected(id);
    setView('accounts');
  };

  return (
    <Stack gap="sm" data-testid="accounts-screen" maw={1400} mx="auto">
      <Title order={2}>Service accounts</Title>
      <Tabs value={view} onChange={(v) => v && setView(v as View)} keepMounted={false}>
        <Tabs.List>
          <Tabs.Tab value="accounts" data-testid="accounts-tab-list">
            Accounts
          </Tabs.Tab>
          <Tabs.Tab value="review" data-testid="accounts-tab-review">
            Access review
          </Tabs.Tab>
        </Tabs.List>
        <Tabs.Panel value="accounts" pt="sm">
          {accounts.isPending ? (
            <Center p="lg">
              <Loader size="sm" aria-label="Loading the service accounts" />
            </Center>
          ) : accounts.error ? (
            <Failure what="The service accounts could not be read." error={accounts.error} />
          ) : account ? (
            <AccountDetail key={account.id} profile={profile} account={account} onBack={() => setSelected(null)} />
          ) : (
            <Stack gap="sm">
              <Group justify="space-between">
                <Text size="sm" c="dimmed" data-testid="accounts-count">
                  {accounts.data.length === 1 ? '1 service account' : `${accounts.data.length} service accounts`}. Open one to manage its keys.
                </Text>
                <Button data-testid="account-create" onClick={() => setCreating(true)}>
                  New service account
                </Button>
              </Group>
              {accounts.data.length === 0 ? (
                <Text c="dimmed" data-testid="accounts-empty">
                  No service accounts yet.
                </Text>
              ) : (
                <AccountsTable accounts={accounts.data} now={now} onOpen={open} />
              )}
            </Stack>
          )}
        </Tabs.Panel>
        <Tabs.Panel value="review" pt="sm">
          {/* Unmounted until shown: the review walks every account's keys on the server. */}
          <AccessReview profile={profile} onOpenAccount={open} />
        </Tabs.Panel>
      </Tabs>
      {creating && (
        <AccountCreateDialog
          profile={profile}
          onClose={() => setCreating(false)}
          onCreated={(a) => {
            setCreating(false);
            setSelected(a.id);
          }}
        />
      )}
    </Stack>
  );
}
