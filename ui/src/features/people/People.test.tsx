import { cleanup, fireEvent, screen, waitFor, within } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';

import type { ComingOfAge, FieldError, PersonSchema, SettingField, User, UserDetail } from '../../ipc';
import { answer, renderWithProviders, sent } from '../../test/backend';
import { emily, john, person } from '../directory/testData';
import { ComingOfAgeScreen } from './ComingOfAgeScreen';
import { AddPersonButton, PersonActions } from './PersonActions';

const text = (key: string, label: string, max_len: number): SettingField => ({
  key,
  group: 'person',
  label,
  description: `The person's ${label.toLowerCase()}`,
  type: { kind: 'string', min_len: key === 'display_name' ? 1 : 0, max_len, rules: [] },
  unit: null,
  example: null,
  default: '',
  member_editable: true,
  owner_only_reason: null,
});

// A platform whose rules the test invents: names of at most 12 characters, an age-out of 21.
const SCHEMA: PersonSchema = {
  fields: [text('display_name', 'Full name', 12), text('email', 'Email', 254), text('phone', 'Phone', 32), text('date_of_birth', 'Born', 10)],
  creatable_kinds: ['PATIENT', 'GUARDIAN', 'DEPENDENT'],
  dependent_leaves_guardian_at_age: 21,
  guardian_access_12_17: 'limited',
  today: '2026-12-01',
};

// The core's check, as the fake backend: what the served schema would refuse (here: the length).
const check = ({ form }: Record<string, unknown>): FieldError[] => {
  const name = (form as Record<string, string | null>).display_name ?? '';
  return name.length > 12 ? [{ key: 'display_name', code: 'bad_length', message: 'Full name: at most 12 characters' }] : [];
};

const detail = (user: User, over: Partial<UserDetail['household']> = {}): UserDetail => ({
  user,
  household: { guardian: null, dependents: [], shared_email: false, shared_phone: false, ...over },
});

beforeEach(() => {
  answer({
    person_schema: () => SCHEMA,
    check_person: check,
    create_person: ({ person: p }) => ({ ...person({ id: 'usr_new', display_name: 'x' }), ...(p as object), version: 1 }),
    edit_person: ({ id }) => ({ ...emily, id: id as string, kind: 'PATIENT', version: 2 }),
    set_user_status: ({ status }) => ({ ...john, status, version: 2 }),
    remove_person: () => ({ removed: ['usr_john'], moved: ['usr_emily'] }),
    search_users: () => ({ rows: [person({ id: 'usr_ann', display_name: 'Ann Guardian', kind: 'GUARDIAN' })], total: 1 }),
    get_user: ({ id }) => (id === 'usr_john' ? detail(john, { dependents: [emily] }) : null),
  });
});
afterEach(cleanup);

const type = (testId: string, value: string) => fireEvent.change(screen.getByTestId(testId), { target: { value } });

describe('adding a person', () => {
  it('labels the fields as the platform serves them, shows its refusal as typed, and sends only a checked person', async () => {
    renderWithProviders(<AddPersonButton profile="Demo" />);
    fireEvent.click(screen.getByTestId('person-add'));
    const form = await screen.findByTestId('person-form');
    expect(within(form).getByText('Full name')).toBeTruthy();
    type('person-display_name', 'Bartholomew Longname');
    type('person-reason', 'walk-in');
    expect(await screen.findByText('Full name: at most 12 characters')).toBeTruthy();
    expect((screen.getByTestId('person-save') as HTMLButtonElement).disabled).toBe(true);
    type('person-display_name', 'Bart Long');
    type('person-email', 'bart@example.org');
    await waitFor(() => expect((screen.getByTestId('person-save') as HTMLButtonElement).disabled).toBe(false));
    fireEvent.click(screen.getByTestId('person-save'));
    await waitFor(() => expect(sent('create_person')).toHaveLength(1));
    expect(sent('create_person')[0]?.person).toEqual({
      kind: 'PATIENT',
      display_name: 'Bart Long',
      email: 'bart@example.org',
      phone: null,
      date_of_birth: null,
      guardian_id: null,
      reason: 'walk-in',
    });
  });

  it("adds a dependent under the guardian shown, offering the guardian's own contact", async () => {
    renderWithProviders(<PersonActions profile="Demo" detail={detail(john, { dependents: [emily] })} />);
    fireEvent.click(screen.getByTestId('person-add-dependent'));
    await screen.findByTestId('person-form');
    type('person-display_name', 'Lily');
    fireEvent.click(await screen.findByTestId('person-use-guardian-email'));
    expect((screen.getByTestId('person-email') as HTMLInputElement).value).toBe('john@example.org');
    type('person-date_of_birth', '2019-04-02');
    type('person-reason', 'newborn sibling');
    await waitFor(() => expect((screen.getByTestId('person-save') as HTMLButtonElement).disabled).toBe(false));
    fireEvent.click(screen.getByTestId('person-save'));
    await waitFor(() => expect(sent('create_person')).toHaveLength(1));
    expect(sent('create_person')[0]?.person).toMatchObject({ kind: 'DEPENDENT', guardian_id: 'usr_john', email: 'john@example.org', date_of_birth: '2019-04-02' });
  });
});

