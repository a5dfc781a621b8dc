import type { RoleChangeOutcome } from '../../ipc';

export type Problem = NonNullable<RoleChangeOutcome['problem']>;

/** Why the server refuses an item, in its own words (`detail` says what to do; `title` is the heading). */
export const problemText = (p: Problem) => p.detail ?? p.title;
