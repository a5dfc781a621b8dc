import { useSearchUsersWindows, type DirectoryPage, type DirectoryQuery, type User } from '../../ipc';
import { locate, WINDOW_SIZE, windowsFor } from './windows';

/** A search without its window: what the person typed and picked. */
export type DirectoryFilter = Omit<DirectoryQuery, 'offset' | 'limit'>;

export const windowQuery = (filter: DirectoryFilter, window: number): DirectoryQuery => ({
  ...filter,
  offset: window * WINDOW_SIZE,
  limit: WINDOW_SIZE,
});

/**
 * Row lookup for rows `first..last` of a search. Window 0 (`head`) is fetched by the screen,
 * which needs its total and timing whatever the scroll position; the other windows load here
 * as they come into view.
 */
export function useDirectoryRows(
  profile: string,
  filter: DirectoryFilter,
  head: DirectoryPage | undefined,
  first: number,
  last: number,
): (index: number) => User | undefined {
  const windows = windowsFor(first, last).filter((w) => w !== 0);
  const results = useSearchUsersWindows(
    profile,
    windows.map((w) => windowQuery(filter, w)),
  );
  const pages = new Map<number, DirectoryPage | undefined>(windows.map((w, i) => [w, results[i]?.data]));
  pages.set(0, head);
  return (index) => {
    const { window, slot } = locate(index);
    return pages.get(window)?.rows[slot];
  };
}
