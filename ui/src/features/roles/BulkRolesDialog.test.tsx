import { QueryClient } from '@tanstack/react-query';
import { cleanup, fireEvent, screen, waitFor, within } from '@testing-library/react';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';

import type { BatchApplied, BatchPlan, DirectoryQuery, RoleChangeItem, RoleChangeOutcome, StaffRole } from '../../ipc';
import { answer, renderWithProviders, sent } from '../../test/backend';
import { CATALOG } from '../../test/roleCatalog';
import { BulkRolesButton } from './BulkRolesButton';

const query: DirectoryQuery = { text: 'dispatch', kind: null, role: null, status: 'active', sort: 'name', descending: false, offset: 0, limit: 200 };

const outcome = (id: string, before: StaffRole[], after: StaffRole[], over: Partial<RoleChangeOutcome> = {}): RoleChangeOutcome => ({
  user_id: id,
  display_name: `Name of ${id}`,
  before,
  after,
  problem: null,
  applied: false,
  version: 2,
  ...over,
});
const item = (id: string, version: number): RoleChangeItem => ({ user_id: id, add: ['SUPPORT'], remove: [], expected_version: version });

let plan: BatchPlan;
let staffTotal: number;

answer({
  role_catalog: () => CATALOG,
  search_users: () => ({ rows: [], total: staffTotal, took_ms: 1 }),
  plan_bulk_roles: () => plan,
  apply_role_batch: (args) => {
    // The server applies what it is sent: each item becomes an applied outcome, with its reverse as undo.
    const items = args.items as RoleChangeItem[];
    const applied: BatchApplied = {
      result: { dry_run: false, items: items.map((i) => outcome(i.user_id, ['MEMBER'], ['MEMBER', 'SUPPORT'], { applied: true, version: 9 })) },
      undo: items.map((i) => ({ user_id: i.user_id, add: i.remove, remove: i.add, expected_version: 9 })),
    };
    return applied;
  },
});

// jsdom lays nothing out; give the virtualized tables a viewport, and their rows a height, as a
// browser would (rows measured at 0 px would all "fit" and all be drawn).
const clientHeight = Object.getOwnPropertyDescriptor(HTMLElement.prototype, 'clientHeight');
const offsetHeight = Object.getOwnPropertyDescriptor(HTMLElement.prototype, 'offsetHeight');
beforeAll(() => {
  Object.defineProperty(HTMLElement.prototype, 'clientHeight', {
    configurable: true,
    get(this: HTMLElement) {
      return this.hasAttribute('data-virtual-scroller') ? 360 : 0;
    },
  });
  Object.defineProperty(HTMLElement.prototype, 'offsetHeight', {
    configurable: true,
    get(this: HTMLElement) {
      return this.getAttribute('data-testid') === 'bulk-row' ? 44 : 0;
    },
  });
});
afterAll(() => {
  if (clientHeight) Object.defineProperty(HTMLElement.prototype, 'clientHeight', clientHeight);
  if (offsetHeight) Object.defineProperty(HTMLElement.prototype, 'offsetHeight', offsetHeight);
});
beforeEach(() => {
  staffTotal = 3;
  plan = {
    items: [item('usr_a', 2), item('usr_b', 4), item('usr_c', 6)],
    result: {
      dry_run: true,
      items: [
        outcome('usr_a', ['MEMBER'], ['MEMBER', 'SUPPORT']),
        outcome('usr_b', ['SUPPORT'], ['SUPPORT']),
        outcome('usr_c', ['MEMBER'], ['MEMBER'], { problem: { type: 'urn:x', title: 'Your own account', status: 403, detail: 'You cannot change your own roles: ask another OWNER to do it.', code: 'self_change' } }),
      ],
    },
  };
});
afterEach(() => {
  cleanup();
});

function renderButton() {
  renderWithProviders(<BulkRolesButton profile="Demo" query={query} />);
}

async function pickRole(testId: string, role: StaffRole) {
  fireEvent.click(screen.getByTestId(testId));
  // The dropdown is mid-transition in jsdom (not "accessible" yet), so the option is found by its value.
  const option = await waitFor(() => {
    const el = document.querySelector<HTMLElement>(`[role="option"][value="${role}"]`);
    if (!el) throw new Error(`no option ${role}`);
    return el;
  });
  expect(option.textContent).toContain(`What ${role} does`);
  fireEvent.click(option);
}

async function previewPlan() {
  renderButton();
  fireEvent.click(screen.getByTestId('bulk-roles-button'));
  const dialog = await screen.findByTestId('bulk-roles-dialog');
  await waitFor(() => expect(within(dialog).getByTestId('bulk-scope').textContent).toContain('all 3 matching staff'));
  await pickRole('bulk-add', 'SUPPORT');
  fireEvent.change(screen.getByTestId('bulk-reason'), { target: { value: 'Dispatchers join support' } });
  fireEvent.click(screen.getByTestId('bulk-preview'));
  return screen.findByTestId('bulk-plan-table');
}

