import { cleanup, fireEvent, screen, waitFor, within } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';

import type { AuditEvent, AuditFilter, AuditPage } from '../../ipc';
import { answer, renderWithProviders, sent } from '../../test/backend';
import { AuditScreen } from './AuditScreen';

const event = (i: number, over: Partial<AuditEvent> = {}): AuditEvent => ({
  id: `aud_${i}`,
  at: 1_796_000_000 - i * 60,
  actor_id: 'usr_olivia',
  actor_name: 'Olivia Owner',
  action: 'user.roles.update',
  target_type: 'user',
  target_id: `usr_${i}`,
  target_name: `Person ${i}`,
  before: { roles: ['MEMBER'] },
  after: { roles: ['MEMBER', 'SUPPORT'] },
  reason: `Reason ${i}`,
  request_id: `req_${i}`,
  ...over,
});

// 75 events: a first page of 50, then 25 more.
const all = Array.from({ length: 75 }, (_, i) => event(i));
answer({
  audit_events: (args) => {
    const start = args.cursor === null ? 0 : Number(args.cursor);
    const limit = args.limit as number;
    const events = all.slice(start, start + limit);
    const page: AuditPage = { events, next_cursor: start + limit < all.length ? String(start + limit) : null, total: all.length };
    return page;
  },
  export_audit: () => ({ path: '/home/olivia/Downloads/audit-2026-11-29T18-02-08Z.csv', count: 75 }),
});

afterEach(cleanup);

function renderScreen() {
  renderWithProviders(<AuditScreen profile="Demo" />);
}

const NO_FILTER: AuditFilter = { actor: null, target: null, action: null, from: null, to: null, person: null };

describe('AuditScreen', () => {
  it('lists events newest first with who, what changed and why, and loads more on request', async () => {
    renderScreen();
    const rows = await screen.findAllByTestId('audit-row');
    expect(rows).toHaveLength(50);
    expect(sent('audit_events')).toEqual([{ profile: 'Demo', filter: NO_FILTER, cursor: null, limit: 50 }]);
    const first = rows[0]!;
    expect(first.textContent).toContain('Olivia Owner');
    expect(first.textContent).toContain('Roles changed');
    expect(first.textContent).toContain('Person 0');
    expect(first.textContent).toContain('Reason 0');
    // The change as a difference: SUPPORT was added, nothing removed.
    expect([...within(first).getByTestId('audit-change').querySelectorAll('[data-change]')].map((b) => b.getAttribute('data-change'))).toEqual([
      'added',
    ]);
    expect(screen.getByTestId('audit-count').textContent).toBe('Showing 50 of 75 events');

    fireEvent.click(screen.getByTestId('audit-load-more'));
    await waitFor(() => expect(screen.getAllByTestId('audit-row')).toHaveLength(75));
    // The next page continues from the server's cursor, with the same filter.
    expect(sent('audit_events')[1]).toEqual({ profile: 'Demo', filter: NO_FILTER, cursor: '50', limit: 50 });
    expect(screen.queryByTestId('audit-load-more')).toBeNull();
  });

  it('passes the filters to the server, dates as whole local days', async () => {
    renderScreen();
    await screen.findAllByTestId('audit-row');
    fireEvent.change(screen.getByTestId('audit-filter-actor'), { target: { value: ' usr_olivia ' } });
    fireEvent.change(screen.getByTestId('audit-filter-target'), { target: { value: 'usr_7' } });
    fireEvent.change(screen.getByTestId('audit-filter-action'), { target: { value: 'user.status.update' } });
    fireEvent.change(screen.getByTestId('audit-filter-from'), { target: { value: '2026-11-01' } });
    fireEvent.change(screen.getByTestId('audit-filter-to'), { target: { value: '2026-11-30' } });
    // Typing alone asks nothing of the server; applying does.
    expect(sent('audit_events')).toHaveLength(1);
    fireEvent.click(screen.getByTestId('audit-filter-apply'));

    await waitFor(() => expect(sent('audit_events')).toHaveLength(2));
    expect(sent('audit_events')[1]).toEqual({
      profile: 'Demo',
      filter: {
        actor: 'usr_olivia',
        target: 'usr_7',
        action: 'user.status.update',
        from: new Date(2026, 10, 1).getTime() / 1000,
        // "To 30 November" includes that whole day: the server's bound is exclusive.
        to: new Date(2026, 11, 1).getTime() / 1000,
        person: null,
      },
      cursor: null,
      limit: 50,
    });

    // The export takes the filters that are applied.
    fireEvent.click(screen.getByTestId('audit-export'));
    await screen.findByTestId('audit-export-result');
    expect(sent('export_audit')[0]?.filter).toMatchObject({ actor: 'usr_olivia', target: 'usr_7', action: 'user.status.update' });
  });

  it('exports to CSV and says where the file went', async () => {
    renderScreen();
    await screen.findAllByTestId('audit-row');
    fireEvent.click(screen.getByTestId('audit-export'));
    const result = await screen.findByTestId('audit-export-result');
    expect(sent('export_audit')).toEqual([{ profile: 'Demo', filter: NO_FILTER }]);
    expect(result.textContent).toBe('Saved 75 events to /home/olivia/Downloads/audit-2026-11-29T18-02-08Z.csv');
  });
});
