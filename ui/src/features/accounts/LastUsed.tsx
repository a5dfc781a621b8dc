import { Text } from '@mantine/core';

import type { ApiKey } from '../../ipc';
import { formatTime, relative } from './time';

/** When a key was last used and from where, in one line: what an owner checks before cutting it off. */
export function lastUsedText(key: Pick<ApiKey, 'last_used_at' | 'last_used_from'>, now: number): string {
  if (key.last_used_at === null) return 'Never used.';
  const from = key.last_used_from ? ` from ${key.last_used_from}` : '';
  return `Last used ${relative(key.last_used_at, now)} (${formatTime(key.last_used_at)})${from}.`;
}

export function LastUsed({ apiKey, now, testId }: { apiKey: ApiKey; now: number; testId?: string }) {
  return (
    <Text size="sm" data-testid={testId}>
      {lastUsedText(apiKey, now)}
    </Text>
  );
}
