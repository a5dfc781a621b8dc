import type { QueryClient } from '@tanstack/react-query';
import { cleanup, fireEvent, screen, waitFor, within } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';

import type { ApiKey, OneTimeSecret } from '../../ipc';
import { LockedContext } from '../../lib/locked';
import { answer, calls, renderWithProviders, sent } from '../../test/backend';
import { AccountDetail } from './AccountDetail';
import { account, apiKey, NOW } from './testData';
import { formatTime } from './time';

const SECRET = 'acx_live_N3wK3_Zt5mQ8vR2xY7wP4kL9nB6cD1fG3hJ0_c4f1';
const CLIENT_SECRET = 'acx_cs_8Hq2Lm5Nv7Rt0Wy3Zb6Dc9Fg1Jk4';
const DAY = 86_400;

let keys: ApiKey[];
let createError: { code: string; message: string } | null;

// The backend as the window sees it: the ipc layer is real, only the Tauri bridge is faked.
answer({
  // The organization's rotation overlap is 6 hours (the platform reports it with the session).
  current_session: () => ({ profile: 'Demo', can_keep_copy: true, me: { key_rotation_overlap_hours: 6 } }),
  api_keys: () => keys.map((k) => ({ ...k })),
  get_user: (args) => args.id === 'usr_olivia_owner' ? { user: { id: 'usr_olivia_owner', display_name: 'Olivia Owner' }, household: {} } : null,
  service_accounts: () => [account()],
  create_api_key: (args) => {
    if (createError) throw createError;
    const { name, expires_at } = args.key as { name: string; expires_at: number };
    const key = apiKey({ id: 'key_new', name, prefix: 'acx_live_N3wK3', created_at: NOW, expires_at, last_used_at: null, last_used_from: null });
    keys = [key, ...keys];
    return { key, replaced: null, client_id: null, secret: SECRET } satisfies OneTimeSecret;
  },
  rotate_api_key: (args) => {
    const { name, expires_at, overlap_seconds } = args.rotate as { name: string; expires_at: number; overlap_seconds: number };
    const key = apiKey({ id: 'key_new', name, prefix: 'acx_live_N3wK3', created_at: NOW, expires_at, last_used_at: null, last_used_from: null });
    const old = keys.find((k) => k.id === args.keyId) as ApiKey;
    const replaced = { ...old, expires_at: NOW + overlap_seconds, replaced_by: key.id };
    keys = [key, ...keys.map((k) => (k.id === old.id ? replaced : k))];
    return { key, replaced, client_id: null, secret: SECRET } satisfies OneTimeSecret;
  },
  key_action: (args) => {
    const status = { disable: 'disabled', enable: 'active', revoke: 'revoked' }[args.action as string] as ApiKey['status'];
    keys = keys.map((k) => (k.id === args.keyId ? { ...k, status } : k));
    return keys.find((k) => k.id === args.keyId);
  },
  rotate_client_secret: () => ({ key: null, replaced: null, client_id: 'cli_reminders', secret: CLIENT_SECRET }),
  // Rust decides the delay (30 s unless a test shortens it); the dialog says what it was told.
  clear_clipboard_if: () => 45,
});

const clipboard = vi.hoisted(() => ({ writeText: vi.fn(async () => {}), clear: vi.fn(async () => {}) }));
vi.mock('@tauri-apps/plugin-clipboard-manager', () => clipboard);

let client: QueryClient;
beforeEach(() => {
  // Relative times and "stops at" are computed from now: a fixed now makes them exact.
  vi.spyOn(Date, 'now').mockReturnValue(NOW * 1000);
  keys = [apiKey()];
  createError = null;
});
afterEach(() => {
  cleanup();
  vi.restoreAllMocks();
  clipboard.writeText.mockClear();
});

const detail = (locked: boolean) => (
  <LockedContext value={locked}>
    <AccountDetail profile="Demo" account={account()} onBack={() => {}} />
  </LockedContext>
);

let rerender: (ui: React.ReactNode) => void;

