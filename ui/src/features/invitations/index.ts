export { canInvite, InvitationsButtons } from './InvitationsButtons';
