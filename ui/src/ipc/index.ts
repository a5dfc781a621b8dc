export type * from './bindings';
export { useCancelSignIn } from './cancelSignIn';
export { useCurrentSession } from './currentSession';
export { useDemoInfo } from './demoInfo';
export { isIpcError, toIpcError } from './errors';
export { useProfiles } from './listProfiles';
export { useSelectProfile } from './selectProfile';
export { useSignIn } from './signIn';
export { useSignOut } from './signOut';
