import { Alert, Button, Group, Progress, Text } from '@mantine/core';

import type { IpcError, SyncStatus } from '../../ipc';
import { useNowSeconds } from '../../lib/time';
import { offlineText, syncLabel, syncPercent } from './syncText';

interface Props {
  status: SyncStatus | undefined;
  onSyncNow: () => void;
  starting: boolean;
}

/** Last sync, or progress while syncing, and "Sync now". */
export function SyncBar({ status, onSyncNow, starting }: Props) {
  const now = useNowSeconds(15_000);
  const running = status?.phase === 'full' || status?.phase === 'delta';
  const percent = status ? syncPercent(status) : null;

  return (
    <Group gap="sm" wrap="nowrap" data-testid="sync-status" data-phase={status?.phase}>
      <Text size="sm" c="dimmed" style={{ whiteSpace: 'nowrap' }} data-testid="sync-text">
        {status ? syncLabel(status, now) : 'Reading sync status…'}
      </Text>
      {running && (
        <Progress
          data-testid="sync-progress"
          value={percent ?? 100}
          striped={percent === null}
          animated={percent === null}
          size="sm"
          w={160}
          aria-label="Sync progress"
        />
      )}
      <Button data-testid="sync-now" size="compact-sm" variant="default" loading={starting || running} onClick={onSyncNow}>
        Sync now
      </Button>
    </Group>
  );
}

interface NoticeProps {
  status: SyncStatus | undefined;
  /** The status could not be read at all, or a sync could not be started. */
  error: IpcError | null;
}

/** Offline: the cache is read-only and dated. Failed: why (the last good cache stays). */
export function SyncNotices({ status, error }: NoticeProps) {
  const failure = error ?? (status?.phase === 'failed' ? status.error : null);
  if (status?.offline) {
    return (
      <Alert data-testid="offline-banner" color="yellow" py="xs">
        {offlineText(status)}
      </Alert>
    );
  }
  if (!failure) return null;
  return (
    <Alert data-testid="sync-error" color="red" py="xs" title="Sync failed">
      {failure.message}
    </Alert>
  );
}
