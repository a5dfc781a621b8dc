import { AppShell, Badge, Button, Group, Tabs, Text } from '@mantine/core';
import { useMemo, useState } from 'react';

import { ErrorAlert } from '../components/ErrorAlert';
import { ActingBanner, ActingEndedNotice, BANNER_HEIGHT } from '../features/acting';
import { AccountsScreen } from '../features/accounts';
import { AuditScreen } from '../features/audit';
import { DirectoryScreen, directoryScope } from '../features/directory';
import { HomeScreen } from '../features/home/HomeScreen';
import { OverviewCharts } from '../features/overview/OverviewCharts';
import { canManagePeople, ComingOfAgeScreen } from '../features/people';
import { SettingsScreen } from '../features/settings';
import { useSignOut, type Permission, type SessionView } from '../ipc';
import { directorySlots } from './directorySlots';
import { useHelp } from './Help';
import { useOverviewLinks } from './overviewLinks';
import { SignOutDialog } from './SignOutDialog';

type View = 'overview' | 'directory' | 'coming-of-age' | 'audit' | 'accounts' | 'settings';

const SETTINGS_OFFERS: readonly Permission[] = ['settings_read', 'settings_write', 'settings_write_member'];

/**
 * The signed-in window: the directory is the main view for those who may read it, else the
 * organization settings for config users; the overview (identity, charts and permission cards) is one
 * tab away. Every tab stays mounted once opened, so switching keeps the directory's search and
 * scroll position and staged settings, and the palette (Ctrl/Cmd+K) works from any of them.
 * While an OWNER acts for someone, `me` is that person: the same rules pick their screens, and
 * the acting banner sits above everything for the whole time.
 */
