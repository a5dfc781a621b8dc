import { useQuery } from '@tanstack/react-query';

import type { ProfilesView } from './bindings';
import { call } from './invoke';

export const profilesKey = ['profiles'] as const;

export const listProfiles = () => call<ProfilesView>('list_profiles');

export const useProfiles = () => useQuery({ queryKey: profilesKey, queryFn: listProfiles });
