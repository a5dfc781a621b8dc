import { describe, expect, it } from 'vitest';

import type { StaffRole, User } from '../../ipc';
import { canEditRoles, changeItem, inOrder, rebase, toggle } from './staging';

const ORDER: StaffRole[] = ['OWNER', 'MEMBER', 'SUPPORT', 'DISPATCH', 'THERAPIST'];

describe('staging', () => {
  it('keeps roles in catalog order whatever order they were ticked', () => {
    // set_roles sends the whole set; a stable order keeps the review and the audit trail readable.
    expect(toggle(['DISPATCH'], 'MEMBER', true, ORDER)).toEqual(['MEMBER', 'DISPATCH']);
    expect(toggle(['MEMBER', 'DISPATCH'], 'MEMBER', false, ORDER)).toEqual(['DISPATCH']);
    expect(inOrder(['SUPPORT', 'OWNER'], ORDER)).toEqual(['OWNER', 'SUPPORT']);
  });

  it('previews only the difference, against the version it was staged on', () => {
    const base = { id: 'usr_m', staff_roles: ['MEMBER', 'DISPATCH'], version: 7 } as User;
    expect(changeItem(base, ['MEMBER', 'SUPPORT'])).toEqual({ user_id: 'usr_m', add: ['SUPPORT'], remove: ['DISPATCH'], expected_version: 7 });
  });

  it('re-applies my change on top of someone else’s', () => {
    // I added SUPPORT and removed DISPATCH; meanwhile someone added THERAPIST. Theirs must survive.
    expect(rebase(['MEMBER', 'DISPATCH'], ['MEMBER', 'SUPPORT'], ['MEMBER', 'DISPATCH', 'THERAPIST'], ORDER)).toEqual([
      'MEMBER',
      'SUPPORT',
      'THERAPIST',
    ]);
    // They removed MEMBER, which I left alone: it stays removed.
    expect(rebase(['MEMBER'], ['MEMBER', 'OWNER'], [], ORDER)).toEqual(['OWNER']);
  });

  it('offers the editor only to role writers, for staff', () => {
    expect(canEditRoles(['roles_write'], { kind: 'STAFF' })).toBe(true);
    expect(canEditRoles(['directory_read', 'audit_read'], { kind: 'STAFF' })).toBe(false);
    expect(canEditRoles(['roles_write'], { kind: 'PATIENT' })).toBe(false);
    expect(canEditRoles(['roles_write'], { kind: 'CONFIG' })).toBe(false);
  });
});
