import { useMutation } from '@tanstack/react-query';

import type { IpcError, RoleChangeItem, RoleChangeOutcome } from './bindings';
import { call } from './invoke';

export type PreviewRolesArgs = { profile: string; item: RoleChangeItem; reason: string };

/** The server's dry-run verdict on one person's change: nothing is stored, nothing to invalidate. */
export const previewRoles = ({ profile, item, reason }: PreviewRolesArgs) =>
  call<RoleChangeOutcome>('preview_roles', { profile, item, reason });

export const usePreviewRoles = () => useMutation<RoleChangeOutcome, IpcError, PreviewRolesArgs>({ mutationFn: previewRoles });
