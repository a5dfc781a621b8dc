import { describe, expect, it } from 'vitest';

import { DAY, HOUR, relative } from './time';

const NOW = 1_800_000_000;

// The one relative-time rule of the window (the directory's "Synced …" and the keys' "in …").
describe('relative', () => {
  it('rounds to minutes, hours and days', () => {
    expect(relative(NOW - 59 * 60, NOW)).toBe('59 min ago');
    expect(relative(NOW - 3 * 3600, NOW)).toBe('3 h ago');
    expect(relative(NOW - 86_400, NOW)).toBe('1 day ago');
    expect(relative(NOW - 3 * 86_400, NOW)).toBe('3 days ago');
  });

  it('switches from hours to days at one day, past and future alike', () => {
    // Two helpers once disagreed here (24 h against 48 h); one rule now holds everywhere.
    expect(relative(NOW + 23 * HOUR, NOW)).toBe('in 23 h');
    expect(relative(NOW + DAY, NOW)).toBe('in 1 day');
    expect(relative(NOW - 30 * HOUR, NOW)).toBe('1 day ago');
  });

  it('says just now within 45 seconds either way', () => {
    expect(relative(NOW + 30, NOW)).toBe('just now');
    expect(relative(NOW - 44, NOW)).toBe('just now');
  });
});
