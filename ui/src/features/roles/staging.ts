import type { Permission, RoleChangeItem, StaffRole, User } from '../../ipc';
import { roleDiff } from '../../lib/roleDiff';

/** Roles in the catalog's order, so a staged set reads (and is sent) the same way every time. */
export const inOrder = (roles: Iterable<StaffRole>, order: readonly StaffRole[]): StaffRole[] => {
  const set = new Set(roles);
  return [...order.filter((r) => set.has(r)), ...[...set].filter((r) => !order.includes(r))];
};

export const toggle = (roles: readonly StaffRole[], role: StaffRole, on: boolean, order: readonly StaffRole[]) =>
  inOrder(on ? [...roles, role] : roles.filter((r) => r !== role), order);

export const sameRoles = (a: readonly StaffRole[], b: readonly StaffRole[]) =>
  a.length === b.length && a.every((r) => b.includes(r));

/** What the server is asked to dry-run: only the difference, against the version it was staged on. */
export function changeItem(base: User, staged: readonly StaffRole[]): RoleChangeItem {
  const { added, removed } = roleDiff(base.staff_roles, staged);
  return { user_id: base.id, add: added, remove: removed, expected_version: base.version };
}

/**
 * My staged change carried over to a newer server state: what I added is added, what I removed
 * is removed, and whatever the other person changed besides stays as they left it.
 */
export function rebase(oldBase: readonly StaffRole[], staged: readonly StaffRole[], fresh: readonly StaffRole[], order: readonly StaffRole[]) {
  const { added, removed } = roleDiff(oldBase, staged);
  return inOrder([...fresh.filter((r) => !removed.includes(r)), ...added], order);
}

/** The editor is offered to those who may change roles, for staff only (others hold no staff roles). */
export const canEditRoles = (permissions: readonly Permission[], user: Pick<User, 'kind'>) =>
  permissions.includes('roles_write') && user.kind === 'STAFF';

export const canBulkEditRoles = (permissions: readonly Permission[]) => permissions.includes('roles_write');
