import type { ReactNode } from 'react';

import type { DirectoryQuery, User, UserDetail } from '../../ipc';

/**
 * Places where other features show their pieces in the directory. Features do not import each
 * other: src/app fills these in, according to what the signed-in person may do.
 */
export interface DirectorySlots {
  /** A person's roles section; when it returns nothing, the read-only role badges show. */
  roles?: (user: User) => ReactNode;
  /** Beside a staff member's MFA state, e.g. a reset for an OWNER. */
  mfa?: (user: User) => ReactNode;
  /** Below a person's profile, e.g. their history. */
  history?: (user: User) => ReactNode;
  /** Actions on everyone the current search and filters match (every page, not the visible rows). */
  actions?: (query: DirectoryQuery) => ReactNode;
  /** What may be done to the person shown (edit, suspend, move, remove…), under their profile. */
  person?: (detail: UserDetail) => ReactNode;
  /** Beside the result count: adding someone to the directory. */
  create?: () => ReactNode;
}
