import { configure } from '@testing-library/react';
import { afterEach, vi } from 'vitest';

// On a loaded 2-core CI machine a first render with Mantine can take seconds; a test waits for
// what it expects rather than failing on a slow machine (nothing here measures speed).
configure({ asyncUtilTimeout: 5_000 });

// jsdom lacks the browser APIs Mantine reads at render time.
Object.defineProperty(window, 'matchMedia', {
  writable: true,
  value: (query: string) => ({
    matches: false,
    media: query,
    onchange: null,
    addListener: () => {},
    removeListener: () => {},
    addEventListener: () => {},
    removeEventListener: () => {},
    dispatchEvent: () => false,
  }),
});

class ResizeObserverStub {
  observe() {}
  unobserve() {}
  disconnect() {}
}
window.ResizeObserver ??= ResizeObserverStub;

// Textarea's autosize re-measures when web fonts finish loading.
if (!('fonts' in document)) {
  Object.defineProperty(document, 'fonts', {
    value: { addEventListener: () => {}, removeEventListener: () => {}, ready: Promise.resolve() },
  });
}

// Comboboxes (Select) scroll the highlighted option into view.
Element.prototype.scrollIntoView ??= function scrollIntoView() {};

// Every test talks to the one fake backend (test/backend.tsx), never to a real bridge.
vi.mock('@tauri-apps/api/core', async () => ({ invoke: (await import('./backend')).invoke }));
afterEach(async () => {
  (await import('./backend')).calls.length = 0;
});
