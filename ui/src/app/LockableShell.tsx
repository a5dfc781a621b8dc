import { useQueryClient } from '@tanstack/react-query';
import { useCallback, useState } from 'react';

import { LockedContext } from '../lib/locked';
import { forgetPersonalQueries, useCancelSignIn, useLockSession, useSignIn, type SessionView } from '../ipc';
import { IdleLockScreen } from './IdleLockScreen';
import { SignedInShell } from './SignedInShell';
import { useIdle } from './useIdle';

interface Props {
  session: SessionView;
  /** The organization's idle sign-out minutes; tests set it, the app takes it from `/v1/me`. */
  idleMinutes?: number;
}

/**
 * The signed-in window under the organization's idle sign-out rule. After that many minutes
 * without input the session is ended (`lock_session`) and a lock screen covers the window. The
 * shell stays mounted underneath, so signing in again as the same person resumes exactly where
 * they were; someone else signing in gets their own fresh window.
 */
export function LockableShell({ session, idleMinutes = session.me.idle_sign_out_minutes }: Props) {
  const client = useQueryClient();
  const lock = useLockSession();
  const signIn = useSignIn();
  const cancel = useCancelSignIn();
  const [locked, setLocked] = useState<{ minutes: number; userId: string } | null>(null);
  const { profile } = session;
  const userId = session.me.user_id;

  const onIdle = useCallback(() => {
    if (idleMinutes === undefined) return;
    setLocked({ minutes: idleMinutes, userId });
    lock.mutate(profile);
  }, [idleMinutes, userId, profile, lock]);
  useIdle(locked ? undefined : idleMinutes, onIdle);

  const signInAgain = () => {
    if (!locked) return;
    signIn.mutate(profile, {
      onSuccess: (fresh) => {
        if (fresh.me.user_id === locked.userId) {
          // Everything on screen was read with the old session: read it again.
          void client.invalidateQueries();
        } else {
          // Nothing of the previous person stays in memory for the next one.
          forgetPersonalQueries(client);
          client.getMutationCache().clear();
        }
        lock.reset();
        setLocked(null);
      },
    });
  };

  return (
    <>
      <div
        data-testid="signed-in-content"
        inert={locked !== null}
        aria-hidden={locked ? true : undefined}
        // Hidden, not dimmed; `visibility` keeps the layout, so scroll positions survive.
        style={locked ? { visibility: 'hidden' } : undefined}
      >
        {/* Keyed by person and acting session: a different person signing in, or starting or
            stopping acting for someone, gets a fresh window that reads everything again. */}
        <LockedContext value={locked !== null}>
          <SignedInShell key={`${userId}/${session.me.acting?.acting_id ?? ''}`} session={session} />
        </LockedContext>
      </div>
      {locked && (
        <IdleLockScreen
          minutes={locked.minutes}
          name={session.me.display_name}
          signingIn={signIn.isPending}
          signInError={signIn.error}
          lockError={lock.error}
          onSignIn={signInAgain}
          onCancel={() => cancel.mutate()}
        />
      )}
    </>
  );
}
