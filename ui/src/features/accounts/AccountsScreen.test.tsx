import { cleanup, fireEvent, screen, waitFor, within } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';

import type { DirectoryQuery, ServiceAccount, User } from '../../ipc';
import { CATALOG } from '../../test/roleCatalog';
import { answer, renderWithProviders, sent } from '../../test/backend';
import { AccountsScreen } from './AccountsScreen';
import { account, NOW } from './testData';

const DAY = 86_400;

const staff = (id: string, display_name: string, staff_roles: User['staff_roles']): User => ({
  id,
  kind: 'STAFF',
  display_name,
  email: `${id}@example.org`,
  phone: null,
  status: 'active',
  staff_roles,
  guardian_id: null,
  date_of_birth: null,
  mfa_enrolled: null,
  created_at: NOW,
  updated_at: NOW,
  version: 1,
});
const DIRECTORY = [staff('usr_mia', 'Mia Member', ['MEMBER']), staff('usr_pete', 'Dr Pete Provider', ['PROVIDER_PHYSICIAN'])];

let accounts: ServiceAccount[];
let update: (args: Record<string, unknown>) => ServiceAccount;

// The platform's catalog, with one provider role this test invents (THERAPIST): the picker
// searches the roles the catalog marks as providers, whatever they are.
const catalog = CATALOG.map((r) => (r.role === 'THERAPIST' ? { ...r, provider: true } : r));

answer({
  role_catalog: () => catalog,
  service_accounts: () => accounts,
  api_keys: () => [],
  search_users: (args) => {
    const q = args.query as DirectoryQuery;
    const rows = DIRECTORY.filter((u) => (q.role === null || u.staff_roles.includes(q.role)) && u.display_name.toLowerCase().includes(q.text.toLowerCase()));
    return { rows, total: rows.length, took_ms: 1 };
  },
  create_service_account: (args) => {
    const a = args.account as { name: string; owner_id: string; acts_for_id: string | null };
    const created = account({ id: 'usr_sa_new', name: a.name, owner_id: a.owner_id, owner_name: 'Mia Member', acts_for_id: a.acts_for_id, acts_for_name: 'Dr Pete Provider', active_keys: 0, soonest_expiry: null, last_used_at: null });
    accounts = [...accounts, created];
    return created;
  },
  update_service_account: (args) => update(args),
});

beforeEach(() => {
  vi.spyOn(Date, 'now').mockReturnValue(NOW * 1000);
  accounts = [
    account(),
    account({ id: 'usr_sa_legacy', name: 'Legacy sync', owner_name: 'Sam Left', owner_active: false, soonest_expiry: NOW + 5 * DAY, last_used_at: null, active_keys: 2, acts_for_id: 'usr_pete', acts_for_name: 'Dr Pete Provider' }),
  ];
  update = (args) => ({ ...accounts[0]!, ...(args.patch as object), version: 4 });
});
afterEach(() => {
  cleanup();
  vi.restoreAllMocks();
});

function renderScreen() {
  renderWithProviders(<AccountsScreen profile="Demo" />);
  return screen.findAllByTestId('account-row');
}

const accountRow = (id: string) => document.querySelector(`[data-testid="account-row"][data-account-id="${id}"]`) as HTMLElement;

/** Types into a Mantine Select and picks an option of its own list by its label. */
async function pick(testId: string, search: string, label: string) {
  const input = screen.getByTestId(testId) as HTMLInputElement;
  // Mantine takes a change to an unfocused input for the browser's autofill, not typing.
  input.focus();
  fireEvent.click(input);
  fireEvent.change(input, { target: { value: search } });
  // The directory is asked (after the debounce) before anything is picked.
  await waitFor(() => expect(sent('search_users').some((a) => (a.query as DirectoryQuery).text === search)).toBe(true));
  await waitFor(() => {
    const list = document.getElementById(input.getAttribute('aria-controls') ?? '');
    const option = [...(list?.querySelectorAll('[role="option"]') ?? [])].find((o) => o.textContent?.startsWith(label));
    expect(option).toBeTruthy();
    fireEvent.click(option as Element);
  });
}

