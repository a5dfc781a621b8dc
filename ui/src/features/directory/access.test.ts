import { describe, expect, it } from 'vitest';

import { directoryScope, kindOptions } from './access';

describe('directoryScope', () => {
  it('gives everyone to directory_read, staff to staff_read alone, nothing otherwise', () => {
    // SUPPORT holds both permissions and must see consumers: directory_read wins.
    expect(directoryScope(['staff_read', 'directory_read'])).toBe('all');
    expect(directoryScope(['staff_read'])).toBe('staff');
    expect(directoryScope(['settings_read', 'audit_read'])).toBeNull();
  });
});

describe('kindOptions', () => {
  it('offers no consumer kind to a staff-only reader', () => {
    // A MEMBER must not be invited to filter for patients, guardians or dependents.
    const kinds = kindOptions('staff').map((o) => o.value);
    expect(kinds).toContain('STAFF');
    for (const consumer of ['PATIENT', 'HCP', 'GUARDIAN', 'DEPENDENT']) expect(kinds).not.toContain(consumer);
  });

  it('offers every kind to a full reader', () => {
    expect(kindOptions('all')).toHaveLength(7);
  });
});
