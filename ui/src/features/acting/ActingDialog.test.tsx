import { cleanup, fireEvent, screen, waitFor } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';

import type { Me, SessionView, User } from '../../ipc';
import { answer, renderWithProviders, sent } from '../../test/backend';
import { ActForPerson } from './ActForPerson';

const olivia: Me = {
  user_id: 'usr_olivia',
  display_name: 'Olivia Owner',
  email: null,
  kind: 'STAFF',
  organization: { id: 'o', name: 'Demo Health' },
  staff_roles: ['OWNER'],
  config_role: null,
  permissions: ['directory_read', 'users_write', 'act_on_behalf'],
  // An organization whose limit is not the platform's default: the dialog must read it from here.
  max_acting_minutes: 10,
};

const staff = (over: Partial<User> = {}): User => ({
  id: 'usr_priya',
  kind: 'STAFF',
  display_name: 'Dr. Priya Provider',
  email: null,
  phone: null,
  status: 'active',
  staff_roles: ['PROVIDER', 'PROVIDER_PHYSICIAN'],
  guardian_id: null,
  date_of_birth: null,
  mfa_enrolled: true,
  created_at: 1_700_000_000,
  updated_at: 1_700_000_000,
  version: 3,
  ...over,
});

const asPriya: SessionView = {
  profile: 'Demo',
  can_keep_copy: true,
  me: { ...olivia, user_id: 'usr_priya', display_name: 'Dr. Priya Provider', staff_roles: ['PROVIDER'], permissions: [] },
};

let refusals: unknown[] = [];
// The platform's answers, by person: the window shows them and decides nothing itself.
const eligibility: Record<string, object> = {
  usr_priya: { user_id: 'usr_priya', applies: true, allowed: true, max_minutes: 10 },
  usr_otto: {
    user_id: 'usr_otto',
    applies: true,
    allowed: false,
    reason: 'Otto Owner is an OWNER: an OWNER cannot act for another OWNER. Ask them to do it themself.',
    max_minutes: 10,
  },
  usr_pat: { user_id: 'usr_pat', applies: false, allowed: false, reason: 'Pat is not a staff member', max_minutes: 10 },
};
answer({
  acting_eligibility: (args) => {
    const found = eligibility[String(args.userId)];
    if (!found) throw { code: 'network', message: 'The platform could not be reached.' };
    return found;
  },
  start_acting: () => {
    const next = refusals.shift();
    if (next) throw next;
    return asPriya;
  },
  step_up: () => ({ profile: 'Demo', can_keep_copy: true, me: olivia }),
});
afterEach(() => {
  cleanup();
  refusals = [];
});

const type = (testId: string, value: string) => fireEvent.change(screen.getByTestId(testId), { target: { value } });
const startButton = () => screen.getByTestId('acting-start') as HTMLButtonElement;

async function openDialog() {
  renderWithProviders(<ActForPerson profile="Demo" me={olivia} user={staff()} />);
  fireEvent.click(await screen.findByTestId('act-for'));
  return screen.findByTestId('acting-dialog');
}

describe('whom acting is offered for: as the platform answers', () => {
  it('offers the button where a start would work', async () => {
    renderWithProviders(<ActForPerson profile="Demo" me={olivia} user={staff()} />);
    expect(await screen.findByTestId('act-for')).toBeTruthy();
    expect(sent('acting_eligibility')).toEqual([{ profile: 'Demo', userId: 'usr_priya' }]);
  });

  it("shows the platform's reason where it would not, with no button", async () => {
    renderWithProviders(<ActForPerson profile="Demo" me={olivia} user={staff({ id: 'usr_otto', display_name: 'Otto Owner', staff_roles: ['OWNER'] })} />);
    expect((await screen.findByTestId('act-for-refused')).textContent).toMatch(/cannot act for another OWNER/);
    expect(screen.queryByTestId('act-for')).toBeNull();
  });

  it('shows nothing where acting does not apply', async () => {
    renderWithProviders(<ActForPerson profile="Demo" me={olivia} user={staff({ id: 'usr_pat', kind: 'PATIENT', staff_roles: [] })} />);
    await waitFor(() => expect(sent('acting_eligibility')).toHaveLength(1));
    await waitFor(() => expect(screen.queryByLabelText(/Asking the platform/)).toBeNull());
    expect(screen.queryByTestId('act-for-section')).toBeNull();
  });

  it('says so when the platform could not be asked', async () => {
    renderWithProviders(<ActForPerson profile="Demo" me={olivia} user={staff({ id: 'usr_gone' })} />);
    expect((await screen.findByTestId('act-for-unknown')).textContent).toMatch(/could not be reached/);
  });
});