describe('AccountsScreen', () => {
  it('lists each account with its owner, keys, soonest expiry and latest use', async () => {
    const rows = await renderScreen();
    expect(rows.map((r) => r.getAttribute('data-account-id'))).toEqual(['usr_sa_reminders', 'usr_sa_legacy']);
    const legacy = accountRow('usr_sa_legacy');
    // An owner who left is flagged (in red, and in words: colour is never the only signal).
    expect(within(legacy).getByTestId('owner-inactive').textContent).toBe('Owner no longer active');
    expect(within(accountRow('usr_sa_reminders')).queryByTestId('owner-inactive')).toBeNull();
    expect(legacy.textContent).toContain('Dr Pete Provider');
    expect(legacy.textContent).toContain('Never');
    // Within 14 days: called out; 60 days away: not.
    expect(within(legacy).getByTestId('account-expiry').getAttribute('data-soon')).toBe('true');
    expect(within(legacy).getByTestId('account-expiry').textContent).toContain('in 5 days (soon)');
    expect(within(accountRow('usr_sa_reminders')).getByTestId('account-expiry').getAttribute('data-soon')).toBeNull();
  });

  it('opens an account with its keys when its row is clicked', async () => {
    await renderScreen();
    fireEvent.click(accountRow('usr_sa_reminders'));
    expect((await screen.findByTestId('account-detail')).getAttribute('data-account-id')).toBe('usr_sa_reminders');
    await screen.findByTestId('keys-empty');
    expect(sent('api_keys')).toEqual([{ profile: 'Demo', accountId: 'usr_sa_reminders' }]);
    fireEvent.click(screen.getByTestId('account-back'));
    expect(await screen.findAllByTestId('account-row')).toHaveLength(2);
  });

  it('creates an account owned by active staff, acting for a provider, both picked from the directory', async () => {
    await renderScreen();
    fireEvent.click(screen.getByTestId('account-create'));
    fireEvent.change(await screen.findByTestId('account-name'), { target: { value: 'Patient chatbot' } });
    expect(screen.getByTestId('account-create-submit')).toHaveProperty('disabled', true);
    await pick('account-owner', 'mia', 'Mia Member');
    await pick('account-acts-for', 'pete', 'Dr Pete Provider');
    // The owner is searched among active staff only, the provider among the provider roles.
    const queries = sent('search_users').map((a) => a.query as DirectoryQuery);
    expect(queries.every((q) => q.kind === 'STAFF' && q.status === 'active')).toBe(true);
    expect(queries.some((q) => q.text === 'mia' && q.role === null)).toBe(true);
    expect(queries.some((q) => q.text === 'pete' && q.role === 'PROVIDER_PHYSICIAN')).toBe(true);
    expect(new Set(queries.filter((q) => q.role !== null).map((q) => q.role))).toEqual(
      new Set(['PROVIDER', 'PROVIDER_PHYSICIAN', 'PROVIDER_NURSE_PRACTITIONER', 'PROVIDER_PHYSICIAN_ASSISTANT', 'THERAPIST']),
    );
    fireEvent.click(screen.getByTestId('account-create-submit'));
    expect((await screen.findByTestId('account-detail')).getAttribute('data-account-id')).toBe('usr_sa_new');
    expect(sent('create_service_account')).toEqual([
      { profile: 'Demo', account: { name: 'Patient chatbot', description: '', owner_id: 'usr_mia', acts_for_id: 'usr_pete' } },
    ]);
  });

  it('edits with the version it was opened at, and after a conflict re-applies my change on the fresh state', async () => {
    await renderScreen();
    fireEvent.click(accountRow('usr_sa_reminders'));
    fireEvent.click(await screen.findByTestId('account-edit'));
    fireEvent.change(await screen.findByTestId('account-name'), { target: { value: 'Reminders (SMS)' } });
    fireEvent.click(screen.getByText('Disabled'));
    expect(screen.getByTestId('account-status-effect').textContent).toContain('none of its keys are accepted');

    // Meanwhile someone else changed the description: the server is at version 5.
    accounts = [account({ description: 'Sends SMS reminders', version: 5 }), accounts[1]!];
    update = (args) => {
      if (args.expectedVersion !== 5) throw { code: 'conflict', message: 'Appointment reminders was changed since you read it' };
      return account({ ...(args.patch as object), description: 'Sends SMS reminders', version: 6 });
    };
    fireEvent.click(screen.getByTestId('account-edit-submit'));
    const conflict = await screen.findByTestId('account-conflict');
    expect(sent('update_service_account')[0]).toEqual({ profile: 'Demo', id: 'usr_sa_reminders', patch: { name: 'Reminders (SMS)', status: 'disabled' }, expectedVersion: 3 });
    const fields = within(conflict).getAllByTestId('account-conflict-field').map((f) => f.getAttribute('data-field'));
    expect(fields).toEqual(['name', 'description', 'status']);
    expect(conflict.textContent).toContain('Sends SMS reminders');

    fireEvent.click(screen.getByTestId('account-reapply'));
    // Back in the form: theirs kept, mine on top; nothing sent until I save again.
    expect(screen.getByTestId('account-name')).toHaveProperty('value', 'Reminders (SMS)');
    expect(screen.getByTestId('account-description')).toHaveProperty('value', 'Sends SMS reminders');
    expect(sent('update_service_account')).toHaveLength(1);
    fireEvent.click(screen.getByTestId('account-edit-submit'));
    await waitFor(() => expect(screen.queryByTestId('account-edit-form')).toBeNull());
    expect(sent('update_service_account')[1]).toEqual({ profile: 'Demo', id: 'usr_sa_reminders', patch: { name: 'Reminders (SMS)', status: 'disabled' }, expectedVersion: 5 });
  });
});
