import type { DirectoryQuery, RoleBatchResult, RoleChangeItem, RoleChangeOutcome } from '../../ipc';
import { isNoChange, roleDiff } from '../../lib/roleDiff';

export type Verdict = 'change' | 'unchanged' | 'refused';

/** What the server said (or would say) about one person. */
export function verdict(o: RoleChangeOutcome): Verdict {
  if (o.problem) return 'refused';
  return isNoChange(roleDiff(o.before, o.after)) ? 'unchanged' : 'change';
}

export function counts(result: RoleBatchResult): Record<Verdict, number> {
  const out: Record<Verdict, number> = { change: 0, unchanged: 0, refused: 0 };
  for (const o of result.items) out[verdict(o)] += 1;
  return out;
}

/**
 * The plan's items the dry run accepted as a change. Only these are sent: applying exactly what
 * the plan shows means nothing outside it can happen (a refused item stays refused, an
 * unchanged one would only add noise to the audit trail).
 */
export function itemsToApply(plan: { items: RoleChangeItem[]; result: RoleBatchResult }): RoleChangeItem[] {
  const changing = new Set(plan.result.items.filter((o) => verdict(o) === 'change').map((o) => o.user_id));
  return plan.items.filter((i) => changing.has(i.user_id));
}

/** The reason recorded for an undo, pointing back at what it undoes. */
export const undoReason = (reason: string) => `Undo: ${reason.trim()}`;

/** The search and filters of the directory in words: "matching “sam”, role SUPPORT, status active". */
export function describeQuery(q: DirectoryQuery): string {
  const parts: string[] = [];
  if (q.text.trim()) parts.push(`matching “${q.text.trim()}”`);
  if (q.role) parts.push(`with role ${q.role}`);
  if (q.status) parts.push(`with status ${q.status}`);
  return parts.length > 0 ? parts.join(', ') : 'in the whole directory (no search or filter)';
}

/** Roles belong to staff: a kind filter other than staff selects no one to change. */
export const excludesStaff = (q: DirectoryQuery) => q.kind !== null && q.kind !== 'STAFF';
