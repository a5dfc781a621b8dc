import { act, cleanup, fireEvent, screen, waitFor } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';

import { memberView, ownerView } from '../features/settings/testData';
import type { Me, SessionView } from '../ipc';
import { answer, renderWithProviders, sent } from '../test/backend';
import { App } from './App';

const configUser = (over: Partial<Me>): SessionView => ({
  profile: 'Demo',
  can_keep_copy: true,
  me: {
    user_id: 'usr_milo',
    display_name: 'Milo Config-Member',
    email: 'milo.config-member@demo-clinic.test',
    kind: 'CONFIG',
    organization: { id: 'org_demo', name: 'Demo Clinic' },
    staff_roles: [],
    config_role: 'MEMBER',
    permissions: ['settings_read', 'settings_write_member'],
    idle_sign_out_minutes: 1,
    ...over,
  },
});

let stored: SessionView;
let signInAs: SessionView;
/** Who the fake backend has signed in. */
let current: SessionView;
/** The Owner's settings arrive when a test says so. */
let ownerGate: Promise<void>;
let releaseOwner: () => void;

answer({
  list_profiles: () => ({ profiles: [], selected: 'Demo' }),
  current_session: () => stored,
  settings_view: () => (current.me.config_role === 'OWNER' ? ownerGate.then(() => ownerView()) : memberView()),
  lock_session: () => null,
  sign_in: () => (current = signInAs),
  sign_out: () => null,
});

beforeEach(() => {
  // Timers and the clock are faked, but still run on their own so the screen can load.
  vi.useFakeTimers({ shouldAdvanceTime: true });
  stored = configUser({});
  signInAs = stored;
  current = stored;
  ownerGate = new Promise((resolve) => (releaseOwner = resolve));
  releaseOwner();
});
afterEach(() => {
  cleanup();
  vi.useRealTimers();
});

async function renderApp() {
  renderWithProviders(<App />);
  // A config user lands on the settings.
  await screen.findByTestId('setting-support_email');
}

const email = () => screen.getByTestId('setting-input-support_email') as HTMLInputElement;
const idle = (ms: number) => act(() => vi.advanceTimersByTime(ms));

describe('the idle lock', () => {
  it('locks after the organization’s minutes without input, ends the session and hides the window', async () => {
    await renderApp();
    expect(screen.getByTestId('nav-settings').getAttribute('aria-selected')).toBe('true');
    fireEvent.change(email(), { target: { value: 'desk@demo-clinic.test' } });

    // Input restarts the count: 30 s in, a key; 59 s later still unlocked.
    await idle(30_000);
    fireEvent.keyDown(window, { key: 'a' });
    await idle(59_000);
    expect(screen.queryByTestId('idle-lock')).toBeNull();
    expect(sent('lock_session')).toEqual([]);

    // Pointer movement counts too.
    fireEvent.pointerMove(window);
    await idle(59_000);
    expect(screen.queryByTestId('idle-lock')).toBeNull();

    await idle(2_000);
    const lock = await screen.findByTestId('idle-lock');
    expect(sent('lock_session')).toEqual([{ profile: 'Demo' }]);
    expect(lock.textContent).toContain('Locked after 1 minute without activity, as your organization requires.');
    // The window underneath is hidden and unreachable, not merely dimmed; it stays mounted.
    const content = screen.getByTestId('signed-in-content');
    expect(content.style.visibility).toBe('hidden');
    expect(content.hasAttribute('inert')).toBe(true);
    expect(content.getAttribute('aria-hidden')).toBe('true');
    expect(content.parentElement?.closest('[inert]')).toBeTruthy();
    expect(email().value).toBe('desk@demo-clinic.test');
    // Keyboard users are on the way out: the lock screen is a modal dialog with the focus.
    expect(lock.getAttribute('role')).toBe('dialog');
    expect(lock.getAttribute('aria-modal')).toBe('true');
    await waitFor(() => expect(document.activeElement).toBe(screen.getByTestId('idle-sign-in')));
  });

  it('resumes exactly where the same person was after signing in again', async () => {
    await renderApp();
    fireEvent.change(email(), { target: { value: 'desk@demo-clinic.test' } });
    await idle(60_000);
    await screen.findByTestId('idle-lock');
    const viewsRead = sent('settings_view').length;

    fireEvent.click(screen.getByTestId('idle-sign-in'));
    await waitFor(() => expect(screen.queryByTestId('idle-lock')).toBeNull());
    expect(sent('sign_in')).toEqual([{ profile: 'Demo' }]);
    // The staged edit survived: the shell was never unmounted.
    expect(email().value).toBe('desk@demo-clinic.test');
    expect(screen.getByTestId('setting-support_email').getAttribute('data-staged')).toBe('true');
    const content = screen.getByTestId('signed-in-content');
    expect(content.hasAttribute('inert')).toBe(false);
    expect(content.style.visibility).toBe('');
    expect(document.querySelector('body > [inert]')).toBeNull();
    // What is on screen was read again with the new session.
    await waitFor(() => expect(sent('settings_view').length).toBeGreaterThan(viewsRead));

    // And the count starts again.
    await idle(61_000);
    await screen.findByTestId('idle-lock');
    expect(sent('lock_session')).toHaveLength(2);
  });

  it('gives someone else who signs in their own fresh window', async () => {
    await renderApp();
    fireEvent.change(email(), { target: { value: 'desk@demo-clinic.test' } });
    await idle(60_000);
    await screen.findByTestId('idle-lock');

    signInAs = configUser({ user_id: 'usr_cora', display_name: 'Cora Config-Owner', config_role: 'OWNER', permissions: ['settings_read', 'settings_write'] });
    fireEvent.click(screen.getByTestId('idle-sign-in'));
    await waitFor(() => expect(screen.queryByTestId('idle-lock')).toBeNull());
    await screen.findByTestId('setting-support_email');
    // Milo's staged edit is not Cora's.
    expect(email().value).toBe('help@demo-clinic.test');
    expect(document.querySelectorAll('[data-staged]')).toHaveLength(0);
    expect(screen.getByTestId('me-name').textContent).toBe('Cora Config-Owner');
  });

  it('shows the next person nothing read for the one who signed out', async () => {
    await renderApp();
    expect(screen.getByTestId('settings-rights').textContent).toContain('config Member');
    fireEvent.click(screen.getByTestId('sign-out-button'));
    fireEvent.click(await screen.findByTestId('sign-out-confirm'));
    signInAs = configUser({ user_id: 'usr_cora', display_name: 'Cora Config-Owner', config_role: 'OWNER', permissions: ['settings_read', 'settings_write'] });
    ownerGate = new Promise((resolve) => (releaseOwner = resolve));
    fireEvent.click(await screen.findByTestId('sign-in-button'));
    await screen.findByTestId('nav-settings');
    // While Cora's settings are on their way, nothing of Milo's is shown in their place.
    expect(screen.queryByTestId('settings-rights')).toBeNull();
    expect(screen.queryByTestId('setting-support_email')).toBeNull();
    releaseOwner();
    expect((await screen.findByTestId('settings-rights')).textContent).toContain('config Owner');
    expect(document.querySelectorAll('[data-testid^="setting-locked-"]')).toHaveLength(0);
  });

  it('never locks when the organization sets no idle time', async () => {
    stored = configUser({ idle_sign_out_minutes: undefined });
    await renderApp();
    await idle(12 * 3_600_000);
    expect(screen.queryByTestId('idle-lock')).toBeNull();
    expect(sent('lock_session')).toEqual([]);
  });
});
