import { cleanup, fireEvent, screen, waitFor, within } from '@testing-library/react';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';

import type { Overview, Permission, PlatformOverview, SessionView } from '../ipc';
import { answer, renderWithProviders, sent } from '../test/backend';
import { CATALOG } from '../test/roleCatalog';
import { SignedInShell } from './SignedInShell';

const DAY = 86_400;
// Local midnight of a day, as the core answers them for this window's time zone.
const today = Math.floor(new Date(2026, 11, 1).getTime() / 1000);

const OVERVIEW: Overview = {
  as_of: 1_796_000_000,
  loading: false,
  people: [
    { kind: 'PATIENT', status: 'active', count: 1200 },
    { kind: 'PATIENT', status: 'suspended', count: 12 },
    { kind: 'GUARDIAN', status: 'active', count: 300 },
    { kind: 'DEPENDENT', status: 'active', count: 410 },
    { kind: 'STAFF', status: 'active', count: 40 },
    { kind: 'STAFF', status: 'invited', count: 3 },
  ],
  staff_roles: [
    { role: 'OWNER', count: 2 },
    { role: 'SUPPORT', count: 5 },
    { role: 'PROVIDER', count: 20 },
  ],
  households: [
    { dependents: 0, guardians: 50 },
    { dependents: 1, guardians: 120 },
    { dependents: 2, guardians: 90 },
    { dependents: 3, guardians: 30 },
    { dependents: 4, guardians: 10 },
  ],
};

const PLATFORM: PlatformOverview = {
  as_of: today + 3600,
  keys: { overdue: 2, weeks: Array.from({ length: 13 }, (_, i) => ({ starts_at: today + i * 7 * DAY, keys: i === 1 ? 3 : 0 })) },
  audit: Array.from({ length: 30 }, (_, i) => ({ day: today - (29 - i) * DAY, events: i === 27 ? 42 : i % 3 })),
};

answer({
  overview: () => OVERVIEW,
  platform_overview: () => PLATFORM,
  role_catalog: () => CATALOG,
  sync_now: () => ({ phase: 'idle', last_synced_at: null, done: 0, total: null, rate_per_sec: null, offline: false, error: null, user_count: 0 }),
  sync_status: () => ({ phase: 'idle', last_synced_at: null, done: 0, total: null, rate_per_sec: null, offline: false, error: null, user_count: 0 }),
  search_users: () => ({ rows: [], total: 0, took_ms: 1 }),
  audit_events: () => ({ events: [], next_cursor: null, total: 0 }),
  service_accounts: () => [],
  access_review: () => ({ as_of: today, items: [] }),
});

afterEach(cleanup);

// jsdom lays nothing out: give every box a size, so the charts draw their bars and segments.
const layout = Element.prototype.getBoundingClientRect;
beforeAll(() => {
  Element.prototype.getBoundingClientRect = () => ({ x: 0, y: 0, top: 0, left: 0, right: 480, bottom: 220, width: 480, height: 220, toJSON: () => ({}) });
});
afterAll(() => {
  Element.prototype.getBoundingClientRect = layout;
});

const session = (roles: SessionView['me']['staff_roles'], permissions: Permission[]): SessionView => ({
  profile: 'Demo',
  can_keep_copy: true,
  me: {
    user_id: 'usr_o',
    display_name: 'Olivia Owner',
    email: null,
    kind: 'STAFF',
    organization: { id: 'o', name: 'Org', support_email: 'help@org.test' },
    staff_roles: roles,
    config_role: null,
    permissions,
  },
});

const OWNER: Permission[] = ['directory_read', 'staff_read', 'roles_write', 'users_write', 'service_accounts_write', 'audit_read'];

async function openOverview(s: SessionView) {
  renderWithProviders(<SignedInShell session={s} />);
  fireEvent.click(await screen.findByTestId('nav-overview'));
  return screen.findByTestId('overview-charts');
}

