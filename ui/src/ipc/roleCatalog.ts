import { useQuery } from '@tanstack/react-query';

import type { RoleInfo } from './bindings';
import { call } from './invoke';

/** The 14 staff roles with a one-line description each; fixed for a build, so fetched once. */
export const roleCatalog = () => call<RoleInfo[]>('role_catalog');

export const useRoleCatalog = () => useQuery({ queryKey: ['role-catalog'], queryFn: roleCatalog, staleTime: Infinity });