export function SignedInShell({ session }: { session: SessionView }) {
  const { me, profile } = session;
  const acting = me.acting;
  const signOut = useSignOut();
  const scope = directoryScope(me.permissions);
  const audit = me.permissions.includes('audit_read');
  const accounts = me.permissions.includes('service_accounts_write');
  const settings = me.permissions.includes('settings_read');
  const people = canManagePeople(me.permissions);
  const [view, setViewState] = useState<View>(scope ? 'directory' : settings ? 'settings' : 'overview');
  // The audit log is read from the server: asked for when first opened, not at every sign-in.
  const [auditOpened, setAuditOpened] = useState(false);
  // Service accounts too: read from the server when the tab is first opened.
  const [accountsOpened, setAccountsOpened] = useState(false);
  // And the settings, unless they are the main view.
  const [settingsOpened, setSettingsOpened] = useState(view === 'settings');
  // The coming-of-age list asks the platform for its age-out and date: when first opened.
  const [comingOpened, setComingOpened] = useState(false);
  const setView = (v: View) => {
    setViewState(v);
    if (v === 'audit') setAuditOpened(true);
    if (v === 'accounts') setAccountsOpened(true);
    if (v === 'settings') setSettingsOpened(true);
    if (v === 'coming-of-age') setComingOpened(true);
  };
  const [confirming, setConfirming] = useState(false);
  const showDirectory = () => setView('directory');
  // The audit trail has its own screen; role changes are made in the directory.
  const openOffer = (p: Permission) => {
    if (p === 'audit_read' && audit) setView('audit');
    else if (p === 'service_accounts_write' && accounts) setView('accounts');
    else if (SETTINGS_OFFERS.includes(p) && settings) setView('settings');
    else if (scope) setView('directory');
  };
  const slots = useMemo(() => directorySlots(session), [session]);
  const { openAbout } = useHelp();
  const overview = useOverviewLinks(setView, { directory: scope !== null, audit, accounts });

  return (
    <Tabs value={view} onChange={(v) => v && setView(v as View)} keepMounted keepMountedMode="display-none" variant="pills">
      <AppShell header={{ height: acting ? 56 + BANNER_HEIGHT : 56 }} padding="md" bg="var(--ac-backdrop)">
        <AppShell.Header>
          {acting && <ActingBanner profile={profile} acting={acting} />}
          <Group h={56} px="lg" justify="space-between" wrap="nowrap">
            <Group gap="xs" wrap="nowrap">
              <Text fw={700}>Access Console</Text>
              <Badge variant="light" color="gray" title="Connection profile" data-testid="me-profile">
                {profile}
              </Badge>
              {(scope || audit || accounts || settings) && (
                <Tabs.List ml="md">
                  {scope && (
                    <Tabs.Tab value="directory" data-testid="nav-directory">
                      {scope === 'all' ? 'Directory' : 'Staff directory'}
                    </Tabs.Tab>
                  )}
                  {people && (
                    <Tabs.Tab value="coming-of-age" data-testid="nav-coming-of-age">
                      Coming of age
                    </Tabs.Tab>
                  )}
                  {accounts && (
                    <Tabs.Tab value="accounts" data-testid="nav-accounts">
                      Service accounts
                    </Tabs.Tab>
                  )}
                  {settings && (
                    <Tabs.Tab value="settings" data-testid="nav-settings">
                      Settings
                    </Tabs.Tab>
                  )}
                  {audit && (
                    <Tabs.Tab value="audit" data-testid="nav-audit">
                      Audit log
                    </Tabs.Tab>
                  )}
                  <Tabs.Tab value="overview" data-testid="nav-overview">
                    Overview
                  </Tabs.Tab>
                </Tabs.List>
              )}
            </Group>
            <Group gap="sm" wrap="nowrap">
              <Text size="sm" c="dimmed" visibleFrom="sm">
                {me.organization.name}
              </Text>
              <Button data-testid="about-button" variant="subtle" color="gray" size="xs" onClick={openAbout}>
                About
              </Button>
              <Button
                data-testid="sign-out-button"
                variant="default"
                size="xs"
                onClick={() => setConfirming(true)}
              >
                Sign out
              </Button>
            </Group>
          </Group>
        </AppShell.Header>
        <SignOutDialog
          opened={confirming}
          profile={profile}
          pending={signOut.isPending}
          onCancel={() => setConfirming(false)}
          canKeepCopy={session.can_keep_copy}
          onConfirm={(keepCopy) => signOut.mutate({ profile, keepCopy }, { onSettled: () => setConfirming(false) })}
        />
        <AppShell.Main data-testid="home">
          {signOut.error && <ErrorAlert error={signOut.error} />}
          {!acting && <ActingEndedNotice profile={profile} />}
          <Tabs.Panel value="overview">
            <HomeScreen session={session} onOpen={openOffer}>
              {/* Mounted while shown: the counts are fresh each time, the charts get a size. */}
              {view === 'overview' && <OverviewCharts profile={profile} permissions={me.permissions} links={overview.links} />}
            </HomeScreen>
          </Tabs.Panel>
          {scope && (
            <Tabs.Panel
              value="directory"
              h="calc(100dvh - var(--app-shell-header-offset, 0rem) - 2 * var(--app-shell-padding))"
              mih={360}
            >
              <DirectoryScreen
                session={session}
                active={view === 'directory'}
                onShow={showDirectory}
                slots={slots}
                request={overview.requests.directory}
              />
            </Tabs.Panel>
          )}
          {people && (
            <Tabs.Panel value="coming-of-age">
              {comingOpened && <ComingOfAgeScreen profile={profile} />}
            </Tabs.Panel>
          )}
          {accounts && (
            <Tabs.Panel value="accounts">
              {accountsOpened && <AccountsScreen profile={profile} reviewRequest={overview.requests.review} />}
            </Tabs.Panel>
          )}
          {settings && (
            <Tabs.Panel value="settings">
              {settingsOpened && <SettingsScreen profile={profile} />}
            </Tabs.Panel>
          )}
          {audit && (
            <Tabs.Panel value="audit">
              {auditOpened && <AuditScreen profile={profile} request={overview.requests.audit} />}
            </Tabs.Panel>
          )}
        </AppShell.Main>
      </AppShell>
    </Tabs>
  );
}
