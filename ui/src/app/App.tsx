import { useQueryClient } from '@tanstack/react-query';
import { lazy, Suspense, useEffect } from 'react';

import { SignInScreen, StartingScreen } from '../features/auth/SignInScreen';
import { FirstRun, PendingImport } from '../features/profiles';
import { forgetPersonalQueries, reportFirstScreen, useCurrentSession, useFirstRun, useProfiles } from '../ipc';
import { HelpCorner, HelpProvider } from './Help';

// The signed-in window (every screen, the charts) loads on sign-in, not before the first screen:
// most starts show the sign-in card, and parsing the whole app first delayed it.
// Once the first screen is up, it is loaded in the background, so signing in waits for none of it.
const loadShell = () => import('./LockableShell');
const LockableShell = lazy(() => loadShell().then((m) => ({ default: m.LockableShell })));

/**
 * Starting → the signed-in window, or the sign-in screen (the first-run screen before any
 * profile exists); About and `?` over all of them, and the import of a profile file the app
 * was opened with.
 */
export function App() {
  return (
    <HelpProvider>
      <Screens />
      <PendingImport />
    </HelpProvider>
  );
}

function Screens() {
  const profiles = useProfiles();
  const session = useCurrentSession(profiles.data?.selected);
  const firstRun = useFirstRun();
  const client = useQueryClient();
  const signedOut = session.data === null;
  // Once the signed-in window is gone, nothing read for its person stays in memory.
  useEffect(() => {
    if (signedOut) forgetPersonalQueries(client);
  }, [signedOut, client]);

  if (profiles.isPending || (profiles.data && session.isPending)) return <StartingScreen />;
  if (session.data)
    return (
      <Suspense fallback={<StartingScreen />}>
        <LockableShell session={session.data} />
        <FirstScreenPainted />
      </Suspense>
    );
  if (firstRun.data)
    return (
      <>
        <FirstRun />
        <HelpCorner />
        <FirstScreenPainted />
      </>
    );
  const error = profiles.error ?? session.error;
  return (
    <>
      <SignInScreen sessionError={error} />
      <HelpCorner />
      <FirstScreenPainted />
    </>
  );
}

/** Mounted with the first meaningful screen (never the Starting one): the startup trace's last mark. */
function FirstScreenPainted() {
  useEffect(() => {
    reportFirstScreen();
    const later = setTimeout(() => void loadShell(), 500);
    return () => clearTimeout(later);
  }, []);
  return null;
}
