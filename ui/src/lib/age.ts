const DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

/** A `YYYY-MM-DD` date as [year, month, day], or null. */
function parts(s: string | null | undefined): [number, number, number] | null {
  const m = s ? DATE.exec(s) : null;
  return m ? [Number(m[1]), Number(m[2]), Number(m[3])] : null;
}

/** Whole years from a `YYYY-MM-DD` birth date to the `YYYY-MM-DD` date `today`, or null. */
export function ageOn(dob: string | null | undefined, today: string): number | null {
  const b = parts(dob);
  const t = parts(today);
  if (!b || !t) return null;
  const hadBirthday = t[1] > b[1] || (t[1] === b[1] && t[2] >= b[2]);
  return t[0] - b[0] - (hadBirthday ? 0 : 1);
}

/** This computer's date as `YYYY-MM-DD`. */
export function localToday(now: Date = new Date()): string {
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${now.getFullYear()}-${pad(now.getMonth() + 1)}-${pad(now.getDate())}`;
}
