import { useVirtualizer } from '@tanstack/react-virtual';
import { useCallback, useImperativeHandle, useReducer, useRef, useState, type KeyboardEvent, type Ref } from 'react';

import type { DirectoryPage, SortField, User } from '../../ipc';
import { ariaSort, COLUMNS, GRID_TEMPLATE } from './columns';
import { HEADER_HEIGHT, MAX_SCROLL_PX, ROW_HEIGHT, rowTop, scrollGeometry, scrollToReveal } from './scrollMap';
import { useDirectoryRows, type DirectoryFilter } from './useDirectoryRows';
import { UserRow } from './UserRow';
import classes from './UserTable.module.css';

export interface UserTableHandle {
  /** Moves the keyboard into the table, on the selected row (the first one if none). */
  focus: () => void;
}

interface Props {
  profile: string;
  filter: DirectoryFilter;
  head: DirectoryPage | undefined;
  total: number;
  openId: string | null;
  onOpen: (user: User) => void;
  onSort: (field: SortField) => void;
  handle?: Ref<UserTableHandle>;
}

/**
 * Every match of a search as one scrollable table, however many: only the rows in view exist in
 * the page, fetched in windows as they scroll in. Mount it with a `key` per search, so a new
 * search starts at the top with nothing selected.
 */
export function UserTable({ profile, filter, head, total, openId, onOpen, onSort, handle }: Props) {
  const scrollRef = useRef<HTMLDivElement>(null);
  const [selected, setSelected] = useState<number | null>(null);
  const wantFocus = useRef(false);
  // Scaled scrolling positions rows from the scroll offset itself, so it must render per scroll event.
  const [, rerender] = useReducer((n: number) => n + 1, 0);

  const realHeight = Math.min(total * ROW_HEIGHT, MAX_SCROLL_PX);
  // eslint-disable-next-line react-hooks/incompatible-library -- no React Compiler here; the virtualizer re-renders through its own state
  const virtualizer = useVirtualizer({
    count: total,
    getScrollElement: () => scrollRef.current,
    // In real (laid-out) px: rows are drawn at ROW_HEIGHT, see scrollMap.ts.
    estimateSize: () => (total > 0 ? realHeight / total : ROW_HEIGHT),
    scrollMargin: HEADER_HEIGHT,
    overscan: 6,
  });
  const viewport = Math.max((virtualizer.scrollRect?.height ?? 0) - HEADER_HEIGHT, 0);
  const geometry = scrollGeometry(total, viewport);
  const scrollTop = virtualizer.scrollOffset ?? 0;
  const items = virtualizer.getVirtualItems();
  const rowAt = useDirectoryRows(profile, filter, head, items[0]?.index ?? 0, items.at(-1)?.index ?? -1);

  const move = (index: number) => {
    if (total === 0) return;
    const next = Math.max(0, Math.min(total - 1, index));
    setSelected(next);
    wantFocus.current = true;
    const el = scrollRef.current;
    const target = scrollToReveal(next, el?.scrollTop ?? scrollTop, viewport, geometry);
    if (el && target !== null) el.scrollTop = target;
    // A row already laid out takes focus now; one that is not yet takes it as it mounts (focusSelected).
    const row = el?.querySelector<HTMLElement>(`[role="row"][aria-rowindex="${next + 2}"]`);
    if (row) {
      wantFocus.current = false;
      row.focus({ preventScroll: true });
    }
  };
  useImperativeHandle(handle, () => ({ focus: () => move(selected ?? 0) }));

  // Focus follows the selection once its row is laid out (it may only appear after the scroll).
  const focusSelected = useCallback((el: HTMLDivElement | null) => {
    if (el && wantFocus.current) {
      wantFocus.current = false;
      el.focus({ preventScroll: true });
    }
  }, []);

  const pick = useCallback(
    (index: number, user: User | undefined) => {
      setSelected(index);
      if (user) onOpen(user);
    },
    [onOpen],
  );

  const onKeyDown = (e: KeyboardEvent<HTMLDivElement>) => {
    if ((e.target as HTMLElement).closest('[data-table-header]')) return;
    const page = Math.max(1, Math.floor(viewport / ROW_HEIGHT) - 1);
    const at = selected ?? -1;
    const keys: Record<string, () => void> = {
      ArrowDown: () => move(at + 1),
      ArrowUp: () => move(at - 1),
      PageDown: () => move(at + page),
      PageUp: () => move(at - page),
      Home: () => move(0),
      End: () => move(total - 1),
      Enter: () => {
        const user = selected === null ? undefined : rowAt(selected);
        if (user) onOpen(user);
      },
    };
    const action = keys[e.key];
    if (action) {
      e.preventDefault();
      action();
    }
  };

  return (
    <div className={classes.frame}>
      <div
        ref={scrollRef}
        className={classes.scroller}
        role="grid"
        aria-label="People"
        aria-rowcount={total + 1}
        tabIndex={-1}
        onKeyDown={onKeyDown}
        onScroll={geometry.scale !== 1 ? rerender : undefined}
      >
        <div className={classes.header} role="row" aria-rowindex={1} data-table-header style={{ gridTemplateColumns: GRID_TEMPLATE }}>
          {COLUMNS.map((c) => {
            const sort = ariaSort(filter, c.sort);
            const sortBy = c.sort;
            return (
              <div key={c.key} role="columnheader" aria-sort={sort} className={classes.headerCell}>
                {sortBy ? (
                  <button type="button" className={classes.sortButton} onClick={() => onSort(sortBy)} data-testid={`sort-${c.key}`}>
                    {c.label}
                    <span aria-hidden>{sort === 'ascending' ? '▲' : sort === 'descending' ? '▼' : ''}</span>
                  </button>
                ) : (
                  c.label
                )}
              </div>
            );
          })}
        </div>
        <div role="rowgroup" style={{ position: 'relative', height: geometry.realHeight }}>
          {items.map((item) => {
            const user = rowAt(item.index);
            const isSelected = item.index === selected;
            return (
              <UserRow
                key={item.index}
                index={item.index}
                user={user}
                selected={isSelected}
                tabbable={item.index === (selected ?? 0)}
                open={user !== undefined && user.id === openId}
                top={rowTop(item.index, scrollTop, geometry)}
                focusRef={isSelected ? focusSelected : undefined}
                onPick={pick}
              />
            );
          })}
        </div>
      </div>
    </div>
  );
}
