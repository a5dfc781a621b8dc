// The only module that talks to the Rust side. Everything else calls the typed functions in
// this folder, so a rejected call always arrives as an IpcError.
import { invoke } from '@tauri-apps/api/core';

import { toIpcError } from './errors';

export async function call<T>(command: string, args?: Record<string, unknown>): Promise<T> {
  try {
    return await invoke<T>(command, args);
  } catch (e) {
    throw toIpcError(e);
  }
}