describe('BulkRolesDialog', () => {
  it('counts every matching staff member, not the rows on screen', async () => {
    renderButton();
    fireEvent.click(screen.getByTestId('bulk-roles-button'));
    const scope = await screen.findByTestId('bulk-scope');
    await waitFor(() => expect(scope.textContent).toContain('all 3 matching staff'));
    expect(scope.textContent).toContain('matching “dispatch”');
    // Counted over the whole search, restricted to staff (only staff hold roles).
    expect(sent('search_users').at(-1)).toEqual({ profile: 'Demo', query: { ...query, kind: 'STAFF', offset: 0, limit: 1 } });
    // Nothing to preview before roles and a reason are chosen.
    expect(screen.getByTestId('bulk-preview')).toHaveProperty('disabled', true);
  });

  it('previews the plan with counts, applies only what will change, then undoes after a confirmation', async () => {
    const table = await previewPlan();
    expect(sent('plan_bulk_roles')).toEqual([{ profile: 'Demo', query, add: ['SUPPORT'], remove: [], reason: 'Dispatchers join support' }]);
    expect(sent('apply_role_batch')).toEqual([]);

    // One line per person: who, before, after, and the verdict in words.
    const rows = within(table).getAllByTestId('bulk-row');
    expect(rows.map((r) => [r.getAttribute('data-user-id'), r.getAttribute('data-verdict')])).toEqual([
      ['usr_a', 'change'],
      ['usr_b', 'unchanged'],
      ['usr_c', 'refused'],
    ]);
    expect(rows[0]?.textContent).toContain('Name of usr_a');
    expect(rows[2]?.textContent).toContain('You cannot change your own roles: ask another OWNER to do it.');
    expect(screen.getByTestId('bulk-count-change').textContent).toBe('1 will change');
    expect(screen.getByTestId('bulk-count-unchanged').textContent).toBe('1 unchanged');
    expect(screen.getByTestId('bulk-count-refused').textContent).toBe('1 refused');
    // SUPPORT is administrative access: said before it is given.
    expect(screen.getByTestId('bulk-roles-dialog').textContent).toContain('administrative access');

    fireEvent.click(screen.getByTestId('bulk-apply'));
    const results = await screen.findByTestId('bulk-results');
    // Exactly what the plan showed as a change is sent, as the plan made it (with its version).
    expect(sent('apply_role_batch')).toEqual([{ profile: 'Demo', items: [item('usr_a', 2)], reason: 'Dispatchers join support' }]);
    expect(within(results).getAllByTestId('bulk-row').map((r) => r.textContent)).toEqual([expect.stringContaining('Changed')]);

    // Undo asks first, and nothing is sent until confirmed.
    fireEvent.click(screen.getByTestId('bulk-undo'));
    const confirmation = screen.getByTestId('bulk-undo-confirmation');
    expect(confirmation.textContent).toContain('“Undo: Dispatchers join support”');
    expect(sent('apply_role_batch')).toHaveLength(1);
    fireEvent.click(screen.getByTestId('bulk-undo-confirm'));
    await screen.findByTestId('bulk-undo-results');
    // The reversed items from the apply, each against the version the change produced.
    expect(sent('apply_role_batch')[1]).toEqual({
      profile: 'Demo',
      items: [{ user_id: 'usr_a', add: [], remove: ['SUPPORT'], expected_version: 9 }],
      reason: 'Undo: Dispatchers join support',
    });
    expect(screen.queryByTestId('bulk-undo')).toBeNull();
  });

  it('offers nothing to apply when the plan changes no one', async () => {
    plan = { items: [item('usr_b', 4)], result: { dry_run: true, items: [outcome('usr_b', ['SUPPORT'], ['SUPPORT'])] } };
    await previewPlan();
    expect(screen.getByTestId('bulk-apply')).toHaveProperty('disabled', true);
  });

  it('shows a large plan without putting every line in the page', async () => {
    const n = 5000;
    plan = {
      items: Array.from({ length: n }, (_, i) => item(`usr_${i}`, 1)),
      result: { dry_run: true, items: Array.from({ length: n }, (_, i) => outcome(`usr_${i}`, ['MEMBER'], ['MEMBER', 'SUPPORT'])) },
    };
    staffTotal = n;
    renderButton();
    fireEvent.click(screen.getByTestId('bulk-roles-button'));
    await waitFor(() => expect(screen.getByTestId('bulk-scope').textContent).toContain('all 5,000 matching staff'));
    await pickRole('bulk-add', 'SUPPORT');
    fireEvent.change(screen.getByTestId('bulk-reason'), { target: { value: 'All in' } });
    fireEvent.click(screen.getByTestId('bulk-preview'));
    const table = await screen.findByTestId('bulk-plan-table');
    expect(screen.getByTestId('bulk-count-change').textContent).toBe('5000 will change');
    const shown = within(table).getAllByTestId('bulk-row').length;
    expect(shown).toBeGreaterThan(0);
    expect(shown).toBeLessThan(100);
    expect(table.getAttribute('aria-rowcount')).toBe(String(n + 1));
  });

  it('says a non-staff kind filter selects no one', async () => {
    renderWithProviders(<BulkRolesButton profile="Demo" query={{ ...query, kind: 'PATIENT' }} />, new QueryClient());
    fireEvent.click(screen.getByTestId('bulk-roles-button'));
    expect((await screen.findByTestId('bulk-scope')).textContent).toContain('Roles belong to staff only');
    expect(sent('search_users')).toEqual([]);
  });
});
