import { Alert, Button, Card, Center, Group, Loader, Select, Stack, Text, Title } from '@mantine/core';
import { useState } from 'react';

import { ErrorAlert } from '../../components/ErrorAlert';
import {
  useCancelSignIn,
  useDemoInfo,
  useProfiles,
  useSelectProfile,
  useSignIn,
  useSignOutNotice,
  type IpcError,
} from '../../ipc';
import { ManageProfiles } from '../profiles';
import { DemoPersonas } from './DemoPersonas';

/** Profile picker and "Sign in with browser", with a waiting state that can be cancelled. */
export function SignInScreen({ sessionError }: { sessionError?: IpcError | null }) {
  const profiles = useProfiles();
  const select = useSelectProfile();
  const signIn = useSignIn();
  const cancel = useCancelSignIn();
  const demo = useDemoInfo();

  const view = profiles.data;
  const selected = view?.profiles.find((p) => p.name === view.selected);
  const error = signIn.error ?? select.error ?? sessionError ?? null;
  const notice = useSignOutNotice(view?.selected).data;
  const [managing, setManaging] = useState(false);

  return (
    <Center mih="100vh" p="md" bg="var(--ac-backdrop)">
      <Stack w={560} maw="100%" gap="md">
        <Card withBorder shadow="sm" padding="xl" radius="md">
          <Stack gap="md">
            <div>
              <Title order={2}>Access Console</Title>
              <Text c="dimmed">Administer access to your organization on the platform.</Text>
            </div>
            <Select
              data-testid="profile-select"
              label="Profile"
              description="Which platform to sign in to"
              data={view?.profiles.map((p) => p.name) ?? []}
              value={view?.selected ?? null}
              onChange={(name) => name && select.mutate(name)}
              disabled={signIn.isPending}
              allowDeselect={false}
            />
            <Group justify="space-between" wrap="nowrap" gap="sm">
              {selected && (
                <Text size="sm" c="dimmed" data-testid="profile-api-base" style={{ overflowWrap: 'anywhere' }}>
                  {selected.api_base}
                  {selected.builtin ? ' · built-in demo platform' : ''}
                </Text>
              )}
              <Button data-testid="manage-profiles" variant="subtle" size="compact-sm" disabled={signIn.isPending} onClick={() => setManaging(true)}>
                Manage profiles
              </Button>
            </Group>
            {notice && !signIn.isPending && (
              <Alert data-testid="sign-out-notice" color="yellow" title="Signed out">
                {notice}
              </Alert>
            )}
            {error && <ErrorAlert error={error} />}
            {signIn.isPending ? (
              <Group data-testid="sign-in-waiting" justify="space-between" wrap="nowrap">
                <Group gap="sm" wrap="nowrap">
                  <Loader size="sm" />
                  <Text>Finish signing in in your browser…</Text>
                </Group>
                <Button data-testid="cancel-sign-in" variant="default" onClick={() => cancel.mutate()}>
                  Cancel
                </Button>
              </Group>
            ) : (
              <Button
                data-testid="sign-in-button"
                size="md"
                disabled={!view}
                onClick={() => view && signIn.mutate(view.selected)}
              >
                Sign in with browser
              </Button>
            )}
            <Text size="xs" c="dimmed">
              Your browser opens the platform&apos;s sign-in page. The console never sees your password; its session is
              kept in your system keyring.
            </Text>
          </Stack>
        </Card>
        {demo.data && <DemoPersonas demo={demo.data} />}
      </Stack>
      {managing && <ManageProfiles onClose={() => setManaging(false)} />}
    </Center>
  );
}

export function StartingScreen() {
  return (
    <Center mih="100vh">
      <Loader aria-label="Loading" />
    </Center>
  );
}
