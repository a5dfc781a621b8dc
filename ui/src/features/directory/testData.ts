// Fixtures shared by this feature's tests.
import type { User, UserDetail } from '../../ipc';

export const person = (over: Partial<User> & Pick<User, 'id' | 'display_name'>): User => ({
  kind: 'PATIENT',
  email: null,
  phone: null,
  status: 'active',
  staff_roles: [],
  guardian_id: null,
  date_of_birth: null,
  mfa_enrolled: null,
  created_at: 1_700_000_000,
  updated_at: 1_700_000_500,
  version: 1,
  ...over,
});

export const john = person({
  id: 'usr_john',
  display_name: 'John Guardian',
  kind: 'GUARDIAN',
  email: 'john@example.org',
  phone: '(555) 010-0142',
});
export const emily = person({
  id: 'usr_emily',
  display_name: 'Emily Guardian',
  kind: 'DEPENDENT',
  guardian_id: 'usr_john',
  email: null,
  phone: '555-010-0142',
});
export const max = person({
  id: 'usr_max',
  display_name: 'Max Guardian',
  kind: 'DEPENDENT',
  guardian_id: 'usr_john',
  email: 'JOHN@example.org',
  phone: '555 999 0000',
});

// As the cache answers (crates/core cache/users.rs user_detail): a dependent comes with their
// guardian and no dependents; a guardian with no guardian and their dependents.

/** Emily as the pane shows her: she shares John's phone. */
export const emilyDetail: UserDetail = {
  user: emily,
  household: { guardian: john, dependents: [], shared_email: false, shared_phone: true },
};

/** John as the pane shows him: Emily shares his phone, Max his email. */
export const johnDetail: UserDetail = {
  user: john,
  household: { guardian: null, dependents: [emily, max], shared_email: true, shared_phone: true },
};
