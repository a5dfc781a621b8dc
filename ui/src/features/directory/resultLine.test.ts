import { describe, expect, it } from 'vitest';

import type { DirectoryPage } from '../../ipc';
import { resultLine } from './resultLine';

const page = (p: Partial<DirectoryPage>): DirectoryPage => ({
  rows: [],
  total: 12,
  took_ms: 3.14,
  source: 'local',
  more: false,
  platform_error: null,
  filling_percent: null,
  ...p,
});

describe('resultLine', () => {
  it('says the local copy answered, with its time', () => {
    expect(resultLine(page({}))).toEqual({ summary: '12 matches · 3.1 ms', note: null, warning: null });
    expect(resultLine(page({ total: 1 })).summary).toBe('1 match · 3.1 ms');
  });

  it('says the platform answered while the copy fills, and what it offers', () => {
    const line = resultLine(page({ source: 'platform', filling_percent: 40 }));
    expect(line.summary).toBe('12 matches from the platform (your local copy is still filling: 40%)');
    expect(line.note).toContain('first 12 matches, in id order');
    expect(resultLine(page({ source: 'platform', total: 200, more: true, filling_percent: 3 })).summary).toBe(
      '200+ matches from the platform (your local copy is still filling: 3%)',
    );
  });

  it('says in words that the platform search failed, over the partial copy', () => {
    const line = resultLine(page({ total: 2, platform_error: 'The platform search failed (offline).', filling_percent: 10 }));
    expect(line.summary).toBe('2 matches in your local copy so far · 3.1 ms');
    expect(line.warning).toBe('The platform search failed (offline).');
  });
});
