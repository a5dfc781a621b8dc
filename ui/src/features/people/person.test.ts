import { describe, expect, it } from 'vitest';

import { ageOn, localToday } from '../../lib/age';
import { changedKeys, emptyPerson, toNewPerson, toPatch } from './person';

describe('person values', () => {
  it('counts whole years on the platform date', () => {
    expect(ageOn('2008-12-02', '2026-12-01')).toBe(17);
    expect(ageOn('2008-12-01', '2026-12-01')).toBe(18);
    expect(ageOn(null, '2026-12-01')).toBeNull();
    expect(ageOn('not a date', '2026-12-01')).toBeNull();
    expect(localToday(new Date(2026, 0, 5))).toBe('2026-01-05');
  });

  it('sends only what changed, an emptied contact as a clear', () => {
    const base = { ...emptyPerson('PATIENT'), display_name: 'Ann', email: 'ann@x.test', phone: '555 0100' };
    const next = { ...base, display_name: ' Ann Lee ', email: '' };
    expect(toPatch(base, next, 'married')).toEqual({ reason: 'married', display_name: 'Ann Lee', email: '' });
    expect(changedKeys(base, base)).toEqual([]);
  });

  it('a new dependent names its guardian; no one else does', () => {
    const guardian = { id: 'usr_john', name: 'John' };
    expect(toNewPerson({ ...emptyPerson('DEPENDENT', guardian), display_name: 'Emily' }, 'r').guardian_id).toBe('usr_john');
    expect(toNewPerson({ ...emptyPerson('PATIENT', guardian), display_name: 'P' }, 'r').guardian_id).toBeNull();
  });
});
