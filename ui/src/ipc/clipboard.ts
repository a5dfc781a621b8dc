// The only module that touches the system clipboard. The window may write and clear it, never
// read it (the capability does not grant read-text). So the "clear it later, but only if it
// still holds the secret" check runs in Rust: this module writes the secret and hands Rust only
// its SHA-256 digest, never the secret. Whatever the person copied since is theirs to keep.
import { clear, writeText } from '@tauri-apps/plugin-clipboard-manager';

import { toIpcError } from './errors';
import { call } from './invoke';

/**
 * Writes a secret to the clipboard and has Rust clear it after a while if it is still there.
 * Resolves with that delay in seconds; rejects with an IpcError when the clipboard cannot be
 * used (the secret can still be selected and copied by hand).
 */
export async function copySecret(text: string): Promise<number> {
  let digest: string;
  try {
    // Before writing: a secret is never left on the clipboard with nothing to clear it.
    digest = await sha256Hex(text);
    await writeText(text);
  } catch (e) {
    throw toIpcError(e);
  }
  try {
    return await call<number>('clear_clipboard_if', { sha256Hex: digest });
  } catch (e) {
    // Nothing would clear it later, so it does not stay: the person copies it by hand instead.
    await clear().catch(() => {});
    throw toIpcError(e);
  }
}

async function sha256Hex(text: string): Promise<string> {
  const bytes = await crypto.subtle.digest('SHA-256', new TextEncoder().encode(text));
  return Array.from(new Uint8Array(bytes), (b) => b.toString(16).padStart(2, '0')).join('');
}
