import { cleanup, fireEvent, screen, waitFor, within } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';

import type { Invitation, IpcError, OneTimeInvitation } from '../../ipc';
import { answer, calls, renderWithProviders, sent } from '../../test/backend';
import { CATALOG } from '../../test/roleCatalog';
import { InvitationsButtons } from './InvitationsButtons';

const NOW = 1_800_000_000;
const LINK = 'http://127.0.0.1:47800/invitations/accept?code=inv_S3cr3tC0de';
const NEW_LINK = 'http://127.0.0.1:47800/invitations/accept?code=inv_N3wC0de';

const invitation = (over: Partial<Invitation> = {}): Invitation => ({
  id: 'inv_1',
  user_id: 'usr_quentin',
  display_name: 'Quentin Harbor',
  email: 'quentin.harbor@demo-clinic.test',
  roles: ['MEMBER'],
  invited_by_id: 'usr_olivia_owner',
  invited_by_name: 'Olivia Owner',
  sent_at: NOW,
  expires_at: NOW + 7 * 86_400,
  version: 1,
  ...over,
});

const created = (link: string, over: Partial<Invitation> = {}): OneTimeInvitation => ({
  invitation: invitation(over),
  code: link.split('code=')[1] ?? '',
  accept_url: link,
});

let pending: Invitation[];
let inviteError: IpcError | null;

answer({
  role_catalog: () => CATALOG,
  invite_staff: () => {
    if (inviteError) throw inviteError;
    pending = [invitation()];
    return created(LINK);
  },
  invitations: () => pending,
  resend_invitation: () => created(NEW_LINK, { version: 2 }),
  withdraw_invitation: () => {
    const gone = pending[0];
    pending = [];
    return gone;
  },
  clear_clipboard_if: () => 30,
});

const clipboard = vi.hoisted(() => ({ writeText: vi.fn(async () => {}), clear: vi.fn(async () => {}) }));
vi.mock('@tauri-apps/plugin-clipboard-manager', () => clipboard);

beforeEach(() => {
  vi.spyOn(Date, 'now').mockReturnValue(NOW * 1000);
  pending = [];
  inviteError = null;
});
afterEach(() => {
  cleanup();
  vi.restoreAllMocks();
  clipboard.writeText.mockClear();
});

const cacheDump = (client: ReturnType<typeof renderWithProviders>['client']) =>
  JSON.stringify([
    client.getQueryCache().getAll().map((q) => [q.queryKey, q.state.data]),
    client.getMutationCache().getAll().map((m) => [m.state.data, m.state.variables]),
  ]);

async function fillInvite() {
  fireEvent.click(screen.getByTestId('invite-button'));
  // The roles are the served catalog's, each with its description.
  expect(await screen.findByTestId('invite-role-DISPATCH')).toBeTruthy();
  expect(screen.getByText('What DISPATCH does')).toBeTruthy();
  expect(screen.getByTestId('invite-submit')).toHaveProperty('disabled', true);
  fireEvent.change(screen.getByTestId('invite-name'), { target: { value: ' Quentin Harbor ' } });
  fireEvent.change(screen.getByTestId('invite-email'), { target: { value: 'quentin.harbor@demo-clinic.test' } });
  fireEvent.click(screen.getByTestId('invite-role-MEMBER'));
  // A reason is what the audit trail records: nothing is sent without one.
  expect(screen.getByTestId('invite-submit')).toHaveProperty('disabled', true);
  fireEvent.change(screen.getByTestId('invite-reason'), { target: { value: 'joins the front desk' } });
}

