import { Badge, Card, Group, Stack, Text, Title } from '@mantine/core';
import type { ReactNode } from 'react';

export type Source = 'local' | 'platform';

const SOURCE_TEXT: Record<Source, string> = { local: 'from your local copy', platform: 'from the platform' };

interface Props {
  title: string;
  source: Source;
  /** One sentence under the title: what the figure counts. */
  caption?: ReactNode;
  /** The chart (mouse: its bars and segments open what they count). */
  children: ReactNode;
  /** Buttons doing the same as the chart's parts, for the keyboard and screen readers. */
  actions?: ReactNode;
  testId: string;
}

/** One chart with its title, where its figures come from, and its keyboard-reachable links. */
export function ChartCard({ title, source, caption, children, actions, testId }: Props) {
  return (
    <Card withBorder radius="md" padding="md" data-testid={testId}>
      <Stack gap="xs">
        <Group justify="space-between" wrap="nowrap" align="flex-start">
          <Title order={3} size="h5">
            {title}
          </Title>
          <Badge variant="light" color={source === 'local' ? 'gray' : 'indigo'} data-testid={`${testId}-source`} style={{ flexShrink: 0 }}>
            {SOURCE_TEXT[source]}
          </Badge>
        </Group>
        {caption && (
          <Text size="xs" c="dimmed">
            {caption}
          </Text>
        )}
        {children}
        {actions && (
          <Group gap={6} wrap="wrap">
            {actions}
          </Group>
        )}
      </Stack>
    </Card>
  );
}
