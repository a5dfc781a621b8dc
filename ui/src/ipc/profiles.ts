// Profiles: which platform the window talks to (src-tauri/src/commands/profiles.rs).
import { queryOptions, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';

import type { ProfilesView } from './bindings';
import { call } from './invoke';

export const listProfiles = () => call<ProfilesView>('list_profiles');

export const profilesQuery = () => queryOptions({ queryKey: ['profiles'], queryFn: listProfiles });

export const useProfiles = () => useQuery(profilesQuery());

export const selectProfile = (name: string) => call<ProfilesView>('select_profile', { name });

export function useSelectProfile() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: selectProfile,
    onSuccess: (view) => client.setQueryData(profilesQuery().queryKey, view),
  });
}
