import { useQuery } from '@tanstack/react-query';

import type { RoleInfo } from './bindings';
import { call } from './invoke';

/** The platform's role catalog: every staff role, its description and what it grants. */
export const roleCatalog = (profile: string) => call<RoleInfo[]>('role_catalog', { profile });

/** Roles change with the platform, not while it is being used: fetched once a profile. */
export const useRoleCatalog = (profile: string) =>
  useQuery({ queryKey: ['role-catalog', profile], queryFn: () => roleCatalog(profile), staleTime: Infinity });
