// What the first screen waits for, asked before React's first render (main.tsx). Rendering the
// app and running its effects takes a while on a cold start, and the session check waits for the
// profile list: asked from the screens, the calls would start late and one after the other.
import type { QueryClient } from '@tanstack/react-query';

import { demoInfoQuery } from './demo';
import { firstRunQuery, profilesQuery } from './profiles';
import { sessionQuery } from './session';

/** Starts the first screen's calls now, into the cache the screens read (same query keys). */
export function prefetchFirstScreen(client: QueryClient) {
  void client.prefetchQuery(firstRunQuery());
  void client.prefetchQuery(demoInfoQuery());
  // The session check follows the profile list at once; a failure is left to the screens,
  // which ask again and show it.
  client.fetchQuery(profilesQuery()).then(
    (view) => client.prefetchQuery(sessionQuery(view.selected)),
    () => {},
  );
}
