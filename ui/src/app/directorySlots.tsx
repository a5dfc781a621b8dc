import { ActForPerson } from '../features/acting';
import { AuditTimeline } from '../features/audit';
import type { DirectorySlots } from '../features/directory';
import { canInvite, InvitationsButtons } from '../features/invitations';
import { MfaReset } from '../features/mfa';
import { AddPersonButton, canManagePeople, PersonActions } from '../features/people';
import { BulkRolesButton, canBulkEditRoles, canEditRoles, RoleEditor } from '../features/roles';
import type { SessionView } from '../ipc';

/**
 * What the directory shows beyond reading, by permission: the role editor (staff only), the MFA
 * reset and the bulk role change for role writers, adding, editing and removing people for those
 * who manage them, acting for a staff member for those who may act on behalf, inviting staff for
 * those who may invite, a person's history for audit readers. Everyone else sees the directory's own read-only views.
 */
export function directorySlots({ me, profile }: SessionView): DirectorySlots {
  const slots: DirectorySlots = {
    roles: (user) => (canEditRoles(me.permissions, user) ? <RoleEditor key={user.id} profile={profile} user={user} /> : null),
  };
  // Resetting someone's authenticator takes what changing their roles takes (an OWNER); the
  // platform decides again when it is asked.
  if (me.permissions.includes('roles_write')) {
    slots.mfa = (user) => (user.kind === 'STAFF' ? <MfaReset key={user.id} profile={profile} user={user} /> : null);
  }
  if (canBulkEditRoles(me.permissions)) slots.actions = (query) => <BulkRolesButton profile={profile} query={query} />;
  const manage = canManagePeople(me.permissions);
  if (manage || me.permissions.includes('act_on_behalf')) {
    slots.person = (detail) => (
      <>
        {manage && <PersonActions key={`people-${detail.user.id}`} profile={profile} detail={detail} />}
        {me.permissions.includes('act_on_behalf') && <ActForPerson key={`act-${detail.user.id}`} profile={profile} me={me} user={detail.user} />}
      </>
    );
  }
  const add = canManagePeople(me.permissions);
  const invite = canInvite(me.permissions);
  // Beside the count, whatever the search: adding people does not depend on who is listed.
  if (add || invite) {
    slots.create = () => (
      <>
        {add && <AddPersonButton profile={profile} />}
        {invite && <InvitationsButtons profile={profile} />}
      </>
    );
  }
  if (me.permissions.includes('audit_read')) {
    slots.history = (user) => <AuditTimeline key={user.id} profile={profile} personId={user.id} />;
  }
  return slots;
}
