// Fixtures shared by this feature's tests: a schema like the platform's, with its kinds of field.
import type { FieldType, SettingField, Settings, SettingsSchema, SettingsVersion, SettingsView } from '../../ipc';

export const NOW = 1_796_000_000;

const field = (key: string, group: string, label: string, type: FieldType, over: Partial<SettingField> = {}): SettingField => ({
  key,
  group,
  label,
  description: `What ${label} does`,
  type,
  unit: null,
  example: null,
  default: null,
  member_editable: true,
  owner_only_reason: null,
  ...over,
});

export const SECURITY_REASON = 'A security control of the whole organization: only a config Owner changes it.';

export const SCHEMA: SettingsSchema = {
  groups: [
    { id: 'organization', label: 'Organization' },
    { id: 'security', label: 'Security' },
    { id: 'consumers', label: 'Patients and households' },
    { id: 'apps', label: 'Apps and sign-in' },
  ],
  fields: [
    field('display_name', 'organization', 'Display name', { kind: 'string', min_len: 1, max_len: 80, rules: [] }),
    field('support_email', 'organization', 'Support email', { kind: 'string', min_len: 0, max_len: 254, rules: [] }),
    field('time_zone', 'organization', 'Time zone', { kind: 'enum', values: ['UTC', 'America/New_York', 'Europe/Paris', 'Asia/Tokyo'] }),
    field('max_api_key_lifetime_days', 'security', 'Maximum API key lifetime', { kind: 'integer', min: 1, max: 730 }, {
      unit: 'days',
      member_editable: false,
      owner_only_reason: SECURITY_REASON,
    }),
    field('key_rotation_overlap_hours', 'security', 'Default key rotation overlap', { kind: 'integer', min: 0, max: 168 }, { unit: 'hours' }),
    field('mfa_required_for_staff', 'security', 'MFA required for staff', { kind: 'boolean' }, { member_editable: false, owner_only_reason: SECURITY_REASON }),
    field('guardian_access_12_17', 'consumers', 'Guardian access, ages 12-17', { kind: 'enum', values: ['full', 'limited', 'none'] }),
    field('allowed_redirect_uris', 'apps', 'Allowed OAuth redirect URIs', { kind: 'text_list', max_items: 3, max_len: 2048, item: 'URL', rules: [] }, { example: 'https://app.example.org/callback' }),
  ],
};

export const VALUES: Record<string, unknown> = {
  display_name: 'Demo Clinic',
  support_email: 'help@demo-clinic.test',
  time_zone: 'UTC',
  max_api_key_lifetime_days: 365,
  key_rotation_overlap_hours: 24,
  mfa_required_for_staff: true,
  guardian_access_12_17: 'limited',
  allowed_redirect_uris: ['https://app.demo-clinic.test/callback'],
};

export const settings = (version: number, values: Record<string, unknown> = VALUES): Settings => ({
  version,
  values,
  updated_at: NOW,
  updated_by: 'usr_cora',
  updated_by_name: 'Cora Config-Owner',
});

const keys = (schema: SettingsSchema, memberOnly: boolean) => schema.fields.filter((f) => !memberOnly || f.member_editable).map((f) => f.key);

export const memberView = (over: Partial<SettingsView> = {}): SettingsView => ({
  schema: SCHEMA,
  settings: settings(4),
  rights: 'member',
  editable: keys(over.schema ?? SCHEMA, true),
  can_restore: false,
  ...over,
});

export const ownerView = (over: Partial<SettingsView> = {}): SettingsView => ({
  schema: SCHEMA,
  settings: settings(4),
  rights: 'owner',
  editable: keys(over.schema ?? SCHEMA, false),
  can_restore: true,
  ...over,
});

export const version = (v: number, over: Partial<SettingsVersion> = {}): SettingsVersion => ({
  version: v,
  at: NOW - (10 - v) * 3_600,
  actor_id: 'usr_milo',
  actor_name: 'Milo Config-Member',
  reason: `Reason for v${v}`,
  changed: ['support_email'],
  restored_from: null,
  values: VALUES,
  ...over,
});
