import { describe, expect, it } from 'vitest';

import { householdMembers, sharedWithGuardian } from './household';
import { emily, emilyDetail, john, johnDetail } from './testData';

describe('sharedWithGuardian', () => {
  it('marks the phone a dependent shares, whatever its formatting', () => {
    // "555-010-0142" and "(555) 010-0142" are one number; the server flags the phone as shared.
    expect(sharedWithGuardian(emily, emilyDetail.household)).toEqual({ email: false, phone: true });
  });

  it('never marks a guardian’s own details', () => {
    // For a guardian the server's flags speak of their dependents, not of the guardian.
    expect(sharedWithGuardian(john, johnDetail.household)).toEqual({ email: false, phone: false });
  });

  it('does not trust a flag the values contradict', () => {
    const household = { ...emilyDetail.household, shared_email: true };
    expect(sharedWithGuardian(emily, household).email).toBe(false); // Emily has no email at all
  });
});

describe('householdMembers', () => {
  it('shows a dependent their guardian', () => {
    expect(householdMembers(emilyDetail).map((m) => [m.user.id, m.relation, m.current])).toEqual([['usr_john', 'guardian', false]]);
  });

  it('shows a guardian as the head of their own household, then each dependent', () => {
    const members = householdMembers(johnDetail);
    expect(members.map((m) => [m.user.id, m.relation, m.current])).toEqual([
      ['usr_john', 'guardian', true],
      ['usr_emily', 'dependent', false],
      ['usr_max', 'dependent', false],
    ]);
  });

  it('reads each dependent’s sharing from the values, since the flags only say that someone shares', () => {
    // Emily's phone is John's written differently; Max's email is John's in other case.
    const [, e, m] = householdMembers(johnDetail);
    expect(e).toMatchObject({ sharesEmail: false, sharesPhone: true });
    expect(m).toMatchObject({ sharesEmail: true, sharesPhone: false });
  });

  it('has no one to show for a person outside any household', () => {
    const alone = { user: emily, household: { guardian: null, dependents: [], shared_email: false, shared_phone: false } };
    expect(householdMembers(alone)).toEqual([]);
  });

  it('does not list anyone twice', () => {
    const detail = { ...johnDetail, household: { ...johnDetail.household, dependents: [john, emily] } };
    expect(householdMembers(detail).map((m) => m.user.id)).toEqual(['usr_john', 'usr_emily']);
  });
});
