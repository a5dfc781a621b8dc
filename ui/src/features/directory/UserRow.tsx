import { memo, type Ref } from 'react';

import type { User } from '../../ipc';
import { COLUMNS, GRID_TEMPLATE } from './columns';
import classes from './UserTable.module.css';

interface Props {
  index: number;
  /** Undefined while its window loads: a placeholder row. */
  user: User | undefined;
  selected: boolean;
  /** The row Tab lands on (the selected one, else the first). */
  tabbable: boolean;
  /** Shown in the detail pane. */
  open: boolean;
  /** Position in px inside the rows' box. */
  top: number;
  focusRef?: Ref<HTMLDivElement>;
  onPick: (index: number, user: User | undefined) => void;
}

/**
 * One table row. Memoized and free of Mantine components: a scroll step re-renders every row in
 * view, and on a busy 2-core machine Mantine's Badge alone doubled the frame time.
 */
export const UserRow = memo(function UserRow({ index, user, selected, tabbable, open, top, focusRef, onPick }: Props) {
  return (
    <div
      ref={focusRef}
      role="row"
      aria-rowindex={index + 2}
      aria-selected={selected}
      aria-busy={user ? undefined : true}
      tabIndex={tabbable ? 0 : -1}
      className={classes.row}
      data-testid={user ? 'directory-row' : 'directory-row-loading'}
      data-user-id={user?.id}
      data-open={open || undefined}
      style={{ gridTemplateColumns: GRID_TEMPLATE, transform: `translateY(${top}px)` }}
      onClick={() => onPick(index, user)}
    >
      {COLUMNS.map((c) => (
        <div key={c.key} role="gridcell" className={classes.cell} title={user && c.key !== 'status' ? c.text(user) : undefined}>
          {!user ? (
            <span className={classes.placeholder} />
          ) : c.key === 'status' ? (
            <span className={classes.status} data-status={user.status}>
              {user.status}
            </span>
          ) : (
            c.text(user)
          )}
        </div>
      ))}
    </div>
  );
});
