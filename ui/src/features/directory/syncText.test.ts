import { describe, expect, it } from 'vitest';

import type { SyncStatus } from '../../ipc';
import { offlineText, syncLabel, syncPercent } from './syncText';

const NOW = 1_800_000_000;
const status = (over: Partial<SyncStatus>): SyncStatus => ({
  phase: 'idle',
  last_synced_at: null,
  last_full_sync_at: null,
  done: 0,
  total: null,
  rate_per_sec: null,
  offline: false,
  error: null,
  user_count: 0,
  ...over,
});

describe('syncLabel', () => {
  it('says how long ago the cache was synced', () => {
    expect(syncLabel(status({ last_synced_at: NOW - 120 }), NOW)).toBe('Synced 2 min ago');
    expect(syncLabel(status({ last_synced_at: NOW - 5 }), NOW)).toBe('Synced just now');
  });

  it('shows progress with grouped numbers and the rate while syncing', () => {
    const s = status({ phase: 'full', done: 12_345, total: 100_000, rate_per_sec: 8_400.4 });
    expect(syncLabel(s, NOW)).toBe('Syncing… 12,345 / 100,000 (8,400/s)');
  });

  it('leaves out what the server has not told yet', () => {
    // A delta sync may not know its total, and no rate exists before the first batch.
    expect(syncLabel(status({ phase: 'delta', done: 40 }), NOW)).toBe('Syncing… 40');
  });

  it('says plainly when nothing was ever synced, and when a sync failed', () => {
    expect(syncLabel(status({}), NOW)).toBe('Not synced yet');
    expect(syncLabel(status({ phase: 'failed', last_synced_at: NOW - 7200 }), NOW)).toBe('Sync failed · last synced 2 h ago');
  });
});

describe('syncLabel times', () => {
  it('never says a time in the future', () => {
    // Clocks of the machine and the backend can disagree by a few seconds.
    expect(syncLabel(status({ last_synced_at: NOW + 30 }), NOW)).toBe('Synced just now');
    expect(syncLabel(status({ last_synced_at: NOW + 300 }), NOW)).toBe('Synced just now');
  });
});

describe('syncPercent', () => {
  it('is done/total, and null when the total is unknown', () => {
    expect(syncPercent(status({ done: 25, total: 100 }))).toBe(25);
    expect(syncPercent(status({ done: 25 }))).toBeNull();
    expect(syncPercent(status({ done: 120, total: 100 }))).toBe(100);
  });
});

describe('offlineText', () => {
  it('names the time the data is from', () => {
    expect(offlineText(status({ offline: true, last_synced_at: NOW }), () => '1 Jan, 09:00')).toBe(
      'Offline — showing data as of 1 Jan, 09:00. Changes are disabled.',
    );
  });
});
