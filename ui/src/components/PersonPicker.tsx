import { Select, Text } from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { useState } from 'react';

import { useRoleCatalog, useSearchUsersWindows, type DirectoryQuery, type StaffRole } from '../ipc';

/** Someone picked from the directory: kept with their name, so a form can show who it is. */
export interface Person {
  id: string;
  name: string;
}

/** Whom a picker offers: active staff, staff holding a provider role, or active guardians. */
export type PickWho = 'staff' | 'provider' | 'guardian';

const LIMIT = 20;

const NOTHING_FOUND: Record<PickWho, string> = {
  staff: 'No active staff member matches',
  provider: 'No provider matches',
  guardian: 'No active guardian matches',
};

/**
 * Active people matching the text; for providers, one query per provider role (`providerRoles`:
 * the roles the platform's catalog marks as providers an account may act for).
 */
export function pickerQueries(text: string, who: PickWho, providerRoles: readonly StaffRole[]): DirectoryQuery[] {
  const kind = who === 'guardian' ? 'GUARDIAN' : 'STAFF';
  const base: DirectoryQuery = { text, kind, role: null, status: 'active', sort: 'name', descending: false, offset: 0, limit: LIMIT };
  return who === 'provider' ? providerRoles.map((role) => ({ ...base, role })) : [base];
}

interface Props {
  profile: string;
  who: PickWho;
  /** Someone who may not be picked (e.g. the guardian a dependent already has). */
  exclude?: string;
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
export function PersonPicker({ profile, who, exclude, label, description, value, onChange, required, clearable, testId }: Props) {
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
  for (const r of results)
    for (const u of r.data?.rows ?? []) if (u.id !== exclude) seen.set(u.id, { value: u.id, label: u.display_name, email: u.email });
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
      nothingFoundMessage={loading ? 'Searching…' : NOTHING_FOUND[who]}
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
