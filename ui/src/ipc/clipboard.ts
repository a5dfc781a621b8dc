// The only module that touches the system clipboard. A copied secret is cleared again after a
// short while, but only if the clipboard still holds it: whatever the person copied since is
// theirs, not ours to wipe.
import { clear, readText, writeText } from '@tauri-apps/plugin-clipboard-manager';

import { toIpcError } from './errors';

/** How long a copied secret stays on the clipboard. */
export const CLEAR_AFTER_MS = 30_000;

/**
 * Writes a secret to the clipboard and schedules its removal. Resolves once it is written;
 * rejects with an IpcError when the clipboard cannot be used (the secret can still be selected
 * and copied by hand).
 */
export async function copySecret(text: string): Promise<void> {
  try {
    await writeText(text);
  } catch (e) {
    throw toIpcError(e);
  }
  setTimeout(() => void clearIfStill(text), CLEAR_AFTER_MS);
}

async function clearIfStill(text: string) {
  try {
    if ((await readText()) === text) await clear();
  } catch {
    // An empty or non-text clipboard holds nothing of ours; there is nobody to tell either.
  }
}