describe('the act-for dialog', () => {
  it('says what acting means with both names, and starts only with a reason', async () => {
    await openDialog();
    const meaning = screen.getByTestId('acting-meaning').textContent ?? '';
    expect(meaning).toContain('For 10 minutes the console shows what Dr. Priya Provider sees');
    expect(meaning).toContain('lets you do only what both of you may');
    expect(meaning).toContain('‘Olivia Owner on behalf of Dr. Priya Provider’');
    expect(startButton().disabled).toBe(true);
    type('acting-reason', '   ');
    expect(startButton().disabled).toBe(true);
    type('acting-reason', 'Covering the clinic schedule');
    expect(startButton().disabled).toBe(false);
    fireEvent.click(startButton());
    await waitFor(() => expect(sent('start_acting')).toHaveLength(1));
    expect(sent('start_acting')[0]).toEqual({ profile: 'Demo', userId: 'usr_priya', reason: 'Covering the clinic schedule', minutes: 10 });
  });

  it('takes its maximum from the organization, and its default is 15 or that maximum', async () => {
    await openDialog();
    const minutes = screen.getByTestId('acting-minutes') as HTMLInputElement;
    // min(15, 10): the organization allows no more than 10.
    expect(minutes.value).toBe('10');
    expect(screen.getByText("At most 10, the organization's limit.")).toBeTruthy();
    type('acting-reason', 'Covering');
    type('acting-minutes', '11');
    expect(startButton().disabled).toBe(true);
    type('acting-minutes', '7');
    expect(startButton().disabled).toBe(false);
    expect(screen.getByTestId('acting-meaning').textContent).toContain('For 7 minutes');
    cleanup();

    renderWithProviders(<ActForPerson profile="Demo" me={{ ...olivia, max_acting_minutes: 60 }} user={staff()} />);
    fireEvent.click(await screen.findByTestId('act-for'));
    expect(((await screen.findByTestId('acting-minutes')) as HTMLInputElement).value).toBe('15');
  });

  it('asks to confirm it is you when the platform says so, then starts once with what was typed', async () => {
    refusals = [{ code: 'step_up_required', message: 'Acting for someone needs you to confirm it is you (signed in 9 minutes ago).' }];
    await openDialog();
    type('acting-reason', 'Covering');
    fireEvent.click(startButton());
    expect((await screen.findByTestId('step-up-reason')).textContent).toContain('Acting for someone needs you to confirm');
    fireEvent.click(screen.getByTestId('step-up-confirm'));
    await waitFor(() => expect(sent('start_acting')).toHaveLength(2));
    expect(sent('step_up')).toHaveLength(1);
    expect(sent('start_acting')[1]).toEqual(sent('start_acting')[0]);
  });

  it("shows the platform's refusal in its own words", async () => {
    refusals = [{ code: 'rejected', message: 'An OWNER cannot act for another OWNER.' }];
    await openDialog();
    type('acting-reason', 'Covering');
    fireEvent.click(startButton());
    const alert = await screen.findByTestId('error-alert');
    expect(alert.textContent).toContain('Acting did not start.');
    expect(alert.textContent).toContain('An OWNER cannot act for another OWNER.');
    expect(screen.queryByTestId('step-up')).toBeNull();
  });
});
