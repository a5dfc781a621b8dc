// The platform's rules for each kind of field, checked as the person types so a mistake shows
// under the field before anything is sent. The server checks again and is the one that
// enforces; where this check cannot be sure (a time-zone alias) it leaves the verdict to the
// server's preview.
import type { SettingField } from '../../ipc';

/** URLs longer than this are refused by the platform. */
export const MAX_URL_LEN = 2048;

const LOOPBACK = ['127.0.0.1', '[::1]', 'localhost'];

/** What is wrong with `value` for `field`, in plain words; null when it fits. */
export function problemOf(field: SettingField, value: unknown): string | null {
  const type = field.type;
  switch (type.kind) {
    case 'integer': {
      if (typeof value !== 'number' || !Number.isInteger(value)) return 'Enter a whole number.';
      if (value < type.min || value > type.max) return `Must be from ${type.min} to ${type.max}${field.unit ? ` ${field.unit}` : ''}.`;
      return null;
    }
    case 'boolean':
      return typeof value === 'boolean' ? null : 'Must be on or off.';
    case 'string':
      return typeof value === 'string' ? stringProblem(value, type.min_len, type.max_len, type.format) : 'Must be text.';
    case 'enum':
      return typeof value === 'string' && type.values.includes(value) ? null : `Choose one of: ${type.values.join(', ')}.`;
    case 'url_list':
      return urlListProblem(value, type.max_items);
    default:
      // A kind of field this console does not know: shown read-only, the server decides.
      return null;
  }
}

function stringProblem(s: string, minLen: number, maxLen: number, format: string): string | null {
  const len = [...s].length;
  if (len > maxLen) return `At most ${maxLen} characters (now ${len}).`;
  if ([...s.trim()].length < minLen) return minLen === 1 ? 'Must not be empty.' : `At least ${minLen} characters.`;
  if (/\p{Cc}/u.test(s)) return 'Must be one line, without tabs or other control characters.';
  if (s !== s.trim()) return 'Must not start or end with a space.';
  if (format === 'email' && s !== '' && !isEmail(s)) return `"${s}" is not an email address (for example help@example.org).`;
  if (format === 'time_zone') return timeZoneProblem(s);
  return null;
}

/** `local@domain.tld`: one `@`, no spaces, a dot inside the domain (the platform's rule). */
export function isEmail(s: string): boolean {
  const at = s.indexOf('@');
  if (at <= 0) return false;
  const domain = s.slice(at + 1);
  const labels = domain.split('.');
  return !domain.includes('@') && !/\s/.test(s) && labels.length >= 2 && labels.every((l) => l !== '');
}

let zones: string[] | undefined;

/** The IANA time zones this machine knows, for the picker. */
export function timeZones(): string[] {
  if (!zones) {
    const known = typeof Intl.supportedValuesOf === 'function' ? Intl.supportedValuesOf('timeZone') : [];
    zones = known.includes('UTC') ? known : ['UTC', ...known];
  }
  return zones;
}

/**
 * Only a hint for a name this machine knows in another spelling. Whether a zone exists is the
 * platform's call (its time-zone database can differ from this machine's): the review's
 * preview reports a name it refuses, so nothing is blocked here on this machine's list.
 */
function timeZoneProblem(s: string): string | null {
  if (timeZones().includes(s)) return null;
  const known = timeZones().find((z) => z.toLowerCase() === s.toLowerCase());
  return known ? `Write it as ${known}.` : null;
}

function urlListProblem(value: unknown, maxItems: number): string | null {
  if (!Array.isArray(value) || value.some((u) => typeof u !== 'string')) return 'Must be a list of web addresses.';
  if (value.length > maxItems) return `At most ${maxItems} addresses (now ${value.length}).`;
  const bad = value.map(urlProblem).find((p) => p !== null);
  if (bad) return bad;
  const twice = value.find((u, i) => value.indexOf(u) !== i);
  return twice === undefined ? null : `${twice} is listed twice.`;
}

/**
 * An OAuth redirect address the platform accepts: absolute, https (http only on the machine
 * itself: 127.0.0.1, [::1] or localhost), without a #part or a user name and password.
 */
export function urlProblem(s: string): string | null {
  if (s.trim() === '') return 'Enter an address, or remove this line.';
  if (s.length > MAX_URL_LEN) return `An address is at most ${MAX_URL_LEN} characters.`;
  let url: URL;
  try {
    url = new URL(s);
  } catch {
    return `"${s}" is not a complete web address (for example https://app.example.org/callback).`;
  }
  if (url.protocol === 'http:' && !LOOPBACK.includes(url.hostname)) {
    return `${s} must start with https:// (http:// only for 127.0.0.1, [::1] or localhost).`;
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') return `${s} must be an https:// address.`;
  if (url.hostname === '') return `${s} must name a host.`;
  if (s.includes('#')) return `${s} must not have a #part.`;
  if (url.username !== '' || url.password !== '') return `${s} must not contain a user name or password.`;
  return null;
}

const KINDS: readonly string[] = ['integer', 'boolean', 'string', 'enum', 'url_list'];

/** Whether this console has an input for the field's kind; a newer kind is shown read-only. */
export const knownKind = (field: SettingField) => KINDS.includes(field.type.kind);
