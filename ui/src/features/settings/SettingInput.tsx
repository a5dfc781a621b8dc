import { Input, NumberInput, Select, Switch, TextInput } from '@mantine/core';
import type { ReactNode } from 'react';

import type { FieldError, SettingField } from '../../ipc';
import { TextListInput } from './TextListInput';

interface Props {
  field: SettingField;
  value: unknown;
  readOnly: boolean;
  error: FieldError | null;
  description: ReactNode;
  onChange: (value: unknown) => void;
}

const KINDS: readonly string[] = ['integer', 'boolean', 'string', 'enum', 'text_list'];

/** Whether this console has an input for the field's kind; a newer kind is shown read-only. */
export const knownKind = (field: SettingField) => KINDS.includes(field.type.kind);

/** More choices than this are searched rather than scrolled. */
const SEARCH_FROM = 10;

/** The input the field's type calls for, labelled and described from the schema. */
export function SettingInput({ field, value, readOnly, error, description, onChange }: Props) {
  const type = field.type;
  const common = {
    label: field.unit ? `${field.label} (${field.unit})` : field.label,
    description,
    error: readOnly ? null : (error?.message ?? null),
    placeholder: field.example ?? undefined,
    'data-testid': `setting-input-${field.key}`,
  };
  switch (type.kind) {
    case 'integer':
      return (
        <NumberInput
          {...common}
          value={typeof value === 'number' || typeof value === 'string' ? value : ''}
          min={type.min}
          max={type.max}
          // Out of range is said under the field rather than silently corrected.
          clampBehavior="none"
          allowDecimal={false}
          readOnly={readOnly}
          styles={{ wrapper: { maxWidth: 260 } }}
          onChange={onChange}
        />
      );
    case 'boolean':
      // Labelled like the other fields; the switch itself says On or Off in words, which a
      // greyed, locked switch does not by its position alone.
      return (
        <Input.Wrapper label={common.label} description={description} error={common.error} labelElement="div">
          <Switch
            mt={6}
            data-testid={common['data-testid']}
            aria-label={field.label}
            checked={value === true}
            label={value === true ? 'On' : 'Off'}
            // A switch has no read-only state; disabled is the nearest.
            disabled={readOnly}
            onChange={(e) => onChange(e.currentTarget.checked)}
          />
        </Input.Wrapper>
      );
    case 'enum':
      return (
        <Select
          {...common}
          data={type.values}
          value={typeof value === 'string' ? value : null}
          searchable={type.values.length > SEARCH_FROM}
          limit={type.values.length > SEARCH_FROM ? 30 : undefined}
          allowDeselect={false}
          readOnly={readOnly}
          styles={{ wrapper: { maxWidth: 360 } }}
          onChange={(v) => v !== null && onChange(v)}
        />
      );
    case 'text_list':
      return (
        <TextListInput
          fieldKey={field.key}
          label={common.label}
          description={description}
          value={Array.isArray(value) ? value.map(String) : []}
          maxItems={type.max_items}
          item={type.item}
          example={field.example}
          readOnly={readOnly}
          error={readOnly ? null : error}
          onChange={onChange}
        />
      );
    case 'string':
      return (
        <TextInput
          {...common}
          value={typeof value === 'string' ? value : ''}
          readOnly={readOnly}
          onChange={(e) => onChange(e.currentTarget.value)}
        />
      );
    default:
      // A kind of field newer than this console: shown as stored, changed elsewhere (the CLI).
      return <TextInput {...common} value={JSON.stringify(value ?? null)} readOnly ff="monospace" />;
  }
}
