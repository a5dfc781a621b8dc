import { MantineProvider } from '@mantine/core';
import { cleanup, fireEvent, render, screen } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';

import type { Me, Permission } from '../../ipc';
import { Offers } from './Offers';

const me = (permissions: Permission[], over: Partial<Me> = {}): Me => ({
  user_id: 'u1',
  display_name: 'Pat Provider',
  email: 'pat@example.org',
  kind: 'STAFF',
  organization: { id: 'o1', name: 'Northwind Health' },
  staff_roles: ['PROVIDER'],
  config_role: null,
  permissions,
  ...over,
});

const renderOffers = (m: Me) =>
  render(
    <MantineProvider>
      <Offers me={m} />
    </MantineProvider>,
  );

afterEach(cleanup);

describe('Offers', () => {
  it('renders exactly one card per granted permission, with its human title', () => {
    // End-to-end tests find the cards by these ids; a missing or extra card means a wrong offer.
    renderOffers(me(['directory_read', 'audit_read', 'settings_write_member']));
    const cards = document.querySelectorAll('[data-testid^="permission-card-"]');
    expect([...cards].map((c) => c.getAttribute('data-testid'))).toEqual([
      'permission-card-directory_read',
      'permission-card-audit_read',
      'permission-card-settings_write_member',
    ]);
    expect(screen.getByTestId('permission-card-audit_read').textContent).toContain('Audit trail');
    expect(screen.queryByTestId('no-access')).toBeNull();
  });

  it('announces no built screen as coming soon', () => {
    // Every screen behind a permission is built now, the settings included; announcing one as
    // coming soon would send people away from it.
    renderOffers(me(['directory_read', 'staff_read', 'roles_write', 'service_accounts_write', 'audit_read', 'settings_read', 'settings_write', 'settings_write_member']));
    expect(document.querySelectorAll('[data-testid^="permission-card-"]')).toHaveLength(8);
    expect(document.body.textContent).not.toContain('Coming soon');
  });

  it('offers to open a built screen when the app can show it', () => {
    const opened: string[] = [];
    render(
      <MantineProvider>
        <Offers me={me(['directory_read', 'audit_read', 'settings_read', 'settings_write_member'])} onOpen={(p) => opened.push(p)} />
      </MantineProvider>,
    );
    fireEvent.click(screen.getByTestId('open-directory_read'));
    fireEvent.click(screen.getByTestId('open-audit_read'));
    fireEvent.click(screen.getByTestId('open-settings_write_member'));
    expect(opened).toEqual(['directory_read', 'audit_read', 'settings_write_member']);
  });

  it('offers nothing to open without a way to open it', () => {
    renderOffers(me(['settings_read']));
    expect(screen.queryByTestId('open-settings_read')).toBeNull();
  });

  it('explains plainly when the role gives no access, naming the role and the organization', () => {
    renderOffers(me([]));
    const text = screen.getByTestId('no-access').textContent ?? '';
    expect(text).toContain('Your role (PROVIDER) gives no access to Access Console.');
    expect(text).toContain('Ask an owner of Northwind Health if you need access.');
    expect(document.querySelector('[data-testid^="permission-card-"]')).toBeNull();
  });

  it('names the account kind when there is no role at all', () => {
    renderOffers(me([], { kind: 'PATIENT', staff_roles: [] }));
    expect(screen.getByTestId('no-access').textContent).toContain('Your role (PATIENT)');
  });

  it('gives a care provider holding only patient_records_write no console access, saying in a line what the platform lets them do', () => {
    renderOffers(me(['patient_records_write']));
    const text = screen.getByTestId('no-access').textContent ?? '';
    expect(text).toContain('Your role (PROVIDER) gives no access to Access Console.');
    expect(screen.getByTestId('no-access-records').textContent).toBe(
      'The platform lets you, and service accounts acting for you, update patient records (names, contact and date of birth) from other tools.',
    );
    expect(document.querySelector('[data-testid^="permission-card-"]')).toBeNull();
  });

  it('while an OWNER acts for someone, speaks of the person acted for', () => {
    const acting = { subject_id: 'u1', subject_name: 'Pat Provider', actor_id: 'u0', actor_name: 'Olivia Owner', actor_kind: 'STAFF' as const };
    renderOffers(me([], { acting }));
    expect(screen.getByTestId('no-access').textContent).toBe(
      'No console accessPat Provider’s role (PROVIDER) gives no console access: this is what they see when they sign in.',
    );
    cleanup();
    renderOffers(me(['patient_records_write'], { staff_roles: ['PROVIDER', 'PROVIDER_PHYSICIAN'], acting }));
    expect(screen.getByTestId('no-access').textContent).toContain('Pat Provider’s roles (PROVIDER, PROVIDER_PHYSICIAN) give no console access');
    expect(screen.getByTestId('no-access-records').textContent).toContain('The platform lets them, and service accounts acting for them');
  });
});
