import { cleanup, fireEvent, screen, waitFor, within } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';

import type { FieldError, FieldType, SettingsSaved, SettingsView } from '../../ipc';
import { answer, renderWithProviders, sent } from '../../test/backend';
import { SettingsScreen } from './SettingsScreen';
import { memberView, ownerView, SCHEMA, SECURITY_REASON, settings, VALUES } from './testData';

let view: SettingsView;
let refused: FieldError[];
/** What core's check of the staged values answers (it checks by the served schema). */
let checker: (changes: Record<string, unknown>) => FieldError[];
let saveAnswer: (args: Record<string, unknown>) => SettingsSaved;

// The backend as the window sees it: the ipc layer is real, only the Tauri bridge is faked.
answer({
  settings_view: () => view,
  check_settings: (args) => checker(args.changes as Record<string, unknown>),
  preview_settings: (args) => {
    const changes = args.changes as Record<string, unknown>;
    const now = view.settings.values;
    return {
      base_version: args.baseVersion,
      current_version: view.settings.version,
      changes: Object.entries(changes).map(([key, value]) => ({ key, label: SCHEMA.fields.find((f) => f.key === key)?.label ?? key, old: now[key], new: value })),
      errors: refused,
    };
  },
  save_settings: (args) => {
    // The fake server holds what it answered: a save or someone else's version.
    const answer = saveAnswer(args);
    view = { ...view, settings: answer.outcome === 'saved' ? answer.settings : answer.current };
    return answer;
  },
});

beforeEach(() => {
  view = memberView();
  refused = [];
  checker = () => [];
  saveAnswer = (args) => ({ outcome: 'saved', settings: settings(5, { ...VALUES, ...(args.changes as object) }) });
});
afterEach(() => {
  cleanup();
});

function renderScreen() {
  renderWithProviders(<SettingsScreen profile="Demo" />);
  return screen.findByTestId('setting-display_name');
}

const input = (key: string) => screen.getByTestId(`setting-input-${key}`) as HTMLInputElement;
const type = (key: string, value: string) => fireEvent.change(input(key), { target: { value } });
const wrapper = (key: string) => screen.getByTestId(`setting-${key}`);

