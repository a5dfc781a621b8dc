import { Alert, AppShell, Badge, Button, Card, Group, SimpleGrid, Stack, Text, Title } from '@mantine/core';

import { ErrorAlert } from '../../components/ErrorAlert';
import { useSignOut, type SessionView } from '../../ipc';
import { offersFor, roleSummary } from './permissions';

/** Who is signed in, and what the console offers their role. */
export function HomeScreen({ session }: { session: SessionView }) {
  const { me, profile } = session;
  const signOut = useSignOut();
  const offers = offersFor(me.permissions);

  return (
    <AppShell header={{ height: 56 }} padding="lg">
      <AppShell.Header px="lg">
        <Group h="100%" justify="space-between">
          <Group gap="xs">
            <Text fw={700}>Access Console</Text>
            <Badge variant="light" color="gray" title="Connection profile">
              {profile}
            </Badge>
          </Group>
          <Group gap="sm">
            <Text size="sm">{me.display_name}</Text>
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
        <Stack maw={960} gap="lg">
          {signOut.error && <ErrorAlert error={signOut.error} />}
          <Card withBorder radius="md" padding="lg">
            <Title order={2} data-testid="me-name">
              {me.display_name}
            </Title>
            <Text c="dimmed" data-testid="me-email">
              {me.email ?? 'no email on record'}
            </Text>
            <Group mt="sm" gap="xs">
              <Text size="sm" data-testid="me-org">
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
                <Badge data-testid="me-config-role" variant="outline" color="grape">
                  Config {me.config_role === 'OWNER' ? 'Owner' : 'Member'}
                </Badge>
              )}
            </Group>
          </Card>
          {offers.length === 0 ? (
            <Alert data-testid="no-access" color="yellow" title="No console access">
              Your role ({roleSummary(me)}) gives no access to Access Console. The console is for organization
              owners, support staff, members and config users. Ask an owner of {me.organization.name} if you need
              access.
            </Alert>
          ) : (
            <Stack gap="sm">
              <Title order={4}>What you can do here</Title>
              <SimpleGrid cols={{ base: 1, sm: 2, md: 3 }}>
                {offers.map((o) => (
                  <Card key={o.permission} withBorder radius="md" data-testid={`permission-card-${o.permission}`}>
                    <Group justify="space-between" mb={4} wrap="nowrap">
                      <Text fw={600}>{o.title}</Text>
                      <Badge size="xs" variant="light" color="gray">
                        Coming soon
                      </Badge>
                    </Group>
                    <Text size="sm" c="dimmed">
                      {o.description}
                    </Text>
                  </Card>
                ))}
              </SimpleGrid>
            </Stack>
          )}
        </Stack>
      </AppShell.Main>
    </AppShell>
  );
}
