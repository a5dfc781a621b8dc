import { ActionIcon, Button, Group, Input, Stack, Text, TextInput } from '@mantine/core';

import { urlProblem } from './validate';

interface Props {
  fieldKey: string;
  label: string;
  description: React.ReactNode;
  value: string[];
  maxItems: number;
  readOnly: boolean;
  /** About the list as a whole (too many, one listed twice). */
  error: string | null;
  onChange: (value: string[]) => void;
}

/** One address per line, each checked as typed; lines are added and removed with buttons. */
export function UrlListInput({ fieldKey, label, description, value, maxItems, readOnly, error, onChange }: Props) {
  const set = (i: number, url: string) => onChange(value.map((u, j) => (j === i ? url : u)));
  const remove = (i: number) => onChange(value.filter((_, j) => j !== i));
  // A list problem that is one line's own problem is shown at that line, not twice.
  const listError = error && !value.some((u) => urlProblem(u) === error) ? error : null;

  return (
    <Input.Wrapper label={label} description={description} error={listError} data-testid={`setting-input-${fieldKey}`}>
      <Stack gap={6} mt={6}>
        {value.length === 0 && (
          <Text size="sm" c="dimmed">
            No addresses.
          </Text>
        )}
        {value.map((url, i) => (
          <Group key={i} gap={6} wrap="nowrap" align="flex-start">
            <TextInput
              flex={1}
              aria-label={`${label}, address ${i + 1}`}
              data-testid={`setting-input-${fieldKey}-${i}`}
              placeholder="https://app.example.org/callback"
              value={url}
              readOnly={readOnly}
              error={readOnly ? null : urlProblem(url)}
              onChange={(e) => set(i, e.currentTarget.value)}
            />
            {!readOnly && (
              <ActionIcon
                variant="default"
                size="lg"
                aria-label={`Remove address ${i + 1}`}
                data-testid={`setting-remove-${fieldKey}-${i}`}
                onClick={() => remove(i)}
              >
                <span aria-hidden>×</span>
              </ActionIcon>
            )}
          </Group>
        ))}
        {!readOnly && (
          <Group gap="xs">
            <Button
              size="xs"
              variant="default"
              data-testid={`setting-add-${fieldKey}`}
              disabled={value.length >= maxItems}
              onClick={() => onChange([...value, ''])}
            >
              Add address
            </Button>
            <Text size="xs" c="dimmed">
              {value.length} of at most {maxItems}
            </Text>
          </Group>
        )}
      </Stack>
    </Input.Wrapper>
  );
}
