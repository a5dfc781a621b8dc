import { describe, expect, it } from 'vitest';

import { changeOf } from './describe';

describe('changeOf', () => {
  it('reads role and status changes from the before/after documents', () => {
    expect(changeOf({ action: 'user.roles.update', before: { roles: ['MEMBER'] }, after: { roles: ['SUPPORT'] } })).toEqual({
      kind: 'roles',
      before: ['MEMBER'],
      after: ['SUPPORT'],
    });
    expect(changeOf({ action: 'user.status.update', before: { status: 'active' }, after: { status: 'suspended' } })).toEqual({
      kind: 'status',
      before: 'active',
      after: 'suspended',
    });
  });

  it('shows any other change field by field rather than hiding it', () => {
    // Service-account and key events (and kinds added later) must still be readable in the trail.
    expect(changeOf({ action: 'service_account.create', before: null, after: { name: 'billing-sync' } })).toEqual({
      kind: 'fields',
      fields: [{ name: 'name', before: null, after: 'billing-sync' }],
    });
    // A service account's status is one field among others, not a person's status change.
    const update = { action: 'service_account.update', before: { name: 'a', status: 'active' }, after: { name: 'a', status: 'disabled' } };
    expect(changeOf(update)).toEqual({
      kind: 'fields',
      fields: [{ name: 'status', before: 'active', after: 'disabled' }],
    });
  });
});
