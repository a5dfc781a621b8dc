import type { SettingField, SettingsSchema } from '../../ipc';

/** A value as a person reads it: On / Off, "365 days", the list's items, "(empty)". */
export function formatValue(field: SettingField | undefined, value: unknown): string {
  if (value === null || value === undefined) return 'Not set';
  if (typeof value === 'boolean') return value ? 'On' : 'Off';
  if (typeof value === 'number') return field?.unit ? `${value} ${field.unit}` : String(value);
  if (typeof value === 'string') return value === '' ? '(empty)' : value;
  if (Array.isArray(value)) return value.length === 0 ? '(none)' : value.map((v) => (typeof v === 'string' ? v : JSON.stringify(v))).join('\n');
  return JSON.stringify(value);
}

/** The schema's field of `key`, if it still has one. */
export const fieldOf = (schema: SettingsSchema, key: string) => schema.fields.find((f) => f.key === key);

/** The labels of `keys`, in the schema's words (a key the schema no longer has, as is). */
export const labelsOf = (schema: SettingsSchema, keys: readonly string[]) => keys.map((k) => fieldOf(schema, k)?.label ?? k);
