import { Badge, Card, Group, Stack, Text, Title } from '@mantine/core';
import type { ReactNode } from 'react';

import type { Permission, SessionView } from '../../ipc';
import { Offers } from './Offers';

interface Props {
  session: SessionView;
  /** Opens the screen behind a permission card, where one is built. */
  onOpen?: (permission: Permission) => void;
  /** The organization's charts (composed in src/app), between who you are and what you may do. */
  children?: ReactNode;
}

/** Who is signed in, the organization at a glance, and what the console offers their role. */
export function HomeScreen({ session, onOpen, children }: Props) {
  const { me } = session;

  return (
    <Stack maw={1200} mx="auto" gap="lg" data-testid="overview">
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
            <Badge data-testid="me-config-role" variant="outline" color="grape" title="Role in the organization's configuration">
              Config {me.config_role === 'OWNER' ? 'Owner' : 'Member'}
            </Badge>
          )}
        </Group>
        {me.organization.support_email && (
          <Text size="sm" c="dimmed" mt="xs" data-testid="me-support">
            Need help? Write to {me.organization.support_email}
          </Text>
        )}
      </Card>
      {children}
      <Offers me={me} onOpen={onOpen} />
    </Stack>
  );
}
