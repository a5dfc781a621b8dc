// Staff role assignments, single and in bulk (src-tauri/src/commands/roles.rs).
import { queryOptions, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useCallback } from 'react';

import { auditRoot } from './audit';
import type {
  BatchApplied,
  BatchPlan,
  DirectoryQuery,
  RoleChangeItem,
  RoleChangeOutcome,
  RoleInfo,
  StaffRole,
  User,
} from './bindings';
import { directoryRoot } from './directory';
import { call } from './invoke';

/** The platform's role catalog: every staff role, its description and what it grants. */
export const roleCatalog = (profile: string) => call<RoleInfo[]>('role_catalog', { profile });

/** Roles change with the platform, not while it is being used: fetched once a profile. */
export const roleCatalogQuery = (profile: string) =>
  queryOptions({ queryKey: ['role-catalog', profile], queryFn: () => roleCatalog(profile), staleTime: Infinity });

export const useRoleCatalog = (profile: string) => useQuery(roleCatalogQuery(profile));

/**
 * What is read from the server itself (not the cache). Kept apart from `directoryRoot`, which
 * every sync invalidates: an editor's starting point must not move under staged changes.
 */
export const serverRoot = (profile: string) => ['server', profile] as const;

/** A person as the server has them now, with `version` (the ETag a change must name). */
export const serverUser = (profile: string, id: string) => call<User>('server_user', { profile, id });

export const serverUserQuery = (profile: string, id: string) =>
  queryOptions({ queryKey: [...serverRoot(profile), 'user', id], queryFn: () => serverUser(profile, id), staleTime: 0 });

export const useServerUser = (profile: string, id: string) => useQuery(serverUserQuery(profile, id));

/** Reads the person from the server again (after a conflict), updating what the editor starts from. */
export function useRefetchServerUser() {
  const client = useQueryClient();
  return useCallback((profile: string, id: string) => client.fetchQuery(serverUserQuery(profile, id)), [client]);
}

export type PreviewRolesArgs = { profile: string; item: RoleChangeItem };

/** The server's dry-run verdict on one person's change: nothing is stored (so no reason is
 * asked for), nothing to invalidate. */
export const previewRoles = ({ profile, item }: PreviewRolesArgs) => call<RoleChangeOutcome>('preview_roles', { profile, item });

export const usePreviewRoles = () => useMutation({ mutationFn: previewRoles });

export type SetRolesArgs = { profile: string; id: string; roles: StaffRole[]; expectedVersion: number; reason: string };

/**
 * Replaces one person's roles if they are still at `expectedVersion`. Rejects with `conflict`
 * when someone changed them meanwhile, `rejected` / `forbidden` for a guardrail.
 */
export const setRoles = ({ profile, id, roles, expectedVersion, reason }: SetRolesArgs) =>
  call<User>('set_roles', { profile, id, roles, expectedVersion, reason });

export function useSetRoles() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: setRoles,
    onSuccess: (user, { profile }) => {
      client.setQueryData(serverUserQuery(profile, user.id).queryKey, user);
      // The backend has synced the change into the cache, and the server recorded an audit event.
      void client.invalidateQueries({ queryKey: directoryRoot(profile) });
      void client.invalidateQueries({ queryKey: auditRoot(profile) });
    },
  });
}

export type PlanBulkRolesArgs = { profile: string; query: DirectoryQuery; add: StaffRole[]; remove: StaffRole[]; reason: string };

/**
 * Every staff member the directory query matches in the cache (all pages, not one window),
 * with the server's dry-run verdict on each. Changes nothing.
 */
export const planBulkRoles = ({ profile, query, add, remove, reason }: PlanBulkRolesArgs) =>
  call<BatchPlan>('plan_bulk_roles', { profile, query, add, remove, reason });

export const usePlanBulkRoles = () => useMutation({ mutationFn: planBulkRoles });

export type ApplyRoleBatchArgs = { profile: string; items: RoleChangeItem[]; reason: string };

/** Applies a batch for real (a plan's items, or an earlier batch's `undo`); returns its own undo. */
export const applyRoleBatch = ({ profile, items, reason }: ApplyRoleBatchArgs) =>
  call<BatchApplied>('apply_role_batch', { profile, items, reason });

export function useApplyRoleBatch() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: applyRoleBatch,
    onSuccess: (_, { profile }) => {
      // Even a partly refused batch may have changed some people: everything read about them is stale.
      void client.invalidateQueries({ queryKey: directoryRoot(profile) });
      void client.invalidateQueries({ queryKey: serverRoot(profile) });
      void client.invalidateQueries({ queryKey: auditRoot(profile) });
    },
  });
}
