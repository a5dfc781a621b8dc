import { useEffect, useState } from 'react';

import { REVIEW_EXPIRING_DAYS } from '../../ipc';

export { formatTime } from '../../lib/time';

export const HOUR = 3_600;
export const DAY = 86_400;

/** Now in Unix seconds, refreshed every `ms` so relative times move on while the screen is open. */
export function useNowSeconds(ms = 30_000) {
  const [now, setNow] = useState(() => Math.floor(Date.now() / 1000));
  useEffect(() => {
    const t = setInterval(() => setNow(Math.floor(Date.now() / 1000)), ms);
    return () => clearInterval(t);
  }, [ms]);
  return now;
}

/** A span of seconds in the largest unit that fits: "45 s", "12 min", "5 h", "3 days". */
export function span(seconds: number): string {
  const s = Math.abs(seconds);
  if (s < 60) return `${Math.round(s)} s`;
  const min = Math.round(s / 60);
  if (min < 60) return `${min} min`;
  const h = Math.round(s / HOUR);
  if (h < 48) return `${h} h`;
  const d = Math.round(s / DAY);
  return `${d} ${d === 1 ? 'day' : 'days'}`;
}

/** "in 3 days", "5 h ago", "just now": relative to `now`, past or future. */
export function relative(at: number, now: number): string {
  const d = at - now;
  if (Math.abs(d) < 45) return 'just now';
  return d > 0 ? `in ${span(d)}` : `${span(d)} ago`;
}

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
