import '@mantine/core/styles.css';

import { createTheme, MantineProvider, type CSSVariablesResolver } from '@mantine/core';
import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import type { ReactNode } from 'react';

const theme = createTheme({ primaryColor: 'blue', defaultRadius: 'sm' });

/**
 * The app's own surfaces, one value per color scheme. Light keeps exactly the palette shades the
 * screens always used; dark gives each a dark counterpart, since a light shade under the dark
 * scheme's light text would be unreadable.
 */
const surfaces: CSSVariablesResolver = () => ({
  variables: {},
  light: {
    '--ac-backdrop': 'var(--mantine-color-gray-0)',
    '--ac-table-header': 'var(--mantine-color-gray-1)',
    '--ac-row-hover': 'var(--mantine-color-gray-0)',
    '--ac-row-selected': 'var(--mantine-color-blue-1)',
    '--ac-line': 'var(--mantine-color-gray-3)',
    '--ac-line-soft': 'var(--mantine-color-gray-2)',
    '--ac-banner': 'var(--mantine-color-orange-1)',
    '--ac-banner-text': 'var(--mantine-color-orange-9)',
  },
  dark: {
    '--ac-backdrop': 'var(--mantine-color-dark-8)',
    '--ac-table-header': 'var(--mantine-color-dark-6)',
    '--ac-row-hover': 'var(--mantine-color-dark-5)',
    '--ac-row-selected': 'var(--mantine-color-blue-light)',
    '--ac-line': 'var(--mantine-color-dark-4)',
    '--ac-line-soft': 'var(--mantine-color-dark-5)',
    '--ac-banner': 'var(--mantine-color-orange-light)',
    '--ac-banner-text': 'var(--mantine-color-orange-3)',
  },
});

// Data comes from this machine's backend, so no refetch storms on focus.
export const queryClient = new QueryClient({
  defaultOptions: { queries: { refetchOnWindowFocus: false, retry: false } },
});

/**
 * Light or dark follows the OS (`prefers-color-scheme`; under WebKitGTK the GTK theme). No
 * ColorSchemeScript: it is an inline script, which the CSP forbids, and the bundle sets the
 * scheme before the first screen has anything to show.
 */
export function Providers({ children }: { children: ReactNode }) {
  return (
    <QueryClientProvider client={queryClient}>
      <MantineProvider theme={theme} defaultColorScheme="auto" cssVariablesResolver={surfaces}>
        {children}
      </MantineProvider>
    </QueryClientProvider>
  );
}
