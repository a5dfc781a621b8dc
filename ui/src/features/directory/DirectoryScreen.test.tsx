import { act, cleanup, fireEvent, screen, waitFor, within } from '@testing-library/react';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';

import type { DirectoryPage, DirectoryQuery, RoleInfo, SessionView, SyncStatus, User } from '../../ipc';
import { answer, calls, renderWithProviders, sent } from '../../test/backend';
import { DirectoryScreen } from './DirectoryScreen';
import type { DirectorySlots } from './slots';
import { person } from './testData';

const people: User[] = Array.from({ length: 500 }, (_, i) =>
  person({ id: `usr_${i}`, display_name: `Person ${String(i).padStart(3, '0')}`, email: `p${i}@example.org` }),
);
let cached = people; // what the local cache holds
let answeredBy: Partial<DirectoryPage> = {}; // who answers a search (the local copy unless set)
// A catalog this test invents: the role filter offers what the platform serves, nothing else.
const catalog: RoleInfo[] = (['THERAPIST', 'DISPATCH'] as const).map((role) => ({ role, description: '', grants: [], sensitive: false, provider: false }));
let sync: SyncStatus;

// The backend as the window sees it: the ipc layer is real, only the Tauri bridge is faked.
answer({
  sync_now: () => sync,
  sync_status: () => sync,
  role_catalog: () => catalog,
  get_user: (args) => {
    const user = cached.find((p) => p.id === args.id);
    return user ? { user, household: { guardian: null, dependents: [], shared_email: false, shared_phone: false } } : null;
  },
  search_users: (args) => searchCache(args.query as DirectoryQuery),
});

function searchCache(q: DirectoryQuery): DirectoryPage {
  const hits = cached.filter((p) => p.display_name.toLowerCase().includes(q.text.toLowerCase()));
  return { rows: hits.slice(q.offset, q.offset + q.limit), total: hits.length, took_ms: 3, ...answeredBy } as DirectoryPage;
}

// jsdom lays nothing out; give the table's scroller a viewport so the virtualizer shows rows.
const clientHeight = Object.getOwnPropertyDescriptor(HTMLElement.prototype, 'clientHeight');
beforeAll(() => {
  Object.defineProperty(HTMLElement.prototype, 'clientHeight', {
    configurable: true,
    get(this: HTMLElement) {
      return this.getAttribute('role') === 'grid' ? 36 * 11 : 0;
    },
  });
});
afterAll(() => {
  if (clientHeight) Object.defineProperty(HTMLElement.prototype, 'clientHeight', clientHeight);
});
afterEach(() => {
  cleanup();
  cached = people;
  answeredBy = {};
  answer({ search_users: (args) => searchCache(args.query as DirectoryQuery) });
});

const session = (permissions: SessionView['me']['permissions']): SessionView => ({
  profile: 'Demo',
  can_keep_copy: true,
  me: {
    user_id: 'u',
    display_name: 'Sam Support',
    email: null,
    kind: 'STAFF',
    organization: { id: 'o', name: 'Org' },
    staff_roles: ['SUPPORT'],
    config_role: null,
    permissions,
  },
});

function renderScreen(status: Partial<SyncStatus> = {}, slots?: DirectorySlots) {
  sync = { phase: 'idle', last_synced_at: Math.floor(Date.now() / 1000) - 120, last_full_sync_at: null, done: 0, total: null, rate_per_sec: null, offline: false, error: null, user_count: 500, ...status };
  renderWithProviders(<DirectoryScreen session={session(['directory_read', 'staff_read'])} slots={slots} />);
}