function renderDetail() {
  ({ client, rerender } = renderWithProviders(detail(false)));
  return screen.findAllByTestId('key-row');
}

/** Everything the QueryClient holds: every query's data and every mutation's result and arguments. */
const cacheDump = () =>
  JSON.stringify([
    client.getQueryCache().getAll().map((q) => [q.queryKey, q.state.data]),
    client.getMutationCache().getAll().map((m) => [m.state.data, m.state.variables]),
  ]);

const row = (prefix: string) => document.querySelector(`[data-testid="key-row"][data-key-prefix="${prefix}"]`) as HTMLElement;

async function createKey(name: string) {
  fireEvent.click(screen.getByTestId('key-create'));
  fireEvent.change(await screen.findByTestId('key-name'), { target: { value: name } });
  fireEvent.click(screen.getByTestId('key-create-submit'));
  return screen.findByTestId('key-secret-dialog');
}

describe('the keys table', () => {
  it('names who created a key from the directory, not by id', async () => {
    const [first] = await renderDetail();
    await waitFor(() => expect(first?.textContent).toContain('by Olivia Owner'));
    expect(first?.textContent).not.toContain('usr_olivia_owner');
  });
});

describe('creating a key', () => {
  it('shows the secret once, copies it through the clipboard module, and forgets it on close', async () => {
    await renderDetail();
    // Nothing can be sent without a name.
    fireEvent.click(screen.getByTestId('key-create'));
    expect(await screen.findByTestId('key-create-submit')).toHaveProperty('disabled', true);
    fireEvent.change(screen.getByTestId('key-name'), { target: { value: ' reminders staging ' } });
    fireEvent.click(screen.getByTestId('key-create-submit'));

    const dialog = await screen.findByTestId('key-secret-dialog');
    // The default expiry is 90 days from now, sent as Unix seconds.
    expect(sent('create_api_key')).toEqual([{ profile: 'Demo', accountId: 'usr_sa_reminders', key: { name: 'reminders staging', expires_at: NOW + 90 * DAY } }]);
    // Exactly the secret, nothing around it, so what is selected and copied is the key.
    expect(screen.getByTestId('key-secret').textContent).toBe(SECRET);
    expect(dialog.textContent).toMatch(/This key will not be shown again\. Store it now\./);

    fireEvent.click(screen.getByTestId('key-copy'));
    expect(await screen.findByTestId('key-copied')).toHaveProperty('textContent', 'Copied — the clipboard is cleared in 45 s');
    expect(clipboard.writeText).toHaveBeenCalledWith(SECRET);
    // Rust is asked to clear it later, given only its digest (the secret does not go back).
    expect(sent('clear_clipboard_if')).toHaveLength(1);
    expect(JSON.stringify(calls)).not.toContain(SECRET);

    // The key lists are read again (they hold the new key's prefix, never its secret).
    await waitFor(() => expect(sent('api_keys').length).toBeGreaterThan(1));
    await screen.findByText('acx_live_N3wK3…');

    // Copied, so closing asks nothing.
    fireEvent.click(screen.getByTestId('key-secret-close'));
    await waitFor(() => expect(screen.queryByTestId('key-secret-dialog')).toBeNull());
    expect(document.body.innerHTML).not.toContain(SECRET);
    // Nor is it anywhere in the query or mutation cache: it lived only in the dialog's state.
    expect(cacheDump()).not.toContain(SECRET);
    expect(cacheDump()).toContain('acx_live_N3wK3');
  });

  it('drops a key shown once when the window locks for inactivity', async () => {
    await renderDetail();
    await createKey('reminders staging');
    expect(document.body.innerHTML).toContain(SECRET);
    // The screen stays mounted under the lock (to resume), but the key must not.
    rerender(detail(true));
    await waitFor(() => expect(document.body.innerHTML).not.toContain(SECRET));
    rerender(detail(false));
    expect(screen.queryByTestId('key-secret-dialog')).toBeNull();
  });

  it('asks "Have you stored the key?" when closing without having copied it', async () => {
    await renderDetail();
    await createKey('reminders staging');
    fireEvent.click(screen.getByTestId('key-secret-close'));
    const ask = await screen.findByTestId('key-secret-ask');
    expect(ask.textContent).toContain('Have you stored the key?');
    // Still there: going back leaves the key on screen.
    fireEvent.click(screen.getByTestId('key-secret-close-cancel'));
    expect(screen.getByTestId('key-secret').textContent).toBe(SECRET);
    fireEvent.click(screen.getByTestId('key-secret-close'));
    fireEvent.click(await screen.findByTestId('key-secret-close-confirm'));
    await waitFor(() => expect(screen.queryByTestId('key-secret-dialog')).toBeNull());
    expect(document.body.innerHTML).not.toContain(SECRET);
    expect(clipboard.writeText).not.toHaveBeenCalled();
  });

  it('explains a refusal in words and shows no dialog', async () => {
    createError = { code: 'rejected', message: 'Appointment reminders already has 2 working keys, the most an account may hold.' };
    await renderDetail();
    fireEvent.click(screen.getByTestId('key-create'));
    fireEvent.change(await screen.findByTestId('key-name'), { target: { value: 'third' } });
    fireEvent.click(screen.getByTestId('key-create-submit'));
    const alert = await screen.findByTestId('error-alert');
    expect(alert.textContent).toContain('The key was not created.');
    expect(alert.textContent).toContain('already has 2 working keys');
    expect(screen.queryByTestId('key-secret-dialog')).toBeNull();
  });
});

