import { act, cleanup, fireEvent, screen, waitFor } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';

import { auditEvents } from '../ipc/audit';
import type { Me, OnBehalf, ProfilesView, SessionView } from '../ipc';
import { answer, renderWithProviders, sent } from '../test/backend';
import { App } from './App';

const profiles: ProfilesView = {
  profiles: [{ name: 'Demo', api_base: 'http://127.0.0.1:4010', issuer: null, client_id: 'c', scopes: [], builtin: true }],
  selected: 'Demo',
};

const org = { id: 'o', name: 'Demo Health' };
// Olivia's own screens: the overview only (audit_read opens the log on demand), so the test
// needs no directory backend.
const olivia: Me = {
  user_id: 'usr_olivia',
  display_name: 'Olivia Owner',
  email: null,
  kind: 'STAFF',
  organization: org,
  staff_roles: ['OWNER'],
  config_role: null,
  permissions: ['audit_read', 'act_on_behalf'],
  max_acting_minutes: 60,
};
const own: SessionView = { profile: 'Demo', can_keep_copy: true, me: olivia };

const T0 = Date.UTC(2026, 11, 1, 14, 2, 0);
const terms = (minutes: number): OnBehalf => ({
  subject_id: 'usr_priya',
  subject_name: 'Dr. Priya Provider',
  actor_id: 'usr_olivia',
  actor_name: 'Olivia Owner',
  actor_kind: 'STAFF',
  acting_id: 'act_1',
  reason: 'Covering the clinic schedule',
  started_at: T0 / 1000,
  expires_at: T0 / 1000 + minutes * 60,
});
// As the platform describes Priya while Olivia acts for her: her roles, her rights (only
// patient_records_write, which is no console screen), and who acts.
const asPriya = (minutes: number): SessionView => ({
  profile: 'Demo',
  can_keep_copy: true,
  me: {
    user_id: 'usr_priya',
    display_name: 'Dr. Priya Provider',
    email: 'priya.provider@demo-clinic.test',
    kind: 'STAFF',
    organization: org,
    staff_roles: ['PROVIDER', 'PROVIDER_PHYSICIAN'],
    config_role: null,
    permissions: ['patient_records_write'],
    acting: terms(minutes),
  },
});

let current: SessionView;
let stopRefusals: unknown[] = [];
answer({
  list_profiles: () => profiles,
  current_session: () => current,
  stop_acting: () => {
    const refusal = stopRefusals.shift();
    if (refusal) throw refusal;
    return own;
  },
  audit_events: () => {
    throw { code: 'acting_ended', message: 'Your time acting for Dr. Priya Provider is over.' };
  },
});

beforeEach(() => {
  // Only the clock and the countdown's interval are faked; promises and timeouts run as usual.
  vi.useFakeTimers({ toFake: ['Date', 'setInterval', 'clearInterval'] });
  vi.setSystemTime(T0);
});
afterEach(() => {
  cleanup();
  vi.useRealTimers();
  stopRefusals = [];
});

const tick = (seconds: number) => act(() => vi.advanceTimersByTime(seconds * 1000));

