import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';

import { answer } from '../test/backend';
import { copySecret } from './clipboard';

// The system clipboard as the plugin exposes it to the window (write and clear only), and the
// Rust side's clear_clipboard_if, recorded. The real check after the delay is Rust's
// (src-tauri/src/commands/clipboard.rs, and tests/e2e/window.test.mjs in the real window).
const board = vi.hoisted(() => ({ text: '' as string, writeFails: false, scheduleFails: false, scheduled: [] as unknown[] }));
const plugin = vi.hoisted(() => ({
  writeText: vi.fn(async (text: string) => {
    if (board.writeFails) throw 'clipboard unavailable';
    board.text = text;
  }),
  clear: vi.fn(async () => {
    board.text = '';
  }),
}));
vi.mock('@tauri-apps/plugin-clipboard-manager', () => plugin);
answer({
  clear_clipboard_if: (args) => {
    if (board.scheduleFails) throw { code: 'internal', message: 'the app is shutting down' };
    board.scheduled.push(args);
    return 30;
  },
});

beforeEach(() => {
  Object.assign(board, { text: '', writeFails: false, scheduleFails: false, scheduled: [] });
});
afterEach(() => vi.clearAllMocks());

const SECRET = 'acx_live_k7Qm2_9f8e7d6c5b4a39281706f5e4d3c2b1a0_x1y2';
// Known answers, computed outside this code with `printf '%s' TEXT | sha256sum`.
const DIGEST = '86882999e22da9c2135c26aa29d1bb3b4f694cb2de9af494ccb69e62a5b4d3cd';
const UNICODE = 'clé—секрет';
const UNICODE_DIGEST = '3eb444dd059b0127fb9b0cd6d6c2947be33d3888f4613813196be729e0260c13';

describe('copySecret', () => {
  it('writes the secret and hands Rust only its SHA-256 digest, resolving with the delay', async () => {
    await expect(copySecret(SECRET)).resolves.toBe(30);
    expect(plugin.writeText).toHaveBeenCalledWith(SECRET);
    expect(board.text).toBe(SECRET);
    expect(board.scheduled).toEqual([{ sha256Hex: DIGEST }]);
    // The secret itself never goes back over IPC.
    expect(JSON.stringify(board.scheduled)).not.toContain(SECRET);
    // Clearing is Rust's job, after the delay; the window does not clear at once.
    expect(plugin.clear).not.toHaveBeenCalled();
  });

  it('digests exactly the UTF-8 bytes Rust will read back', async () => {
    await copySecret(UNICODE);
    expect(board.scheduled).toEqual([{ sha256Hex: UNICODE_DIGEST }]);
  });

  it('says so when the clipboard cannot be written, and schedules nothing', async () => {
    board.writeFails = true;
    await expect(copySecret(SECRET)).rejects.toEqual({ code: 'internal', message: 'clipboard unavailable' });
    expect(board.scheduled).toEqual([]);
  });

  it('takes the secret off the clipboard again when nothing could clear it later', async () => {
    board.scheduleFails = true;
    await expect(copySecret(SECRET)).rejects.toEqual({ code: 'internal', message: 'the app is shutting down' });
    expect(plugin.clear).toHaveBeenCalledTimes(1);
    expect(board.text).toBe('');
  });
});
