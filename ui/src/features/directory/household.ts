import type { Household, User, UserDetail } from '../../ipc';

const digits = (phone: string) => phone.replace(/\D/g, '');

/** Which of a dependent's contact details are the guardian's own (compared by value). */
function sameContacts(user: User, guardian: User | null): { email: boolean; phone: boolean } {
  if (!guardian || user.guardian_id !== guardian.id) return { email: false, phone: false };
  return {
    email: !!user.email && user.email.toLowerCase() === guardian.email?.toLowerCase(),
    // Phones are compared by digits: "(555) 010-0142" and "555-010-0142" are one number.
    phone: !!user.phone && !!guardian.phone && digits(user.phone) === digits(guardian.phone),
  };
}

/**
 * Which of the shown person's contact details they share with their guardian. The server's flags
 * say so for the person shown (for a guardian they speak of some dependent, so a guardian's own
 * details are never marked); the values must agree too.
 */
export function sharedWithGuardian(user: User, household: Household): { email: boolean; phone: boolean } {
  const same = sameContacts(user, household.guardian);
  return { email: household.shared_email && same.email, phone: household.shared_phone && same.phone };
}

export interface HouseholdMember {
  user: User;
  relation: 'guardian' | 'dependent';
  /** The person the pane is showing. */
  current: boolean;
  sharesEmail: boolean;
  sharesPhone: boolean;
}

/**
 * The guardian first, then the dependents, each once. The cache answers a dependent with their
 * guardian (and no dependents), and a guardian with no guardian and their dependents: the
 * guardian of that household is then the person shown.
 */
export function householdMembers({ user, household }: UserDetail): HouseholdMember[] {
  const guardian = household.guardian ?? (household.dependents.length > 0 ? user : null);
  const out: HouseholdMember[] = [];
  if (guardian) {
    out.push({ user: guardian, relation: 'guardian', current: guardian.id === user.id, sharesEmail: false, sharesPhone: false });
  }
  for (const d of household.dependents) {
    if (out.some((m) => m.user.id === d.id)) continue;
    // The server's flags say only whether some dependent shares, so each line reads the values.
    const shared = sameContacts(d, guardian);
    out.push({ user: d, relation: 'dependent', current: d.id === user.id, sharesEmail: shared.email, sharesPhone: shared.phone });
  }
  return out;
}
