import type { Permission, UserKind, UserStatus } from '../../ipc';
import { KIND_LABELS } from '../../lib/kinds';

/** How much of the directory a person may read: everyone, staff only, or none of it. */
export type DirectoryScope = 'all' | 'staff';

export function directoryScope(permissions: readonly Permission[]): DirectoryScope | null {
  if (permissions.includes('directory_read')) return 'all';
  if (permissions.includes('staff_read')) return 'staff';
  return null;
}

/** Consumers of the platform: the data a staff-only reader must never be offered. */
const CONSUMER_KINDS: readonly UserKind[] = ['PATIENT', 'HCP', 'GUARDIAN', 'DEPENDENT'];
const ALL_KINDS: readonly UserKind[] = [...CONSUMER_KINDS, 'STAFF', 'CONFIG', 'SERVICE_ACCOUNT'];

export { KIND_LABELS };

/** The kind filter's choices. The server already withholds consumers from a staff-only reader;
 * offering them in the filter would suggest data that is not there. */
export function kindOptions(scope: DirectoryScope): { value: UserKind; label: string }[] {
  const kinds = scope === 'all' ? ALL_KINDS : ALL_KINDS.filter((k) => !CONSUMER_KINDS.includes(k));
  return kinds.map((value) => ({ value, label: KIND_LABELS[value] }));
}

export const STATUSES: readonly UserStatus[] = ['active', 'invited', 'suspended'];

export const STATUS_COLORS: Record<UserStatus, string> = { active: 'green', invited: 'blue', suspended: 'red' };
