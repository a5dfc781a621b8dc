import { useQueryClient, type QueryKey } from '@tanstack/react-query';
import { useCallback, useState } from 'react';

import type { IpcError, OneTimeSecret } from './bindings';
import { toIpcError } from './errors';

/**
 * A call whose answer carries a new secret (a key, a client secret, an invitation link). Deliberately not a TanStack mutation: a mutation
 * keeps its result (`data`) in the QueryClient's mutation cache, and the secret must live
 * nowhere but the show-once dialog. `run` hands the answer to the caller and keeps only
 * whether it is pending and how it failed. `stale` names the queries the answer made stale
 * (none of them holds the secret).
 */
export function useSecretCall<A extends { profile: string }, R = OneTimeSecret>(
  fn: (args: A) => Promise<R>,
  stale: (profile: string) => readonly QueryKey[],
) {
  const client = useQueryClient();
  const [pending, setPending] = useState(false);
  const [error, setError] = useState<IpcError | null>(null);
  const run = useCallback(
    async (args: A): Promise<R | null> => {
      setPending(true);
      setError(null);
      try {
        const answer = await fn(args);
        for (const queryKey of stale(args.profile)) void client.invalidateQueries({ queryKey });
        return answer;
      } catch (e) {
        setError(toIpcError(e));
        return null;
      } finally {
        setPending(false);
      }
    },
    [client, fn, stale],
  );
  const reset = useCallback(() => setError(null), []);
  return { run, pending, error, reset };
}
