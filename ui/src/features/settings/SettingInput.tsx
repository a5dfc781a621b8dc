import { Autocomplete, Input, NumberInput, Select, Switch, TextInput } from '@mantine/core';
import type { ReactNode } from 'react';

import type { SettingField } from '../../ipc';
import { UrlListInput } from './UrlListInput';
import { timeZones } from './validate';

interface Props {
  field: SettingField;
  value: unknown;
  readOnly: boolean;
  error: string | null;
  description: ReactNode;
  onChange: (value: unknown) => void;
}

/** The input the field's type calls for, labelled and described from the schema. */
export function SettingInput({ field, value, readOnly, error, description, onChange }: Props) {
  const type = field.type;
  const common = {
    label: field.unit ? `${field.label} (${field.unit})` : field.label,
    description,
    error: readOnly ? null : error,
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
          allowDeselect={false}
          readOnly={readOnly}
          styles={{ wrapper: { maxWidth: 360 } }}
          onChange={(v) => v !== null && onChange(v)}
        />
      );
    case 'url_list':
      return (
        <UrlListInput
          fieldKey={field.key}
          label={common.label}
          description={description}
          value={Array.isArray(value) ? value.map(String) : []}
          maxItems={type.max_items}
          readOnly={readOnly}
          error={common.error}
          onChange={onChange}
        />
      );
    case 'string': {
      const text = typeof value === 'string' ? value : '';
      if (type.format === 'time_zone') {
        return (
          <Autocomplete
            {...common}
            data={timeZones()}
            limit={30}
            value={text}
            readOnly={readOnly}
            placeholder="e.g. America/New_York"
            styles={{ wrapper: { maxWidth: 360 } }}
            onChange={onChange}
          />
        );
      }
      return (
        <TextInput
          {...common}
          type={type.format === 'email' ? 'email' : 'text'}
          value={text}
          readOnly={readOnly}
          onChange={(e) => onChange(e.currentTarget.value)}
        />
      );
    }
    default:
      // A kind of field newer than this console: shown as stored, changed elsewhere (the CLI).
      return <TextInput {...common} value={JSON.stringify(value ?? null)} readOnly ff="monospace" />;
  }
}
