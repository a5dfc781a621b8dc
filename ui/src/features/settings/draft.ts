// Staged edits: only the fields whose value differs from the version they were staged on.
import type { FieldError, SettingField, Settings, SettingsGroup, SettingsSchema } from '../../ipc';

export type Edits = Record<string, unknown>;

/** Values are JSON (numbers, text, lists), so equal JSON is an equal value. */
export const sameValue = (a: unknown, b: unknown) => JSON.stringify(a) === JSON.stringify(b);

/** The field's value in `settings`; a field the document does not hold yet has its default. */
export const valueIn = (settings: Settings, field: SettingField): unknown =>
  Object.prototype.hasOwnProperty.call(settings.values, field.key) ? settings.values[field.key] : field.default;

/** `edits` with `value` staged for `field`; putting back the saved value unstages it. */
export function stage(edits: Edits, base: Settings, field: SettingField, value: unknown): Edits {
  const next = { ...edits };
  if (sameValue(value, valueIn(base, field))) delete next[field.key];
  else next[field.key] = value;
  return next;
}

/** My edits carried onto `fresh`: those it already holds drop out. */
export function rebase(edits: Edits, fresh: Settings, schema: SettingsSchema): Edits {
  const out: Edits = {};
  for (const [key, value] of Object.entries(edits)) {
    const field = schema.fields.find((f) => f.key === key);
    const now = field ? valueIn(fresh, field) : fresh.values[key];
    if (!sameValue(value, now)) out[key] = value;
  }
  return out;
}

/** The platform's refusal of each staged field, by key, among those still staged. */
export function problemsOf(errors: readonly FieldError[], edits: Edits): Record<string, FieldError> {
  const out: Record<string, FieldError> = {};
  for (const e of errors) if (e.key in edits && !(e.key in out)) out[e.key] = e;
  return out;
}

export interface FieldGroup {
  group: SettingsGroup;
  fields: SettingField[];
}

/** Fields under their group's heading, in the schema's order; a group the schema does not list
 * still shows, under its id, so no field is ever left out. */
export function groupFields(schema: SettingsSchema): FieldGroup[] {
  const groups: SettingsGroup[] = [...schema.groups];
  for (const f of schema.fields) {
    if (!groups.some((g) => g.id === f.group)) groups.push({ id: f.group, label: f.group });
  }
  return groups.map((group) => ({ group, fields: schema.fields.filter((f) => f.group === group.id) })).filter((g) => g.fields.length > 0);
}