describe('DirectoryScreen', () => {
  it('starts one sync, lists the matches and says how many', async () => {
    renderScreen();
    // Support staff type the moment the screen opens.
    expect(document.activeElement).toBe(screen.getByTestId('directory-search'));
    expect(await screen.findByText('500 matches · 3.0 ms')).toBeTruthy();
    expect((await screen.findAllByTestId('directory-row'))[0]?.getAttribute('data-user-id')).toBe('usr_0');
    expect(screen.getByTestId('sync-text').textContent).toBe('Synced 2 min ago');
    // The first window is fetched with the 200-row limit, from the top.
    const search = calls.find((c) => c.cmd === 'search_users')?.args.query as DirectoryQuery;
    expect(search).toMatchObject({ text: '', offset: 0, limit: 200, sort: 'name', descending: false });
    expect(calls.filter((c) => c.cmd === 'sync_now')).toHaveLength(1);
  });

  it('searches as you type, and offers to clear a search that finds no one', async () => {
    renderScreen();
    await screen.findByText('500 matches · 3.0 ms');
    fireEvent.change(screen.getByTestId('directory-search'), { target: { value: 'Person 01' } });
    expect(await screen.findByText('10 matches · 3.0 ms')).toBeTruthy();

    fireEvent.change(screen.getByTestId('directory-search'), { target: { value: 'zz' } });
    expect((await screen.findByTestId('directory-empty')).textContent).toContain("No one matches 'zz'");
    fireEvent.click(screen.getByTestId('clear-filters'));
    expect(await screen.findByText('500 matches · 3.0 ms')).toBeTruthy();
    expect((screen.getByTestId('directory-search') as HTMLInputElement).value).toBe('');
  });

  it('sorts by a header and reverses on the second click', async () => {
    renderScreen();
    await screen.findByText('500 matches · 3.0 ms');
    fireEvent.click(screen.getByTestId('sort-email'));
    await waitFor(() => expect(screen.getByTestId('sort-email').parentElement?.getAttribute('aria-sort')).toBe('ascending'));
    fireEvent.click(screen.getByTestId('sort-email'));
    await waitFor(() => expect(screen.getByTestId('sort-email').parentElement?.getAttribute('aria-sort')).toBe('descending'));
    const last = calls.filter((c) => c.cmd === 'search_users').at(-1)?.args.query as DirectoryQuery;
    expect(last).toMatchObject({ sort: 'email', descending: true });
  });

  it('moves through rows with the arrow keys, opens with Enter and closes with Escape', async () => {
    renderScreen();
    await screen.findAllByTestId('directory-row');
    // ArrowDown in the search box continues in the table, on the first row.
    fireEvent.keyDown(screen.getByTestId('directory-search'), { key: 'ArrowDown' });
    const grid = screen.getByRole('grid');
    await waitFor(() => expect(within(grid).getAllByRole('row', { selected: true })[0]?.getAttribute('data-user-id')).toBe('usr_0'));
    fireEvent.keyDown(document.activeElement ?? grid, { key: 'ArrowDown' });
    fireEvent.keyDown(document.activeElement ?? grid, { key: 'ArrowDown' });
    await waitFor(() => expect(document.activeElement?.getAttribute('data-user-id')).toBe('usr_2'));

    fireEvent.keyDown(document.activeElement ?? grid, { key: 'Enter' });
    expect((await screen.findByTestId('detail-name')).textContent).toBe('Person 002');
    fireEvent.keyDown(document.activeElement ?? grid, { key: 'Escape' });
    await waitFor(() => expect(screen.queryByTestId('user-detail')).toBeNull());

    // Back in the search box, ArrowDown returns to the row that was selected.
    screen.getByTestId('directory-search').focus();
    fireEvent.keyDown(screen.getByTestId('directory-search'), { key: 'ArrowDown' });
    await waitFor(() => expect(document.activeElement?.getAttribute('data-user-id')).toBe('usr_2'));
  });

  it('offers the roles of the platform’s catalog in the role filter', async () => {
    renderScreen();
    await screen.findByText('Person 000');
    const filter = screen.getByTestId('filter-role');
    fireEvent.click(filter);
    const list = await waitFor(() => document.getElementById(filter.getAttribute('aria-controls') ?? '') ?? Promise.reject(new Error('no list')));
    const options = within(list).getAllByRole('option', { hidden: true });
    expect(options.map((o) => o.textContent)).toEqual(['THERAPIST', 'DISPATCH']);
    expect(calls.find((c) => c.cmd === 'role_catalog')?.args).toEqual({ profile: 'Demo' });
  });

  it('shows the offline banner with the time of the cached data', async () => {
    renderScreen({ offline: true });
    expect((await screen.findByTestId('offline-banner')).textContent).toMatch(/^Offline — showing data as of .+\. Changes are disabled\.$/);
  });

  it('says nothing is synced yet while the first sync runs', async () => {
    cached = [];
    renderScreen({ phase: 'full', done: 0, total: 100_000, user_count: 0, last_synced_at: null });
    expect((await screen.findByTestId('directory-empty')).textContent).toContain('Nothing synced yet');
    expect(screen.getByTestId('sync-progress')).toBeTruthy();
    expect(screen.getByTestId('sync-text').textContent).toBe('Syncing… 0 / 100,000');
  });

  it('says when the platform answered because the local copy is still filling', async () => {
    answeredBy = { source: 'platform', more: false, filling_percent: 40 };
    renderScreen({ phase: 'full', done: 200, total: 500 });
    fireEvent.change(screen.getByTestId('directory-search'), { target: { value: 'Person 01' } });
    expect(await screen.findByText('10 matches from the platform (your local copy is still filling: 40%)')).toBeTruthy();
    expect(screen.getByTestId('directory-source-note').textContent).toContain('in id order');
    expect(screen.getAllByRole('row').length).toBeGreaterThan(1);
  });

  it('says a failed platform search in words and keeps the screen', async () => {
    answeredBy = { platform_error: 'The platform search failed (offline). These matches are from your local copy.', filling_percent: 5 };
    renderScreen({ phase: 'full', done: 25, total: 500 });
    fireEvent.change(screen.getByTestId('directory-search'), { target: { value: 'Person 01' } });
    expect(await screen.findByText('10 matches in your local copy so far · 3.0 ms')).toBeTruthy();
    expect(screen.getByTestId('directory-platform-error').textContent).toContain('The platform search failed');
  });

  it('hands the actions slot the whole current search, not the visible window', async () => {
    // The bulk role change acts on every match; it needs the search and filters as typed, from the top.
    const seen: DirectoryQuery[] = [];
    renderScreen({}, {
      actions: (query) => {
        seen.push(query);
        return <button type="button" data-testid="slot-action">Act</button>;
      },
    });
    await screen.findByText('500 matches · 3.0 ms');
    expect(screen.getByTestId('slot-action')).toBeTruthy();
    fireEvent.change(screen.getByTestId('directory-search'), { target: { value: 'Person 01' } });
    await screen.findByText('10 matches · 3.0 ms');
    expect(seen.at(-1)).toMatchObject({ text: 'Person 01', kind: null, role: null, status: null, offset: 0 });
  });

  it('searches on every keystroke, without waiting for the typing to pause', async () => {
    renderScreen();
    await screen.findByText('500 matches · 3.0 ms');
    const box = screen.getByTestId('directory-search');
    // A debounce would hold these back until 120 ms after the last one; here each goes at once.
    for (const text of ['P', 'Pe', 'Per']) {
      fireEvent.change(box, { target: { value: text } });
      await act(async () => {});
      expect(sent('search_users').map((a) => (a.query as DirectoryQuery).text)).toContain(text);
    }
  });

  it('never shows an answer that arrives after a newer keystroke', async () => {
    // The cache answers when the test says, so answers can arrive out of order.
    const pending = new Map<string, () => void>();
    answer({
      search_users: (args) => {
        const q = args.query as DirectoryQuery;
        if (q.text === '') return searchCache(q);
        return new Promise((done) => pending.set(q.text, () => done(searchCache(q))));
      },
    });
    renderScreen();
    await screen.findByText('500 matches · 3.0 ms');
    const box = screen.getByTestId('directory-search');
    const release = async (text: string) => {
      await waitFor(() => expect(pending.has(text)).toBe(true));
      await act(async () => pending.get(text)?.());
    };
    const shownFor = () => screen.getByTestId('directory').getAttribute('data-results-for');

    // The newer search answers first; the older answer, late, must not replace it.
    fireEvent.change(box, { target: { value: 'Person 01' } });
    fireEvent.change(box, { target: { value: 'Person 011' } });
    await release('Person 011');
    expect(await screen.findByText('1 match · 3.0 ms')).toBeTruthy();
    await release('Person 01');
    await act(() => new Promise((r) => setTimeout(r, 20)));
    expect(screen.getByTestId('directory-total').textContent).toBe('1 match · 3.0 ms');
    expect(screen.getAllByTestId('directory-row').map((r) => r.getAttribute('data-user-id'))).toEqual(['usr_11']);
    expect(shownFor()).toBe('Person 011');

    // The older search answers first, while a newer one is still out: it is not shown either.
    fireEvent.change(box, { target: { value: 'Person 02' } });
    fireEvent.change(box, { target: { value: 'Person 021' } });
    await release('Person 02');
    await act(() => new Promise((r) => setTimeout(r, 20)));
    expect(screen.queryByText('10 matches · 3.0 ms')).toBeNull();
    expect(shownFor()).toBeNull();
    await release('Person 021');
    await waitFor(() => expect(shownFor()).toBe('Person 021'));
    expect(screen.getByTestId('directory-total').textContent).toBe('1 match · 3.0 ms');
    expect(screen.getAllByTestId('directory-row').map((r) => r.getAttribute('data-user-id'))).toEqual(['usr_21']);
  });
});
