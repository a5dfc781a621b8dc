import { cleanup, fireEvent, screen, waitFor, within } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';

import type { RoleChangeItem, RoleChangeOutcome, StaffRole, User } from '../../ipc';
import { answer, renderWithProviders, sent } from '../../test/backend';
import { CATALOG } from '../../test/roleCatalog';
import { RoleEditor } from './RoleEditor';

const mia = (roles: StaffRole[], version: number): User => ({
  id: 'usr_mia',
  kind: 'STAFF',
  display_name: 'Mia Member',
  email: 'mia@example.org',
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

let onServer: User; // what server_user answers
let problem: RoleChangeOutcome['problem'] = null; // what the dry run reports
let setRolesAnswer: (args: Record<string, unknown>) => User;

// The backend as the window sees it: the ipc layer is real, only the Tauri bridge is faked.
answer({
  role_catalog: () => CATALOG,
  server_user: () => onServer,
  preview_roles: (args) => {
    const item = args.item as RoleChangeItem;
    const after = [...onServer.staff_roles.filter((r) => !item.remove.includes(r)), ...(item.add as StaffRole[])];
    return { user_id: item.user_id, display_name: 'Mia Member', before: onServer.staff_roles, after, problem, applied: false, version: onServer.version };
  },
  set_roles: (args) => setRolesAnswer(args),
});

beforeEach(() => {
  onServer = mia(['MEMBER', 'DISPATCH'], 3);
  problem = null;
  setRolesAnswer = (args) => mia(args.roles as StaffRole[], 4);
});
afterEach(() => {
  cleanup();
});

function renderEditor() {
  renderWithProviders(<RoleEditor profile="Demo" user={{ id: 'usr_mia', display_name: 'Mia Member' }} />);
}

const box = (role: StaffRole) => screen.getByTestId(`role-checkbox-${role}`) as HTMLInputElement;
const changes = (el: HTMLElement) =>
  [...el.querySelectorAll('[data-change]')].map((b) => `${b.getAttribute('data-change')}:${b.textContent?.replace(/^\+ added |^− removed /, '')}`);

describe('RoleEditor', () => {
  it('lists every role with what it does, ticks the current ones from the server and marks admin roles', async () => {
    renderEditor();
    await screen.findByTestId('role-checkbox-OWNER');
    expect(document.querySelectorAll('[data-testid^="role-checkbox-"]')).toHaveLength(14);
    // The server's roles, not the cache's: the editor starts from the version it will send.
    expect(sent('server_user')).toEqual([{ profile: 'Demo', id: 'usr_mia' }]);
    expect(box('MEMBER').checked).toBe(true);
    expect(box('DISPATCH').checked).toBe(true);
    expect(box('OWNER').checked).toBe(false);
    // Each box is labelled by its role and described by what the role does (read by screen readers).
    expect(screen.getByRole('checkbox', { name: /THERAPIST/ }).getAttribute('aria-describedby')).toBeTruthy();
    expect(screen.getByText('What THERAPIST does')).toBeTruthy();
    expect(screen.getByRole('checkbox', { name: /OWNER/ }).closest('.mantine-Checkbox-root')?.textContent).toContain('admin access');
    expect(screen.getByRole('checkbox', { name: /DISPATCH/ }).closest('.mantine-Checkbox-root')?.textContent).not.toContain('admin access');
  });

  it('stages edits without sending anything, then reviews the difference and shows the server’s refusal', async () => {
    problem = { type: 'urn:x:last_owner', title: 'Last owner', status: 409, detail: "Mia Member is the organization's last active OWNER: removing OWNER from Mia Member would leave nobody who can manage roles. Make someone else an OWNER first.", code: 'last_owner' };
    onServer = mia(['OWNER', 'MEMBER'], 3);
    renderEditor();
    await screen.findByTestId('role-checkbox-OWNER');
    expect(screen.getByTestId('role-review')).toHaveProperty('disabled', true);

    fireEvent.click(box('OWNER'));
    fireEvent.click(box('THERAPIST'));
    expect(changes(screen.getByTestId('role-staged'))).toEqual(['added:THERAPIST', 'removed:OWNER']);
    // Staging is local: the server hears nothing until the review.
    expect(sent('preview_roles')).toEqual([]);
    expect(sent('set_roles')).toEqual([]);

    fireEvent.click(screen.getByTestId('role-review'));
    const review = await screen.findByTestId('role-review-panel');
    // Added in green, removed in red, the rest kept.
    expect(changes(within(review).getByTestId('role-diff'))).toEqual(['added:THERAPIST', 'removed:OWNER', 'kept:MEMBER']);
    // The dry run asks about exactly the difference, against the version the edits were made on.
    expect(sent('preview_roles')[0]).toMatchObject({ profile: 'Demo', item: { user_id: 'usr_mia', add: ['THERAPIST'], remove: ['OWNER'], expected_version: 3 } });
    // A dry run records nothing, so it carries no reason (none invented to get past a rule).
    expect(sent('preview_roles')[0]).not.toHaveProperty('reason');

    const refusal = await screen.findByTestId('role-problem');
    expect(refusal.textContent).toContain('Make someone else an OWNER first.');
    // The server's words are the explanation, once: no second sentence restating them.
    expect(refusal.textContent?.split('last active OWNER').length).toBe(2);
    // A change the server would refuse cannot be applied, whatever the reason says.
    fireEvent.change(screen.getByTestId('role-reason'), { target: { value: 'Leaving the company' } });
    expect(screen.getByTestId('role-apply')).toHaveProperty('disabled', true);
    expect(sent('set_roles')).toEqual([]);
  });

  it('needs a reason to apply, sends the whole set with the version, and confirms', async () => {
    renderEditor();
    await screen.findByTestId('role-checkbox-SUPPORT');
    fireEvent.click(box('SUPPORT'));
    fireEvent.click(screen.getByTestId('role-review'));
    await screen.findByTestId('role-preview-ok');

    // The server accepts it, but the audit trail needs a reason: no reason, no Apply.
    const apply = screen.getByTestId('role-apply');
    expect(apply).toHaveProperty('disabled', true);
    fireEvent.change(screen.getByTestId('role-reason'), { target: { value: '   ' } });
    expect(apply).toHaveProperty('disabled', true);
    fireEvent.change(screen.getByTestId('role-reason'), { target: { value: ' On-call support rota ' } });
    expect(apply).toHaveProperty('disabled', false);

    fireEvent.click(apply);
    const saved = await screen.findByTestId('role-saved');
    expect(sent('set_roles')).toEqual([
      { profile: 'Demo', id: 'usr_mia', roles: ['MEMBER', 'SUPPORT', 'DISPATCH'], expectedVersion: 3, reason: 'On-call support rota' },
    ]);
    expect(changes(saved)).toEqual(['added:SUPPORT']);
    // Back to the editor, on the saved roles.
    expect(box('SUPPORT').checked).toBe(true);
    expect(screen.queryByTestId('role-review-panel')).toBeNull();
  });

  it('on a conflict shows the fresh state and re-applies my change on top of it', async () => {
    renderEditor();
    await screen.findByTestId('role-checkbox-SUPPORT');
    fireEvent.click(box('SUPPORT'));
    fireEvent.click(box('DISPATCH'));
    fireEvent.click(screen.getByTestId('role-review'));
    await screen.findByTestId('role-preview-ok');
    fireEvent.change(screen.getByTestId('role-reason'), { target: { value: 'Rota change' } });

    // Meanwhile someone else gave Mia THERAPIST: the server is at version 5 and refuses version 3.
    onServer = mia(['MEMBER', 'DISPATCH', 'THERAPIST'], 5);
    setRolesAnswer = (args) => {
      if (args.expectedVersion !== 5) throw { code: 'conflict', message: 'Someone else changed this meanwhile: version 5' };
      return mia(args.roles as StaffRole[], 6);
    };
    fireEvent.click(screen.getByTestId('role-apply'));

    const conflict = await screen.findByTestId('role-conflict');
    // The state was read again from the server, not guessed.
    expect(sent('server_user')).toHaveLength(2);
    expect(changes(within(conflict).getByTestId('role-conflict-fresh'))).toEqual(['kept:MEMBER', 'kept:DISPATCH', 'kept:THERAPIST']);
    expect(changes(within(conflict).getByTestId('role-conflict-theirs'))).toEqual(['added:THERAPIST']);
    expect(changes(within(conflict).getByTestId('role-conflict-mine'))).toEqual(['added:SUPPORT', 'removed:DISPATCH']);
    // Mine on top of theirs keeps their THERAPIST.
    expect(changes(within(conflict).getByTestId('role-conflict-rebased'))).toEqual(['added:SUPPORT', 'removed:DISPATCH', 'kept:MEMBER', 'kept:THERAPIST']);
    expect(sent('set_roles')).toHaveLength(1);

    fireEvent.click(screen.getByTestId('role-reapply'));
    // Back to the review, checked again by the server against the fresh version; nothing sent yet.
    await screen.findByTestId('role-preview-ok');
    expect(sent('preview_roles').at(-1)).toMatchObject({ item: { add: ['SUPPORT'], remove: ['DISPATCH'], expected_version: 5 } });
    expect(sent('set_roles')).toHaveLength(1);
    expect((screen.getByTestId('role-reason') as HTMLTextAreaElement).value).toBe('Rota change');

    fireEvent.click(screen.getByTestId('role-apply'));
    await screen.findByTestId('role-saved');
    expect(sent('set_roles').at(-1)).toEqual({
      profile: 'Demo',
      id: 'usr_mia',
      roles: ['MEMBER', 'SUPPORT', 'THERAPIST'],
      expectedVersion: 5,
      reason: 'Rota change',
    });
  });

  it('discards my change on a conflict and shows the server’s roles', async () => {
    renderEditor();
    await screen.findByTestId('role-checkbox-SUPPORT');
    fireEvent.click(box('SUPPORT'));
    fireEvent.click(screen.getByTestId('role-review'));
    await screen.findByTestId('role-preview-ok');
    fireEvent.change(screen.getByTestId('role-reason'), { target: { value: 'Rota change' } });
    onServer = mia(['MEMBER'], 5);
    setRolesAnswer = () => {
      throw { code: 'conflict', message: 'changed' };
    };
    fireEvent.click(screen.getByTestId('role-apply'));
    await screen.findByTestId('role-conflict');

    fireEvent.click(screen.getByTestId('role-discard'));
    await waitFor(() => expect(screen.queryByTestId('role-conflict')).toBeNull());
    expect(box('SUPPORT').checked).toBe(false);
    expect(box('DISPATCH').checked).toBe(false);
    expect(box('MEMBER').checked).toBe(true);
    expect(screen.queryByTestId('role-staged')).toBeNull();
  });

  it('goes to the fresh state when the dry run already finds the person changed', async () => {
    problem = { type: 'urn:x', title: 'Precondition failed', status: 412, code: 'precondition_failed' };
    renderEditor();
    await screen.findByTestId('role-checkbox-SUPPORT');
    fireEvent.click(box('SUPPORT'));
    fireEvent.click(screen.getByTestId('role-review'));
    expect(await screen.findByTestId('role-conflict')).toBeTruthy();
  });

  it('explains a refusal of the real change in words', async () => {
    renderEditor();
    await screen.findByTestId('role-checkbox-OWNER');
    fireEvent.click(box('OWNER'));
    fireEvent.click(screen.getByTestId('role-review'));
    await screen.findByTestId('role-preview-ok');
    // Granting OWNER is called out before it happens.
    expect(screen.getByTestId('role-review-panel').textContent).toContain('administrative access');
    fireEvent.change(screen.getByTestId('role-reason'), { target: { value: 'New co-owner' } });
    setRolesAnswer = () => {
      throw { code: 'rejected', message: 'Only an OWNER grants OWNER.' };
    };
    fireEvent.click(screen.getByTestId('role-apply'));
    const alert = await screen.findByTestId('error-alert');
    expect(alert.textContent).toContain('Refused');
    expect(alert.textContent).toContain('Only an OWNER grants OWNER.');
    expect(screen.queryByTestId('role-saved')).toBeNull();
  });
});
