import { choiceId, NO_CHOICE, type PersonChoice } from '../../components/PersonPicker';
import type { AuditEvent, AuditFilter } from '../../ipc';
import { formatClock, formatTime } from '../../lib/time';

/** Every action the platform records (crates/api audit.rs `actions`), in words. */
export const ACTIONS = [
  { value: 'user.roles.update', label: 'Roles changed' },
  { value: 'user.status.update', label: 'Status changed' },
  { value: 'user.mfa.enrol', label: 'MFA set up' },
  { value: 'user.mfa.reset', label: 'MFA reset' },
  { value: 'service_account.create', label: 'Service account created' },
  { value: 'service_account.update', label: 'Service account changed' },
  { value: 'service_account.delete', label: 'Service account deleted' },
  { value: 'api_key.create', label: 'API key created' },
  { value: 'api_key.rotate', label: 'API key rotated' },
  { value: 'api_key.disable', label: 'API key disabled' },
  { value: 'api_key.enable', label: 'API key enabled' },
  { value: 'api_key.revoke', label: 'API key revoked' },
  { value: 'client_secret.rotate', label: 'Client secret rotated' },
  { value: 'acting.start', label: 'Started acting for' },
  { value: 'acting.stop', label: 'Stopped acting for' },
] as const;

export const actionLabel = (action: string) => ACTIONS.find((a) => a.value === action)?.label ?? action;

/** Who took the action: "Olivia Owner", or "Olivia Owner on behalf of Dr. Priya Provider". */
export function whoActed(e: Pick<AuditEvent, 'actor_name' | 'actor_id' | 'on_behalf'>): string {
  const actor = e.actor_name || e.actor_id;
  return e.on_behalf ? `${actor} on behalf of ${e.on_behalf.subject_name || e.on_behalf.subject_id}` : actor;
}

/**
 * The terms an action for someone else was taken under: "acting 14:02–14:32: ‘covering
 * clinic’". Null when none were recorded (a service account acts for its provider standing).
 */
export function actingTerms(e: Pick<AuditEvent, 'on_behalf'>): string | null {
  const o = e.on_behalf;
  if (!o || o.started_at === undefined || o.expires_at === undefined) return o?.reason ? `‘${o.reason}’` : null;
  const sameDay = new Date(o.started_at * 1000).toDateString() === new Date(o.expires_at * 1000).toDateString();
  const window = `${formatClock(o.started_at)}–${sameDay ? formatClock(o.expires_at) : formatTime(o.expires_at)}`;
  return o.reason ? `acting ${window}: ‘${o.reason}’` : `acting ${window}`;
}

export type Change =
  | { kind: 'roles'; before: string[]; after: string[] }
  | { kind: 'status'; before: string | null; after: string | null }
  | { kind: 'fields'; fields: { name: string; before: string | null; after: string | null }[] };

const field = (value: unknown, name: string): unknown =>
  typeof value === 'object' && value !== null && name in value ? (value as Record<string, unknown>)[name] : undefined;

const strings = (v: unknown): string[] | null => (Array.isArray(v) && v.every((x) => typeof x === 'string') ? v : null);

/**
 * What an event changed. A person's roles and status read as such ({roles: [...]} / {status});
 * anything else (service accounts, keys, kinds added later) as the fields that differ.
 */
export function changeOf(e: Pick<AuditEvent, 'action' | 'before' | 'after'>): Change {
  if (e.action === 'user.roles.update') {
    return { kind: 'roles', before: strings(field(e.before, 'roles')) ?? [], after: strings(field(e.after, 'roles')) ?? [] };
  }
  if (e.action === 'user.status.update') {
    const status = (v: unknown) => (typeof v === 'string' ? v : null);
    return { kind: 'status', before: status(field(e.before, 'status')), after: status(field(e.after, 'status')) };
  }
  // Any other change: the fields that differ, each as it was and as it became.
  return { kind: 'fields', fields: changedFields(e.before, e.after) };
}

// The platform's `…_at` fields are Unix seconds (as `at` is): shown as a time people read.
const shown = (v: unknown, name = '') =>
  v === undefined || v === null
    ? null
    : name.endsWith('_at') && typeof v === 'number'
      ? formatTime(v)
      : typeof v === 'string'
        ? v
        : JSON.stringify(v);

function changedFields(before: unknown, after: unknown) {
  const obj = (v: unknown) => (typeof v === 'object' && v !== null && !Array.isArray(v) ? (v as Record<string, unknown>) : null);
  const b = obj(before);
  const a = obj(after);
  if (!b && !a) return before === after ? [] : [{ name: '', before: shown(before), after: shown(after) }];
  const names = [...new Set([...Object.keys(b ?? {}), ...Object.keys(a ?? {})])];
  return names
    .filter((n) => JSON.stringify(b?.[n]) !== JSON.stringify(a?.[n]))
    .map((name) => ({ name, before: shown(b?.[name], name), after: shown(a?.[name], name) }));
}

/**
 * The filter form as typed: people picked by name (or pasted ids) and dates (YYYY-MM-DD, this
 * machine's time zone). A pick keeps the name for the form; the server is sent the id.
 */
export interface FilterForm {
  actor: PersonChoice;
  target: PersonChoice;
  action: string;
  from: string;
  to: string;
}

export const EMPTY_FORM: FilterForm = { actor: NO_CHOICE, target: NO_CHOICE, action: '', from: '', to: '' };

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
    actor: choiceId(form.actor),
    target: choiceId(form.target),
    action: text(form.action),
    from: midnight(form.from),
    to: midnight(form.to, 1),
    // The log's filters ask by actor and target; a person's own timeline asks by person.
    person: null,
  };
}
