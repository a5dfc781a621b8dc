import { cleanup, render, screen } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';

import { Providers } from './Providers';

const original = window.matchMedia;

/** The OS preference as the web view reports it (`prefers-color-scheme`). */
function osPrefers(scheme: 'light' | 'dark') {
  window.matchMedia = ((query: string) => ({
    ...original(query),
    matches: query === `(prefers-color-scheme: ${scheme})`,
  })) as typeof window.matchMedia;
}

afterEach(() => {
  cleanup();
  window.matchMedia = original;
  document.documentElement.removeAttribute('data-mantine-color-scheme');
  localStorage.clear();
});

describe('The color scheme', () => {
  it.each(['dark', 'light'] as const)('follows the OS when it prefers %s', async (scheme) => {
    osPrefers(scheme);
    render(<Providers><p data-testid="inside">x</p></Providers>);
    await screen.findByTestId('inside');
    expect(document.documentElement.getAttribute('data-mantine-color-scheme')).toBe(scheme);
  });
});
