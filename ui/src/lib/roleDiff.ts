/** Which roles a change adds, removes and keeps, each in the order they were listed. */
export interface RoleDiff<R extends string = string> {
  added: R[];
  removed: R[];
  kept: R[];
}

export function roleDiff<R extends string>(before: readonly R[], after: readonly R[]): RoleDiff<R> {
  return {
    added: after.filter((r) => !before.includes(r)),
    removed: before.filter((r) => !after.includes(r)),
    kept: after.filter((r) => before.includes(r)),
  };
}

export const isNoChange = (d: RoleDiff) => d.added.length === 0 && d.removed.length === 0;
