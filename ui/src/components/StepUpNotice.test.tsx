import { cleanup, fireEvent, screen, waitFor } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';

import type { StaffRole, User } from '../ipc';
import { RoleEditor } from '../features/roles/RoleEditor';
import { answer, renderWithProviders, sent } from '../test/backend';
import { CATALOG } from '../test/roleCatalog';

const sam = (roles: StaffRole[], version: number): User => ({
  id: 'usr_sam',
  kind: 'STAFF',
  display_name: 'Sam Support',
  email: 'sam@example.org',
  phone: null,
  status: 'active',
  staff_roles: roles,
  guardian_id: null,
  date_of_birth: null,
  mfa_enrolled: null,
  created_at: 1_700_000_000,
  updated_at: 1_700_000_500,
  version,
});

const REASON = 'Granting OWNER needs you to confirm it is you (your last sign-in was 7 minutes ago).';
let stepUpAnswer: () => unknown;
let fresh: boolean; // the platform's view: has the person confirmed since?

// The ipc layer and the components are real; only the Tauri bridge is faked, as the backend
// answers: set_roles refuses with step_up_required until step_up succeeded.
answer({
  role_catalog: () => CATALOG,
  server_user: () => sam(['SUPPORT'], 3),
  preview_roles: () => {
    return { user_id: 'usr_sam', display_name: 'Sam Support', before: ['SUPPORT'], after: ['OWNER', 'SUPPORT'], problem: null, applied: false, version: 3 };
  },
  set_roles: (args) => {
    if (!fresh) throw { code: 'step_up_required', message: REASON };
    return sam(args.roles as StaffRole[], 4);
  },
  step_up: () => stepUpAnswer(),
});

beforeEach(() => {
  fresh = false;
  stepUpAnswer = () => {
    fresh = true;
    return { profile: 'Demo', me: {}, can_keep_copy: false };
  };
});
afterEach(() => {
  cleanup();
});

async function grantOwner() {
  renderWithProviders(<RoleEditor profile="Demo" user={{ id: 'usr_sam', display_name: 'Sam Support' }} />);
  fireEvent.click(await screen.findByTestId('role-checkbox-OWNER'));
  fireEvent.click(screen.getByTestId('role-review'));
  await screen.findByTestId('role-preview-ok');
  fireEvent.change(screen.getByTestId('role-reason'), { target: { value: 'Covering for Olivia' } });
  fireEvent.click(screen.getByTestId('role-apply'));
}

describe('StepUpNotice (granting OWNER)', () => {
  it('says why in the platform’s words, confirms, then applies the same change once with its reason', async () => {
    await grantOwner();
    const notice = await screen.findByTestId('step-up');
    expect(screen.getByTestId('step-up-reason').textContent).toBe(REASON);
    // A challenge is not an error shown as a failure, and nothing was retried on its own.
    expect(screen.queryByTestId('error-alert')).toBeNull();
    expect(sent('set_roles')).toHaveLength(1);
    expect(sent('step_up')).toEqual([]);
    expect(notice).toBeTruthy();

    fireEvent.click(screen.getByTestId('step-up-confirm'));
    await screen.findByTestId('role-saved');
    expect(sent('step_up')).toEqual([{ profile: 'Demo' }]);
    const applied = sent('set_roles');
    expect(applied).toHaveLength(2);
    // The retry is the very change the person staged, with the reason they typed.
    expect(applied[1]).toEqual(applied[0]);
    expect(applied[1]).toMatchObject({ roles: ['OWNER', 'SUPPORT'], expectedVersion: 3, reason: 'Covering for Olivia' });
    expect(screen.queryByTestId('step-up')).toBeNull();
  });

  it('keeps the staged change and reason when someone else confirms, and does not retry', async () => {
    stepUpAnswer = () => {
      throw { code: 'auth_failed', message: 'Sam Support signed in, but this session is Olivia Owner’s.' };
    };
    await grantOwner();
    await screen.findByTestId('step-up');
    fireEvent.click(screen.getByTestId('step-up-confirm'));
    const refused = await screen.findByTestId('error-alert');
    expect(refused.textContent).toContain('this session is Olivia Owner’s');
    await waitFor(() => expect(sent('step_up')).toHaveLength(1));
    expect(sent('set_roles')).toHaveLength(1);
    // Still in the review with what was typed: confirming again needs no retyping.
    expect((screen.getByTestId('role-reason') as HTMLTextAreaElement).value).toBe('Covering for Olivia');
    expect(screen.getByTestId('step-up')).toBeTruthy();
  });
});
