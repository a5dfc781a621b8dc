import { Alert, Button, Group, Stack, Text } from '@mantine/core';
import { useCallback } from 'react';

import { RoleChanges } from '../../components/RoleChanges';
import type { StaffRole } from '../../ipc';
import { sameRoles } from './staging';

interface Props {
  name: string;
  /** What the staging started from. */
  base: readonly StaffRole[];
  /** What I staged. */
  mine: readonly StaffRole[];
  /** What the server has now. */
  fresh: readonly StaffRole[];
  /** Mine carried over onto `fresh`. */
  rebased: readonly StaffRole[];
  onReapply: () => void;
  onDiscard: () => void;
}

/** Someone changed the person while I was editing: what they did, what mine would do on top. */
export function RoleConflict({ name, base, mine, fresh, rebased, onReapply, onDiscard }: Props) {
  const nothingLeft = sameRoles(rebased, fresh);
  const focusOnMount = useCallback((el: HTMLDivElement | null) => el?.focus(), []);
  return (
    <Alert
      color="yellow"
      title={`Someone else changed ${name}'s roles while you were editing`}
      data-testid="role-conflict"
      role="alert"
      ref={focusOnMount}
      tabIndex={-1}
    >
      <Stack gap="xs">
        <Text size="sm">Nothing of yours was saved. The roles on the server now:</Text>
        <RoleChanges before={fresh} after={fresh} withKept data-testid="role-conflict-fresh" />
        <Text size="sm">What they changed since you started:</Text>
        <RoleChanges before={base} after={fresh} data-testid="role-conflict-theirs" />
        <Text size="sm">What you had staged:</Text>
        <RoleChanges before={base} after={mine} data-testid="role-conflict-mine" />
        {nothingLeft ? (
          <Text size="sm" fw={500}>
            The roles on the server already include your changes.
          </Text>
        ) : (
          <>
            <Text size="sm">Your changes on top of theirs would give:</Text>
            <RoleChanges before={fresh} after={rebased} withKept data-testid="role-conflict-rebased" />
          </>
        )}
        <Group gap="xs">
          {!nothingLeft && (
            <Button size="xs" onClick={onReapply} data-testid="role-reapply">
              Re-apply my changes on top
            </Button>
          )}
          <Button size="xs" variant="default" onClick={onDiscard} data-testid="role-discard">
            Discard mine
          </Button>
        </Group>
        {!nothingLeft && (
          <Text size="xs" c="dimmed">
            Re-applying takes you back to the review; nothing is sent until you apply again.
          </Text>
        )}
      </Stack>
    </Alert>
  );
}
