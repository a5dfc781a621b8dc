import type { AccountStatus, NewServiceAccount, ServiceAccount, ServiceAccountPatch } from '../../ipc';

import type { Person } from '../../components/PersonPicker';

export type { Person };

export interface AccountValues {
  name: string;
  description: string;
  owner: Person | null;
  actsFor: Person | null;
  status: AccountStatus;
}

export type Field = keyof AccountValues;

export const FIELD_LABELS: Record<Field, string> = {
  name: 'Name',
  description: 'Description',
  owner: 'Owner of record',
  actsFor: 'Acts for',
  status: 'Status',
};

export const EMPTY_VALUES: AccountValues = { name: '', description: '', owner: null, actsFor: null, status: 'active' };

export const fromAccount = (a: ServiceAccount): AccountValues => ({
  name: a.name,
  description: a.description,
  owner: { id: a.owner_id, name: a.owner_name },
  actsFor: a.acts_for_id ? { id: a.acts_for_id, name: a.acts_for_name ?? a.acts_for_id } : null,
  status: a.status,
});

export const canSubmit = (v: AccountValues) => v.name.trim() !== '' && v.owner !== null;

export const toNew = (v: AccountValues): NewServiceAccount => ({
  name: v.name.trim(),
  description: v.description.trim(),
  owner_id: v.owner?.id ?? '',
  acts_for_id: v.actsFor?.id ?? null,
});

const same = (f: Field, a: AccountValues, b: AccountValues) => {
  if (f === 'owner' || f === 'actsFor') return (a[f]?.id ?? null) === (b[f]?.id ?? null);
  if (f === 'status') return a.status === b.status;
  return a[f].trim() === b[f].trim();
};

const FIELDS = Object.keys(FIELD_LABELS) as Field[];

/** The fields that differ between two states of the form. */
export const changedFields = (a: AccountValues, b: AccountValues): Field[] => FIELDS.filter((f) => !same(f, a, b));

/** Only what the owner changed, so an edit never rewrites a field it did not touch. */
export function toPatch(base: AccountValues, v: AccountValues): ServiceAccountPatch {
  const patch: ServiceAccountPatch = {};
  for (const f of changedFields(base, v)) {
    if (f === 'name') patch.name = v.name.trim();
    if (f === 'description') patch.description = v.description.trim();
    if (f === 'owner' && v.owner) patch.owner_id = v.owner.id;
    // null clears it: the account no longer acts for anyone.
    if (f === 'actsFor') patch.acts_for_id = v.actsFor?.id ?? null;
    if (f === 'status') patch.status = v.status;
  }
  return patch;
}

/** My edits carried over onto the server's fresh state: what I changed wins, the rest is theirs. */
export function rebase(base: AccountValues, mine: AccountValues, fresh: AccountValues): AccountValues {
  const out = { ...fresh };
  for (const f of changedFields(base, mine)) Object.assign(out, { [f]: mine[f] });
  return out;
}

/** A field's value in words, for the conflict view. */
export function fieldText(v: AccountValues, f: Field): string {
  if (f === 'owner' || f === 'actsFor') return v[f]?.name ?? '(nobody)';
  if (f === 'status') return v.status === 'active' ? 'Active' : 'Disabled';
  return v[f].trim() || '(empty)';
}
