import { useMutation } from '@tanstack/react-query';

import { call } from './invoke';

export const cancelSignIn = () => call<null>('cancel_sign_in');

export const useCancelSignIn = () => useMutation({ mutationFn: cancelSignIn });
