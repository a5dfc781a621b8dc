import { useMutation, useQueryClient } from '@tanstack/react-query';

import type { ProfilesView } from './bindings';
import { call } from './invoke';
import { profilesKey } from './listProfiles';

export const selectProfile = (name: string) => call<ProfilesView>('select_profile', { name });

export function useSelectProfile() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: selectProfile,
    onSuccess: (view) => client.setQueryData(profilesKey, view),
  });
}
