import type { Me, Permission } from '../../ipc';

export interface Offer {
  permission: Permission;
  title: string;
  description: string;
}

// Every permission is decided here: the card of its screen, or null for a right that is no
// screen of the console. A permission added in Rust fails typecheck here until it is decided,
// so there is never a "coming soon" card.
const OFFERS: Record<Permission, Omit<Offer, 'permission'> | null> = {
  directory_read: { title: 'Directory', description: 'Find any user or dependent by name, email, phone or id' },
  staff_read: { title: 'Staff directory', description: "Browse the organization's staff (no consumer data)" },
  roles_write: { title: 'Role assignments', description: 'Change the roles of service-provider staff' },
  staff_invite: { title: 'Invite staff', description: 'Invite staff members, re-send and withdraw invitations' },
  service_accounts_write: {
    title: 'Service accounts',
    description: 'Create service accounts and issue, rotate and revoke their keys',
  },
  users_write: { title: 'People', description: 'Add, edit, move, suspend and remove patients, guardians and dependents' },
  audit_read: { title: 'Audit trail', description: 'See who changed what, when and why' },
  settings_read: { title: 'Organization settings', description: "Read the organization's configuration" },
  settings_write: { title: 'Edit all settings', description: "With a config Owner's rights you may change every setting" },
  settings_write_member: {
    title: 'Edit member settings',
    description: 'As config Member you may change the settings the Owner lets members change',
  },
  // Care staff update patient records from their own tools, not here: holding only this right
  // is no console access (the no-access screen says in a line that the platform allows it).
  patient_records_write: null,
  // Acting starts from a staff member's detail in the directory, which this card opens.
  act_on_behalf: {
    title: 'Act for staff',
    description: 'See and act as a staff member sees the console, for a limited time, with both of you in the audit trail',
  },
};

/** What the console offers, in the order the server listed the permissions. */
export const offersFor = (permissions: Permission[]): Offer[] =>
  permissions.flatMap((permission) => {
    const offer = OFFERS[permission];
    return offer ? [{ permission, ...offer }] : [];
  });

/** "OWNER", "PROVIDER, PROVIDER_PHYSICIAN", "Config Owner" or the account kind. */
export function roleSummary(me: Me): string {
  const parts: string[] = [...me.staff_roles];
  if (me.config_role) parts.push(me.config_role === 'OWNER' ? 'Config Owner' : 'Config Member');
  return parts.length > 0 ? parts.join(', ') : me.kind;
}
