import { Button, Group, NativeSelect, TextInput } from '@mantine/core';
import type { FormEvent } from 'react';

import { ACTIONS, type FilterForm } from './describe';

interface Props {
  form: FilterForm;
  onForm: (form: FilterForm) => void;
  onApply: () => void;
  onClear: () => void;
}

/** Actor, target, action and a date range; applied on Enter or with the button. */
export function AuditFilters({ form, onForm, onApply, onClear }: Props) {
  const set = (key: keyof FilterForm) => (e: { currentTarget: { value: string } }) => onForm({ ...form, [key]: e.currentTarget.value });
  const submit = (e: FormEvent) => {
    e.preventDefault();
    onApply();
  };
  return (
    <form onSubmit={submit} aria-label="Filter the audit log">
      <Group gap="sm" align="flex-end" wrap="wrap">
        <TextInput data-testid="audit-filter-actor" label="Changed by (user id)" placeholder="usr_…" value={form.actor} onChange={set('actor')} w={190} />
        <TextInput data-testid="audit-filter-target" label="Changed (person or account id)" placeholder="usr_…" value={form.target} onChange={set('target')} w={190} />
        <NativeSelect
          data-testid="audit-filter-action"
          label="What"
          data={[{ value: '', label: 'Any change' }, ...ACTIONS]}
          value={form.action}
          onChange={set('action')}
          w={200}
        />
        <TextInput data-testid="audit-filter-from" type="date" label="From" value={form.from} onChange={set('from')} w={160} />
        <TextInput data-testid="audit-filter-to" type="date" label="To (inclusive)" value={form.to} onChange={set('to')} w={160} />
        <Button type="submit" data-testid="audit-filter-apply">
          Apply filters
        </Button>
        <Button variant="subtle" onClick={onClear}>
          Clear
        </Button>
      </Group>
    </form>
  );
}
