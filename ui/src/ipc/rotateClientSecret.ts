import type { OneTimeSecret } from './bindings';
import { call } from './invoke';
import { useSecretCall } from './secretCall';

export type RotateClientSecretArgs = { profile: string; accountId: string };

/** Issues the account's M2M client secret, or replaces it: the old one stops at once. */
export const rotateClientSecret = ({ profile, accountId }: RotateClientSecretArgs) =>
  call<OneTimeSecret>('rotate_client_secret', { profile, accountId });

export const useRotateClientSecret = () => useSecretCall(rotateClientSecret);