describe('while acting for someone', () => {
  it('shows the banner with whom, why and the time left, counting down every second', async () => {
    current = asPriya(10);
    renderWithProviders(<App />);
    const banner = await screen.findByTestId('acting-banner');
    expect(banner.getAttribute('role')).toBe('status');
    expect(banner.textContent).toContain('Acting for Dr. Priya Provider');
    expect(banner.textContent).toContain('Reason: Covering the clinic schedule');
    expect(screen.getByTestId('acting-time-left').textContent).toBe('10:00 left');
    tick(1);
    expect(screen.getByTestId('acting-time-left').textContent).toBe('09:59 left');
    tick(75);
    expect(screen.getByTestId('acting-time-left').textContent).toBe('08:44 left');
    expect(sent('stop_acting')).toHaveLength(0);
  });

  it("shows the person's screens: their no-access explanation names them and their roles", async () => {
    current = asPriya(10);
    renderWithProviders(<App />);
    const text = (await screen.findByTestId('no-access')).textContent ?? '';
    expect(text).toContain('Dr. Priya Provider’s roles (PROVIDER, PROVIDER_PHYSICIAN) give no console access');
    expect(text).not.toContain('Your role');
    // patient_records_write is no screen of the console, but said in one line.
    expect(screen.getByTestId('no-access-records').textContent).toContain('The platform lets them, and service accounts acting for them');
    expect(screen.queryByTestId('permission-card-patient_records_write')).toBeNull();
    expect(screen.queryByTestId('nav-audit')).toBeNull();
    expect(screen.getByTestId('me-name').textContent).toBe('Dr. Priya Provider');
  });

  it('Stop returns to the owner’s own screens, without a sign-in, and forgets what was read as them', async () => {
    current = asPriya(10);
    const { client } = renderWithProviders(<App />);
    await screen.findByTestId('acting-banner');
    // Something read while acting (here, an audit page as Priya would see it).
    client.setQueryData(['audit', 'Demo', 'as-priya'], { events: [], next_cursor: null, total: 0 });
    client.setQueryData(['directory', 'Demo', 'page'], { rows: [] });
    const stop = screen.getByTestId('acting-stop');
    expect(stop.tagName).toBe('BUTTON');
    fireEvent.click(stop);
    await waitFor(() => expect(screen.queryByTestId('acting-banner')).toBeNull());
    expect(sent('stop_acting')).toEqual([{ profile: 'Demo' }]);
    expect(screen.getByTestId('me-name').textContent).toBe('Olivia Owner');
    expect(screen.getByTestId('nav-audit')).toBeTruthy();
    expect(screen.queryByTestId('sign-in-button')).toBeNull();
    expect(client.getQueryData(['audit', 'Demo', 'as-priya'])).toBeUndefined();
    expect(client.getQueryData(['directory', 'Demo', 'page'])).toBeUndefined();
    expect(screen.getByTestId('acting-ended').textContent).toContain('You stopped acting for Dr. Priya Provider');
  });

  it('stops by itself at zero and says so on the owner’s screens', async () => {
    current = asPriya(1);
    renderWithProviders(<App />);
    await screen.findByTestId('acting-banner');
    tick(59);
    expect(screen.getByTestId('acting-time-left').textContent).toBe('00:01 left');
    expect(sent('stop_acting')).toHaveLength(0);
    tick(1);
    await waitFor(() => expect(screen.queryByTestId('acting-banner')).toBeNull());
    expect(sent('stop_acting')).toHaveLength(1);
    expect(screen.getByTestId('acting-ended').textContent).toBe(
      'Your time acting for Dr. Priya Provider ended; you are back in your own session.',
    );
    expect(screen.getByTestId('me-name').textContent).toBe('Olivia Owner');
  });

  it('tries the stop at zero once; when it fails it says why and Stop tries again', async () => {
    stopRefusals = [{ code: 'keyring', message: 'The keyring did not answer.' }];
    current = asPriya(1);
    renderWithProviders(<App />);
    await screen.findByTestId('acting-banner');
    tick(60);
    expect((await screen.findByTestId('acting-stop-error')).textContent).toBe('The keyring did not answer.');
    tick(5);
    expect(sent('stop_acting')).toHaveLength(1);
    expect(screen.getByTestId('acting-time-left').textContent).toBe('00:00 left');
    fireEvent.click(screen.getByTestId('acting-stop'));
    await waitFor(() => expect(screen.queryByTestId('acting-banner')).toBeNull());
    expect(sent('stop_acting')).toHaveLength(2);
  });

  it('stops when any call answers that acting has ended at the platform', async () => {
    current = asPriya(10);
    const { client } = renderWithProviders(<App />);
    await screen.findByTestId('acting-banner');
    await client.fetchQuery({ queryKey: ['audit', 'Demo', 'any'], queryFn: () => auditEvents('Demo', NO_FILTER, null, 10) }).catch(() => {});
    await waitFor(() => expect(screen.queryByTestId('acting-banner')).toBeNull());
    expect(sent('stop_acting')).toHaveLength(1);
    expect(screen.getByTestId('acting-ended').textContent).toContain('ended; you are back in your own session.');
  });
});

const NO_FILTER = { actor: null, target: null, action: null, from: null, to: null, person: null };
