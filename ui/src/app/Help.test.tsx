import { cleanup, fireEvent, render, screen, waitFor } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';

import type { AppInfo, ProfilesView, SessionView, SyncStatus } from '../ipc';
import { answer, sent } from '../test/backend';
import { App } from './App';
import { Providers } from './Providers';

const info: AppInfo = {
  version: '3.4.5',
  commit: '0a1b2c3d4e',
  commit_date: '2026-11-30',
  data_dir: '/home/ida/.local/share/access-console',
  config_dir: '/home/ida/.config/access-console',
  log_dir: '/home/ida/.local/share/access-console/logs',
};
const profiles: ProfilesView = {
  profiles: [{ name: 'Demo', api_base: 'http://127.0.0.1:4010', issuer: null, client_id: 'c', scopes: [], builtin: true }],
  selected: 'Demo',
};
const session: SessionView = {
  profile: 'Demo',
  can_keep_copy: true,
  me: {
    user_id: 'u1',
    display_name: 'Olivia Owner',
    email: 'owner@demo.test',
    kind: 'STAFF',
    organization: { id: 'o1', name: 'Demo Health' },
    staff_roles: ['OWNER'],
    config_role: 'OWNER',
    permissions: ['directory_read'],
  },
};
const syncStatus: SyncStatus = {
  phase: 'idle',
  last_synced_at: null,
  last_full_sync_at: null,
  done: 0,
  total: null,
  rate_per_sec: null,
  offline: false,
  error: null,
  user_count: 0,
};

let signedIn = false;
answer({
  app_info: () => info,
  open_log_folder: () => null,
  list_profiles: () => profiles,
  // Not a first run, and not opened with a profile file.
  first_run: () => false,
  pending_import: () => null,
  current_session: () => (signedIn ? session : null),
  demo_info: () => null,
  sync_now: () => syncStatus,
  sync_status: () => syncStatus,
  search_users: () => ({ rows: [], total: 0, took_ms: 1 }),
  get_user: () => null,
});
afterEach(() => {
  cleanup();
  signedIn = false;
});

const renderApp = () => render(<Providers><App /></Providers>);
const pressQuestionMark = (target: Element | Window = window) =>
  fireEvent.keyDown(target, { key: '?', code: 'Slash', shiftKey: true });

describe('About', () => {
  it('shows the version, build and folders from app_info, and opens the log folder', async () => {
    signedIn = true;
    renderApp();
    fireEvent.click(await screen.findByTestId('about-button'));

    expect((await screen.findByTestId('about-version')).textContent).toBe('3.4.5');
    expect(screen.getByTestId('about-build').textContent).toBe('0a1b2c3d4e · 2026-11-30');
    expect(screen.getByTestId('about-data-dir').textContent).toBe(info.data_dir);
    expect(screen.getByTestId('about-config-dir').textContent).toBe(info.config_dir);
    expect(screen.getByTestId('about-log-dir').textContent).toBe(info.log_dir);

    fireEvent.click(screen.getByTestId('about-open-logs'));
    // The window names no folder: Rust opens the log folder it writes to.
    await waitFor(() => expect(sent('open_log_folder')).toEqual([{}]));
  });

  it('says a build without git is unknown, once', async () => {
    answer({ app_info: () => ({ ...info, commit: 'unknown', commit_date: 'unknown' }) });
    renderApp();
    fireEvent.click(await screen.findByTestId('help-about'));
    expect((await screen.findByTestId('about-build')).textContent).toBe('unknown (built without git)');
    answer({ app_info: () => info });
  });

  it('shows why the log folder did not open', async () => {
    answer({
      open_log_folder: () => {
        throw { code: 'internal', message: 'the log folder could not be opened: no file manager' };
      },
    });
    renderApp();
    fireEvent.click(await screen.findByTestId('help-about'));
    fireEvent.click(await screen.findByTestId('about-open-logs'));
    expect((await screen.findByTestId('error-alert')).textContent).toContain('no file manager');
    answer({ open_log_folder: () => null });
  });
});

describe('The shortcut sheet', () => {
  it('opens with ? on the sign-in screen and closes with Escape', async () => {
    renderApp();
    await screen.findByTestId('sign-in-button');
    expect(screen.queryByTestId('shortcut-sheet')).toBeNull();

    pressQuestionMark(document.body);
    const sheet = await screen.findByTestId('shortcut-sheet');
    // It lists the real shortcuts, e.g. the directory's jump-to-person and its table keys.
    expect(sheet.textContent).toContain('Jump to a person');
    expect(sheet.textContent).toContain('K');
    expect(sheet.textContent).toContain('open the selected person');

    fireEvent.keyDown(sheet, { key: 'Escape', code: 'Escape' });
    await waitFor(() => expect(screen.queryByTestId('shortcut-sheet')).toBeNull());
  });

  it('does not open while typing ? in a field', async () => {
    signedIn = true;
    renderApp();
    const search = await screen.findByTestId('directory-search');
    search.focus();
    pressQuestionMark(search);
    await new Promise((r) => setTimeout(r, 50));
    expect(screen.queryByTestId('shortcut-sheet')).toBeNull();
    // The same key outside the field does open it: the field, not the wait, kept it shut.
    pressQuestionMark(document.body);
    expect(await screen.findByTestId('shortcut-sheet')).toBeTruthy();
  });

  it('is not opened by a chord with Ctrl, and leads to About', async () => {
    renderApp();
    await screen.findByTestId('sign-in-button');
    fireEvent.keyDown(document.body, { key: '?', ctrlKey: true });
    await new Promise((r) => setTimeout(r, 50));
    expect(screen.queryByTestId('shortcut-sheet')).toBeNull();

    fireEvent.click(screen.getByTestId('help-shortcuts'));
    fireEvent.click(await screen.findByTestId('shortcuts-about'));
    expect((await screen.findByTestId('about-version')).textContent).toBe('3.4.5');
    await waitFor(() => expect(screen.queryByTestId('shortcut-sheet')).toBeNull());
  });
});
