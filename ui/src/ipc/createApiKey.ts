import type { NewApiKey, OneTimeSecret } from './bindings';
import { call } from './invoke';
import { useSecretCall } from './secretCall';

export type CreateApiKeyArgs = { profile: string; accountId: string; key: NewApiKey };

/** Issues a key; the answer is the only time its secret is ever seen. */
export const createApiKey = ({ profile, accountId, key }: CreateApiKeyArgs) =>
  call<OneTimeSecret>('create_api_key', { profile, accountId, key });

export const useCreateApiKey = () => useSecretCall(createApiKey);
