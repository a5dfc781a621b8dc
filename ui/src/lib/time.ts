import { useEffect, useState } from 'react';

export const HOUR = 3_600;
export const DAY = 86_400;

/** A Unix time (seconds) as this machine's date and time. */
export const formatTime = (seconds: number) =>
  new Date(seconds * 1000).toLocaleString(undefined, { dateStyle: 'medium', timeStyle: 'short' });

/** A Unix time (seconds) as this machine's time of day, e.g. "14:02" or "2:02 PM". */
export const formatClock = (seconds: number) => new Date(seconds * 1000).toLocaleTimeString(undefined, { timeStyle: 'short' });

/**
 * A span of seconds in the largest unit that fits: "45 s", "12 min", "5 h", "3 days". The one
 * rule of the window: hours below a day, days from a day on ("1 day", never "30 h"), as in
 * moment/day.js `fromNow` and the consoles built on them (which switch to days even a little
 * before 24 h): past a day, the hour count is noise a person converts in their head.
 */
export function span(seconds: number): string {
  const s = Math.abs(seconds);
  if (s < 60) return `${Math.round(s)} s`;
  const min = Math.round(s / 60);
  if (min < 60) return `${min} min`;
  const h = Math.round(s / HOUR);
  if (h < 24) return `${h} h`;
  const d = Math.round(s / DAY);
  return `${d} ${d === 1 ? 'day' : 'days'}`;
}

/** "in 3 days", "5 h ago", "just now": relative to `now`, past or future. */
export function relative(at: number, now: number): string {
  const d = at - now;
  if (Math.abs(d) < 45) return 'just now';
  return d > 0 ? `in ${span(d)}` : `${span(d)} ago`;
}

/** Now in Unix seconds, refreshed every `ms` so relative times move on while the screen is open. */
export function useNowSeconds(ms = 30_000) {
  const [now, setNow] = useState(() => Math.floor(Date.now() / 1000));
  useEffect(() => {
    const t = setInterval(() => setNow(Math.floor(Date.now() / 1000)), ms);
    return () => clearInterval(t);
  }, [ms]);
  return now;
}
