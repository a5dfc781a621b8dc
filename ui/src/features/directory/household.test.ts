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
  it('lists the guardian first, then each dependent once, marking the person shown', () => {
    const members = householdMembers(emilyDetail);
    expect(members.map((m) => [m.user.id, m.relation, m.current])).toEqual([
      ['usr_john', 'guardian', false],
      ['usr_emily', 'dependent', true],
      ['usr_max', 'dependent', false],
    ]);
  });

  it('reads each sibling’s sharing from the values, not from the shown person’s flags', () => {
    // Emily's flags say nothing of Max; his email is John's (case differs), so it is marked.
    const max = householdMembers(emilyDetail).find((m) => m.user.id === 'usr_max');
    expect(max).toMatchObject({ sharesEmail: true, sharesPhone: false });
  });

  it('does not list a guardian twice when the server also lists them as a dependent', () => {
    const detail = { ...johnDetail, household: { ...johnDetail.household, dependents: [john, emily] } };
    expect(householdMembers(detail).map((m) => m.user.id)).toEqual(['usr_john', 'usr_emily']);
  });
});
