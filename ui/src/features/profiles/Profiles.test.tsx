import { cleanup, fireEvent, screen, waitFor, within } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';

import type { ConnectionReport, FieldProblem, Profile } from '../../ipc';
import { answer, renderWithProviders, sent } from '../../test/backend';
import { FirstRun } from './FirstRun';
import { ImportConfirm } from './ImportConfirm';
import { ProfileEditor } from './ProfileEditor';

// The core's check, as the fake backend: https only, and a name that is taken.
const check = ({ profile }: Record<string, unknown>): FieldProblem[] => {
  const p = profile as Profile;
  const problems: FieldProblem[] = [];
  if (p.name.trim() === '') problems.push({ field: 'name', message: 'A profile needs a name of 1 to 64 characters.' });
  if (p.name.toLowerCase() === 'prod') problems.push({ field: 'name', message: "A profile named 'Prod' already exists." });
  if (!p.api_base.startsWith('https://')) problems.push({ field: 'api_base', message: 'The API base URL must use https.' });
  return problems;
};

const REPORT: ConnectionReport = {
  profile: 'Clinic',
  ok: false,
  checks: [
    { id: 'reach', status: 'ok', title: 'Server', detail: 'Read the metadata.' },
    { id: 'issuer', status: 'fail', title: 'Issuer', detail: "They differ at character 23: a trailing '/'." },
    { id: 'client', status: 'not_checked', title: 'Client id', detail: 'Not checked: the issuer first.' },
  ],
  server: null,
};

beforeEach(() => {
  answer({
    check_profile: check,
    test_connection: () => REPORT,
    add_profile: ({ profile }) => ({ profiles: [profile], selected: (profile as Profile).name }),
    first_run: () => false,
    start_demo: () => null,
    demo_info: () => null,
    list_profiles: () => ({ profiles: [], selected: 'Demo' }),
  });
});
afterEach(cleanup);

const type = (testId: string, value: string) => fireEvent.change(screen.getByTestId(testId), { target: { value } });
const save = () => screen.getByTestId('profile-save') as HTMLButtonElement;

describe('the profile editor', () => {
  it("shows the core's problems under each field and saves only when there are none", async () => {
    let saved = '';
    renderWithProviders(<ProfileEditor onClose={() => {}} onSaved={(n) => (saved = n)} />);
    await screen.findByTestId('profile-editor');
    // Nothing typed yet: no problem shown, but Save is off.
    expect(screen.queryByText(/must use https/)).toBeNull();
    expect(save().disabled).toBe(true);

    type('profile-name', 'Clinic');
    type('profile-api-base-input', 'http://api.clinic.example');
    expect(await screen.findByText('The API base URL must use https.')).toBeTruthy();
    expect(save().disabled).toBe(true);
    // Enter does not save a profile with a problem.
    fireEvent.submit(screen.getByTestId('profile-editor'));
    expect(sent('add_profile')).toHaveLength(0);

    type('profile-name', 'prod');
    expect(await screen.findByText("A profile named 'Prod' already exists.")).toBeTruthy();
    type('profile-name', 'Clinic');
    type('profile-api-base-input', 'https://api.clinic.example');
    await waitFor(() => expect(save().disabled).toBe(false));
    expect(screen.queryByText(/must use https/)).toBeNull();
    // The issuer field says what empty means.
    expect((screen.getByTestId('profile-issuer') as HTMLInputElement).placeholder).toBe('same as the API base');

    // Enter saves what is on screen, as the core's Profile (empty issuer = none).
    fireEvent.submit(screen.getByTestId('profile-editor'));
    await waitFor(() => expect(saved).toBe('Clinic'));
    expect(sent('add_profile').at(0)?.profile).toEqual({
      name: 'Clinic',
      api_base: 'https://api.clinic.example',
      issuer: null,
      client_id: 'access-console',
      scopes: ['console', 'offline_access'],
      builtin: false,
    });
  });

  it('renders the connection report, each check with its icon and words', async () => {
    renderWithProviders(<ProfileEditor onClose={() => {}} onSaved={() => {}} />);
    type('profile-name', 'Clinic');
    type('profile-api-base-input', 'https://api.clinic.example');
    const test = screen.getByTestId('profile-test') as HTMLButtonElement;
    await waitFor(() => expect(test.disabled).toBe(false));
    fireEvent.click(test);
    const report = await screen.findByTestId('connection-report');
    expect(report.getAttribute('data-ok')).toBe('false');
    expect(within(report).getByText('Sign-in cannot work yet')).toBeTruthy();
    expect(within(report).getByText('Fix the issuer problem below, then test again.')).toBeTruthy();
    const issuer = screen.getByTestId('check-issuer');
    expect(issuer.getAttribute('data-status')).toBe('fail');
    expect(issuer.textContent).toContain("differ at character 23: a trailing '/'");
    expect(within(issuer).getByRole('img').getAttribute('aria-label')).toBe('Problem');
    expect(within(screen.getByTestId('check-client')).getByRole('img').getAttribute('aria-label')).toBe('Not checked');
    expect(sent('test_connection').at(0)?.profile).toMatchObject({ name: 'Clinic', api_base: 'https://api.clinic.example' });
  });

  it('keeps everything typed when the save is refused', async () => {
    answer({ add_profile: () => Promise.reject({ code: 'invalid_input', message: 'The profiles file cannot be written.' }) });
    renderWithProviders(<ProfileEditor onClose={() => {}} onSaved={() => {}} />);
    type('profile-name', 'Clinic');
    type('profile-api-base-input', 'https://api.clinic.example');
    await waitFor(() => expect(save().disabled).toBe(false));
    fireEvent.click(save());
    expect(await screen.findByText('The profiles file cannot be written.')).toBeTruthy();
    expect((screen.getByTestId('profile-name') as HTMLInputElement).value).toBe('Clinic');
    expect((screen.getByTestId('profile-api-base-input') as HTMLInputElement).value).toBe('https://api.clinic.example');
  });
});

describe('the first run and the import', () => {
  it('offers to connect (the editor) or to try the demo platform', async () => {
    renderWithProviders(<FirstRun />);
    fireEvent.click(await screen.findByTestId('first-run-demo'));
    await waitFor(() => expect(sent('start_demo')).toHaveLength(1));
    fireEvent.click(screen.getByTestId('first-run-connect'));
    expect(await screen.findByTestId('profile-editor')).toBeTruthy();
  });

  it('shows what the file holds and lets a clashing name be changed before importing', async () => {
    const profile: Profile = { name: 'Prod', api_base: 'https://api.clinic.example', issuer: null, client_id: 'console-x', scopes: ['console'], builtin: false };
    let closed = false;
    renderWithProviders(<ImportConfirm file={{ path: '/tmp/prod.acprofile', profile }} onClose={() => (closed = true)} />);
    expect((await screen.findByTestId('import-issuer')).textContent).toBe('same as the API base');
    expect(screen.getByTestId('import-client-id').textContent).toBe('console-x');
    expect(await screen.findByText("A profile named 'Prod' already exists.")).toBeTruthy();
    const button = screen.getByTestId('import-confirm-button') as HTMLButtonElement;
    expect(button.disabled).toBe(true);
    type('import-name', 'Prod 2');
    await waitFor(() => expect(button.disabled).toBe(false));
    fireEvent.click(button);
    await waitFor(() => expect(closed).toBe(true));
    expect(sent('add_profile').at(0)?.profile).toEqual({ ...profile, name: 'Prod 2' });
  });
});
