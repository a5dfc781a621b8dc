import { Alert, Button, Center, Group, Loader, Stack, Tabs, Text, Title } from '@mantine/core';
import { useState } from 'react';

import { ErrorAlert } from '../../components/ErrorAlert';
import { useSettingsView, type SettingsRights } from '../../ipc';
import { formatTime } from '../../lib/time';
import { LockIcon } from './LockIcon';
import { SettingsEditor } from './SettingsEditor';
import { SettingsHistory } from './SettingsHistory';

type Tab = 'edit' | 'history';

/**
 * The organization's settings, built from the server's schema alone (a field added on the
 * server appears here without a console release), with their history.
 */
export function SettingsScreen({ profile }: { profile: string }) {
  const view = useSettingsView(profile);
  const [tab, setTab] = useState<Tab>('edit');
  // The history is read from the server when first opened.
  const [historyOpened, setHistoryOpened] = useState(false);

  if (view.isPending) {
    return (
      <Center p="xl" data-testid="settings-screen">
        <Loader size="sm" aria-label="Loading the settings" />
      </Center>
    );
  }
  if (view.error) {
    return (
      <Stack gap="sm" data-testid="settings-screen" maw={960} mx="auto">
        <ErrorAlert error={view.error} />
        <Button variant="default" w="fit-content" onClick={() => void view.refetch()}>
          Try again
        </Button>
      </Stack>
    );
  }

  const { settings, rights } = view.data;
  return (
    <Stack gap="sm" data-testid="settings-screen" maw={960} mx="auto">
      <Group justify="space-between" align="flex-end">
        <Title order={2}>Organization settings</Title>
        <Text size="sm" c="dimmed" data-testid="settings-version" data-version={settings.version}>
          Version {settings.version} · saved {formatTime(settings.updated_at)} by {settings.updated_by_name || settings.updated_by}
        </Text>
      </Group>
      <RightsNote rights={rights} />
      <Tabs
        value={tab}
        onChange={(v) => {
          if (!v) return;
          setTab(v as Tab);
          if (v === 'history') setHistoryOpened(true);
        }}
        keepMounted
        keepMountedMode="display-none"
      >
        <Tabs.List>
          <Tabs.Tab value="edit" data-testid="settings-tab-edit">
            Settings
          </Tabs.Tab>
          <Tabs.Tab value="history" data-testid="settings-tab-history">
            History
          </Tabs.Tab>
        </Tabs.List>
        <Tabs.Panel value="edit" pt="md">
          <SettingsEditor profile={profile} view={view.data} />
        </Tabs.Panel>
        <Tabs.Panel value="history" pt="md">
          {historyOpened && <SettingsHistory profile={profile} view={view.data} />}
        </Tabs.Panel>
      </Tabs>
    </Stack>
  );
}

/** What this person may do here, in plain words. */
function RightsNote({ rights }: { rights: SettingsRights }) {
  if (rights === 'owner') {
    return (
      <Alert color="blue" variant="light" data-testid="settings-rights" data-rights={rights}>
        You have a config Owner's rights: you may change every setting, and restore an earlier version from the History. Nothing is
        saved until you review your changes and give a reason.
      </Alert>
    );
  }
  if (rights === 'member') {
    return (
      <Alert color="blue" variant="light" data-testid="settings-rights" data-rights={rights}>
        You are a config Member: you may change every setting that has no lock. A setting with a lock{' '}
        <LockIcon size={12} /> is changed only by a config Owner; the reason is written under it. Nothing is saved until you
        review your changes and give a reason, and every save can be undone by an Owner.
      </Alert>
    );
  }
  return (
    <Alert color="gray" variant="light" data-testid="settings-rights" data-rights={rights}>
      You may read these settings and their history, but your role does not let you change them.
    </Alert>
  );
}
