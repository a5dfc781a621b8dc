import { useQueryClient } from '@tanstack/react-query';
import { useEffect } from 'react';

import { SignInScreen, StartingScreen } from '../features/auth/SignInScreen';
import { FirstRun, PendingImport } from '../features/profiles';
import { forgetPersonalQueries, reportFirstScreen, useCurrentSession, useFirstRun, useProfiles } from '../ipc';
import { HelpCorner, HelpProvider } from './Help';
import { LockableShell } from './LockableShell';

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
      <>
        <LockableShell session={session.data} />
        <FirstScreenPainted />
      </>
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
  useEffect(reportFirstScreen, []);
  return null;
}
