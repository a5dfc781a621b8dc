import { Button } from '@mantine/core';
import { useState } from 'react';

import type { DirectoryQuery } from '../../ipc';
import { BulkRolesDialog } from './BulkRolesDialog';

/** "Change roles…" for everyone the directory's search matches. */
export function BulkRolesButton({ profile, query }: { profile: string; query: DirectoryQuery }) {
  const [open, setOpen] = useState(false);
  return (
    <>
      <Button variant="default" size="xs" data-testid="bulk-roles-button" onClick={() => setOpen(true)}>
        Change roles…
      </Button>
      {/* Mounted only while open, so every opening starts afresh from the current search. */}
      {open && <BulkRolesDialog profile={profile} query={query} onClose={() => setOpen(false)} />}
    </>
  );
}
