import { Select, Text } from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { useState } from 'react';

import { useRoleCatalog, useSearchUsersWindows, type DirectoryQuery, type StaffRole } from '../../ipc';
import type { Person } from './accountForm';

const LIMIT = 20;

/**
 * Active staff matching the text; for providers, one query per provider role (`providerRoles`:
 * the roles the platform's catalog marks as providers an account may act for).
 */
export function pickerQueries(text: string, who: 'staff' | 'provider', providerRoles: readonly StaffRole[]): DirectoryQuery[] {
  const base: DirectoryQuery = { text, kind: 'STAFF', role: null, status: 'active', sort: 'name', descending: false, offset: 0, limit: LIMIT };
  return who === 'staff' ? [base] : providerRoles.map((role) => ({ ...base, role }));
}

interface Props {
  profile: string;
  who: 'staff' | 'provider';
  label: string;
  description: string;
  value: Person | null;
  onChange: (p: Person | null) => void;
  required?: boolean;
  clearable?: boolean;
  testId: string;
}

/**
 * Picks a person from this computer's copy of the directory: active staff for an owner of
 * record, staff holding a provider role for an acts-for provider. The server checks both again.
 */
export function PersonPicker({ profile, who, label, description, value, onChange, required, clearable, testId }: Props) {
  const [search, setSearch] = useState('');
  // Typing the picked name back into the box is not a new search for it.
  const text = value && search === value.name ? '' : search.trim();
  const [debounced] = useDebouncedValue(text, 150);
  const catalog = useRoleCatalog(profile);
  const providerRoles = (catalog.data ?? []).filter((r) => r.provider).map((r) => r.role);
  const results = useSearchUsersWindows(profile, pickerQueries(debounced, who, providerRoles));
  const error = results.find((r) => r.error)?.error ?? undefined;
  const loading = results.some((r) => r.isPending);

  const seen = new Map<string, { value: string; label: string; email: string | null }>();
  for (const r of results) for (const u of r.data?.rows ?? []) seen.set(u.id, { value: u.id, label: u.display_name, email: u.email });
  // The current choice stays selectable even when the search no longer finds it (or it has left).
  if (value && !seen.has(value.id)) seen.set(value.id, { value: value.id, label: value.name, email: null });
  const data = [...seen.values()].sort((a, b) => a.label.localeCompare(b.label));

  return (
    <Select
      label={label}
      description={description}
      required={required}
      clearable={clearable}
      searchable
      searchValue={search}
      onSearchChange={setSearch}
      // The directory already searched by name, email, phone and id: show what it found.
      filter={({ options }) => options}
      data={data}
      value={value?.id ?? null}
      onChange={(id, option) => onChange(id && option ? { id, name: option.label } : null)}
      nothingFoundMessage={loading ? 'Searching…' : who === 'staff' ? 'No active staff member matches' : 'No provider matches'}
      error={error ? `The directory cannot be searched: ${error.message}` : undefined}
      renderOption={({ option }) => {
        const email = data.find((d) => d.value === option.value)?.email;
        return (
          <div>
            <Text size="sm">{option.label}</Text>
            {email && (
              <Text size="xs" c="dimmed">
                {email}
              </Text>
            )}
          </div>
        );
      }}
      data-testid={testId}
    />
  );
}
