import type { RoleChangeOutcome } from '../../ipc';

export type Problem = NonNullable<RoleChangeOutcome['problem']>;

/**
 * The server's guardrail codes in words an owner acts on. The server's own detail is shown
 * under these; an unknown code falls back to the server's title.
 */
const WORDS: Record<string, string> = {
  last_owner: 'This would leave the organization without an active owner. Make someone else an owner first.',
  owner_required: 'Only an owner can grant or remove the OWNER role.',
  self_change: 'Nobody can change their own roles. Ask another owner to do it.',
  not_staff: 'Only staff hold staff roles, and this person is not staff.',
  read_only_role: 'Your roles only allow reading, not changing roles.',
  unknown_role: 'The platform does not know one of these roles.',
  precondition_failed: 'Someone changed this person after you opened them.',
  reason_required: 'A reason is required; it is recorded in the audit trail.',
  not_found: 'This person no longer exists on the platform.',
  forbidden: 'Your role does not allow this change.',
};

export const problemText = (p: Problem) => WORDS[p.code] ?? p.title;

/** The server's detail, when it adds something to the plain words. */
export const problemDetail = (p: Problem) => (p.detail && p.detail !== problemText(p) ? p.detail : null);
