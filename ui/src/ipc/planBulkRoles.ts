import { useMutation } from '@tanstack/react-query';

import type { BatchPlan, DirectoryQuery, IpcError, StaffRole } from './bindings';
import { call } from './invoke';

export type PlanBulkRolesArgs = { profile: string; query: DirectoryQuery; add: StaffRole[]; remove: StaffRole[]; reason: string };

/**
 * Every staff member the directory query matches in the cache (all pages, not one window),
 * with the server's dry-run verdict on each. Changes nothing.
 */
export const planBulkRoles = ({ profile, query, add, remove, reason }: PlanBulkRolesArgs) =>
  call<BatchPlan>('plan_bulk_roles', { profile, query, add, remove, reason });

export const usePlanBulkRoles = () => useMutation<BatchPlan, IpcError, PlanBulkRolesArgs>({ mutationFn: planBulkRoles });
