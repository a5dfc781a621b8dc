import { REVIEW_EXPIRING_DAYS } from '../../ipc';
import { DAY } from '../../lib/time';

export { DAY, formatTime, HOUR, relative, span, useNowSeconds } from '../../lib/time';

/** Still working, and stops within the access review's "soon" (core's rule): worth a second look now. */
export const expiresSoon = (expiresAt: number, now: number) => expiresAt > now && expiresAt - now <= REVIEW_EXPIRING_DAYS * DAY;

/** A `<input type="date">` value ("2026-12-31") as the end of that local day, in Unix seconds. */
export function endOfLocalDay(date: string): number | null {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(date);
  if (!m) return null;
  const end = new Date(Number(m[1]), Number(m[2]) - 1, Number(m[3]), 23, 59, 59);
  return Number.isNaN(end.getTime()) ? null : Math.floor(end.getTime() / 1000);
}

/** Unix seconds as a local `<input type="date">` value. */
export function toDateInput(seconds: number): string {
  const d = new Date(seconds * 1000);
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}`;
}
