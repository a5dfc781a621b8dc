import type { SortField, User } from '../../ipc';
import { KIND_LABELS } from './access';

export interface Column {
  key: 'name' | 'kind' | 'email' | 'phone' | 'status' | 'roles';
  label: string;
  /** The server-side sort this header toggles; null when the column is not sortable. */
  sort: SortField | null;
  width: string;
  text: (u: User) => string;
}

export const COLUMNS: readonly Column[] = [
  { key: 'name', label: 'Name', sort: 'name', width: 'minmax(120px, 2fr)', text: (u) => u.display_name },
  { key: 'kind', label: 'Kind', sort: 'kind', width: 'minmax(80px, 1fr)', text: (u) => KIND_LABELS[u.kind] },
  { key: 'email', label: 'Email', sort: 'email', width: 'minmax(120px, 2fr)', text: (u) => u.email ?? '' },
  { key: 'phone', label: 'Phone', sort: null, width: '132px', text: (u) => u.phone ?? '' },
  { key: 'status', label: 'Status', sort: 'status', width: '112px', text: (u) => u.status },
  { key: 'roles', label: 'Roles', sort: null, width: 'minmax(80px, 1.5fr)', text: (u) => u.staff_roles.join(', ') },
];

export const GRID_TEMPLATE = COLUMNS.map((c) => c.width).join(' ');

/** Clicking a header sorts by it ascending; clicking the sorted header again reverses it. */
export function nextSort(current: { sort: SortField; descending: boolean }, field: SortField) {
  return current.sort === field ? { sort: field, descending: !current.descending } : { sort: field, descending: false };
}

export function ariaSort(current: { sort: SortField; descending: boolean }, field: SortField | null) {
  if (field === null || current.sort !== field) return 'none' as const;
  return current.descending ? ('descending' as const) : ('ascending' as const);
}
