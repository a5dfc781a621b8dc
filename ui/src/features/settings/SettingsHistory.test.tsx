import { cleanup, fireEvent, screen, waitFor, within } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';

import type { SettingChange, SettingsSaved, SettingsView } from '../../ipc';
import { answer, renderWithProviders, sent } from '../../test/backend';
import { SettingsScreen } from './SettingsScreen';
import { memberView, ownerView, settings, VALUES, version } from './testData';

const HISTORY = [
  version(4, { actor_name: 'Milo Config-Member', reason: 'New help desk', changed: ['support_email', 'time_zone'] }),
  version(3, { actor_name: 'Cora Config-Owner', reason: 'Undo the test change', changed: ['display_name'], restored_from: 1 }),
  version(2, { reason: 'Trying a new name', changed: ['display_name'] }),
  version(1, { actor_name: 'Platform', reason: 'Organization created', changed: [] }),
];

// What differs between two versions, as the server would answer settings_diff.
const DIFFS: Record<string, SettingChange[]> = {
  '2>4': [
    { key: 'display_name', label: 'Display name', old: 'Demo Clinic (test)', new: 'Demo Clinic' },
    { key: 'support_email', label: 'Support email', old: 'help@demo-clinic.test', new: 'desk@demo-clinic.test' },
  ],
  '4>3': [{ key: 'support_email', label: 'Support email', old: 'desk@demo-clinic.test', new: 'help@demo-clinic.test' }],
  '5>3': [
    { key: 'support_email', label: 'Support email', old: 'desk@demo-clinic.test', new: 'help@demo-clinic.test' },
    { key: 'time_zone', label: 'Time zone', old: 'Europe/Paris', new: 'UTC' },
  ],
};

let view: SettingsView;
let restoreAnswer: (args: Record<string, unknown>) => SettingsSaved;

answer({
  settings_view: () => view,
  settings_history: () => ({ versions: HISTORY, next_cursor: null }),
  settings_diff: (args) => ({ from: args.from, to: args.to, changes: DIFFS[`${String(args.from)}>${String(args.to)}`] ?? [] }),
  restore_settings: (args) => {
    const answer = restoreAnswer(args);
    view = { ...view, settings: answer.outcome === 'saved' ? answer.settings : answer.current };
    return answer;
  },
});

beforeEach(() => {
  view = ownerView();
  restoreAnswer = () => ({ outcome: 'saved', settings: settings(5, { ...VALUES, support_email: 'help@demo-clinic.test' }) });
});
afterEach(() => {
  cleanup();
});

async function openHistory() {
  renderWithProviders(<SettingsScreen profile="Demo" />);
  fireEvent.click(await screen.findByTestId('settings-tab-history'));
  return screen.findByTestId('settings-version-1');
}

