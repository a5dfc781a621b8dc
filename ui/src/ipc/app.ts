// The app itself: which build it is, where it keeps its files (src-tauri/src/commands/app.rs).
import { queryOptions, useMutation, useQuery } from '@tanstack/react-query';

import { call } from './invoke';

/** Mirrors `AppInfo` in src-tauri/src/commands/app.rs (the shell's type, not a core binding). */
export type AppInfo = {
  /** The workspace version. */
  version: string;
  /** Git's short hash of the commit built, or "unknown". */
  commit: string;
  /** That commit's date (YYYY-MM-DD), or "unknown". */
  commit_date: string;
  data_dir: string;
  config_dir: string;
  log_dir: string;
};

export const appInfo = () => call<AppInfo>('app_info');

/** Fixed for a run of the app, so read once. */
export const appInfoQuery = () => queryOptions({ queryKey: ['app-info'], queryFn: appInfo, staleTime: Infinity });

export const useAppInfo = (enabled = true) => useQuery({ ...appInfoQuery(), enabled });

/** Opens the log folder in the file manager; the window names no path, Rust picks the folder. */
export const useOpenLogFolder = () => useMutation({ mutationFn: () => call<null>('open_log_folder') });

/**
 * Tells the app its first meaningful screen is on screen, for the startup trace
 * (src-tauri/src/startup_trace.rs). Once per run, two animation frames after the screen is
 * committed: the first frame paints it, the second runs once that paint is done. It is sent
 * after the screen is painted, so it never delays it; without the trace the app ignores it.
 */
let firstScreenReported = false;
export function reportFirstScreen() {
  if (firstScreenReported) return;
  firstScreenReported = true;
  requestAnimationFrame(() =>
    requestAnimationFrame(() => {
      call<null>('first_screen_painted').catch(() => {});
    }),
  );
}
