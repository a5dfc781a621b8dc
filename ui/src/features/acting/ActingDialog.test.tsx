import { cleanup, fireEvent, screen, waitFor } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';

import type { Me, SessionView, User } from '../../ipc';
import { answer, renderWithProviders, sent } from '../../test/backend';
import { ActForPerson, canActFor } from './ActForPerson';

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
answer({
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

function openDialog() {
  renderWithProviders(<ActForPerson profile="Demo" me={olivia} user={staff()} />);
  fireEvent.click(screen.getByTestId('act-for'));
  return screen.findByTestId('acting-dialog');
}

describe('whom acting is offered for', () => {
  it('active staff who are not OWNERs, not oneself, and only with act_on_behalf', () => {
    expect(canActFor(olivia, staff())).toBe(true);
    expect(canActFor(olivia, staff({ staff_roles: ['OWNER'] }))).toBe(false);
    expect(canActFor(olivia, staff({ status: 'suspended' }))).toBe(false);
    expect(canActFor(olivia, staff({ status: 'invited' }))).toBe(false);
    expect(canActFor(olivia, staff({ kind: 'PATIENT', staff_roles: [] }))).toBe(false);
    expect(canActFor(olivia, staff({ id: 'usr_olivia' }))).toBe(false);
    expect(canActFor({ ...olivia, permissions: ['directory_read', 'users_write'] }, staff())).toBe(false);
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
    fireEvent.click(screen.getByTestId('act-for'));
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