describe('revoking a key', () => {
  it('needs the prefix typed exactly, then revokes it and shows it revoked', async () => {
    await renderDetail();
    fireEvent.click(within(row('acx_live_k7Qm2')).getByTestId('key-revoke'));
    const dialog = await screen.findByTestId('key-revoke-dialog');
    // Said before it happens: final, immediate, and when the key was last used.
    expect(dialog.textContent).toContain('immediate and final');
    expect(screen.getByTestId('key-revoke-last-used').textContent).toBe(`Last used 2 h ago (${formatTime(NOW - 7_200)}) from 203.0.113.7.`);

    const confirm = screen.getByTestId('key-revoke-confirm');
    expect(confirm).toHaveProperty('disabled', true);
    const input = screen.getByTestId('key-revoke-confirm-input');
    for (const wrong of ['acx_live_k7Qm', 'ACX_LIVE_K7QM2', 'acx_live_k7Qm2 ', 'acx_live_k7Qm2x']) {
      fireEvent.change(input, { target: { value: wrong } });
      expect(confirm).toHaveProperty('disabled', true);
    }
    fireEvent.click(confirm);
    expect(sent('key_action')).toEqual([]);

    fireEvent.change(input, { target: { value: 'acx_live_k7Qm2' } });
    expect(confirm).toHaveProperty('disabled', false);
    fireEvent.click(confirm);
    await waitFor(() => expect(row('acx_live_k7Qm2').textContent).toMatch(/revoked/i));
    expect(sent('key_action')).toEqual([{ profile: 'Demo', accountId: 'usr_sa_reminders', keyId: 'key_old', action: 'revoke' }]);
    expect(screen.queryByTestId('key-revoke-dialog')).toBeNull();
    // A revoked key offers nothing more: it cannot be enabled or rotated.
    expect(within(row('acx_live_k7Qm2')).queryByRole('button')).toBeNull();
  });

  it('disables in one click and says it can be undone', async () => {
    await renderDetail();
    fireEvent.click(within(row('acx_live_k7Qm2')).getByTestId('key-disable'));
    const notice = await screen.findByTestId('key-notice');
    expect(notice.textContent).toContain('Enable it to let it work again');
    expect(sent('key_action')).toEqual([{ profile: 'Demo', accountId: 'usr_sa_reminders', keyId: 'key_old', action: 'disable' }]);
    fireEvent.click(within(row('acx_live_k7Qm2')).getByTestId('key-enable'));
    await waitFor(() => expect(sent('key_action').at(-1)?.action).toBe('enable'));
  });
});

