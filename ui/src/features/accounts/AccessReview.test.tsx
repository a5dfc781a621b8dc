import { cleanup, fireEvent, screen, waitFor, within } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';

import type { AccessReview as Review, ServiceAccount } from '../../ipc';
import { answer, renderWithProviders, sent } from '../../test/backend';
import { AccessReview } from './AccessReview';
import { account, NOW } from './testData';

const REVIEW: Review = {
  as_of: NOW,
  items: [
    { kind: 'unused_key', account_id: 'usr_sa_reminders', account_name: 'Appointment reminders', key_id: 'key_old', key_prefix: 'acx_live_k7Qm2', detail: 'Never used since it was created 120 days ago' },
    { kind: 'expiring_key', account_id: 'usr_sa_bot', account_name: 'Patient chatbot', key_id: 'key_bot', key_prefix: 'acx_live_B0t11', detail: 'Expires 2026-12-05T10:00:00Z (in 5 days); rotate it before then' },
    { kind: 'orphaned_account', account_id: 'usr_sa_legacy', account_name: 'Legacy sync', key_id: null, key_prefix: null, detail: 'Its owner of record, Sam Left, is no longer active staff; give it a new owner or disable it' },
  ],
};

let legacy: ServiceAccount;

answer({
  access_review: () => REVIEW,
  service_accounts: () => [account(), legacy],
  key_action: (args) => ({ id: args.keyId, status: 'disabled' }),
  update_service_account: () => ({ ...legacy, status: 'disabled', version: legacy.version + 1 }),
  export_access_review: () => ({ path: '/home/olivia/Downloads/access-review-2026-11-30.csv', count: 3 }),
});

beforeEach(() => {
  // Someone edited it since the review was made: the disable must name the version as it is now.
  legacy = account({ id: 'usr_sa_legacy', name: 'Legacy sync', owner_name: 'Sam Left', owner_active: false, version: 7 });
});
afterEach(() => {
  cleanup();
});

function renderReview(onOpenAccount: (id: string) => void = () => {}) {
  renderWithProviders(<AccessReview profile="Demo" onOpenAccount={onOpenAccount} />);
  return screen.findAllByTestId('review-item');
}

const item = (kind: string) => document.querySelector(`[data-testid="review-item"][data-kind="${kind}"]`) as HTMLElement;

describe('AccessReview', () => {
  it('groups the findings by why they are listed', async () => {
    await renderReview();
    const groups = screen.getAllByTestId('review-group');
    expect(groups.map((g) => g.getAttribute('data-kind'))).toEqual(['unused_key', 'expiring_key', 'orphaned_account']);
    expect(groups[0]?.textContent).toContain('Keys unused for 90 days (1)');
    expect(groups[1]?.textContent).toContain('Keys expiring within 14 days (1)');
    expect(groups[2]?.textContent).toContain('Accounts whose owner is no longer active staff (1)');
    expect(item('orphaned_account').textContent).toContain('Sam Left, is no longer active staff');
  });

  it('disables a listed key with key_action', async () => {
    await renderReview();
    fireEvent.click(within(item('unused_key')).getByTestId('review-disable'));
    expect((await screen.findByTestId('review-done')).textContent).toContain('can be enabled again');
    expect(sent('key_action')).toEqual([{ profile: 'Demo', accountId: 'usr_sa_reminders', keyId: 'key_old', action: 'disable' }]);
    expect(sent('update_service_account')).toEqual([]);
  });

  it('disables an orphaned account at the version it has now', async () => {
    await renderReview();
    fireEvent.click(within(item('orphaned_account')).getByTestId('review-disable'));
    await screen.findByTestId('review-done');
    expect(sent('update_service_account')).toEqual([{ profile: 'Demo', id: 'usr_sa_legacy', patch: { status: 'disabled' }, expectedVersion: 7 }]);
    // Read just before, not taken from a list read earlier.
    expect(sent('service_accounts')).toHaveLength(1);
    expect(sent('key_action')).toEqual([]);
  });

  it('exports the review and says where the file went', async () => {
    await renderReview();
    fireEvent.click(screen.getByTestId('review-export'));
    const result = await screen.findByTestId('review-export-result');
    expect(result.textContent).toBe('Saved 3 findings to /home/olivia/Downloads/access-review-2026-11-30.csv');
    expect(sent('export_access_review')).toEqual([{ profile: 'Demo' }]);
  });

  it('opens the account a finding is about', async () => {
    const opened: string[] = [];
    await renderReview((id) => opened.push(id));
    fireEvent.click(within(item('expiring_key')).getByText('Patient chatbot'));
    await waitFor(() => expect(opened).toEqual(['usr_sa_bot']));
  });
});
