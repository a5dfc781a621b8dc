import type { DirectoryPage } from '../../ipc';
import { formatCount } from './format';

/** What the line above the results says: who answered, how many, and what that answer offers. */
export interface ResultLine {
  summary: string;
  /** While the local copy fills: what the platform's search offers instead. */
  note: string | null;
  /** The platform was asked and failed: why, in words (the rows are the partial copy's). */
  warning: string | null;
}

const matches = (n: number, more = false) => `${formatCount(n)}${more ? '+' : ''} ${n === 1 && !more ? 'match' : 'matches'}`;

export function resultLine(page: DirectoryPage): ResultLine {
  const filling = page.filling_percent ?? null;
  const took = `${(page.took_ms ?? 0).toFixed(1)} ms`;
  if (page.source === 'platform') {
    return {
      summary: `${matches(page.total, page.more)} from the platform (your local copy is still filling: ${filling ?? 0}%)`,
      note: `While your copy fills, the platform offers its first ${formatCount(page.total)} matches, in id order; sorting and the full list come when the copy is complete.`,
      warning: null,
    };
  }
  if (page.platform_error) {
    return {
      summary: `${matches(page.total)} in your local copy so far · ${took}`,
      note: null,
      warning: page.platform_error,
    };
  }
  return { summary: `${matches(page.total)} · ${took}`, note: null, warning: null };
}
