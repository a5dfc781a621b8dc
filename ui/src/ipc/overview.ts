// The Overview's counts (src-tauri/src/commands/overview.rs).
import { queryOptions, useQuery } from '@tanstack/react-query';

import type { Overview, PlatformOverview } from './bindings';
import { directoryRoot } from './directory';
import { call } from './invoke';

/** People, staff roles and households, counted in the local copy (no network). */
export const overview = (profile: string) => call<Overview>('overview', { profile });

/** Under the directory's key: every sync that changes the copy refreshes the counts too. */
export const overviewQuery = (profile: string) =>
  queryOptions({ queryKey: [...directoryRoot(profile), 'overview'], queryFn: () => overview(profile) });

export const useOverview = (profile: string, enabled = true) => useQuery({ ...overviewQuery(profile), enabled });

/** Seconds east of UTC here and now: the audit chart's days are the window's own dates. */
export const utcOffsetSeconds = (at: Date = new Date()) => -at.getTimezoneOffset() * 60;

/** Key expiry and audit activity, from the platform, as far as the person's rights allow. */
export const platformOverview = (profile: string) =>
  call<PlatformOverview>('platform_overview', { profile, utcOffset: utcOffsetSeconds() });

/** Read from the server: kept for a minute, so switching tabs does not ask again each time. */
export const usePlatformOverview = (profile: string, enabled = true) =>
  useQuery({ queryKey: ['overview', profile, 'platform'], queryFn: () => platformOverview(profile), staleTime: 60_000, enabled });
