import { Card, Code, Table, Text, Title } from '@mantine/core';

import type { DemoInfo } from '../../ipc';

/** The demo accounts, so a newcomer knows what to type in the browser's sign-in form. */
export function DemoPersonas({ demo }: { demo: DemoInfo }) {
  return (
    <Card withBorder radius="md" padding="lg" data-testid="demo-personas">
      <Title order={5}>Demo platform</Title>
      <Text size="sm" c="dimmed" mb="xs">
        This app runs its own demo platform at {demo.api_base}. Sign in with one of these accounts in the browser
        window that opens. Staff also enter a code from an authenticator app: add their TOTP secret to it.
      </Text>
      <Table striped withRowBorders={false} fz="xs" verticalSpacing={6}>
        <Table.Thead>
          <Table.Tr>
            <Table.Th>Persona</Table.Th>
            <Table.Th>Email</Table.Th>
            <Table.Th>Password</Table.Th>
            <Table.Th>TOTP secret</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {demo.personas.map((p) => (
            <Table.Tr key={p.email}>
              <Table.Td>
                <Text size="xs" fw={600}>
                  {p.label}
                </Text>
                <Text size="xs" c="dimmed">
                  {p.description}
                </Text>
              </Table.Td>
              <Table.Td>{p.email}</Table.Td>
              <Table.Td>
                <Code>{p.password}</Code>
              </Table.Td>
              <Table.Td data-testid="persona-totp">
                {p.totp_secret ? (
                  <Code>{p.totp_secret}</Code>
                ) : (
                  <Text span size="xs" c="dimmed">
                    no code asked
                  </Text>
                )}
              </Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </Card>
  );
}
