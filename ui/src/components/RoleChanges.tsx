import { Badge, Group, Text, VisuallyHidden } from '@mantine/core';

import { roleDiff } from '../lib/roleDiff';

interface Props {
  before: readonly string[];
  after: readonly string[];
  /** Also list the roles the change keeps (greyed). */
  withKept?: boolean;
  'data-testid'?: string;
}

/**
 * A role change as badges: added in green with "+", removed in red with "−". Colour is never the
 * only signal (the sign is there, and screen readers hear "added" / "removed").
 */
export function RoleChanges({ before, after, withKept = false, 'data-testid': testId }: Props) {
  const { added, removed, kept } = roleDiff(before, after);
  if (added.length === 0 && removed.length === 0 && !withKept) {
    return (
      <Text size="sm" c="dimmed" data-testid={testId}>
        No change
      </Text>
    );
  }
  return (
    <Group gap={4} data-testid={testId}>
      {added.map((r) => (
        <Badge key={`+${r}`} size="sm" color="green" variant="light" data-change="added">
          <span aria-hidden>+ </span>
          <VisuallyHidden>added </VisuallyHidden>
          {r}
        </Badge>
      ))}
      {removed.map((r) => (
        <Badge key={`-${r}`} size="sm" color="red" variant="light" data-change="removed" td="line-through">
          <span aria-hidden>− </span>
          <VisuallyHidden>removed </VisuallyHidden>
          {r}
        </Badge>
      ))}
      {withKept &&
        kept.map((r) => (
          <Badge key={`=${r}`} size="sm" color="gray" variant="outline" data-change="kept">
            {r}
          </Badge>
        ))}
      {withKept && added.length + removed.length + kept.length === 0 && (
        <Text size="sm" c="dimmed">
          No roles
        </Text>
      )}
    </Group>
  );
}
