import { useThrottledValue } from '@mantine/hooks';

import { useCachedPage, useSearchUsersWindows, type DirectoryPage, type DirectoryQuery, type User } from '../../ipc';
import { locate, WINDOW_SIZE, windowsFor } from './windows';

/** A search without its window: what the person typed and picked. */
export type DirectoryFilter = Omit<DirectoryQuery, 'offset' | 'limit'>;

export const windowQuery = (filter: DirectoryFilter, window: number): DirectoryQuery => ({
  ...filter,
  offset: window * WINDOW_SIZE,
  limit: WINDOW_SIZE,
});

/** How often windows are fetched while the range keeps moving (a scrollbar drag): at most 10/s. */
const FETCH_EVERY_MS = 100;

/**
 * Row lookup for rows `first..last` of a search. Window 0 (`head`) is fetched by the screen,
 * which needs its total and timing whatever the scroll position; the other windows load here
 * as they come into view. A drag through a million rows would otherwise ask for every window
 * it passes (a deep OFFSET costs the cache a scan), so fetching follows the range throttled,
 * while rows already fetched show at once.
 */
export function useDirectoryRows(
  profile: string,
  filter: DirectoryFilter,
  head: DirectoryPage | undefined,
  first: number,
  last: number,
): (index: number) => User | undefined {
  const fetchFirst = useThrottledValue(first, FETCH_EVERY_MS);
  const fetchLast = useThrottledValue(last, FETCH_EVERY_MS);
  const windows = windowsFor(fetchFirst, fetchLast).filter((w) => w !== 0);
  const results = useSearchUsersWindows(
    profile,
    windows.map((w) => windowQuery(filter, w)),
  );
  const cached = useCachedPage(profile);

  const pages = new Map<number, DirectoryPage | undefined>(windows.map((w, i) => [w, results[i]?.data]));
  pages.set(0, head);
  return (index) => {
    const { window, slot } = locate(index);
    const page = pages.has(window) ? pages.get(window) : cached(windowQuery(filter, window));
    return page?.rows[slot];
  };
}
