import { describe, expect, it } from 'vitest';

import { byKind, byStatus, householdLabel, isoDate, keyBars, roleLabel } from './data';

describe('the Overview data for charts', () => {
  it('sums kinds over statuses and statuses over kinds, leaving out kinds with nobody', () => {
    const o = {
      as_of: null,
      loading: false,
      staff_roles: [],
      households: [],
      people: [
        { kind: 'STAFF' as const, status: 'active' as const, count: 4 },
        { kind: 'PATIENT' as const, status: 'active' as const, count: 10 },
        { kind: 'PATIENT' as const, status: 'invited' as const, count: 2 },
      ],
    };
    expect(byKind(o).map((s) => [s.key, s.value])).toEqual([
      ['PATIENT', 12],
      ['STAFF', 4],
    ]);
    expect(byStatus(o).map((s) => [s.key, s.value])).toEqual([
      ['active', 14],
      ['invited', 2],
      ['suspended', 0],
    ]);
  });

  it('puts overdue keys in their own bar before the weeks', () => {
    const bars = keyBars({ overdue: 3, weeks: [{ starts_at: 0, keys: 2 }, { starts_at: 604_800, keys: 0 }] });
    expect(bars.map((b) => [b.label, b.overdue, b.expiring])).toEqual([
      ['Overdue', 3, 0],
      [bars[1]?.label, 0, 2],
      [bars[2]?.label, 0, 0],
    ]);
  });

  it('names roles, household sizes and local dates as the window shows them', () => {
    expect(roleLabel('PROVIDER_NURSE_PRACTITIONER')).toBe('Provider nurse practitioner');
    expect([0, 3, 4].map(householdLabel)).toEqual(['0', '3', '4+']);
    expect(isoDate(new Date(2026, 0, 5, 23, 59).getTime() / 1000)).toBe('2026-01-05');
  });
});
