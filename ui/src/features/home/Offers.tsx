import { Alert, Button, Card, SimpleGrid, Stack, Text, Title } from '@mantine/core';

import type { Me, Permission } from '../../ipc';
import { offersFor, roleSummary } from './permissions';

interface Props {
  me: Me;
  /** Opens the screen of a permission that is built; without it no card offers to open. */
  onOpen?: (permission: Permission) => void;
}

/** One card per permission the server granted, or a plain "no access" explanation. */
export function Offers({ me, onOpen }: Props) {
  const offers = offersFor(me.permissions);

  if (offers.length === 0) return <NoAccess me={me} />;

  return (
    <Stack gap="sm">
      <Title order={4}>What you can do here</Title>
      <SimpleGrid cols={{ base: 1, sm: 2, md: 3 }}>
        {offers.map((o) => (
          <Card key={o.permission} withBorder radius="md" data-testid={`permission-card-${o.permission}`}>
            <Text fw={600} mb={4}>
              {o.title}
            </Text>
            <Text size="sm" c="dimmed">
              {o.description}
            </Text>
            {onOpen && (
              <Button mt="sm" size="xs" variant="light" data-testid={`open-${o.permission}`} onClick={() => onOpen(o.permission)}>
                Open
              </Button>
            )}
          </Card>
        ))}
      </SimpleGrid>
    </Stack>
  );
}

/**
 * Why the console shows nothing: the role. While an OWNER acts for someone, `me` is that person,
 * so this speaks of them ("Dr. Priya Provider's roles … give no console access").
 */
function NoAccess({ me }: { me: Me }) {
  const roles = roleSummary(me);
  const several = roles.includes(', ');
  const records = me.permissions.includes('patient_records_write');
  if (me.acting) {
    const name = me.acting.subject_name;
    return (
      <Alert data-testid="no-access" color="yellow" title="No console access">
        {name}&rsquo;s {several ? 'roles' : 'role'} ({roles}) {several ? 'give' : 'gives'} no console access: this is what they
        see when they sign in.
        {records && (
          <Text size="sm" mt="xs" data-testid="no-access-records">
            The platform lets them, and service accounts acting for them, update patient records (names, contact and date of
            birth) from other tools.
          </Text>
        )}
      </Alert>
    );
  }
  return (
    <Alert data-testid="no-access" color="yellow" title="No console access">
      Your role ({roles}) gives no access to Access Console. The console is for organization owners, support staff, members and
      config users. Ask an owner of {me.organization.name} if you need access.
      {records && (
        <Text size="sm" mt="xs" data-testid="no-access-records">
          The platform lets you, and service accounts acting for you, update patient records (names, contact and date of birth)
          from other tools.
        </Text>
      )}
    </Alert>
  );
}
