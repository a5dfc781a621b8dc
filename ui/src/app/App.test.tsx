import { cleanup, fireEvent, render, screen, waitFor } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';

import type { DemoInfo, ProfilesView, SessionView, SyncStatus } from '../ipc';
import { answer } from '../test/backend';
import { App } from './App';
import { Providers } from './Providers';

const profiles: ProfilesView = {
  profiles: [{ name: 'Demo', api_base: 'http://127.0.0.1:4010', issuer: null, client_id: 'c', scopes: [], builtin: true }],
  selected: 'Demo',
};
const demo: DemoInfo = {
  api_base: 'http://127.0.0.1:4010',
  personas: [
    { label: 'Owner', email: 'owner@demo.test', password: 'pw-owner', totp_secret: 'OWNERTOTPSECRET', description: 'Runs the org' },
    { label: 'Config Owner', email: 'cora@demo.test', password: 'pw-cora', totp_secret: null, description: 'Edits settings' },
  ],
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
    permissions: ['directory_read', 'roles_write'],
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

let signOutArgs: Record<string, unknown> | undefined;

// The backend, as the window sees it: one command name per call.
answer({
  list_profiles: () => profiles,
  // Not a first run, and not opened with a profile file.
  first_run: () => false,
  pending_import: () => null,
  current_session: () => null,
  demo_info: () => demo,
  sign_in: () => session,
  sign_out: (args) => {
    signOutArgs = args;
    return null;
  },
  sync_now: () => syncStatus,
  sync_status: () => syncStatus,
  search_users: () => ({ rows: [], total: 0, took_ms: 1 }),
  get_user: () => null,
});
afterEach(cleanup);

describe('App', () => {
  it('goes from the sign-in screen to home and back, keeping the ids the end-to-end tests use', async () => {
    render(<Providers><App /></Providers>);

    // Not signed in: the sign-in screen names the profile's address and the demo accounts.
    expect((await screen.findByTestId('profile-api-base')).textContent).toContain('http://127.0.0.1:4010');
    expect((await screen.findByTestId('demo-personas')).textContent).toContain('pw-owner');
    // Staff sign in with a code: their secret is listed beside the password; config users need none.
    expect(screen.getAllByTestId('persona-totp').map((c) => c.textContent)).toEqual(['OWNERTOTPSECRET', 'no code asked']);

    fireEvent.click(screen.getByTestId('sign-in-button'));
    await screen.findByTestId('home');
    expect(screen.getByTestId('me-name').textContent).toBe('Olivia Owner');
    expect(screen.getByTestId('me-org').textContent).toBe('Demo Health');
    expect(screen.getByTestId('me-roles').textContent).toContain('OWNER');
    expect(screen.getByTestId('me-config-role').textContent).toBe('Config Owner');
    expect(screen.getByTestId('permission-card-roles_write')).toBeTruthy();

    // A directory reader lands on the directory; the overview is one tab away and stays mounted.
    expect(screen.getByTestId('nav-directory').getAttribute('aria-selected')).toBe('true');
    expect(await screen.findByTestId('directory-search')).toBeTruthy();
    fireEvent.click(screen.getByTestId('nav-overview'));
    expect(screen.getByTestId('nav-overview').getAttribute('aria-selected')).toBe('true');
    fireEvent.click(screen.getByTestId('open-directory_read'));
    expect(screen.getByTestId('nav-directory').getAttribute('aria-selected')).toBe('true');

    fireEvent.click(screen.getByTestId('sign-out-button'));
    // Sign-out asks first; by default the local directory copy is deleted, not kept.
    expect(((await screen.findByTestId('sign-out-keep')) as HTMLInputElement).checked).toBe(false);
    fireEvent.click(screen.getByTestId('sign-out-confirm'));
    await waitFor(() => expect(screen.queryByTestId('home')).toBeNull());
    expect(signOutArgs).toEqual({ profile: 'Demo', keepCopy: false });
    expect(screen.getByTestId('sign-in-button')).toBeTruthy();
    expect(screen.queryByTestId('sign-out-notice')).toBeNull();
  });

  it('keeps the copy only when asked, and says so when the platform could not seal it', async () => {
    const note = 'Your local copy was deleted, not kept: the platform could not be reached';
    answer({
      sign_out: (args) => {
        signOutArgs = args;
        return note;
      },
    });
    render(<Providers><App /></Providers>);
    fireEvent.click(await screen.findByTestId('sign-in-button'));
    await screen.findByTestId('home');
    fireEvent.click(screen.getByTestId('sign-out-button'));
    fireEvent.click(await screen.findByTestId('sign-out-keep'));
    fireEvent.click(screen.getByTestId('sign-out-confirm'));
    await waitFor(() => expect(screen.queryByTestId('home')).toBeNull());
    expect(signOutArgs).toEqual({ profile: 'Demo', keepCopy: true });
    // The person learns their copy is gone, not kept, before they walk away.
    expect((await screen.findByTestId('sign-out-notice')).textContent).toContain(note);
  });

  it('does not offer to keep a copy where the platform cannot seal one', async () => {
    answer({ sign_in: () => ({ ...session, can_keep_copy: false }) });
    render(<Providers><App /></Providers>);
    fireEvent.click(await screen.findByTestId('sign-in-button'));
    await screen.findByTestId('home');
    fireEvent.click(screen.getByTestId('sign-out-button'));
    const keep = (await screen.findByTestId('sign-out-keep')) as HTMLInputElement;
    expect(keep.disabled).toBe(true);
    fireEvent.click(keep);
    fireEvent.click(screen.getByTestId('sign-out-confirm'));
    await waitFor(() => expect(screen.queryByTestId('home')).toBeNull());
    expect(signOutArgs).toEqual({ profile: 'Demo', keepCopy: false });
    answer({ sign_in: () => session });
  });

  it('shows the network error with the profile address, once', async () => {
    answer({
      sign_in: () => {
        throw {
          code: 'network',
          message: "Can't reach http://127.0.0.1:4010: the connection was refused or the host is unreachable. Check the profile's address and your connection.",
        };
      },
    });
    render(<Providers><App /></Providers>);
    fireEvent.click(await screen.findByTestId('sign-in-button'));
    const alert = await screen.findByTestId('error-alert');
    expect(alert.textContent).toContain("Can't reach http://127.0.0.1:4010");
    expect(alert.textContent).toContain('connection was refused');
    // The heading names the kind of error; the sentence (Rust's) is not said twice.
    expect(alert.textContent?.split("Can't reach").length).toBe(2);
  });
});
