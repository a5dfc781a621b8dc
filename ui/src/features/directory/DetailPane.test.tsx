import { MantineProvider } from '@mantine/core';
import { cleanup, fireEvent, render, screen, within } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';

import type { UserDetail } from '../../ipc';
import { DetailPane } from './DetailPane';
import { emilyDetail, johnDetail } from './testData';

// The pane reads the cache through this hook only; each test decides what the cache holds.
const cache = new Map<string, UserDetail | null>();
vi.mock('../../ipc/directory', async (original) => ({
  ...(await original<object>()),
  useUser: (_profile: string, id: string | null) => ({
    isPending: false,
    error: null,
    data: id === null ? undefined : (cache.get(id) ?? null),
  }),
}));

afterEach(() => {
  cleanup();
  cache.clear();
});

const renderPane = (id: string, onOpen = vi.fn(), onClose = vi.fn()) => {
  render(
    <MantineProvider>
      <DetailPane profile="Demo" id={id} onOpen={onOpen} onClose={onClose} />
    </MantineProvider>,
  );
  return { onOpen, onClose };
};

describe('DetailPane', () => {
  it('shows a dependent’s household and marks the contact shared with the guardian', () => {
    cache.set('usr_emily', emilyDetail);
    renderPane('usr_emily');

    expect(screen.getByTestId('detail-name').textContent).toBe('Emily Guardian');
    const household = screen.getByTestId('detail-household');
    const members = within(household).getAllByTestId('household-member');
    expect(members.map((m) => m.getAttribute('data-user-id'))).toEqual(['usr_john']);
    expect(household.textContent).toContain('John Guardian');
    // Her phone is John's: marked on her profile, and nothing else is.
    const marks = screen.getAllByTestId('shared-contact').map((m) => m.textContent);
    expect(marks).toEqual(['shared with guardian']);
    // The mark sits in her Phone field, next to her own number.
    expect(screen.getByText('555-010-0142').parentElement?.textContent).toBe('Phone555-010-0142 shared with guardian');
  });

  it('jumps to a household member, but offers no link to the person already shown', () => {
    cache.set('usr_john', johnDetail);
    const { onOpen } = renderPane('usr_john');
    const [john, emily] = screen.getAllByTestId('household-member');

    fireEvent.click(within(emily!).getByRole('button', { name: 'Emily Guardian' }));
    expect(onOpen).toHaveBeenCalledWith('usr_emily');
    expect(within(john!).queryByRole('button')).toBeNull();
    expect(john!.textContent).toContain('this person');
  });

  it("shows each dependent's age and what the guardian may see of them", () => {
    const now = new Date();
    // Fourteen last year on this day: fifteen today, whatever today is.
    const dob = `${now.getFullYear() - 15}-${String(now.getMonth() + 1).padStart(2, '0')}-${String(now.getDate()).padStart(2, '0')}`;
    const teen = { ...johnDetail.household.dependents[0]!, date_of_birth: dob, guardian_access: 'limited' as const };
    cache.set('usr_john', { ...johnDetail, household: { ...johnDetail.household, dependents: [teen] } });
    renderPane('usr_john');
    const [, member] = screen.getAllByTestId('household-member');
    expect(within(member!).getByTestId('household-member-facts').textContent).toBe('age 15 · limited access');
  });

  it('jumps from a dependent to the guardian', () => {
    cache.set('usr_emily', emilyDetail);
    const { onOpen } = renderPane('usr_emily');
    fireEvent.click(screen.getByRole('button', { name: 'John Guardian' }));
    expect(onOpen).toHaveBeenCalledWith('usr_john');
  });

  it('does not mark a guardian’s own contact details as shared', () => {
    cache.set('usr_john', johnDetail);
    renderPane('usr_john');
    // Only the dependents' lines carry marks; nothing sits next to John's own email or phone.
    const marks = screen.getAllByTestId('shared-contact').map((m) => m.textContent);
    expect(marks).toEqual(['shares phone', 'shares email']);
  });

  it('shows the id to copy, the status and read-only roles', () => {
    cache.set('usr_s', {
      user: { ...johnDetail.user, id: 'usr_s', display_name: 'Sam Support', kind: 'STAFF', staff_roles: ['SUPPORT', 'OWNER'], status: 'suspended' },
      household: { guardian: null, dependents: [], shared_email: false, shared_phone: false },
    });
    renderPane('usr_s');
    expect(screen.getByTestId('detail-id').textContent).toBe('usr_s');
    expect(screen.getByRole('button', { name: 'Copy id' })).toBeTruthy();
    expect(screen.getByTestId('detail-status').textContent).toBe('suspended');
    expect(screen.getByTestId('detail-roles').textContent).toBe('SUPPORTOWNER');
    // No household to show for someone outside one.
    expect(screen.queryByTestId('detail-household')).toBeNull();
  });

  it('says so when the person is no longer in the cache, and closes on Escape', () => {
    const { onClose } = renderPane('usr_gone');
    expect(screen.getByTestId('user-detail').textContent).toContain('Not in the local cache');
    fireEvent.keyDown(screen.getByTestId('user-detail'), { key: 'Escape' });
    expect(onClose).toHaveBeenCalled();
  });
});
