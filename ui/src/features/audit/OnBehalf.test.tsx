import { cleanup, screen, within } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';

import type { AuditEvent, OnBehalf } from '../../ipc';
import { formatClock, formatTime } from '../../lib/time';
import { answer, renderWithProviders, sent } from '../../test/backend';
import { AuditScreen } from './AuditScreen';
import { AuditTimeline } from './AuditTimeline';
import { actionLabel, changeOf } from './describe';

const START = 1_796_000_000;
const acting: OnBehalf = {
  subject_id: 'usr_priya',
  subject_name: 'Dr. Priya Provider',
  actor_id: 'usr_olivia',
  actor_name: 'Olivia Owner',
  actor_kind: 'STAFF',
  acting_id: 'act_1',
  reason: 'covering clinic',
  started_at: START,
  expires_at: START + 30 * 60,
};

const event = (id: string, over: Partial<AuditEvent>): AuditEvent => ({
  id,
  at: START + 120,
  actor_id: 'usr_olivia',
  actor_name: 'Olivia Owner',
  action: 'user.update',
  target_type: 'user',
  target_id: 'usr_pat',
  target_name: 'Pat Patient',
  before: { phone: null },
  after: { phone: '+15550100' },
  reason: 'New phone number',
  request_id: `req_${id}`,
  ...over,
});

const events: AuditEvent[] = [
  // Made with Olivia's delegated token: Olivia took it, for Priya.
  event('aud_acted', { on_behalf: acting }),
  // A service account acting for its provider standing: no acting session, no window.
  event('aud_bot', {
    actor_id: 'usr_sa_bot',
    actor_name: 'Appointment reminder bot',
    on_behalf: { ...acting, actor_id: 'usr_sa_bot', actor_name: 'Appointment reminder bot', actor_kind: 'SERVICE_ACCOUNT', acting_id: undefined, reason: undefined, started_at: undefined, expires_at: undefined },
  }),
  // Starting, with Olivia's own token: she is the actor, Priya the target.
  event('aud_start', {
    action: 'acting.start',
    target_id: 'usr_priya',
    target_name: 'Dr. Priya Provider',
    before: null,
    after: null,
    reason: 'covering clinic',
  }),
];
answer({ audit_events: () => ({ events, next_cursor: null, total: events.length }) });
afterEach(cleanup);

const termsText = `acting ${formatClock(START)}–${formatClock(START + 30 * 60)}: ‘covering clinic’`;

describe('actions taken for someone else, in the audit log', () => {
  it('name both actors, the reason and the acting window', async () => {
    renderWithProviders(<AuditScreen profile="Demo" />);
    const rows = await screen.findAllByTestId('audit-row');
    const acted = rows[0]!;
    expect(within(acted).getByTestId('audit-on-behalf').textContent).toBe('Olivia Owner on behalf of Dr. Priya Provider');
    expect(within(acted).getByTestId('audit-acting-terms').textContent).toBe(termsText);
    const bot = rows[1]!;
    expect(within(bot).getByTestId('audit-on-behalf').textContent).toBe('Appointment reminder bot on behalf of Dr. Priya Provider');
    expect(within(bot).queryByTestId('audit-acting-terms')).toBeNull();
    // Starting is Olivia's own action, on Priya.
    const start = rows[2]!;
    expect(start.textContent).toContain('Olivia Owner');
    expect(start.textContent).toContain('Started acting for');
    expect(start.textContent).toContain('Dr. Priya Provider');
    expect(within(start).queryByTestId('audit-on-behalf')).toBeNull();
  });

  it('labels starting and stopping', () => {
    expect(actionLabel('acting.start')).toBe('Started acting for');
    expect(actionLabel('acting.stop')).toBe('Stopped acting for');
  });
});

describe("the person's own timeline", () => {
  it('asks by person and shows who acted for them, when and why', async () => {
    renderWithProviders(<AuditTimeline profile="Demo" personId="usr_priya" />);
    const items = await screen.findAllByTestId('audit-timeline-item');
    expect(sent('audit_events')[0]?.filter).toEqual({ actor: null, target: null, action: null, from: null, to: null, person: 'usr_priya' });
    const acted = items[0]!;
    expect(acted.textContent).toContain('by Olivia Owner on behalf of Dr. Priya Provider');
    expect(acted.textContent).toContain(termsText);
    // Done for Priya to someone else: the entry says to whom.
    expect(acted.textContent).toContain('Pat Patient');
    expect(items[2]!.textContent).toContain('Started acting for');
  });
});

describe('an acting window in the change column', () => {
  it('shows the platform’s Unix-second `…_at` fields as times, other numbers as they are', () => {
    const change = changeOf({ action: 'acting.start', before: {}, after: { minutes: 10, expires_at: 1_796_152_597 } });
    expect(change).toEqual({
      kind: 'fields',
      fields: [
        { name: 'minutes', before: null, after: '10' },
        { name: 'expires_at', before: null, after: formatTime(1_796_152_597) },
      ],
    });
  });
});
