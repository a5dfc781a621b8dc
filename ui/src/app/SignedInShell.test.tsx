import { cleanup, fireEvent, screen, waitFor } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';

import { DetailPane } from '../features/directory/DetailPane';
import { memberView } from '../features/settings/testData';
import type { Permission, SessionView, User, UserKind } from '../ipc';
import { answer, calls, renderWithProviders } from '../test/backend';
import { CATALOG } from '../test/roleCatalog';
import { directorySlots } from './directorySlots';
import { SignedInShell } from './SignedInShell';

const person = (kind: UserKind): User => ({
  id: 'usr_p',
  kind,
  display_name: 'Pat Person',
  email: null,
  phone: null,
  status: 'active',
  staff_roles: kind === 'STAFF' ? ['MEMBER'] : [],
  guardian_id: null,
  date_of_birth: null,
  mfa_enrolled: kind === 'STAFF' ? true : null,
  created_at: 1_700_000_000,
  updated_at: 1_700_000_000,
  version: 2,
});

let shown: User;
// What the platform answers about acting for the person shown (it decides; the shell shows it).
let actingApplies = true;

answer({
  acting_eligibility: () => ({ user_id: shown.id, applies: actingApplies, allowed: actingApplies, max_minutes: 30 }),
  get_user: () => ({ user: shown, household: { guardian: null, dependents: [], shared_email: false, shared_phone: false } }),
  server_user: () => shown,
  role_catalog: () => CATALOG,
  audit_events: () => ({
    events: [
      {
        id: 'aud_1',
        at: 1_796_000_000,
        actor_id: 'usr_o',
        actor_name: 'Olivia Owner',
        action: 'user.roles.update',
        target_type: 'user',
        target_id: 'usr_p',
        target_name: 'Pat Person',
        before: { roles: [] },
        after: { roles: ['MEMBER'] },
        reason: 'Joined the team',
        request_id: 'req_1',
      },
    ],
    next_cursor: null,
    total: 1,
  }),
  sync_now: () => ({ phase: 'idle', last_synced_at: null, done: 0, total: null, rate_per_sec: null, offline: false, error: null, user_count: 0 }),
  sync_status: () => ({ phase: 'idle', last_synced_at: null, done: 0, total: null, rate_per_sec: null, offline: false, error: null, user_count: 0 }),
  search_users: () => ({ rows: [], total: 0, took_ms: 1 }),
  settings_view: () => memberView(),
  service_accounts: () => [
    {
      id: 'usr_sa_1',
      name: 'Appointment reminders',
      description: '',
      owner_id: 'usr_o',
      owner_name: 'Olivia Owner',
      owner_active: true,
      acts_for_id: null,
      acts_for_name: null,
      status: 'active',
      created_at: 1_796_000_000,
      updated_at: 1_796_000_000,
      version: 1,
      active_keys: 0,
      soonest_expiry: null,
      last_used_at: null,
      client_id: null,
    },
  ],
});

afterEach(() => {
  cleanup();
});

const session = (permissions: Permission[]): SessionView => ({
  profile: 'Demo',
  can_keep_copy: true,
  me: {
    user_id: 'usr_o',
    display_name: 'Olivia Owner',
    email: null,
    kind: 'STAFF',
    organization: { id: 'o', name: 'Org' },
    staff_roles: ['OWNER'],
    config_role: null,
    permissions,
  },
});

function renderDetail(kind: UserKind, permissions: Permission[]) {
  shown = person(kind);
  renderWithProviders(<DetailPane profile="Demo" id="usr_p" onOpen={() => {}} onClose={() => {}} slots={directorySlots(session(permissions))} />);
  return screen.findByTestId('detail-name');
}