describe('the Overview', () => {
  it('charts people, staff, households, keys and audit for an OWNER, saying where each comes from', async () => {
    await openOverview(session(['OWNER'], OWNER));
    await screen.findByTestId('overview-kinds');
    expect(screen.getByTestId('overview-kind-PATIENT').textContent).toBe('Patient · 1,212');
    expect(screen.getByTestId('overview-kinds').textContent).toContain('1,965 people');
    expect(screen.getByTestId('overview-status-suspended').textContent).toBe('Suspended · 12');
    expect(screen.getByTestId('overview-status-invited').textContent).toBe('Invited · 3');
    expect(screen.getByTestId('overview-role-PROVIDER').textContent).toBe('Provider · 20');
    expect(screen.getByTestId('overview-households-open').textContent).toBe('Open guardians · 300');
    // The charts are drawn: a donut segment per kind, a bar per status and per household size.
    await waitFor(() => expect(screen.getByTestId('overview-kinds').querySelectorAll('.recharts-pie-sector')).toHaveLength(4));
    expect(screen.getByTestId('overview-statuses').querySelectorAll('.recharts-bar-rectangle')).toHaveLength(3);
    expect(screen.getByTestId('overview-households').querySelectorAll('.recharts-bar-rectangle')).toHaveLength(5);
    for (const id of ['overview-kinds', 'overview-statuses', 'overview-roles', 'overview-households']) {
      expect(screen.getByTestId(`${id}-source`).textContent).toBe('from your local copy');
    }
    await screen.findByTestId('overview-keys');
    expect(screen.getByTestId('overview-keys').textContent).toContain('3 working keys expire by week; 2 overdue');
    expect(screen.getByTestId('overview-keys-source').textContent).toBe('from the platform');
    expect(screen.getByTestId('overview-audit-source').textContent).toBe('from the platform');
    // The audit days are asked for in the window's own time zone.
    await waitFor(() => expect(screen.getByTestId('overview-audit').querySelectorAll('.recharts-bar-rectangle')).toHaveLength(30));
    expect(sent('platform_overview')[0]).toEqual({ profile: 'Demo', utcOffset: -new Date().getTimezoneOffset() * 60 });
    // What the Overview had before stays: who you are, the organization's help address.
    expect(screen.getByTestId('me-support').textContent).toBe('Need help? Write to help@org.test');
  });

  it('opens the directory filtered to the kind, status or role clicked', async () => {
    await openOverview(session(['OWNER'], OWNER));
    fireEvent.click(await screen.findByTestId('overview-kind-PATIENT'));
    expect(screen.getByTestId('nav-directory').getAttribute('aria-selected')).toBe('true');
    await waitFor(() => expect(sent('search_users').some((a) => (a.query as { kind: string }).kind === 'PATIENT')).toBe(true));
    expect((screen.getByTestId('filter-kind') as HTMLInputElement).value).toBe('Patient');

    fireEvent.click(screen.getByTestId('nav-overview'));
    fireEvent.click(await screen.findByTestId('overview-role-SUPPORT'));
    await waitFor(() => expect((screen.getByTestId('filter-role') as HTMLInputElement).value).toBe('SUPPORT'));
    // A new request replaces the last one's filters rather than adding to them.
    expect((screen.getByTestId('filter-kind') as HTMLInputElement).value).toBe('');
    const last = sent('search_users').at(-1)?.query as { kind: string | null; role: string | null; status: string | null };
    expect(last).toMatchObject({ kind: null, role: 'SUPPORT', status: null });

    // With the mouse, the bar itself: the third status bar is "Suspended".
    fireEvent.click(screen.getByTestId('nav-overview'));
    const statuses = await screen.findByTestId('overview-statuses');
    await waitFor(() => expect(statuses.querySelectorAll('.recharts-bar-rectangle')).toHaveLength(3));
    fireEvent.click(statuses.querySelectorAll('.recharts-bar-rectangle path')[2] ?? statuses);
    await waitFor(() => expect((screen.getByTestId('filter-status') as HTMLInputElement).value).toBe('suspended'));
    expect(screen.getByTestId('nav-directory').getAttribute('aria-selected')).toBe('true');
  });

  it('opens the audit log of the day clicked, and the access review from the key timeline', async () => {
    await openOverview(session(['OWNER'], OWNER));
    const busiest = today - 2 * DAY;
    fireEvent.click(await screen.findByTestId(`overview-audit-day-${busiest}`));
    expect(screen.getByTestId('nav-audit').getAttribute('aria-selected')).toBe('true');
    await waitFor(() => expect(sent('audit_events').at(-1)?.filter).toMatchObject({ from: busiest, to: busiest + DAY }));
    expect((screen.getByTestId('audit-filter-from') as HTMLInputElement).value).toBe((screen.getByTestId('audit-filter-to') as HTMLInputElement).value);

    fireEvent.click(screen.getByTestId('nav-overview'));
    fireEvent.click(await screen.findByTestId('overview-keys-review'));
    expect(screen.getByTestId('nav-accounts').getAttribute('aria-selected')).toBe('true');
    const review = await screen.findByTestId('accounts-tab-review');
    expect(review.getAttribute('aria-selected')).toBe('true');
  });

  it('shows SUPPORT the people charts only, and never asks the platform for keys or audit', async () => {
    const charts = await openOverview(session(['SUPPORT'], ['directory_read', 'staff_read']));
    await within(charts).findByTestId('overview-kinds');
    expect(screen.queryByTestId('overview-keys')).toBeNull();
    expect(screen.queryByTestId('overview-audit')).toBeNull();
    expect(sent('platform_overview')).toEqual([]);
  });
});