describe('rotating a key', () => {
  it('shows the last use and exactly when the old key stops, from the chosen overlap', async () => {
    await renderDetail();
    fireEvent.click(within(row('acx_live_k7Qm2')).getByTestId('key-rotate'));
    await screen.findByTestId('key-rotate-dialog');
    expect(screen.getByTestId('key-rotate-last-used').textContent).toContain('from 203.0.113.7');
    // The organization's setting by default, marked among the choices.
    await waitFor(() => expect(screen.getByTestId('key-rotate-old-stops').textContent).toContain(`until ${formatTime(NOW + 6 * 3_600)} (in 6 h)`));
    expect(screen.getByText('6 hours (default)')).toBeTruthy();
    fireEvent.click(screen.getByText('24 hours'));
    expect(screen.getByTestId('key-rotate-old-stops').textContent).toContain(`until ${formatTime(NOW + DAY)} (in 1 day)`);
    fireEvent.click(screen.getByText('1 hour'));
    expect(screen.getByTestId('key-rotate-old-stops').textContent).toContain(`until ${formatTime(NOW + 3_600)} (in 1 h)`);
    fireEvent.click(screen.getByText('7 days'));
    expect(screen.getByTestId('key-rotate-old-stops').textContent).toContain(`until ${formatTime(NOW + 7 * DAY)} (in 7 days)`);
    fireEvent.click(screen.getByText('1 hour'));
    // The new key is named after the old one unless changed.
    expect(screen.getByTestId('key-rotate-name')).toHaveProperty('value', 'reminders prod');

    fireEvent.click(screen.getByTestId('key-rotate-submit'));
    await screen.findByTestId('key-secret-dialog');
    expect(sent('rotate_api_key')).toEqual([
      { profile: 'Demo', accountId: 'usr_sa_reminders', keyId: 'key_old', rotate: { name: 'reminders prod', expires_at: NOW + 90 * DAY, overlap_seconds: 3_600 } },
    ]);
    expect(screen.getByTestId('key-secret').textContent).toBe(SECRET);
    // The server's word on the old key's new expiry, not the dialog's estimate.
    expect(screen.getByTestId('key-secret-replaced').textContent).toContain(`keeps working until ${formatTime(NOW + 3_600)}`);
  });

  it('stops the old key at its own expiry when that comes before the end of the overlap', async () => {
    keys = [apiKey({ expires_at: NOW + 2 * 3_600 })];
    await renderDetail();
    fireEvent.click(within(row('acx_live_k7Qm2')).getByTestId('key-rotate'));
    const stops = await screen.findByTestId('key-rotate-old-stops');
    expect(stops.textContent).toContain(`until ${formatTime(NOW + 2 * 3_600)}`);
    expect(stops.textContent).toContain('Its own expiry comes before the end of the overlap');
  });
});

describe('the M2M client secret', () => {
  it('warns that the old secret stops at once, then shows the client id with the new secret once', async () => {
    renderWithProviders(<AccountDetail profile="Demo" account={account({ client_id: 'cli_reminders' })} onBack={() => {}} />);
    fireEvent.click(await screen.findByTestId('client-secret-rotate'));
    expect((await screen.findByTestId('client-secret-confirm-dialog')).textContent).toContain('stops working at once');
    expect(sent('rotate_client_secret')).toEqual([]);
    fireEvent.click(screen.getByTestId('client-secret-confirm'));
    await screen.findByTestId('key-secret-dialog');
    expect(sent('rotate_client_secret')).toEqual([{ profile: 'Demo', accountId: 'usr_sa_reminders' }]);
    expect(screen.getByTestId('client-id').textContent).toBe('cli_reminders');
    expect(screen.getByTestId('key-secret').textContent).toBe(CLIENT_SECRET);
    expect(screen.getByTestId('key-secret-dialog').textContent).toContain('This client secret will not be shown again.');
  });
});
