import { Button, Group, Kbd, Modal, Stack, Table, Text, Title } from '@mantine/core';
import { Fragment } from 'react';

import { shortcutGroups } from './shortcuts';

interface Props {
  opened: boolean;
  onClose: () => void;
  onAbout: () => void;
}

/** The keyboard shortcuts the window has, opened with `?` and closed with Escape. */
export function ShortcutSheet({ opened, onClose, onAbout }: Props) {
  return (
    <Modal opened={opened} onClose={onClose} title="Keyboard shortcuts" size="lg">
      {/* The id on the content: a closed Modal may keep its empty root mounted. */}
      <Stack gap="md" data-testid="shortcut-sheet">
        {shortcutGroups().map((g) => (
          <div key={g.title}>
            <Title order={5} mb={4}>
              {g.title}
            </Title>
            <Table layout="fixed" verticalSpacing={4}>
              <Table.Tbody>
                {g.shortcuts.map((s) => (
                  <Table.Tr key={`${g.title}:${s.what}`} data-testid="shortcut">
                    <Table.Td w={200}>
                      <Group gap={4} wrap="wrap">
                        {s.keys.map((chord, i) => (
                          <Fragment key={chord.join('+')}>
                            {i > 0 && (
                              <Text span size="xs" c="dimmed">
                                /
                              </Text>
                            )}
                            {chord.map((k, j) => (
                              <Fragment key={k}>
                                {j > 0 && (
                                  <Text span size="xs">
                                    +
                                  </Text>
                                )}
                                <Kbd size="xs">{k}</Kbd>
                              </Fragment>
                            ))}
                          </Fragment>
                        ))}
                      </Group>
                    </Table.Td>
                    <Table.Td>
                      <Text size="sm">{s.what}</Text>
                    </Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </div>
        ))}
        <Group justify="space-between">
          <Button variant="subtle" data-testid="shortcuts-about" onClick={onAbout}>
            About Access Console
          </Button>
          <Button onClick={onClose}>Close</Button>
        </Group>
      </Stack>
    </Modal>
  );
}