describe('suspending and removing', () => {
  it('says a suspension signs the person out at once, and asks why before sending', async () => {
    renderWithProviders(<PersonActions profile="Demo" detail={detail(john)} />);
    fireEvent.click(screen.getByTestId('person-status'));
    const dialog = await screen.findByTestId('status-dialog');
    expect(dialog.textContent).toContain('signed out everywhere at once');
    const confirm = screen.getByTestId('status-confirm') as HTMLButtonElement;
    expect(confirm.disabled).toBe(true);
    type('status-reason', 'left the practice');
    fireEvent.click(confirm);
    await waitFor(() => expect(sent('set_user_status')).toHaveLength(1));
    expect(sent('set_user_status')[0]).toMatchObject({ id: 'usr_john', status: 'suspended', expectedVersion: 1, reason: 'left the practice' });
  });

  it("never removes a guardian without deciding where the dependents go, and wants the name typed", async () => {
    renderWithProviders(<PersonActions profile="Demo" detail={detail(john, { dependents: [emily] })} />);
    fireEvent.click(await screen.findByTestId('person-remove'));
    const dialog = await screen.findByTestId('remove-dialog');
    expect(dialog.textContent).toContain('John Guardian is the guardian of Emily Guardian');
    type('remove-reason', 'moved away');
    type('remove-confirm-input', 'John Guardian');
    const confirm = screen.getByTestId('remove-confirm') as HTMLButtonElement;
    expect(confirm.disabled, 'no new guardian picked yet').toBe(true);
    fireEvent.click(screen.getByTestId('remove-plan-remove'));
    await waitFor(() => expect(confirm.disabled).toBe(false));
    fireEvent.click(confirm);
    await waitFor(() => expect(sent('remove_person')).toHaveLength(1));
    expect(sent('remove_person')[0]).toMatchObject({ id: 'usr_john', dependents: 'remove', expectedVersion: 1, reason: 'moved away' });
  });
});

describe('what is offered', () => {
  it('offers editing and removal only for the kinds the served schema says the platform manages here', async () => {
    // The invented schema creates patients, guardians and dependents, not HCPs.
    const hcp = person({ id: 'usr_hcp', display_name: 'Dana Doctor', kind: 'HCP', email: 'dana@example.org' });
    renderWithProviders(<PersonActions profile="Demo" detail={detail(hcp)} />);
    await waitFor(() => expect(sent('person_schema')).toHaveLength(1));
    await screen.findByTestId('person-status');
    expect(screen.queryByTestId('person-edit')).toBeNull();
    expect(screen.queryByTestId('person-remove')).toBeNull();
  });
});

describe('coming of age', () => {
  it('offers the conversion only from the served age-out, and sends it with their own contact and consent', async () => {
    const young = { ...emily, date_of_birth: '2006-12-02' }; // 19 on the platform's date: under its 21
    const { unmount } = renderWithProviders(<PersonActions profile="Demo" detail={detail(young, { guardian: john })} />);
    await waitFor(() => expect((screen.getByTestId('person-convert') as HTMLButtonElement).disabled).toBe(true));
    unmount();
    const grown = { ...emily, date_of_birth: '2005-12-01' }; // 21 today
    renderWithProviders(<PersonActions profile="Demo" detail={detail(grown, { guardian: john })} />);
    const convert = screen.getByTestId('person-convert') as HTMLButtonElement;
    await waitFor(() => expect(convert.disabled).toBe(false));
    fireEvent.click(convert);
    const dialog = await screen.findByTestId('convert-dialog');
    expect(dialog.textContent).toContain('John Guardian sees nothing of it');
    type('convert-email', 'emily@example.org');
    type('convert-reason', 'turned 21');
    const confirm = screen.getByTestId('convert-confirm') as HTMLButtonElement;
    expect(confirm.disabled, 'consent not given yet').toBe(true);
    fireEvent.click(screen.getByTestId('convert-consent'));
    await waitFor(() => expect(confirm.disabled).toBe(false));
    fireEvent.click(confirm);
    await waitFor(() => expect(sent('edit_person')).toHaveLength(1));
    expect(sent('edit_person')[0]).toMatchObject({ id: 'usr_emily', patch: { kind: 'PATIENT', email: 'emily@example.org', phone: '' } });
  });

  it('lists who turns the age-out soon with what must happen, and exports the list', async () => {
    const list: ComingOfAge = {
      today: '2026-12-01',
      age_out: 18,
      days: 90,
      items: [{ user: { ...emily, date_of_birth: '2009-01-10' }, guardian_name: 'John Guardian', turns_on: '2027-01-10', days_left: 40, needs: ['own_contact', 'consent'] }],
    };
    answer({ coming_of_age: () => list, export_coming_of_age: () => ({ path: '/home/o/Downloads/coming-of-age.csv', count: 1 }) });
    renderWithProviders(<ComingOfAgeScreen profile="Demo" />);
    const row = await screen.findByTestId('coming-of-age-row');
    expect(row.textContent).toContain('Emily Guardian');
    expect(row.textContent).toContain('2027-01-10');
    expect(row.textContent).toContain('in 40 days');
    expect(row.textContent).toContain('Own contact');
    expect(row.textContent, 'not yet: the conversion waits for the day').toContain('Possible from 2027-01-10');
    expect(screen.queryByTestId('coming-of-age-convert')).toBeNull();
    expect(screen.getByTestId('coming-of-age-rule').textContent).toContain('turning 18');
    fireEvent.click(screen.getByTestId('coming-of-age-export'));
    expect((await screen.findByTestId('coming-of-age-export-result')).textContent).toContain('coming-of-age.csv');
    expect(sent('export_coming_of_age')[0]).toMatchObject({ days: 90 });
  });
});
