import { AuditTimeline } from '../features/audit';
import type { DirectorySlots } from '../features/directory';
import { canInvite, InvitationsButtons } from '../features/invitations';
import { BulkRolesButton, canBulkEditRoles, canEditRoles, RoleEditor } from '../features/roles';
import type { SessionView } from '../ipc';

/**
 * What the directory shows beyond reading, by permission: the role editor (staff only) and the
 * bulk role change for role writers, inviting staff for those who may invite, a person's history
 * for audit readers. Everyone else sees the directory's own read-only views.
 */
export function directorySlots({ me, profile }: SessionView): DirectorySlots {
  const slots: DirectorySlots = {
    roles: (user) => (canEditRoles(me.permissions, user) ? <RoleEditor key={user.id} profile={profile} user={user} /> : null),
  };
  const bulk = canBulkEditRoles(me.permissions);
  const invite = canInvite(me.permissions);
  if (bulk || invite) {
    slots.actions = (query) => (
      <>
        {bulk && <BulkRolesButton profile={profile} query={query} />}
        {invite && <InvitationsButtons profile={profile} />}
      </>
    );
  }
  if (me.permissions.includes('audit_read')) {
    slots.history = (user) => <AuditTimeline key={user.id} profile={profile} targetId={user.id} />;
  }
  return slots;
}
