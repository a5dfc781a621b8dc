import { CloseButton, Combobox, InputBase, Select, Text, useCombobox } from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { useState } from 'react';

import { useRoleCatalog, useSearchUsersWindows, type DirectoryQuery, type StaffRole, type UserKind } from '../ipc';

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

/**
 * A person field that takes a name or an id: what was typed, and whom it was picked as. A form
 * shows `text` (the picked name) and sends the picked id.
 */
export interface PersonChoice {
  text: string;
  person: Person | null;
}

export const NO_CHOICE: PersonChoice = { text: '', person: null };

// One word: a lowercase prefix, an underscore, then more (usr_…, usr_sa_…, sa_…, key_…). Names
// have spaces or no underscore, so a pasted id is never mistaken for a name to look up.
const ID_LIKE = /^[a-z]+_[A-Za-z0-9_-]+$/;

/** The id a choice stands for: the picked person's, or the text itself when it is an id. */
export function choiceId(choice: PersonChoice): string | null {
  if (choice.person) return choice.person.id;
  const text = choice.text.trim();
  return ID_LIKE.test(text) ? text : null;
}

/** Text that is neither someone picked nor an id: asks for nothing the server could match. */
export const choiceIncomplete = (choice: PersonChoice) => choice.text.trim() !== '' && choiceId(choice) === null;

/**
 * Anyone in the local copy, of any kind and status, best name matches first; with `first`, one
 * query per kind ahead of it, so those kinds lead the list (among 3,000 people "oliv" matches
 * dozens, and the one who changed something is staff).
 */
export function searchQueries(text: string, first: readonly UserKind[] = []): DirectoryQuery[] {
  const anyone: DirectoryQuery = { text, kind: null, role: null, status: null, sort: 'name', descending: false, offset: 0, limit: LIMIT };
  return [...first.map((kind) => ({ ...anyone, kind })), anyone];
}

interface SearchProps {
  profile: string;
  label: string;
  value: PersonChoice;
  onChange: (choice: PersonChoice) => void;
  /** Kinds listed before everyone else (e.g. staff and service accounts for who changed something). */
  first?: readonly UserKind[];
  error?: string;
  testId: string;
  w?: number;
}

/**
 * Finds anyone in this computer's copy of the directory by name, email, phone or id as you type
 * (arrow keys and Enter pick, Escape closes), with the id shown small under each name. Unlike
 * PersonPicker it also takes an id as typed: people removed from the copy can no longer be
 * found by name, yet a filter by their id (say, in the audit log) must still be possible.
 */
export function PersonSearch({ profile, label, value, onChange, first, error, testId, w }: SearchProps) {
  const combobox = useCombobox({ onDropdownClose: () => combobox.resetSelectedOption() });
  // The picked name in the box is not a search for that name: the list shows everyone then.
  const text = value.person && value.text === value.person.name ? '' : value.text.trim();
  const [debounced] = useDebouncedValue(text, 150);
  // Asked only while the list is open: a screen with this field costs nothing until it is used.
  const results = useSearchUsersWindows(profile, combobox.dropdownOpened ? searchQueries(debounced, first) : []);
  const failed = results.find((r) => r.error)?.error;
  const pending = results.length === 0 || results.some((r) => r.isPending);
  // Each query's own order, earlier queries first, each person once; one screenful in all.
  const rows = [...new Map(results.flatMap((r) => r.data?.rows ?? []).map((u) => [u.id, u])).values()].slice(0, LIMIT);
  const options = value.person && !rows.some((u) => u.id === value.person?.id) ? [{ id: value.person.id, display_name: value.person.name, status: null }, ...rows] : rows;

  const pick = (id: string) => {
    const chosen = options.find((u) => u.id === id);
    if (chosen) onChange({ text: chosen.display_name, person: { id: chosen.id, name: chosen.display_name } });
    combobox.closeDropdown();
  };
  const clear = () => {
    onChange(NO_CHOICE);
    combobox.closeDropdown();
  };

  return (
    <Combobox store={combobox} onOptionSubmit={pick}>
      <Combobox.Target withExpandedAttribute>
        <InputBase
          label={label}
          placeholder="Name or id"
          w={w}
          value={value.text}
          error={error}
          data-testid={testId}
          data-person-id={value.person?.id}
          onChange={(e) => {
            const typed = e.currentTarget.value;
            // Typing over a pick starts a new search; the pick stays only while its name does.
            onChange({ text: typed, person: value.person && typed === value.person.name ? value.person : null });
            combobox.openDropdown();
            combobox.resetSelectedOption();
          }}
          onClick={() => combobox.openDropdown()}
          onFocus={() => combobox.openDropdown()}
          onBlur={() => combobox.closeDropdown()}
          rightSection={value.text !== '' ? <CloseButton size="sm" aria-label={`Clear ${label}`} data-testid={`${testId}-clear`} onMouseDown={(e) => e.preventDefault()} onClick={clear} /> : null}
          rightSectionPointerEvents="all"
        />
      </Combobox.Target>
      <Combobox.Dropdown>
        <Combobox.Options data-testid={`${testId}-options`} mah={320} style={{ overflowY: 'auto' }}>
          {failed ? (
            <Combobox.Empty>The directory cannot be searched: {failed.message}</Combobox.Empty>
          ) : options.length === 0 ? (
            <Combobox.Empty>
              {pending ? 'Searching…' : 'No one in this computer’s copy matches. Someone removed from it cannot be found by name: paste their id (usr_… or sa_…) instead.'}
            </Combobox.Empty>
          ) : (
            options.map((u) => (
              <Combobox.Option value={u.id} key={u.id} active={u.id === value.person?.id}>
                <Text size="sm">
                  {u.display_name}
                  {u.status && u.status !== 'active' && (
                    <Text span size="xs" c="dimmed">
                      {' '}
                      ({u.status})
                    </Text>
                  )}
                </Text>
                <Text size="xs" c="dimmed" ff="monospace">
                  {u.id}
                </Text>
              </Combobox.Option>
            ))
          )}
        </Combobox.Options>
      </Combobox.Dropdown>
    </Combobox>
  );
}
