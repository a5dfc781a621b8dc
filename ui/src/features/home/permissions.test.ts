import { describe, expect, it } from 'vitest';

import type { Me } from '../../ipc';
import { offersFor, roleSummary } from './permissions';

const me = (over: Partial<Me>): Me => ({
  user_id: 'u',
  display_name: 'X',
  email: null,
  kind: 'STAFF',
  organization: { id: 'o', name: 'Org' },
  staff_roles: [],
  config_role: null,
  permissions: [],
  ...over,
});

describe('offersFor', () => {
  it('offers one card per permission the server granted that has a screen', () => {
    const offers = offersFor(['directory_read', 'staff_read']);
    expect(offers.map((o) => o.permission)).toEqual(['directory_read', 'staff_read']);
    expect(offers[0]?.title).toBe('Directory');
  });

  it('offers nothing when the role gives no console access', () => {
    expect(offersFor([])).toEqual([]);
  });

  it('offers no card for a right that is no screen of the console', () => {
    // Care staff update patient records from their own tools: a provider stays without access.
    expect(offersFor(['patient_records_write'])).toEqual([]);
    expect(offersFor(['directory_read', 'patient_records_write', 'act_on_behalf']).map((o) => o.permission)).toEqual([
      'directory_read',
      'act_on_behalf',
    ]);
  });
});

describe('roleSummary', () => {
  it('names staff roles, config roles, or else the account kind', () => {
    expect(roleSummary(me({ staff_roles: ['PROVIDER', 'PROVIDER_PHYSICIAN'] }))).toBe('PROVIDER, PROVIDER_PHYSICIAN');
    expect(roleSummary(me({ kind: 'CONFIG', config_role: 'MEMBER' }))).toBe('Config Member');
    expect(roleSummary(me({ kind: 'PATIENT' }))).toBe('PATIENT');
  });
});