describe('the settings screen, generated from the schema', () => {
  it('renders every field the server describes, under its group, with an input for its type', async () => {
    // A field the console has never heard of, in a group it has never heard of, of a kind it
    // has: it must appear with no change to the console (nothing is hard-coded).
    const invented = {
      key: 'appointment_reminder_lead_hours',
      group: 'reminders',
      label: 'Reminder lead time',
      description: 'How long before an appointment patients are reminded.',
      type: { kind: 'integer', min: 1, max: 72 } as FieldType,
      unit: 'hours',
      example: null,
      default: 24,
      member_editable: true,
      owner_only_reason: null,
    };
    // And a kind of field newer than this console: shown as stored, read-only, not dropped.
    const newer = { ...invented, key: 'brand_colour', group: 'branding', label: 'Brand colour', description: 'The apps’ accent colour.', type: { kind: 'colour', palette: 'web' } as unknown as FieldType, unit: null };
    const schema = { groups: [...SCHEMA.groups, { id: 'reminders', label: 'Reminders' }], fields: [...SCHEMA.fields, invented, newer] };
    view = memberView({ schema, settings: settings(4, { ...VALUES, brand_colour: '#0a7' }) });
    await renderScreen();

    for (const f of schema.fields) expect(wrapper(f.key).textContent).toContain(f.label);
    // Group headings in the schema's order; a group the schema does not list shows under its id.
    expect([...document.querySelectorAll('h3')].map((h) => h.textContent)).toEqual([
      'Organization',
      'Security',
      'Patients and households',
      'Apps and sign-in',
      'Reminders',
      'branding',
    ]);
    const reminders = screen.getByTestId('settings-group-reminders');
    expect(within(reminders).getByTestId('setting-appointment_reminder_lead_hours').textContent).toContain('How long before an appointment');
    // Absent from the document: the schema's default is shown, with its unit in the label.
    expect(input('appointment_reminder_lead_hours').value).toBe('24');
    expect(wrapper('appointment_reminder_lead_hours').textContent).toContain('Reminder lead time (hours)');
    expect(input('brand_colour').value).toBe('"#0a7"');
    expect(input('brand_colour').readOnly).toBe(true);
    expect(wrapper('brand_colour').textContent).toContain('cannot change this kind of setting');

    // An input by type: number, switch, choice, text, list of addresses.
    expect(input('key_rotation_overlap_hours').value).toBe('24');
    expect(input('mfa_required_for_staff').getAttribute('role')).toBe('switch');
    expect(input('mfa_required_for_staff').checked).toBe(true);
    expect(input('guardian_access_12_17').value).toBe('limited');
    expect(input('support_email').value).toBe('help@demo-clinic.test');
    expect(input('time_zone').value).toBe('UTC');
    expect((screen.getByTestId('setting-input-allowed_redirect_uris-0') as HTMLInputElement).value).toBe('https://app.demo-clinic.test/callback');
  });

  it('shows a Member the Owner-only fields read-only with a lock and the reason, and the rest editable', async () => {
    await renderScreen();
    expect(screen.getByTestId('settings-rights').textContent).toContain('You are a config Member');
    const locked = screen.getByTestId('setting-locked-max_api_key_lifetime_days');
    expect(locked.textContent).toBe(`Only a config Owner may change this: ${SECURITY_REASON}`);
    expect(locked.querySelector('svg')).toBeTruthy();
    expect(input('max_api_key_lifetime_days').readOnly).toBe(true);
    expect(input('mfa_required_for_staff').disabled).toBe(true);
    expect(screen.getByTestId('setting-locked-mfa_required_for_staff')).toBeTruthy();
    // What a Member may change carries no lock.
    expect(screen.queryByTestId('setting-locked-support_email')).toBeNull();
    expect(input('support_email').readOnly).toBe(false);
    expect(document.querySelectorAll('[data-testid^="setting-locked-"]')).toHaveLength(2);
  });

  it('locks nothing for an Owner', async () => {
    view = ownerView();
    await renderScreen();
    expect(screen.getByTestId('settings-rights').textContent).toContain('config Owner');
    expect(document.querySelectorAll('[data-testid^="setting-locked-"]')).toHaveLength(0);
    expect(input('max_api_key_lifetime_days').readOnly).toBe(false);
  });

  it('shows the platform’s verdict on each value as it is typed, marks staged fields, and discards them', async () => {
    // Core checks by the schema it was served; this backend answers what that check says.
    checker = (changes) => {
      const out: FieldError[] = [];
      if (changes.key_rotation_overlap_hours === 1000) {
        out.push({ key: 'key_rotation_overlap_hours', code: 'out_of_range', message: 'Default key rotation overlap: must be from 0 to 168, not 1000' });
      }
      if (changes.support_email === 'help@') out.push({ key: 'support_email', code: 'bad_format', message: "Support email: 'help@' is not an email address" });
      if (changes.display_name === '   ') out.push({ key: 'display_name', code: 'bad_length', message: 'Display name: must not be empty' });
      const uris = changes.allowed_redirect_uris as string[] | undefined;
      if (uris?.[1] === 'https://a.example/#x') {
        out.push({ key: 'allowed_redirect_uris', code: 'bad_url', message: 'Allowed OAuth redirect URIs: https://a.example/#x must not have a #fragment', item: 1 });
      }
      return out;
    };
    await renderScreen();
    const review = screen.getByTestId('settings-review');
    expect(review).toHaveProperty('disabled', true);

    type('key_rotation_overlap_hours', '1000');
    await waitFor(() => expect(wrapper('key_rotation_overlap_hours').textContent).toContain('must be from 0 to 168, not 1000'));
    // The check is asked with the schema the platform served, and every staged value.
    expect(sent('check_settings').at(-1)).toEqual({ schema: view.schema, changes: { key_rotation_overlap_hours: 1000 } });
    type('support_email', 'help@');
    await waitFor(() => expect(wrapper('support_email').textContent).toContain("'help@' is not an email address"));
    type('display_name', '   ');
    await waitFor(() => expect(wrapper('display_name').textContent).toContain('must not be empty'));
    fireEvent.change(screen.getByTestId('setting-input-allowed_redirect_uris-0'), { target: { value: 'https://app.example.org/cb' } });
    fireEvent.click(screen.getByTestId('setting-add-allowed_redirect_uris'));
    fireEvent.change(screen.getByTestId('setting-input-allowed_redirect_uris-1'), { target: { value: 'https://a.example/#x' } });
    // A list entry's problem stands at that entry, once.
    await waitFor(() => expect(wrapper('allowed_redirect_uris').textContent).toContain('must not have a #fragment'));
    const line = screen.getByTestId('setting-input-allowed_redirect_uris-1');
    expect(line.getAttribute('aria-invalid')).toBe('true');
    expect(screen.getByTestId('setting-input-allowed_redirect_uris-0').getAttribute('aria-invalid')).not.toBe('true');
    expect(wrapper('allowed_redirect_uris').textContent?.split('must not have a #fragment')).toHaveLength(2);

    // Staged fields are marked (not by colour alone) with what is saved; unstaged ones are not.
    expect(wrapper('support_email').getAttribute('data-staged')).toBe('true');
    expect(wrapper('support_email').textContent).toContain('Saved value: help@demo-clinic.test');
    expect(wrapper('time_zone').getAttribute('data-staged')).toBeNull();
    // Nothing invalid goes for review, and nothing was sent.
    expect(review).toHaveProperty('disabled', true);
    expect(screen.getByTestId('settings-staged-count').textContent).toContain('fix the 4 marked fields');
    expect(sent('preview_settings')).toEqual([]);

    // Values the check accepts clear the messages.
    type('key_rotation_overlap_hours', '48');
    type('support_email', 'desk@demo-clinic.test');
    await waitFor(() => expect(wrapper('support_email').textContent).not.toContain('not an email'));
    expect(wrapper('key_rotation_overlap_hours').textContent).not.toContain('must be from');

    fireEvent.click(screen.getByTestId('settings-discard'));
    expect(input('support_email').value).toBe('help@demo-clinic.test');
    expect(input('key_rotation_overlap_hours').value).toBe('24');
    expect(document.querySelectorAll('[data-staged]')).toHaveLength(0);
    expect(screen.queryByTestId('setting-input-allowed_redirect_uris-1')).toBeNull();
  });

  it('putting back the saved value unstages the field', async () => {
    await renderScreen();
    type('support_email', 'desk@demo-clinic.test');
    expect(wrapper('support_email').getAttribute('data-staged')).toBe('true');
    type('support_email', 'help@demo-clinic.test');
    expect(wrapper('support_email').getAttribute('data-staged')).toBeNull();
    expect(screen.getByTestId('settings-review')).toHaveProperty('disabled', true);
  });

  it('reviews the server’s diff, needs a reason to save, and confirms with the new version', async () => {
    await renderScreen();
    type('support_email', 'desk@demo-clinic.test');
    fireEvent.click(screen.getByTestId('settings-review'));
    const diff = await screen.findByTestId('settings-diff');
    // The preview is asked about exactly the staged change, on the version it was staged on.
    expect(sent('preview_settings')).toEqual([{ profile: 'Demo', baseVersion: 4, changes: { support_email: 'desk@demo-clinic.test' } }]);
    const row = within(diff).getByText('Support email').closest('tr')!;
    expect(row.querySelector('[data-value="old"]')?.textContent).toBe('help@demo-clinic.test');
    expect(row.querySelector('[data-value="new"]')?.textContent).toBe('desk@demo-clinic.test');

    // Every version records why: no reason, no Save.
    const save = screen.getByTestId('settings-save');
    expect(save).toHaveProperty('disabled', true);
    fireEvent.change(screen.getByTestId('settings-reason'), { target: { value: '   ' } });
    expect(save).toHaveProperty('disabled', true);
    fireEvent.change(screen.getByTestId('settings-reason'), { target: { value: ' New help desk ' } });
    expect(save).toHaveProperty('disabled', false);

    fireEvent.click(save);
    const saved = await screen.findByTestId('settings-saved');
    expect(saved.textContent).toContain('Saved as version 5');
    expect(saved.textContent).toContain('desk@demo-clinic.test');
    expect(sent('save_settings')).toEqual([{ profile: 'Demo', baseVersion: 4, changes: { support_email: 'desk@demo-clinic.test' }, reason: 'New help desk' }]);
    // Back on the form, which now shows the saved value, with nothing staged.
    expect(input('support_email').value).toBe('desk@demo-clinic.test');
    expect(document.querySelectorAll('[data-staged]')).toHaveLength(0);
    expect(screen.getByTestId('settings-version').textContent).toContain('Version 5');
  });

  it('shows every field the server would refuse and does not let it be saved', async () => {
    // E.g. the Owner made the field Owner-only after this Member opened the screen.
    refused = [{ key: 'key_rotation_overlap_hours', code: 'owner_only', message: 'Default key rotation overlap: only a config Owner changes it.' }];
    await renderScreen();
    type('key_rotation_overlap_hours', '48');
    fireEvent.click(screen.getByTestId('settings-review'));
    const refusal = await screen.findByTestId('settings-refused');
    expect(refusal.textContent).toContain('Default key rotation overlap: only a config Owner changes it.');
    fireEvent.change(screen.getByTestId('settings-reason'), { target: { value: 'Longer overlap' } });
    expect(screen.getByTestId('settings-save')).toHaveProperty('disabled', true);
    // Back to editing keeps what was staged.
    fireEvent.click(screen.getByTestId('settings-back'));
    expect(input('key_rotation_overlap_hours').value).toBe('48');
  });

  it('on a conflict shows what changed on the server and re-applies my changes on top of it', async () => {
    const theirs = settings(5, { ...VALUES, display_name: 'Demo Clinic North', time_zone: 'Europe/Paris' });
    saveAnswer = () => ({
      outcome: 'conflict',
      message: 'The settings changed since version 4.',
      current: theirs,
      server_changes: [
        { key: 'display_name', label: 'Display name', old: 'Demo Clinic', new: 'Demo Clinic North' },
        { key: 'time_zone', label: 'Time zone', old: 'UTC', new: 'Europe/Paris' },
      ],
    });
    await renderScreen();
    type('support_email', 'desk@demo-clinic.test');
    type('time_zone', 'America/New_York');
    fireEvent.click(screen.getByTestId('settings-review'));
    await screen.findByTestId('settings-diff');
    fireEvent.change(screen.getByTestId('settings-reason'), { target: { value: 'New desk' } });
    fireEvent.click(screen.getByTestId('settings-save'));

    const conflict = await screen.findByTestId('settings-conflict');
    const rows = within(conflict).getAllByTestId('settings-conflict-row');
    expect(rows.map((r) => r.getAttribute('data-key'))).toEqual(['display_name', 'time_zone']);
    expect(rows[0]?.querySelector('[data-value="new"]')?.textContent).toBe('Demo Clinic North');
    // Where both changed a field, it says so, with my value.
    expect(rows[1]?.textContent).toContain('you changed it too');
    expect(rows[1]?.textContent).toContain('America/New_York');
    expect(screen.getByTestId('settings-conflict-panel').textContent).toContain('Nothing of yours was saved');

    saveAnswer = (args) => ({ outcome: 'saved', settings: settings(6, { ...theirs.values, ...(args.changes as object) }) });
    fireEvent.click(screen.getByTestId('settings-reapply'));
    // Back to the review, now against the server's version 5, with the reason kept.
    await screen.findByTestId('settings-diff');
    expect(sent('preview_settings').at(-1)).toEqual({
      profile: 'Demo',
      baseVersion: 5,
      changes: { support_email: 'desk@demo-clinic.test', time_zone: 'America/New_York' },
    });
    expect((screen.getByTestId('settings-reason') as HTMLTextAreaElement).value).toBe('New desk');
    fireEvent.click(screen.getByTestId('settings-save'));
    expect((await screen.findByTestId('settings-saved')).textContent).toContain('Saved as version 6');
    expect(sent('save_settings').at(-1)).toMatchObject({ baseVersion: 5, changes: { support_email: 'desk@demo-clinic.test', time_zone: 'America/New_York' } });
    // Their change stays.
    expect(input('display_name').value).toBe('Demo Clinic North');
  });

  it('discarding after a conflict starts again from the server’s version', async () => {
    saveAnswer = () => ({
      outcome: 'conflict',
      message: 'The settings changed.',
      current: settings(5, { ...VALUES, support_email: 'theirs@demo-clinic.test' }),
      server_changes: [{ key: 'support_email', label: 'Support email', old: 'help@demo-clinic.test', new: 'theirs@demo-clinic.test' }],
    });
    await renderScreen();
    type('support_email', 'mine@demo-clinic.test');
    fireEvent.click(screen.getByTestId('settings-review'));
    await screen.findByTestId('settings-diff');
    fireEvent.change(screen.getByTestId('settings-reason'), { target: { value: 'x' } });
    fireEvent.click(screen.getByTestId('settings-save'));
    await screen.findByTestId('settings-conflict');
    fireEvent.click(screen.getByTestId('settings-conflict-discard'));
    await waitFor(() => expect(input('support_email').value).toBe('theirs@demo-clinic.test'));
    expect(document.querySelectorAll('[data-staged]')).toHaveLength(0);
  });
});
