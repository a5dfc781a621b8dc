import type { SyncStatus } from '../../ipc';
import { relative } from '../../lib/time';
import { formatCount, formatTime } from './format';

/** The one-line state of the cache: "Synced 2 min ago", "Syncing… 12,345 / 100,000 (8,400/s)". */
export function syncLabel(s: SyncStatus, nowSeconds: number): string {
  if (s.phase === 'full' || s.phase === 'delta') {
    const of = s.total !== null ? ` / ${formatCount(s.total)}` : '';
    const rate = s.rate_per_sec !== null && s.rate_per_sec > 0 ? ` (${formatCount(s.rate_per_sec)}/s)` : '';
    return `Syncing… ${formatCount(s.done)}${of}${rate}`;
  }
  // Never a time in the future: the machine's and the backend's clocks can disagree a little.
  const last = s.last_synced_at !== null ? relative(Math.min(s.last_synced_at, nowSeconds), nowSeconds) : null;
  if (s.phase === 'failed') return last ? `Sync failed · last synced ${last}` : 'Sync failed';
  return last ? `Synced ${last}` : 'Not synced yet';
}

/** Percent done, or null when the server has not said how much there is (the bar then animates). */
export function syncPercent(s: SyncStatus): number | null {
  if (s.total === null || s.total <= 0) return null;
  return Math.min(100, (s.done / s.total) * 100);
}

export function offlineText(s: SyncStatus, time: (seconds: number) => string = formatTime): string {
  const asOf = s.last_synced_at !== null ? `showing data as of ${time(s.last_synced_at)}` : 'nothing synced yet';
  return `Offline — ${asOf}. Changes are disabled.`;
}
