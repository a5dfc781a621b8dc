import { Badge, Group, Kbd, Modal, Stack, Text, TextInput, UnstyledButton } from '@mantine/core';
import { useDebouncedValue, useHotkeys } from '@mantine/hooks';
import { memo, useState, type KeyboardEvent } from 'react';

import { useSearchUsers, type DirectoryQuery, type User } from '../../ipc';
import { KIND_LABELS } from './access';

const PALETTE_LIMIT = 20;

export const paletteQuery = (text: string): DirectoryQuery => ({
  text,
  kind: null,
  role: null,
  status: null,
  sort: 'name',
  descending: false,
  offset: 0,
  limit: PALETTE_LIMIT,
});

/**
 * Ctrl+K / Cmd+K from anywhere in the window: find a person by name, email, phone or id and
 * jump to them. Built on Modal: @mantine/spotlight has no release matching @mantine/core 9.8.1.
 */
// Memoized: closed, it has nothing to redraw on the directory's every keystroke.
export const CommandPalette = memo(function CommandPalette({ profile, onJump }: { profile: string; onJump: (id: string) => void }) {
  const [opened, setOpened] = useState(false);
  const [text, setText] = useState('');
  const [active, setActive] = useState(0);
  const [debounced] = useDebouncedValue(text.trim(), 120);
  // Inputs are not ignored: the shortcut must work while typing in the directory's search box.
  useHotkeys([['mod+K', () => setOpened((o) => !o), { preventDefault: true }]], []);

  const search = useSearchUsers(profile, paletteQuery(debounced), opened && debounced !== '');
  const rows = debounced === '' ? [] : (search.data?.rows ?? []);

  const close = () => {
    setOpened(false);
    setText('');
    setActive(0);
  };
  const jump = (user: User | undefined) => {
    if (!user) return;
    close();
    onJump(user.id);
  };
  const onKeyDown = (e: KeyboardEvent) => {
    if (e.key === 'ArrowDown' || e.key === 'ArrowUp') {
      e.preventDefault();
      const step = e.key === 'ArrowDown' ? 1 : -1;
      setActive((a) => (rows.length === 0 ? 0 : (a + step + rows.length) % rows.length));
    } else if (e.key === 'Enter') {
      e.preventDefault();
      jump(rows[active]);
    }
  };

  return (
    <Modal opened={opened} onClose={close} withCloseButton={false} size="lg" yOffset="12vh" padding="sm" data-testid="command-palette">
      <TextInput
        data-autofocus
        data-testid="palette-search"
        placeholder="Jump to a person: name, email, phone or id"
        value={text}
        onChange={(e) => {
          setText(e.currentTarget.value);
          setActive(0);
        }}
        onKeyDown={onKeyDown}
        aria-controls="palette-results"
        aria-activedescendant={rows[active] ? `palette-${rows[active].id}` : undefined}
        rightSection={<Kbd size="xs">Esc</Kbd>}
        rightSectionWidth={48}
      />
      <Stack gap={2} mt="xs" id="palette-results" role="listbox" aria-label="People">
        {rows.map((u, i) => (
          <UnstyledButton
            key={u.id}
            id={`palette-${u.id}`}
            role="option"
            aria-selected={i === active}
            data-testid="palette-result"
            data-user-id={u.id}
            onClick={() => jump(u)}
            onMouseEnter={() => setActive(i)}
            px="sm"
            py={6}
            style={{ borderRadius: 4, background: i === active ? 'var(--mantine-color-blue-1)' : undefined }}
          >
            <Group justify="space-between" wrap="nowrap">
              <div style={{ minWidth: 0 }}>
                <Text size="sm" fw={500} truncate>
                  {u.display_name}
                </Text>
                <Text size="xs" c="dimmed" truncate>
                  {[u.email, u.phone].filter(Boolean).join(' · ') || u.id}
                </Text>
              </div>
              <Badge size="xs" variant="outline" style={{ flexShrink: 0 }}>
                {KIND_LABELS[u.kind]}
              </Badge>
            </Group>
          </UnstyledButton>
        ))}
        {debounced !== '' && search.isSuccess && rows.length === 0 && (
          <Text size="sm" c="dimmed" p="sm">
            No one matches &lsquo;{debounced}&rsquo;
          </Text>
        )}
        {debounced === '' && (
          <Text size="xs" c="dimmed" p="sm">
            Type to search the local cache. ↑ ↓ to choose, Enter to open.
          </Text>
        )}
      </Stack>
    </Modal>
  );
});
