import { describe, expect, it } from 'vitest';

import { ariaSort, nextSort } from './columns';

describe('nextSort', () => {
  it('sorts a new column ascending, then toggles it on each click', () => {
    const byName = { sort: 'name' as const, descending: false };
    expect(nextSort(byName, 'email')).toEqual({ sort: 'email', descending: false });
    expect(nextSort(byName, 'name')).toEqual({ sort: 'name', descending: true });
    expect(nextSort({ sort: 'name', descending: true }, 'name')).toEqual({ sort: 'name', descending: false });
  });

  it('starts a new column ascending even when the old one was descending', () => {
    expect(nextSort({ sort: 'name', descending: true }, 'status')).toEqual({ sort: 'status', descending: false });
  });
});

describe('ariaSort', () => {
  it('tells assistive technology which column sorts and which way', () => {
    const current = { sort: 'email' as const, descending: true };
    expect(ariaSort(current, 'email')).toBe('descending');
    expect(ariaSort({ ...current, descending: false }, 'email')).toBe('ascending');
    expect(ariaSort(current, 'name')).toBe('none');
    expect(ariaSort(current, null)).toBe('none');
  });
});
