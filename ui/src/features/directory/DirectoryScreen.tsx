import { Button, Center, Group, Loader, Stack, Text } from '@mantine/core';
import { useCallback, useEffect, useMemo, useRef, useState } from 'react';

import {
  useSearchUsers,
  useRoleCatalog,
  useSyncNow,
  useSyncStatus,
  type IpcError,
  type SessionView,
  type SortField,
  type SyncStatus,
  type User,
} from '../../ipc';
import { directoryScope } from './access';
import { nextSort } from './columns';
import { CommandPalette } from './CommandPalette';
import { DetailPane } from './DetailPane';
import type { DirectorySlots } from './slots';
import { SyncBar, SyncNotices } from './SyncBar';
import { resultLine } from './resultLine';
import { Toolbar, type Filters } from './Toolbar';
import { windowQuery, type DirectoryFilter } from './useDirectoryRows';
import { UserTable, type UserTableHandle } from './UserTable';

const NO_FILTERS: Filters = { kind: null, role: null, status: null };

interface Props {
  session: SessionView;
  /** Whether the screen is in front; bringing it to front puts the cursor in the search box. */
  active?: boolean;
  /** Asks the app to bring this screen to the front (the palette works from every screen). */
  onShow?: () => void;
  /** Pieces of other features (role editing, history), composed in src/app. */
  slots?: DirectorySlots;
  /** Filters asked for from elsewhere (an Overview chart); each new `seq` applies them once. */
  request?: DirectoryRequest;
}

export interface DirectoryRequest {
  filters: Filters;
  seq: number;
}