describe('inviting a staff member', () => {
  it('sends name, email, catalog roles and reason, then shows the link once and forgets it', async () => {
    const { client } = renderWithProviders(<InvitationsButtons profile="Demo" />);
    await fillInvite();
    fireEvent.click(screen.getByTestId('invite-submit'));

    const dialog = await screen.findByTestId('invite-link-dialog');
    expect(sent('invite_staff')).toEqual([
      {
        profile: 'Demo',
        invite: { display_name: 'Quentin Harbor', email: 'quentin.harbor@demo-clinic.test', roles: ['MEMBER'], reason: 'joins the front desk' },
      },
    ]);
    expect(screen.getByTestId('invite-link').textContent).toBe(LINK);
    expect(screen.getByTestId('invite-code').textContent).toBe('inv_S3cr3tC0de');
    expect(dialog.textContent).toMatch(/This link will not be shown again\. Send it now\./);

    // Closing before copying asks first: the link cannot be shown again.
    fireEvent.click(screen.getByTestId('invite-link-close'));
    expect(await screen.findByTestId('invite-link-ask')).toBeTruthy();
    fireEvent.click(screen.getByText('Go back'));
    fireEvent.click(screen.getByTestId('invite-link-copy'));
    expect(await screen.findByTestId('invite-link-copied')).toHaveProperty('textContent', 'Copied — the clipboard is cleared in 30 s');
    expect(clipboard.writeText).toHaveBeenCalledWith(LINK);
    // Rust gets the digest only, never the link.
    expect(JSON.stringify(calls)).not.toContain('inv_S3cr3tC0de');

    fireEvent.click(screen.getByTestId('invite-link-close'));
    await waitFor(() => expect(screen.queryByTestId('invite-link-dialog')).toBeNull());
    expect(document.body.innerHTML).not.toContain('inv_S3cr3tC0de');
    expect(cacheDump(client)).not.toContain('inv_S3cr3tC0de');
  });

  it("keeps the form and shows the platform's words when it refuses", async () => {
    inviteError = { code: 'rejected', message: 'quentin.harbor@demo-clinic.test is already the email of another staff member' };
    renderWithProviders(<InvitationsButtons profile="Demo" />);
    await fillInvite();
    fireEvent.click(screen.getByTestId('invite-submit'));
    expect(await screen.findByText(/already the email of another staff member/)).toBeTruthy();
    expect(screen.getByText('Nobody was invited.')).toBeTruthy();
    expect(screen.getByTestId('invite-name')).toHaveProperty('value', ' Quentin Harbor ');
    expect(screen.queryByTestId('invite-link-dialog')).toBeNull();
  });
});

describe('pending invitations', () => {
  it('re-sends with a reason and the version read, showing the new link', async () => {
    pending = [invitation({ expires_at: NOW - 60 })];
    renderWithProviders(<InvitationsButtons profile="Demo" />);
    fireEvent.click(screen.getByTestId('invitations-button'));
    const row = await screen.findByTestId('invitation-row');
    expect(row.textContent).toContain('Quentin Harbor');
    expect(row.textContent).toContain('Olivia Owner');
    expect(within(row).getByTestId('invitation-expired')).toBeTruthy();

    fireEvent.click(within(row).getByTestId('invitation-resend'));
    expect(screen.getByTestId('invitation-confirm-submit')).toHaveProperty('disabled', true);
    fireEvent.change(screen.getByTestId('invitation-reason'), { target: { value: 'the link expired' } });
    fireEvent.click(screen.getByTestId('invitation-confirm-submit'));
    expect((await screen.findByTestId('invite-link')).textContent).toBe(NEW_LINK);
    expect(sent('resend_invitation')).toEqual([{ profile: 'Demo', id: 'inv_1', expectedVersion: 1, reason: 'the link expired' }]);
  });

  it('withdraws only once confirmed with a reason', async () => {
    pending = [invitation()];
    renderWithProviders(<InvitationsButtons profile="Demo" />);
    fireEvent.click(screen.getByTestId('invitations-button'));
    fireEvent.click(within(await screen.findByTestId('invitation-row')).getByTestId('invitation-withdraw'));
    expect(screen.getByTestId('invitation-confirm').textContent).toMatch(/removed from the directory/);
    expect(sent('withdraw_invitation')).toEqual([]);
    fireEvent.change(screen.getByTestId('invitation-reason'), { target: { value: 'hired elsewhere' } });
    fireEvent.click(screen.getByTestId('invitation-confirm-submit'));
    await waitFor(() => expect(sent('withdraw_invitation')).toEqual([{ profile: 'Demo', id: 'inv_1', expectedVersion: 1, reason: 'hired elsewhere' }]));
    expect(await screen.findByText('Nobody is waiting to accept an invitation.')).toBeTruthy();
  });
});