describe('the settings history', () => {
  it('lists every version with when, who, why, the fields it changed and what it restored', async () => {
    await openHistory();
    // Read from the server only once the history is opened.
    expect(sent('settings_history')).toEqual([{ profile: 'Demo', cursor: null, limit: 20 }]);
    const v4 = screen.getByTestId('settings-version-4').textContent;
    expect(v4).toContain('v4');
    expect(v4).toContain('current');
    expect(v4).toContain('Milo Config-Member');
    expect(v4).toContain('New help desk');
    // Field labels from the schema, not keys.
    expect(v4).toContain('Support email, Time zone');
    expect(screen.getByTestId('settings-version-3').textContent).toContain('restored from v1');
    expect(screen.getByTestId('settings-version-2').textContent).not.toContain('restored from');
  });

  it('shows the difference between any two ticked versions', async () => {
    await openHistory();
    expect(screen.queryByTestId('settings-history-diff')).toBeNull();
    fireEvent.click(screen.getByTestId('settings-compare-4'));
    fireEvent.click(screen.getByTestId('settings-compare-2'));
    const diff = await screen.findByTestId('settings-history-diff');
    // Oldest to newest, whichever was ticked first.
    expect(sent('settings_diff')).toEqual([{ profile: 'Demo', from: 2, to: 4 }]);
    await waitFor(() => expect(diff.textContent).toContain('desk@demo-clinic.test'));
    expect(diff.textContent).toContain('From version 2 to version 4');
    expect(diff.textContent).toContain('Demo Clinic (test)');
    // A third tick lets go of the first: versions 2 and 3 now.
    fireEvent.click(screen.getByTestId('settings-compare-3'));
    expect((screen.getByTestId('settings-compare-4') as HTMLInputElement).checked).toBe(false);
    await waitFor(() => expect(sent('settings_diff').at(-1)).toEqual({ profile: 'Demo', from: 2, to: 3 }));
  });

  it('lets an Owner restore an older version after seeing what changes and giving a reason', async () => {
    await openHistory();
    // No restore for the current version: it would change nothing.
    expect(screen.queryByTestId('settings-restore-4')).toBeNull();
    expect(screen.getByTestId('settings-restore-1')).toBeTruthy();
    fireEvent.click(screen.getByTestId('settings-restore-3'));

    const changes = await screen.findByTestId('settings-restore-diff');
    // What restoring does now: from the current version to the restored one.
    expect(sent('settings_diff')).toEqual([{ profile: 'Demo', from: 4, to: 3 }]);
    const row = within(changes).getByText('Support email').closest('tr')!;
    expect(row.querySelector('[data-value="old"]')?.textContent).toBe('desk@demo-clinic.test');
    expect(row.querySelector('[data-value="new"]')?.textContent).toBe('help@demo-clinic.test');

    const confirm = screen.getByTestId('settings-restore-confirm');
    expect(confirm).toHaveProperty('disabled', true);
    fireEvent.change(screen.getByTestId('settings-restore-reason'), { target: { value: ' Undo the new desk ' } });
    expect(confirm).toHaveProperty('disabled', false);
    fireEvent.click(confirm);

    const restored = await screen.findByTestId('settings-restored');
    expect(restored.textContent).toContain('Version 3 restored');
    expect(restored.textContent).toContain('as version 5');
    expect(sent('restore_settings')).toEqual([{ profile: 'Demo', version: 3, baseVersion: 4, reason: 'Undo the new desk' }]);
    expect(screen.queryByTestId('settings-restore-dialog')).toBeNull();
    // The form shows the restored values.
    fireEvent.click(screen.getByTestId('settings-tab-edit'));
    expect((screen.getByTestId('setting-input-support_email') as HTMLInputElement).value).toBe('help@demo-clinic.test');
  });

  it('after someone else saves meanwhile, shows the changes against their version before restoring', async () => {
    restoreAnswer = () => ({
      outcome: 'conflict',
      message: 'The settings changed.',
      current: settings(5, { ...VALUES, support_email: 'desk@demo-clinic.test', time_zone: 'Europe/Paris' }),
      server_changes: [{ key: 'time_zone', label: 'Time zone', old: 'UTC', new: 'Europe/Paris' }],
    });
    await openHistory();
    fireEvent.click(screen.getByTestId('settings-restore-3'));
    await screen.findByTestId('settings-restore-diff');
    fireEvent.change(screen.getByTestId('settings-restore-reason'), { target: { value: 'Undo' } });
    fireEvent.click(screen.getByTestId('settings-restore-confirm'));
    expect((await screen.findByTestId('settings-restore-conflict')).textContent).toContain('version 5');
    // The diff is asked again, now from version 5, and shows their time zone being undone too.
    await waitFor(() => expect(screen.getByTestId('settings-restore-diff').textContent).toContain('Europe/Paris'));
    expect(sent('settings_diff').at(-1)).toEqual({ profile: 'Demo', from: 5, to: 3 });
    restoreAnswer = () => ({ outcome: 'saved', settings: settings(6) });
    fireEvent.click(screen.getByTestId('settings-restore-confirm'));
    await screen.findByTestId('settings-restored');
    expect(sent('restore_settings').at(-1)).toMatchObject({ version: 3, baseVersion: 5 });
  });

  it('offers a Member no restore, only the history and its diffs', async () => {
    view = memberView();
    await openHistory();
    expect(document.querySelector('[data-testid^="settings-restore-"]')).toBeNull();
    expect(screen.getByTestId('settings-compare-1')).toBeTruthy();
  });
});