/** Everyone in the organization the signed-in person may read, from the local cache. */
export function DirectoryScreen({ session, active = true, onShow, slots, request }: Props) {
  const { profile } = session;
  const scope = directoryScope(session.me.permissions) ?? 'staff';

  const [text, setText] = useState('');
  const [filters, setFilters] = useState<Filters>(NO_FILTERS);
  const [sort, setSort] = useState<{ sort: SortField; descending: boolean }>({ sort: 'name', descending: false });
  const [openId, setOpenId] = useState<string | null>(null);
  // A new request replaces the search and filters (React's "adjust state on a prop change").
  const [appliedSeq, setAppliedSeq] = useState<number | null>(null);
  if (request && request.seq !== appliedSeq) {
    setAppliedSeq(request.seq);
    setText('');
    setFilters(request.filters);
    setOpenId(null);
  }
  // Every keystroke searches: a search of the local copy takes milliseconds, so a debounce would
  // only add its own delay. Answers are keyed by their query (TanStack Query), so one that
  // arrives after a newer keystroke lands in the cache under its own text and is never shown.
  const query = text.trim();
  const filter: DirectoryFilter = useMemo(() => ({ text: query, ...filters, ...sort }), [query, filters, sort]);

  const head = useSearchUsers(profile, windowQuery(filter, 0));
  const sync = useSyncStatus(profile);
  const catalog = useRoleCatalog(profile);
  const roles = useMemo(() => (catalog.data ?? []).map((r) => r.role), [catalog.data]);
  const syncNow = useSyncNow();
  const table = useRef<UserTableHandle>(null);
  const searchBox = useRef<HTMLInputElement>(null);
  useEffect(() => {
    if (active) searchBox.current?.focus();
  }, [active]);

  // The cache is brought up to date whenever the directory opens; the table shows what it has meanwhile.
  const { mutate: startSync } = syncNow;
  const started = useRef(false);
  useEffect(() => {
    if (started.current) return;
    started.current = true;
    startSync(profile);
  }, [startSync, profile]);

  const total = head.data?.total;
  const line = head.data ? resultLine(head.data) : null;
  const filtered = filter.text !== '' || filters.kind !== null || filters.role !== null || filters.status !== null;
  const clear = () => {
    setText('');
    setFilters(NO_FILTERS);
  };
  // Stable, so the table's memoized rows are not re-rendered by the screen.
  const openUser = useCallback((u: User) => setOpenId(u.id), []);
  const closeDetail = useCallback(() => setOpenId(null), []);
  const open = useCallback(
    (id: string) => {
      setOpenId(id);
      onShow?.();
    },
    [onShow],
  );

  return (
    <Stack
      gap="sm"
      h="100%"
      mih={0}
      data-testid="directory"
      // The search whose own answer is on screen (absent while an earlier one stands in for it):
      // what the window bench (tests/bench) waits for after a keystroke.
      data-results-for={head.data && !head.isPlaceholderData ? filter.text : undefined}
      // Escape closes the detail pane from anywhere in the screen (search box, table, pane).
      onKeyDown={(e) => {
        if (e.key === 'Escape' && !e.defaultPrevented) closeDetail();
      }}
    >
      <SyncNotices status={sync.data} error={sync.error ?? syncNow.error} />
      <Toolbar
        scope={scope}
        roles={roles}
        text={text}
        onText={setText}
        filters={filters}
        onFilters={setFilters}
        onEnterTable={() => table.current?.focus()}
        searchRef={searchBox}
      />
      <Group justify="space-between" wrap="nowrap" gap="sm" mih={28}>
        <Group gap="sm" wrap="nowrap">
          <Text size="sm" c="dimmed" id="directory-total" data-testid="directory-total" aria-live="polite" style={{ whiteSpace: 'nowrap' }}>
            {line?.summary ?? 'Searching…'}
          </Text>
          {slots?.actions && total !== undefined && total > 0 && slots.actions(windowQuery(filter, 0))}
          {slots?.create?.()}
        </Group>
        <SyncBar status={sync.data} onSyncNow={() => syncNow.mutate(profile)} starting={syncNow.isPending} />
      </Group>
      {line?.note && (
        <Text size="xs" c="dimmed" data-testid="directory-source-note">
          {line.note}
        </Text>
      )}
      {line?.warning && (
        <Text size="xs" c="orange" role="status" data-testid="directory-platform-error">
          {line.warning}
        </Text>
      )}
      <Group gap="sm" align="stretch" wrap="nowrap" style={{ flex: 1, minHeight: 0 }}>
        <Stack gap={0} style={{ flex: 1, minWidth: 0 }}>
          {total === 0 || total === undefined ? (
            <Empty
              loading={total === undefined}
              error={head.error}
              filtered={filtered}
              text={filter.text}
              sync={sync.data}
              onClear={clear}
            />
          ) : (
            <UserTable
              key={JSON.stringify(filter)}
              handle={table}
              profile={profile}
              filter={filter}
              head={head.data}
              total={total}
              openId={openId}
              onOpen={openUser}
              onSort={(field) => setSort((s) => nextSort(s, field))}
            />
          )}
        </Stack>
        {openId && <DetailPane profile={profile} id={openId} onOpen={open} onClose={closeDetail} slots={slots} />}
      </Group>
      <CommandPalette profile={profile} onJump={open} />
    </Stack>
  );
}

interface EmptyProps {
  loading: boolean;
  error: IpcError | null;
  filtered: boolean;
  text: string;
  sync: SyncStatus | undefined;
  onClear: () => void;
}

function Empty({ loading, error, filtered, text, sync, onClear }: EmptyProps) {
  let body;
  if (error) {
    body = <Text c="red">Could not search the local cache: {error.message}</Text>;
  } else if (loading) {
    body = <Loader size="sm" aria-label="Searching" />;
  } else if (filtered) {
    body = (
      <>
        <Text fw={600}>{text ? `No one matches '${text}'` : 'No one matches these filters'}</Text>
        <Button variant="default" size="xs" onClick={onClear} data-testid="clear-filters">
          Clear filters
        </Button>
      </>
    );
  } else if (!sync || sync.user_count === 0) {
    const running = sync?.phase === 'full' || sync?.phase === 'delta';
    body = (
      <>
        <Text fw={600}>Nothing synced yet</Text>
        <Text size="sm" c="dimmed">
          {running ? 'The first sync is running; people appear here as they arrive.' : 'Sync to copy the directory to this machine.'}
        </Text>
      </>
    );
  } else {
    body = <Text fw={600}>No one to show</Text>;
  }
  return (
    <Center h="100%" data-testid="directory-empty">
      <Stack align="center" gap="xs">
        {body}
      </Stack>
    </Center>
  );
}
