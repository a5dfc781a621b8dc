import { cleanup, fireEvent, screen, waitFor } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';

import type { AuditEvent, AuditFilter, DirectoryQuery, User } from '../../ipc';
import { answer, renderWithProviders, sent } from '../../test/backend';
import { AuditScreen } from './AuditScreen';

const person = (over: Partial<User> & Pick<User, 'id' | 'display_name'>): User => ({
  kind: 'PATIENT',
  email: null,
  phone: null,
  status: 'active',
  staff_roles: [],
  guardian_id: null,
  date_of_birth: null,
  mfa_enrolled: null,
  created_at: 1_700_000_000,
  updated_at: 1_700_000_500,
  version: 1,
  ...over,
});

// The local copy as the picker sees it: staff, consumers and a suspended service account.
const abbott = person({ id: 'usr_olivia_abbott', display_name: 'Olivia Abbott' });
const olivia = person({ id: 'usr_olivia_owner', display_name: 'Olivia Owner', kind: 'STAFF', email: 'olivia@clinic.example' });
const oliver = person({ id: 'usr_oliver', display_name: 'Oliver Patient', kind: 'PATIENT' });
const bot = person({ id: 'usr_sa_reminders', display_name: 'Appointment reminder bot', kind: 'SERVICE_ACCOUNT', status: 'suspended' });
const copy: User[] = [bot, olivia, oliver, abbott].sort((a, b) => a.display_name.localeCompare(b.display_name));

const event: AuditEvent = {
  id: 'aud_1',
  at: 1_796_000_000,
  actor_id: 'usr_olivia_owner',
  actor_name: 'Olivia Owner',
  action: 'user.roles.update',
  target_type: 'user',
  target_id: 'usr_oliver',
  target_name: 'Oliver Patient',
  before: { roles: [] },
  after: { roles: ['MEMBER'] },
  reason: 'New starter',
  request_id: 'req_1',
};

answer({
  audit_events: () => ({ events: [event], next_cursor: null, total: 1 }),
  // As the cache searches: by name words and by id prefix, whatever the kind or status asked.
  search_users: (args) => {
    const q = args.query as DirectoryQuery;
    const text = q.text.toLowerCase();
    const rows = copy.filter(
      (u) =>
        (q.kind === null || u.kind === q.kind) &&
        (q.status === null || u.status === q.status) &&
        (text === '' || u.id.startsWith(text) || u.display_name.toLowerCase().split(' ').some((w) => w.startsWith(text))),
    );
    return { rows, total: rows.length, took_ms: 0.1 };
  },
});
afterEach(cleanup);

const NO_FILTER: AuditFilter = { actor: null, target: null, action: null, from: null, to: null, person: null };

async function renderScreen() {
  renderWithProviders(<AuditScreen profile="Demo" />);
  await screen.findAllByTestId('audit-row');
}

const input = (testId: string) => screen.getByTestId(testId) as HTMLInputElement;

/** Types as a person does: focus (which opens the list), then the text. */
function type(testId: string, text: string) {
  const el = input(testId);
  el.focus();
  fireEvent.change(el, { target: { value: text } });
}

/** The options the field's list shows once the directory answered `text`: name and id of each. */
async function offered(testId: string, text: string) {
  await waitFor(() => expect(sent('search_users').some((a) => (a.query as DirectoryQuery).text === text)).toBe(true));
  const list = await screen.findByTestId(`${testId}-options`);
  await waitFor(() => expect(list.querySelectorAll('[role="option"]').length).toBeGreaterThan(0));
  return [...list.querySelectorAll<HTMLElement>('[role="option"]')];
}

const apply = () => fireEvent.click(screen.getByTestId('audit-filter-apply'));
const lastFilter = () => sent('audit_events').at(-1)?.filter as AuditFilter;

