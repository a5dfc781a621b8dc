import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';

import { CLEAR_AFTER_MS, copySecret } from './clipboard';

// The system clipboard as the plugin exposes it, kept in a variable.
const board = vi.hoisted(() => ({ text: '' as string, fail: false }));
const plugin = vi.hoisted(() => ({
  writeText: vi.fn(async (text: string) => {
    if (board.fail) throw 'clipboard unavailable';
    board.text = text;
  }),
  readText: vi.fn(async () => board.text),
  clear: vi.fn(async () => {
    board.text = '';
  }),
}));
vi.mock('@tauri-apps/plugin-clipboard-manager', () => plugin);

beforeEach(() => {
  vi.useFakeTimers();
  board.text = '';
  board.fail = false;
});
afterEach(() => {
  vi.useRealTimers();
  vi.clearAllMocks();
});

const SECRET = 'acx_live_k7Qm2_9f8e7d6c5b4a39281706f5e4d3c2b1a0_x1y2';

describe('copySecret', () => {
  it('puts the secret on the clipboard and clears it 30 s later while it is still there', async () => {
    await copySecret(SECRET);
    expect(plugin.writeText).toHaveBeenCalledWith(SECRET);
    expect(board.text).toBe(SECRET);

    // Not a moment early: the owner has 30 s to paste it.
    await vi.advanceTimersByTimeAsync(CLEAR_AFTER_MS - 1);
    expect(plugin.readText).not.toHaveBeenCalled();
    expect(board.text).toBe(SECRET);

    await vi.advanceTimersByTimeAsync(1);
    expect(plugin.clear).toHaveBeenCalledTimes(1);
    expect(board.text).toBe('');
  });

  it('leaves alone whatever the person copied after it', async () => {
    await copySecret(SECRET);
    // They copied something else since: that is theirs, and wiping it would lose their work.
    board.text = 'an address I am about to paste';
    await vi.advanceTimersByTimeAsync(CLEAR_AFTER_MS);
    expect(plugin.readText).toHaveBeenCalledTimes(1);
    expect(plugin.clear).not.toHaveBeenCalled();
    expect(board.text).toBe('an address I am about to paste');
  });

  it('says so when the clipboard cannot be written, and schedules nothing', async () => {
    board.fail = true;
    await expect(copySecret(SECRET)).rejects.toEqual({ code: 'internal', message: 'clipboard unavailable' });
    await vi.advanceTimersByTimeAsync(CLEAR_AFTER_MS);
    expect(plugin.readText).not.toHaveBeenCalled();
  });
});
