// The one fake backend of the UI tests. Only the Tauri bridge is faked (test/setup.ts points
// `@tauri-apps/api/core` here): ipc/ and the screens above it run as in the app. A test file
// says what each command answers with `answer`, and may change an answer within a test; every
// call is recorded, and an unknown command is refused the way Tauri refuses one.
import { MantineProvider } from '@mantine/core';
import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { render } from '@testing-library/react';
import type { ReactNode } from 'react';

export type Args = Record<string, unknown>;
export type Handler = (args: Args) => unknown;

const handlers = new Map<string, Handler>();

/** Every call the window made since the test began (emptied after each test), in order. */
export const calls: { cmd: string; args: Args }[] = [];

/** The arguments of every call of `cmd`, in order. */
export const sent = (cmd: string) => calls.filter((c) => c.cmd === cmd).map((c) => c.args);

/** Answers these commands from now on, replacing earlier answers to them (for the file: each
 * test file runs in its own module, so answers never leak into another file). */
export function answer(table: Record<string, Handler>) {
  for (const [cmd, handler] of Object.entries(table)) handlers.set(cmd, handler);
}

/** Tauri's `invoke`, as the fake backend. A handler that throws is a command that rejects. */
export async function invoke(cmd: string, args: Args = {}): Promise<unknown> {
  calls.push({ cmd, args });
  const handler = handlers.get(cmd);
  if (!handler) throw `command ${cmd} not found`;
  return handler(args);
}

/** A QueryClient as the app's, but a failed query is not retried (a test sees the error at once). */
export const testQueryClient = () => new QueryClient({ defaultOptions: { queries: { retry: false } } });

/** Renders `ui` inside the providers every screen needs; `rerender` keeps them (and the client). */
export function renderWithProviders(ui: ReactNode, client: QueryClient = testQueryClient()) {
  const wrap = (node: ReactNode) => (
    <QueryClientProvider client={client}>
      <MantineProvider>{node}</MantineProvider>
    </QueryClientProvider>
  );
  const result = render(wrap(ui));
  return { ...result, client, rerender: (node: ReactNode) => result.rerender(wrap(node)) };
}
