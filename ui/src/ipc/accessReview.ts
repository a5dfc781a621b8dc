import { useQuery } from '@tanstack/react-query';

import type { AccessReview } from './bindings';
import { call } from './invoke';
import { accountsKey } from './serviceAccounts';

export const accessReviewKey = (profile: string) => [...accountsKey(profile), 'review'] as const;

/** Unused keys, expiring keys and accounts whose owner has left, as of now. */
export const accessReview = (profile: string) => call<AccessReview>('access_review', { profile });

export const useAccessReview = (profile: string, enabled = true) =>
  useQuery({ queryKey: accessReviewKey(profile), queryFn: () => accessReview(profile), enabled });
