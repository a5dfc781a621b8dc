import type { OneTimeSecret, RotateApiKey } from './bindings';
import { call } from './invoke';
import { useSecretCall } from './secretCall';

export type RotateApiKeyArgs = { profile: string; accountId: string; keyId: string; rotate: RotateApiKey };

/** A new key now (its secret in this answer only); `replaced` is the old key with its new, overlap expiry. */
export const rotateApiKey = ({ profile, accountId, keyId, rotate }: RotateApiKeyArgs) =>
  call<OneTimeSecret>('rotate_api_key', { profile, accountId, keyId, rotate });

export const useRotateApiKey = () => useSecretCall(rotateApiKey);