describe('the detail pane, as composed for the signed-in person', () => {
  it('offers the role editor to a role writer looking at staff', async () => {
    await renderDetail('STAFF', ['directory_read', 'roles_write']);
    expect(await screen.findByTestId('role-checkbox-MEMBER')).toBeTruthy();
    expect(screen.getByTestId('role-editor')).toBeTruthy();
    // The editor replaces the read-only badges rather than repeating them.
    expect(screen.queryByTestId('detail-roles')).toBeNull();
  });

  it('shows read-only roles to someone without roles_write', async () => {
    await renderDetail('STAFF', ['directory_read', 'staff_read', 'audit_read']);
    expect(screen.getByTestId('detail-roles').textContent).toBe('MEMBER');
    expect(screen.queryByTestId('role-editor')).toBeNull();
    // Not even asked of the server: the editor is not mounted.
    expect(calls.some((c) => c.cmd === 'server_user')).toBe(false);
  });

  it('offers no editor for a consumer, even to a role writer', async () => {
    await renderDetail('PATIENT', ['directory_read', 'roles_write']);
    expect(screen.queryByTestId('role-editor')).toBeNull();
    expect(screen.getByTestId('user-detail').textContent).toContain('No staff roles');
  });

  it('shows a staff member’s MFA state to every reader, and the reset to a role writer (an OWNER) only', async () => {
    await renderDetail('STAFF', ['directory_read', 'roles_write']);
    expect(screen.getByTestId('detail-mfa').textContent).toBe('enrolled');
    expect(screen.getByTestId('mfa-reset').textContent).toBe('Reset MFA…');
    cleanup();
    await renderDetail('STAFF', ['directory_read', 'staff_read']);
    expect(screen.getByTestId('detail-mfa').textContent).toBe('enrolled');
    expect(screen.queryByTestId('mfa-reset')).toBeNull();
    cleanup();
    // Consumers have no second factor: no MFA line at all.
    await renderDetail('PATIENT', ['directory_read', 'roles_write']);
    expect(screen.queryByTestId('detail-mfa')).toBeNull();
  });

  it('offers acting where the platform allows it, asking only for a caller who may act on behalf', async () => {
    actingApplies = true;
    await renderDetail('STAFF', ['directory_read', 'users_write', 'act_on_behalf']);
    expect((await screen.findByTestId('act-for')).textContent).toBe('Act for this person…');
    // Beside what an OWNER manages, not instead of it.
    expect(screen.getByTestId('person-actions')).toBeTruthy();
    cleanup();
    calls.length = 0;
    await renderDetail('STAFF', ['directory_read', 'users_write']);
    expect(screen.queryByTestId('act-for')).toBeNull();
    expect(calls.some((c) => c.cmd === 'acting_eligibility')).toBe(false);
    cleanup();
    // Where the platform says acting does not apply (a consumer), nothing is offered.
    actingApplies = false;
    await renderDetail('PATIENT', ['directory_read', 'users_write', 'act_on_behalf']);
    await waitFor(() => expect(calls.some((c) => c.cmd === 'acting_eligibility')).toBe(true));
    await waitFor(() => expect(screen.queryByLabelText(/Asking the platform/)).toBeNull());
    expect(screen.queryByTestId('act-for-section')).toBeNull();
    actingApplies = true;
  });

  it('shows the person’s history to an audit reader only', async () => {
    await renderDetail('STAFF', ['directory_read', 'audit_read']);
    const timeline = await screen.findByTestId('audit-timeline');
    await waitFor(() => expect(timeline.textContent).toContain('Joined the team'));
    expect(timeline.textContent).toContain('Olivia Owner');
    // Their own timeline: what was done to them and what was done on their behalf.
    expect(calls.find((c) => c.cmd === 'audit_events')?.args.filter).toEqual({
      actor: null,
      target: null,
      action: null,
      from: null,
      to: null,
      person: 'usr_p',
    });
    cleanup();
    await renderDetail('STAFF', ['directory_read']);
    expect(screen.queryByTestId('audit-timeline')).toBeNull();
  });
});

