// The app's keyboard shortcuts, as its screens handle them. Only keys that exist are listed: each
// entry names where its handler lives, so removing one there means removing it here.

export type Shortcut = { keys: string[][]; what: string };
export type ShortcutGroup = { title: string; shortcuts: Shortcut[] };

const mod = () => (typeof navigator !== 'undefined' && /Mac|iPhone|iPad/.test(navigator.platform) ? '⌘' : 'Ctrl');

export function shortcutGroups(): ShortcutGroup[] {
  return [
    {
      title: 'Anywhere',
      shortcuts: [
        // features/shortcuts/useShortcutSheet.ts
        { keys: [['?']], what: 'Show these shortcuts (not while typing in a field)' },
        // Mantine's Modal closes on Escape unless a dialog is busy sending a change.
        { keys: [['Esc']], what: 'Close a dialog or this sheet' },
        // <form onSubmit> in the dialogs and in the audit filters.
        { keys: [['Enter']], what: 'Submit a dialog’s form, or apply the audit log’s filters' },
      ],
    },
    {
      title: 'Directory',
      shortcuts: [
        // features/directory/CommandPalette.tsx (works from every tab once the directory opened)
        { keys: [[mod(), 'K']], what: 'Jump to a person by name, email, phone or id' },
        { keys: [['↑'], ['↓']], what: 'In the jump list: move; Enter opens the person' },
        // features/directory/Toolbar.tsx
        { keys: [['↓']], what: 'From the search box: continue in the table' },
        // features/directory/UserTable.tsx
        { keys: [['↑'], ['↓'], ['PgUp'], ['PgDn'], ['Home'], ['End']], what: 'In the table: move the selection' },
        { keys: [['Enter']], what: 'In the table: open the selected person' },
        // features/directory/DirectoryScreen.tsx and DetailPane.tsx
        { keys: [['Esc']], what: 'Close the person’s details' },
      ],
    },
    {
      title: 'Service accounts',
      shortcuts: [
        // features/accounts/AccountsTable.tsx
        { keys: [['Enter'], ['Space']], what: 'Open the focused account' },
      ],
    },
  ];
}
