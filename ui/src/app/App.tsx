import { HomeScreen } from '../features/home/HomeScreen';
import { SignInScreen, StartingScreen } from '../features/auth/SignInScreen';
import { useCurrentSession, useProfiles, type IpcError } from '../ipc';

/** Starting → signed-in home, or the sign-in screen. */
export function App() {
  const profiles = useProfiles();
  const session = useCurrentSession(profiles.data?.selected);

  if (profiles.isPending || (profiles.data && session.isPending)) return <StartingScreen />;
  if (session.data) return <HomeScreen session={session.data} />;
  const error = (profiles.error ?? session.error) as IpcError | null;
  return <SignInScreen sessionError={error} />;
}
