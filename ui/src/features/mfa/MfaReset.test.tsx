import { cleanup, fireEvent, screen, waitFor } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';

import type { User } from '../../ipc';
import { answer, renderWithProviders, sent } from '../../test/backend';
import { MfaReset } from './MfaReset';

const mia: User = {
  id: 'usr_mia',
  kind: 'STAFF',
  display_name: 'Mia Member',
  email: 'mia@example.org',
  phone: null,
  status: 'active',
  staff_roles: ['MEMBER'],
  guardian_id: null,
  mfa_enrolled: true,
  created_at: 1_700_000_000,
  updated_at: 1_700_000_500,
  version: 5,
};

const REASON = "Resetting someone's MFA needs you to confirm it is you (your last sign-in was 6 minutes ago).";
let fresh: boolean; // has the OWNER confirmed it is them since the dialog opened?

// The ipc layer and the dialog are real; the backend refuses with step_up_required until the
// person stepped up, as the platform does for an old sign-in.
answer({
  reset_mfa: () => {
    if (!fresh) throw { code: 'step_up_required', message: REASON };
    return { ...mia, mfa_enrolled: false, version: 6 };
  },
  step_up: () => {
    fresh = true;
    return { profile: 'Demo', me: {}, can_keep_copy: false };
  },
});

beforeEach(() => {
  fresh = true;
});
afterEach(() => {
  cleanup();
});

function openDialog() {
  renderWithProviders(<MfaReset profile="Demo" user={mia} />);
  fireEvent.click(screen.getByTestId('mfa-reset'));
}

describe('MfaReset', () => {
  it('says what the reset does and sends nothing until a reason is given and it is confirmed', async () => {
    openDialog();
    const consequence = (await screen.findByTestId('mfa-reset-consequence')).textContent;
    expect(consequence).toContain('signed out everywhere');
    expect(consequence).toContain('set up a new one');
    expect(screen.getByTestId('mfa-reset-confirm')).toHaveProperty('disabled', true);
    expect(sent('reset_mfa')).toEqual([]);

    fireEvent.change(screen.getByTestId('mfa-reset-reason'), { target: { value: '  Lost her phone ' } });
    fireEvent.click(screen.getByTestId('mfa-reset-confirm'));
    // The version the pane showed: the platform refuses it if she changed since.
    await waitFor(() => expect(sent('reset_mfa')).toEqual([{ profile: 'Demo', id: 'usr_mia', expectedVersion: 5, reason: 'Lost her phone' }]));
    await waitFor(() => expect(screen.queryByTestId('mfa-reset-dialog')).toBeNull());
  });

  it('asks the OWNER to confirm it is them when the platform wants a recent sign-in, then resets once', async () => {
    fresh = false;
    openDialog();
    fireEvent.change(await screen.findByTestId('mfa-reset-reason'), { target: { value: 'Lost her phone' } });
    fireEvent.click(screen.getByTestId('mfa-reset-confirm'));
    expect((await screen.findByTestId('step-up-reason')).textContent).toBe(REASON);
    // The reason typed is still there behind the notice.
    expect((screen.getByTestId('mfa-reset-reason') as HTMLTextAreaElement).value).toBe('Lost her phone');

    fireEvent.click(screen.getByTestId('step-up-confirm'));
    await waitFor(() => expect(screen.queryByTestId('mfa-reset-dialog')).toBeNull());
    expect(sent('step_up')).toHaveLength(1);
    expect(sent('reset_mfa')).toHaveLength(2);
  });
});
