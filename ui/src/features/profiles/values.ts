// The editor's values as typed, and the Profile they stand for. No rule lives here: the core
// checks the Profile (check_profile) and says what is wrong with each field.
import { PROFILE_DEFAULT_CLIENT_ID, PROFILE_DEFAULT_SCOPES, type FieldProblem, type Profile } from '../../ipc';

export interface ProfileValues {
  name: string;
  api_base: string;
  /** Empty: the same as the API base. */
  issuer: string;
  client_id: string;
  scopes: string[];
}

export const DEFAULT_VALUES: ProfileValues = {
  name: '',
  api_base: '',
  issuer: '',
  // The core's defaults (as `accessctl profiles add`), generated into the bindings.
  client_id: PROFILE_DEFAULT_CLIENT_ID,
  scopes: [...PROFILE_DEFAULT_SCOPES],
};

export const fromProfile = (p: Profile): ProfileValues => ({
  name: p.name,
  api_base: p.api_base,
  issuer: p.issuer ?? '',
  client_id: p.client_id,
  scopes: p.scopes,
});

export const toProfile = (v: ProfileValues): Profile => ({
  name: v.name,
  api_base: v.api_base,
  issuer: v.issuer.trim() === '' ? null : v.issuer,
  client_id: v.client_id,
  scopes: v.scopes,
  builtin: false,
});

export type Field = keyof ProfileValues;

/** The core's words for one field, or null. */
export const problemOf = (problems: FieldProblem[], field: Field): string | null => {
  const mine = problems.filter((p) => p.field === field).map((p) => p.message);
  return mine.length > 0 ? mine.join(' ') : null;
};
