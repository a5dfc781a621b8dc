// Numbers are grouped the same way everywhere (and in tests), whatever the machine's locale.
const count = new Intl.NumberFormat('en-US', { maximumFractionDigits: 0 });

export const formatCount = (n: number) => count.format(n);

export { formatTime } from '../../lib/time';
