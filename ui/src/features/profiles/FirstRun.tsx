import { Button, Card, Center, Stack, Text, Title } from '@mantine/core';
import { useState } from 'react';

import { ErrorAlert } from '../../components/ErrorAlert';
import { useStartDemo } from '../../ipc';
import { ImportButton } from './ImportConfirm';
import { ProfileEditor } from './ProfileEditor';

/** The app's first start without --demo and without profiles: connect, or try the demo. */
export function FirstRun() {
  const [editing, setEditing] = useState(false);
  const demo = useStartDemo();
  return (
    <Center mih="100vh" p="md" bg="var(--ac-backdrop)" data-testid="first-run">
      <Card withBorder shadow="sm" padding="xl" radius="md" w={560} maw="100%">
        <Stack gap="md">
          <div>
            <Title order={2}>Welcome to Access Console</Title>
            <Text c="dimmed">Administer access to your organization on the platform. Where do you want to start?</Text>
          </div>
          <Button data-testid="first-run-connect" size="md" onClick={() => setEditing(true)}>
            Connect to your organization’s platform
          </Button>
          <Text size="sm" c="dimmed">
            You need the platform’s address (your IT team has it), or a profile file they gave you:{' '}
            <ImportButton variant="subtle" size="compact-sm" />
          </Text>
          <Button data-testid="first-run-demo" size="md" variant="light" loading={demo.isPending} onClick={() => demo.mutate()}>
            Try the demo platform
          </Button>
          <Text size="sm" c="dimmed">
            A made-up clinic runs on this computer only, with accounts to sign in as. Nothing leaves this computer.
          </Text>
          {demo.error && <ErrorAlert error={demo.error} />}
        </Stack>
      </Card>
      {editing && <ProfileEditor onClose={() => setEditing(false)} onSaved={() => setEditing(false)} />}
    </Center>
  );
}
