import { Anchor, Group, Kbd, Text } from '@mantine/core';
import { createContext, use, useCallback, useState, type ReactNode } from 'react';

import { AboutDialog } from '../features/about';
import { ShortcutSheet, useQuestionMark } from '../features/shortcuts';

type Help = { openAbout: () => void; openShortcuts: () => void };

const HelpContext = createContext<Help>({ openAbout: () => {}, openShortcuts: () => {} });

/** About and the shortcut sheet, for whichever screen wants to open them. */
export const useHelp = () => use(HelpContext);

/**
 * About and the keyboard-shortcut sheet, over every screen (the sign-in screen too: that is
 * where someone looks for the log when signing in fails). `?` opens the sheet.
 */
export function HelpProvider({ children }: { children: ReactNode }) {
  const [open, setOpen] = useState<'about' | 'shortcuts' | null>(null);
  const openAbout = useCallback(() => setOpen('about'), []);
  const openShortcuts = useCallback(() => setOpen('shortcuts'), []);
  const close = useCallback(() => setOpen(null), []);
  useQuestionMark(openShortcuts);

  return (
    <HelpContext value={{ openAbout, openShortcuts }}>
      {children}
      <ShortcutSheet opened={open === 'shortcuts'} onClose={close} onAbout={openAbout} />
      <AboutDialog opened={open === 'about'} onClose={close} />
    </HelpContext>
  );
}

/** The signed-out screens' way to About and the shortcuts: small, in the corner. */
export function HelpCorner() {
  const { openAbout, openShortcuts } = useHelp();
  return (
    <Group gap="md" pos="fixed" bottom={12} right={16} data-testid="help-corner">
      <Anchor component="button" size="sm" c="dimmed" onClick={openShortcuts} data-testid="help-shortcuts">
        Shortcuts <Kbd size="xs">?</Kbd>
      </Anchor>
      <Text span c="dimmed" size="sm" aria-hidden>
        ·
      </Text>
      <Anchor component="button" size="sm" c="dimmed" onClick={openAbout} data-testid="help-about">
        About
      </Anchor>
    </Group>
  );
}
