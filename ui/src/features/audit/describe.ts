import type { AuditEvent, AuditFilter } from '../../ipc';

export const ACTIONS = [
  { value: 'user.roles.update', label: 'Roles changed' },
  { value: 'user.status.update', label: 'Status changed' },
] as const;

export const actionLabel = (action: string) => ACTIONS.find((a) => a.value === action)?.label ?? action;

export type Change =
  | { kind: 'roles'; before: string[]; after: string[] }
  | { kind: 'status'; before: string | null; after: string | null }
  | { kind: 'other'; before: string; after: string };

const field = (value: unknown, name: string): unknown =>
  typeof value === 'object' && value !== null && name in value ? (value as Record<string, unknown>)[name] : undefined;

const strings = (v: unknown): string[] | null => (Array.isArray(v) && v.every((x) => typeof x === 'string') ? v : null);

/** What an event changed, read from its `before` / `after` documents ({roles: [...]} or {status}). */
export function changeOf(e: Pick<AuditEvent, 'before' | 'after'>): Change {
  const before = strings(field(e.before, 'roles'));
  const after = strings(field(e.after, 'roles'));
  if (before || after) return { kind: 'roles', before: before ?? [], after: after ?? [] };
  const sBefore = field(e.before, 'status');
  const sAfter = field(e.after, 'status');
  if (typeof sBefore === 'string' || typeof sAfter === 'string') {
    return { kind: 'status', before: typeof sBefore === 'string' ? sBefore : null, after: typeof sAfter === 'string' ? sAfter : null };
  }
  // An action this console does not know yet: show the documents as they are.
  return { kind: 'other', before: JSON.stringify(e.before ?? null), after: JSON.stringify(e.after ?? null) };
}

/** The filter form as typed: ids and dates (YYYY-MM-DD, this machine's time zone). */
export interface FilterForm {
  actor: string;
  target: string;
  action: string;
  from: string;
  to: string;
}

export const EMPTY_FORM: FilterForm = { actor: '', target: '', action: '', from: '', to: '' };

/** Local midnight of a YYYY-MM-DD date, in Unix seconds; null when empty or not a date. */
function midnight(date: string, plusDays = 0): number | null {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(date);
  if (!m) return null;
  const t = new Date(Number(m[1]), Number(m[2]) - 1, Number(m[3]) + plusDays).getTime();
  return Number.isNaN(t) ? null : Math.floor(t / 1000);
}

/**
 * The server's filter: `from` inclusive at the start of its day; `to` is exclusive on the
 * server, so the day after it is sent, and "to 3 March" includes all of 3 March.
 */
export function toFilter(form: FilterForm): AuditFilter {
  const text = (s: string) => (s.trim() === '' ? null : s.trim());
  return {
    actor: text(form.actor),
    target: text(form.target),
    action: text(form.action),
    from: midnight(form.from),
    to: midnight(form.to, 1),
  };
}