describe('the audit filters pick people by name', () => {
  it('typing "oliv" offers Olivia Owner with her id small, from anyone in the copy', async () => {
    await renderScreen();
    type('audit-filter-actor', 'oliv');
    const options = await offered('audit-filter-actor', 'oliv');
    expect(input('audit-filter-actor').getAttribute('aria-expanded')).toBe('true');
    // Who changed something is staff or a service account: they lead, then anyone else by name.
    expect(options.map((o) => o.textContent)).toEqual(['Olivia Ownerusr_olivia_owner', 'Oliver Patientusr_oliver', 'Olivia Abbottusr_olivia_abbott']);
    const asked = sent('search_users')
      .map((a) => a.query as DirectoryQuery)
      .filter((q) => q.text === 'oliv');
    // Any kind and any status: the last query asks for neither.
    expect(asked.map((q) => [q.kind, q.status])).toEqual([
      ['STAFF', null],
      ['SERVICE_ACCOUNT', null],
      [null, null],
    ]);
    // The id is its own small line under the name.
    const id = [...options[0]!.querySelectorAll('p')].find((p) => p.textContent === 'usr_olivia_owner');
    expect(id).toBeTruthy();

    // A suspended service account is found too, its status said in words.
    fireEvent.change(input('audit-filter-actor'), { target: { value: 'usr_sa' } });
    const accounts = await offered('audit-filter-actor', 'usr_sa');
    expect(accounts.map((o) => o.textContent)).toEqual(['Appointment reminder bot (suspended)usr_sa_reminders']);
  });

  it('the changed person or account is anyone, in name order', async () => {
    await renderScreen();
    type('audit-filter-target', 'oliv');
    const options = await offered('audit-filter-target', 'oliv');
    expect(options.map((o) => o.textContent)).toEqual(['Oliver Patientusr_oliver', 'Olivia Abbottusr_olivia_abbott', 'Olivia Ownerusr_olivia_owner']);
  });

  it('picks with the arrow keys and Enter; the name stays in the box and the id is sent', async () => {
    await renderScreen();
    type('audit-filter-actor', 'oliv');
    await offered('audit-filter-actor', 'oliv');
    fireEvent.keyDown(input('audit-filter-actor'), { key: 'ArrowDown', code: 'ArrowDown' });
    fireEvent.keyDown(input('audit-filter-actor'), { key: 'Enter', code: 'Enter' });
    expect(input('audit-filter-actor').value).toBe('Olivia Owner');
    expect(input('audit-filter-actor').getAttribute('data-person-id')).toBe('usr_olivia_owner');
    await waitFor(() => expect(input('audit-filter-actor').getAttribute('aria-expanded')).toBe('false'));

    // The target by click; then both are sent as ids.
    type('audit-filter-target', 'oliver');
    const options = await offered('audit-filter-target', 'oliver');
    fireEvent.click(options[0]!);
    expect(input('audit-filter-target').value).toBe('Oliver Patient');
    apply();
    await waitFor(() => expect(sent('audit_events')).toHaveLength(2));
    expect(lastFilter()).toEqual({ ...NO_FILTER, actor: 'usr_olivia_owner', target: 'usr_oliver' });
    // The form keeps the names after applying.
    expect(input('audit-filter-actor').value).toBe('Olivia Owner');
  });

  it('Escape closes the list without picking', async () => {
    await renderScreen();
    type('audit-filter-actor', 'oliv');
    await offered('audit-filter-actor', 'oliv');
    fireEvent.keyDown(input('audit-filter-actor'), { key: 'Escape', code: 'Escape' });
    await waitFor(() => expect(input('audit-filter-actor').getAttribute('aria-expanded')).toBe('false'));
    expect(input('audit-filter-actor').getAttribute('data-person-id')).toBeNull();
  });

  it('takes a pasted id as is, even of someone no longer in the copy', async () => {
    await renderScreen();
    type('audit-filter-target', 'usr_gone_for_good');
    await waitFor(() => expect(sent('search_users').some((a) => (a.query as DirectoryQuery).text === 'usr_gone_for_good')).toBe(true));
    // Nobody found: the list says an id can still be pasted.
    await waitFor(() => expect(screen.getByTestId('audit-filter-target-options').textContent).toContain('paste their id'));
    apply();
    await waitFor(() => expect(sent('audit_events')).toHaveLength(2));
    expect(lastFilter()).toEqual({ ...NO_FILTER, target: 'usr_gone_for_good' });
  });

  it('a name typed but never picked is not applied, and says what to do', async () => {
    await renderScreen();
    type('audit-filter-actor', 'oliv');
    apply();
    expect(await screen.findByText('Pick someone from the list, or paste an id')).toBeTruthy();
    expect(sent('audit_events')).toHaveLength(1);
  });

  it('the clear button empties the field, and the next apply asks for everyone', async () => {
    await renderScreen();
    type('audit-filter-actor', 'oliv');
    fireEvent.click((await offered('audit-filter-actor', 'oliv'))[0]!);
    apply();
    await waitFor(() => expect(lastFilter()).toMatchObject({ actor: 'usr_olivia_owner' }));

    fireEvent.click(screen.getByTestId('audit-filter-actor-clear'));
    expect(input('audit-filter-actor').value).toBe('');
    expect(screen.queryByTestId('audit-filter-actor-clear')).toBeNull();
    apply();
    await waitFor(() => expect(lastFilter()).toEqual(NO_FILTER));
  });
});
