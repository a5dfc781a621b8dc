import { describe, expect, it } from 'vitest';

import { changeOf } from './describe';

describe('changeOf', () => {
  it('reads role and status changes from the before/after documents', () => {
    expect(changeOf({ before: { roles: ['MEMBER'] }, after: { roles: ['SUPPORT'] } })).toEqual({ kind: 'roles', before: ['MEMBER'], after: ['SUPPORT'] });
    expect(changeOf({ before: { status: 'active' }, after: { status: 'suspended' } })).toEqual({ kind: 'status', before: 'active', after: 'suspended' });
  });

  it('shows an unknown change as it is rather than hiding it', () => {
    // A new kind of event must still be visible in the trail, even before the console knows it.
    expect(changeOf({ before: null, after: { name: 'x' } })).toEqual({ kind: 'other', before: 'null', after: '{"name":"x"}' });
  });
});
