import { AppShell, Badge, Button, Card, Group, Stack, Text, Title } from '@mantine/core';

import { ErrorAlert } from '../../components/ErrorAlert';
import { useSignOut, type SessionView } from '../../ipc';
import { Offers } from './Offers';

/** Who is signed in, and what the console offers their role. */
export function HomeScreen({ session }: { session: SessionView }) {
  const { me, profile } = session;
  const signOut = useSignOut();

  return (
    <AppShell header={{ height: 56 }} padding="lg" bg="gray.0">
      <AppShell.Header px="lg">
        <Group h="100%" justify="space-between" wrap="nowrap">
          <Group gap="xs" wrap="nowrap">
            <Text fw={700}>Access Console</Text>
            <Badge variant="light" color="gray" title="Connection profile" data-testid="me-profile">
              {profile}
            </Badge>
          </Group>
          <Group gap="sm" wrap="nowrap">
            <Text size="sm" c="dimmed" visibleFrom="sm">
              {me.organization.name}
            </Text>
            <Button
              data-testid="sign-out-button"
              variant="default"
              size="xs"
              loading={signOut.isPending}
              onClick={() => signOut.mutate(profile)}
            >
              Sign out
            </Button>
          </Group>
        </Group>
      </AppShell.Header>
      <AppShell.Main data-testid="home">
        <Stack maw={960} mx="auto" gap="lg">
          {signOut.error && <ErrorAlert error={signOut.error} />}
          <Card withBorder radius="md" padding="lg">
            <Title order={2} data-testid="me-name">
              {me.display_name}
            </Title>
            <Text c="dimmed" data-testid="me-email">
              {me.email ?? 'No email on record'}
            </Text>
            <Group mt="sm" gap="xs">
              <Text size="sm" fw={500} data-testid="me-org">
                {me.organization.name}
              </Text>
              <Group gap={4} data-testid="me-roles">
                {me.staff_roles.map((r) => (
                  <Badge key={r} variant="filled" color={r === 'OWNER' ? 'red' : 'blue'}>
                    {r}
                  </Badge>
                ))}
              </Group>
              {me.config_role && (
                <Badge
                  data-testid="me-config-role"
                  variant="outline"
                  color="grape"
                  title="Role in the organization's configuration"
                >
                  Config {me.config_role === 'OWNER' ? 'Owner' : 'Member'}
                </Badge>
              )}
            </Group>
          </Card>
          <Offers me={me} />
        </Stack>
      </AppShell.Main>
    </AppShell>
  );
}
