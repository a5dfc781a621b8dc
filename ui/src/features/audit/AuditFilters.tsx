import { Button, Group, NativeSelect, TextInput } from '@mantine/core';
import type { FormEvent } from 'react';

import { choiceIncomplete, PersonSearch, type PersonChoice } from '../../components/PersonPicker';
import { ACTIONS, type FilterForm } from './describe';

interface Props {
  profile: string;
  form: FilterForm;
  /** Applying was tried: say which person fields hold text that is neither a pick nor an id. */
  checked: boolean;
  onForm: (form: FilterForm) => void;
  onApply: () => void;
  onClear: () => void;
}

// Who changes things: staff and service accounts lead the list; anyone else follows.
const ACTORS = ['STAFF', 'SERVICE_ACCOUNT'] as const;

const INCOMPLETE = 'Pick someone from the list, or paste an id';

/** Actor, target (people picked by name), action and a date range; applied on Enter or with the button. */
export function AuditFilters({ profile, form, checked, onForm, onApply, onClear }: Props) {
  const set = (key: 'action' | 'from' | 'to') => (e: { currentTarget: { value: string } }) => onForm({ ...form, [key]: e.currentTarget.value });
  const setPerson = (key: 'actor' | 'target') => (choice: PersonChoice) => onForm({ ...form, [key]: choice });
  const problem = (choice: PersonChoice) => (checked && choiceIncomplete(choice) ? INCOMPLETE : undefined);
  const submit = (e: FormEvent) => {
    e.preventDefault();
    onApply();
  };
  return (
    <form onSubmit={submit} aria-label="Filter the audit log">
      <Group gap="sm" align="flex-end" wrap="wrap">
        <PersonSearch profile={profile} testId="audit-filter-actor" label="Changed by" first={ACTORS} value={form.actor} onChange={setPerson('actor')} error={problem(form.actor)} w={220} />
        <PersonSearch profile={profile} testId="audit-filter-target" label="Changed (person or account)" value={form.target} onChange={setPerson('target')} error={problem(form.target)} w={220} />
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
