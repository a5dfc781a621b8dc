import { MantineProvider } from '@mantine/core';
import { cleanup, render, screen } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';

import type { Me, SessionView } from '../../ipc';
import { HomeScreen } from './HomeScreen';

const session = (organization: Me['organization']): SessionView => ({
  profile: 'demo',
  me: {
    user_id: 'u1',
    display_name: 'Sam Support',
    email: 'sam@example.org',
    kind: 'STAFF',
    organization,
    staff_roles: ['SUPPORT'],
    config_role: null,
    permissions: ['directory_read'],
  },
  can_keep_copy: false,
});

const renderHome = (s: SessionView) =>
  render(
    <MantineProvider>
      <HomeScreen session={s} />
    </MantineProvider>,
  );

afterEach(cleanup);

describe('HomeScreen', () => {
  it("shows the organization as its settings present it: display name and support address", () => {
    renderHome(session({ id: 'o1', name: 'Demo Clinic East', support_email: 'east@demo-clinic.test' }));
    expect(screen.getByTestId('me-org').textContent).toBe('Demo Clinic East');
    expect(screen.getByTestId('me-support').textContent).toBe('Need help? Write to east@demo-clinic.test');
  });

  it('says nothing about support when the organization set no address', () => {
    renderHome(session({ id: 'o1', name: 'Demo Clinic' }));
    expect(screen.queryByTestId('me-support')).toBeNull();
  });
});
