import { ActionIcon, Button, Group, Input, Stack, Text, TextInput } from '@mantine/core';

import type { FieldError } from '../../ipc';

interface Props {
  fieldKey: string;
  label: string;
  description: React.ReactNode;
  value: string[];
  maxItems: number;
  /** What one entry is called, from the schema (e.g. `URL`). */
  item: string;
  example: string | null;
  readOnly: boolean;
  /** The platform's refusal: at the entry it names, or about the list as a whole. */
  error: FieldError | null;
  onChange: (value: string[]) => void;
}

/** One entry per line, each checked as typed; lines are added and removed with buttons. */
export function TextListInput({ fieldKey, label, description, value, maxItems, item, example, readOnly, error, onChange }: Props) {
  const set = (i: number, text: string) => onChange(value.map((u, j) => (j === i ? text : u)));
  const remove = (i: number) => onChange(value.filter((_, j) => j !== i));
  // A problem of one line is shown at that line, not twice.
  const at = error?.item ?? null;
  const listError = error && at === null ? error.message : null;

  return (
    <Input.Wrapper label={label} description={description} error={listError} data-testid={`setting-input-${fieldKey}`}>
      <Stack gap={6} mt={6}>
        {value.length === 0 && (
          <Text size="sm" c="dimmed">
            No {item}s.
          </Text>
        )}
        {value.map((entry, i) => (
          <Group key={i} gap={6} wrap="nowrap" align="flex-start">
            <TextInput
              flex={1}
              aria-label={`${label}, ${item} ${i + 1}`}
              data-testid={`setting-input-${fieldKey}-${i}`}
              placeholder={example ?? undefined}
              value={entry}
              readOnly={readOnly}
              error={!readOnly && at === i ? error?.message : null}
              onChange={(e) => set(i, e.currentTarget.value)}
            />
            {!readOnly && (
              <ActionIcon
                variant="default"
                size="lg"
                aria-label={`Remove ${item} ${i + 1}`}
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
              Add {item}
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
