import type { NewPerson, PersonPatch, User, UserKind } from '../../ipc';
import type { PersonFields } from '../../ipc/people';

/** What the person form holds; text as typed ('' is empty). */
export interface PersonValues {
  kind: UserKind;
  display_name: string;
  email: string;
  phone: string;
  date_of_birth: string;
  guardian: { id: string; name: string } | null;
}

export const KINDS_CREATED_LABEL: Partial<Record<UserKind, string>> = {
  PATIENT: 'Patient',
  HCP: 'Healthcare provider',
  GUARDIAN: 'Guardian',
  DEPENDENT: 'Dependent (under a guardian)',
};

export const emptyPerson = (kind: UserKind, guardian: PersonValues['guardian'] = null): PersonValues => ({
  kind,
  display_name: '',
  email: '',
  phone: '',
  date_of_birth: '',
  guardian,
});

export const fromUser = (u: User, guardianName?: string): PersonValues => ({
  kind: u.kind,
  display_name: u.display_name,
  email: u.email ?? '',
  phone: u.phone ?? '',
  date_of_birth: u.date_of_birth ?? '',
  guardian: u.guardian_id ? { id: u.guardian_id, name: guardianName ?? u.guardian_id } : null,
});

const blankToNull = (v: string) => (v.trim() === '' ? null : v.trim());

/** The fields the served schema checks, as the check wants them (`null`: left empty). */
export const checkedFields = (v: PersonValues): PersonFields => ({
  display_name: v.display_name,
  email: blankToNull(v.email),
  phone: blankToNull(v.phone),
  date_of_birth: blankToNull(v.date_of_birth),
});

export const toNewPerson = (v: PersonValues, reason: string): NewPerson => ({
  kind: v.kind,
  display_name: v.display_name.trim(),
  email: blankToNull(v.email),
  phone: blankToNull(v.phone),
  date_of_birth: blankToNull(v.date_of_birth),
  guardian_id: v.kind === 'DEPENDENT' ? (v.guardian?.id ?? null) : null,
  reason,
});

/** Only what changed; an emptied email, phone or date of birth is sent as '' (cleared). */
export function toPatch(base: PersonValues, v: PersonValues, reason: string): PersonPatch {
  const patch: PersonPatch = { reason };
  if (v.display_name.trim() !== base.display_name.trim()) patch.display_name = v.display_name.trim();
  if (v.email.trim() !== base.email.trim()) patch.email = v.email.trim();
  if (v.phone.trim() !== base.phone.trim()) patch.phone = v.phone.trim();
  if (v.date_of_birth.trim() !== base.date_of_birth.trim()) patch.date_of_birth = v.date_of_birth.trim();
  return patch;
}

export const changedKeys = (base: PersonValues, v: PersonValues) =>
  Object.keys(toPatch(base, v, '')).filter((k) => k !== 'reason');
