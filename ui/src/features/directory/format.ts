// Numbers are grouped the same way everywhere (and in tests), whatever the machine's locale.
const count = new Intl.NumberFormat('en-US', { maximumFractionDigits: 0 });

export const formatCount = (n: number) => count.format(n);

export { formatTime } from '../../lib/time';

/** "just now", "2 min ago", "3 h ago", "2 days ago". */
export function ago(seconds: number, nowSeconds: number): string {
  const s = Math.max(0, nowSeconds - seconds);
  if (s < 45) return 'just now';
  const min = Math.max(1, Math.round(s / 60));
  if (min < 60) return `${min} min ago`;
  const h = Math.round(min / 60);
  if (h < 24) return `${h} h ago`;
  const d = Math.round(h / 24);
  return `${d} ${d === 1 ? 'day' : 'days'} ago`;
}
