import { Group, Select, TextInput } from '@mantine/core';
import { memo, type KeyboardEvent, type Ref } from 'react';

import type { StaffRole, UserKind, UserStatus } from '../../ipc';
import { kindOptions, STATUSES, type DirectoryScope } from './access';

export interface Filters {
  kind: UserKind | null;
  role: StaffRole | null;
  status: UserStatus | null;
}

interface Props {
  scope: DirectoryScope;
  /** The platform's staff roles, from its role catalog. */
  roles: readonly StaffRole[];
  text: string;
  onText: (text: string) => void;
  filters: Filters;
  onFilters: (filters: Filters) => void;
  /** ArrowDown in the search box: continue in the table. */
  onEnterTable: () => void;
  searchRef?: Ref<HTMLInputElement>;
}

/** Search as you type, and the kind / role / status filters. */
export function Toolbar({ scope, roles, text, onText, filters, onFilters, onEnterTable, searchRef }: Props) {
  const onKeyDown = (e: KeyboardEvent<HTMLInputElement>) => {
    if (e.key === 'ArrowDown') {
      e.preventDefault();
      onEnterTable();
    }
  };
  return (
    <Group gap="sm" align="flex-end" wrap="wrap">
      <TextInput
        ref={searchRef}
        data-testid="directory-search"
        label="Search"
        placeholder={scope === 'all' ? 'Name, email, phone or id' : 'Staff name, email, phone or id'}
        value={text}
        onChange={(e) => onText(e.currentTarget.value)}
        onKeyDown={onKeyDown}
        style={{ flex: '1 1 240px' }}
        aria-describedby="directory-total"
      />
      <FilterSelects scope={scope} roles={roles} filters={filters} onFilters={onFilters} />
    </Group>
  );
}

interface FilterProps {
  scope: DirectoryScope;
  roles: readonly StaffRole[];
  filters: Filters;
  onFilters: (filters: Filters) => void;
}

/**
 * The three filters, memoized: every keystroke in the search box re-renders the toolbar, and
 * three Mantine Selects re-rendered for nothing were a share of each keystroke's frame.
 */
const FilterSelects = memo(function FilterSelects({ scope, roles, filters, onFilters }: FilterProps) {
  return (
    <>
      <Select
        data-testid="filter-kind"
        label="Kind"
        placeholder="Any kind"
        data={kindOptions(scope)}
        value={filters.kind}
        onChange={(v) => onFilters({ ...filters, kind: v as UserKind | null })}
        clearable
        w={170}
      />
      <Select
        data-testid="filter-role"
        label="Role"
        placeholder="Any role"
        data={[...roles]}
        value={filters.role}
        onChange={(v) => onFilters({ ...filters, role: v as StaffRole | null })}
        clearable
        searchable
        w={230}
      />
      <Select
        data-testid="filter-status"
        label="Status"
        placeholder="Any status"
        data={[...STATUSES]}
        value={filters.status}
        onChange={(v) => onFilters({ ...filters, status: v as UserStatus | null })}
        clearable
        w={140}
      />
    </>
  );
});