describe('SignedInShell', () => {
  it('has an Audit log tab for audit readers', async () => {
    renderWithProviders(<SignedInShell session={session(['directory_read', 'audit_read'])} />);
    await screen.findByTestId('directory-search');
    // The log is read from the server when first opened, not at every sign-in.
    expect(calls.some((c) => c.cmd === 'audit_events')).toBe(false);
    fireEvent.click(screen.getByTestId('nav-audit'));
    expect(screen.getByTestId('nav-audit').getAttribute('aria-selected')).toBe('true');
    expect(await screen.findByTestId('audit-screen')).toBeTruthy();
    expect((await screen.findAllByTestId('audit-row'))[0]?.textContent).toContain('Joined the team');
  });

  it('has no Audit log tab without audit_read', () => {
    renderWithProviders(<SignedInShell session={session(['directory_read', 'roles_write'])} />);
    expect(screen.getByTestId('nav-directory')).toBeTruthy();
    expect(screen.queryByTestId('nav-audit')).toBeNull();
  });

  it('has a Service accounts tab for owners (service_accounts_write), read when first opened', async () => {
    renderWithProviders(<SignedInShell session={session(['directory_read', 'roles_write', 'service_accounts_write'])} />);
    await screen.findByTestId('directory-search');
    expect(calls.some((c) => c.cmd === 'service_accounts')).toBe(false);
    fireEvent.click(screen.getByTestId('nav-accounts'));
    expect(await screen.findByTestId('accounts-screen')).toBeTruthy();
    expect((await screen.findAllByTestId('account-row'))[0]?.textContent).toContain('Appointment reminders');
  });

  it('has no Service accounts tab without service_accounts_write', async () => {
    // SUPPORT reads everything but changes nothing: credentials are not theirs to hand out.
    renderWithProviders(<SignedInShell session={session(['directory_read', 'audit_read'])} />);
    await screen.findByTestId('directory-search');
    expect(screen.getByTestId('nav-audit')).toBeTruthy();
    expect(screen.queryByTestId('nav-accounts')).toBeNull();
    expect(screen.queryByTestId('accounts-screen')).toBeNull();
    expect(calls.some((c) => c.cmd === 'service_accounts')).toBe(false);
  });

  it('opens Service accounts from its overview card', async () => {
    renderWithProviders(<SignedInShell session={session(['service_accounts_write'])} />);
    fireEvent.click(await screen.findByTestId('open-service_accounts_write'));
    expect(await screen.findByTestId('accounts-screen')).toBeTruthy();
  });

  it('has a Settings tab for settings readers, read when first opened', async () => {
    renderWithProviders(<SignedInShell session={session(['directory_read', 'settings_read', 'settings_write'])} />);
    await screen.findByTestId('directory-search');
    expect(calls.some((c) => c.cmd === 'settings_view')).toBe(false);
    fireEvent.click(screen.getByTestId('nav-settings'));
    expect(screen.getByTestId('nav-settings').getAttribute('aria-selected')).toBe('true');
    expect(await screen.findByTestId('setting-support_email')).toBeTruthy();
  });

  it('has no Settings tab without settings_read', async () => {
    // Organization OWNER staff run people and keys; the settings belong to the config users.
    renderWithProviders(<SignedInShell session={session(['directory_read', 'roles_write', 'service_accounts_write', 'audit_read'])} />);
    await screen.findByTestId('directory-search');
    expect(screen.queryByTestId('nav-settings')).toBeNull();
    expect(calls.some((c) => c.cmd === 'settings_view')).toBe(false);
  });

  it('lands a config user on the settings, the overview one tab away', async () => {
    renderWithProviders(<SignedInShell session={session(['settings_read', 'settings_write_member'])} />);
    expect(screen.getByTestId('nav-settings').getAttribute('aria-selected')).toBe('true');
    expect(await screen.findByTestId('setting-support_email')).toBeTruthy();
    fireEvent.click(screen.getByTestId('nav-overview'));
    // The Overview's settings card leads back to the settings.
    fireEvent.click(screen.getByTestId('open-settings_write_member'));
    expect(screen.getByTestId('nav-settings').getAttribute('aria-selected')).toBe('true');
  });
});
