// The Overview's answers shaped for charts: pure functions, tested without a chart.
import type { AuditDay, KeyExpiry, Overview, StaffRole, UserKind, UserStatus } from '../../ipc';
import { KIND_LABELS } from '../../lib/kinds';

/** What a click on a people chart opens: the directory with these filters. */
export interface DirectoryFilterRequest {
  kind: UserKind | null;
  role: StaffRole | null;
  status: UserStatus | null;
}

export const KIND_ORDER: readonly UserKind[] = ['PATIENT', 'HCP', 'GUARDIAN', 'DEPENDENT', 'STAFF', 'CONFIG', 'SERVICE_ACCOUNT'];
export const KIND_COLORS: Record<UserKind, string> = {
  PATIENT: 'blue.6',
  HCP: 'teal.6',
  GUARDIAN: 'violet.6',
  DEPENDENT: 'grape.4',
  STAFF: 'orange.6',
  CONFIG: 'gray.6',
  SERVICE_ACCOUNT: 'cyan.7',
};
export const STATUS_ORDER: readonly UserStatus[] = ['active', 'invited', 'suspended'];
export const STATUS_LABELS: Record<UserStatus, string> = { active: 'Active', invited: 'Invited', suspended: 'Suspended' };
export const STATUS_COLORS: Record<UserStatus, string> = { active: 'green.6', invited: 'blue.5', suspended: 'red.6' };

export interface Slice<K extends string> {
  key: K;
  name: string;
  value: number;
  color: string;
}

/** People per kind, in the window's kind order, kinds with nobody left out. */
export function byKind(o: Overview): Slice<UserKind>[] {
  return KIND_ORDER.map((kind) => ({
    key: kind,
    name: KIND_LABELS[kind],
    value: o.people.filter((c) => c.kind === kind).reduce((n, c) => n + c.count, 0),
    color: KIND_COLORS[kind],
  })).filter((s) => s.value > 0);
}

/** People per status over every kind; all three statuses always shown (zero says something). */
export function byStatus(o: Overview): Slice<UserStatus>[] {
  return STATUS_ORDER.map((status) => ({
    key: status,
    name: STATUS_LABELS[status],
    value: o.people.filter((c) => c.status === status).reduce((n, c) => n + c.count, 0),
    color: STATUS_COLORS[status],
  }));
}

/** "OWNER" → "Owner", "PROVIDER_NURSE_PRACTITIONER" → "Provider nurse practitioner". */
export const roleLabel = (role: StaffRole) => {
  const words = role.toLowerCase().replace(/_/g, ' ');
  return words.charAt(0).toUpperCase() + words.slice(1);
};

export const householdLabel = (dependents: number) => (dependents >= 4 ? '4+' : String(dependents));

/** "12 Jan": a short local date. */
export const shortDate = (seconds: number) => new Date(seconds * 1000).toLocaleDateString(undefined, { day: 'numeric', month: 'short' });

/** YYYY-MM-DD of a local time, as the audit log's date filters take it. */
export function isoDate(seconds: number): string {
  const d = new Date(seconds * 1000);
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}`;
}

export interface KeyBar {
  label: string;
  expiring: number;
  overdue: number;
}

/** The key timeline: overdue keys first (their own red bar), then one bar per week. */
export function keyBars(k: KeyExpiry): KeyBar[] {
  return [
    { label: 'Overdue', expiring: 0, overdue: k.overdue },
    ...k.weeks.map((w) => ({ label: `from ${shortDate(w.starts_at)}`, expiring: w.keys, overdue: 0 })),
  ];
}

export const total = (items: { value: number }[]) => items.reduce((n, s) => n + s.value, 0);

export const auditTotal = (days: AuditDay[]) => days.reduce((n, d) => n + d.events, 0);

export const count = (n: number) => n.toLocaleString('en-US');

/** "blue.6" → "blue": a button in the colour of its chart part. */
export const hue = (color: string) => color.split('.')[0] ?? color;
