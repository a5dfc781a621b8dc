import { Alert, Button, Group, Loader, Stack, Text } from '@mantine/core';
import { useCallback, useState } from 'react';

import { ErrorAlert } from '../../components/ErrorAlert';
import { RoleChanges } from '../../components/RoleChanges';
import { StepUpNotice } from '../../components/StepUpNotice';
import {
  usePreviewRoles,
  useRefetchServerUser,
  useRoleCatalog,
  useServerUser,
  useSetRoles,
  type IpcError,
  type RoleInfo,
  type StaffRole,
  type User,
} from '../../ipc';
import { isNoChange, roleDiff } from '../../lib/roleDiff';
import { RoleChecklist } from './RoleChecklist';
import { RoleConflict } from './RoleConflict';
import { RoleReview } from './RoleReview';
import { changeItem, rebase, sameRoles, toggle } from './staging';

interface Props {
  profile: string;
  /** The person as the directory shows them (from the cache); the editor reads the server itself. */
  user: Pick<User, 'id' | 'display_name'>;
}

/** Staged roles and the server version they were staged against. */
interface Staged {
  base: User;
  roles: StaffRole[];
}

/**
 * One staff member's roles: edits are staged locally, reviewed with the server's dry-run verdict,
 * then applied with a reason against the version they were staged on.
 */
export function RoleEditor({ profile, user }: Props) {
  const catalog = useRoleCatalog(profile);
  const server = useServerUser(profile, user.id);
  const refetch = useRefetchServerUser();
  const preview = usePreviewRoles();
  const save = useSetRoles();

  const [staged, setStaged] = useState<Staged | null>(null);
  const [reviewing, setReviewing] = useState(false);
  const [reason, setReason] = useState('');
  const [conflict, setConflict] = useState<User | null>(null);
  const [conflictError, setConflictError] = useState<IpcError | null>(null);
  const [saved, setSaved] = useState<{ before: StaffRole[]; after: StaffRole[] } | null>(null);

  if (catalog.isPending || server.isPending) {
    return (
      <Group gap="xs" data-testid="role-editor">
        <Loader size="xs" />
        <Text size="sm" c="dimmed">
          Loading the current roles from the server…
        </Text>
      </Group>
    );
  }
  if (catalog.error || server.error) {
    // Checked as two, not as one `??`, so that past here TypeScript knows both loaded.
    const loadError = catalog.error ?? server.error;
    return (
      <Stack gap={4} data-testid="role-editor">
        {loadError && <ErrorAlert error={loadError} />}
        <Button variant="default" size="xs" w="fit-content" onClick={() => void (catalog.error ? catalog.refetch() : server.refetch())}>
          Try again
        </Button>
      </Stack>
    );
  }

  const order = catalog.data.map((c) => c.role);
  const base = staged?.base ?? server.data;
  const roles = staged?.roles ?? base.staff_roles;
  const name = base.display_name || user.display_name;
  const changed = !isNoChange(roleDiff(base.staff_roles, roles));

  const openConflict = () => {
    setConflictError(null);
    refetch(profile, user.id).then(setConflict, (e: IpcError) => setConflictError(e));
  };
  const runPreview = (from: User, to: StaffRole[]) =>
    preview.mutate(
      { profile, item: changeItem(from, to) },
      // The dry run already knows the person moved on: go straight to the fresh state.
      {
        onSuccess: (o) => {
          if (o.problem?.code === 'precondition_failed') openConflict();
        },
      },
    );

  const onToggle = (role: StaffRole, on: boolean) => {
    setSaved(null);
    const next = toggle(roles, role, on, order);
    setStaged(sameRoles(next, base.staff_roles) ? null : { base, roles: next });
  };
  const review = () => {
    setReviewing(true);
    save.reset();
    runPreview(base, roles);
  };
  const backToEditing = () => {
    setReviewing(false);
    preview.reset();
    save.reset();
  };
  const apply = () =>
    save.mutate(
      { profile, id: user.id, roles, expectedVersion: base.version, reason: reason.trim() },
      {
        onSuccess: (u) => {
          setSaved({ before: base.staff_roles, after: u.staff_roles });
          setStaged(null);
          setReviewing(false);
          setReason('');
          preview.reset();
        },
        onError: (e) => {
          if (e.code === 'conflict') openConflict();
        },
      },
    );
  const closeConflict = () => {
    setConflict(null);
    save.reset();
    preview.reset();
  };
  const reapply = (fresh: User, next: StaffRole[]) => {
    closeConflict();
    setStaged({ base: fresh, roles: next });
    setReviewing(true);
    runPreview(fresh, next);
  };
  const discard = () => {
    closeConflict();
    setStaged(null);
    setReviewing(false);
  };

  return (
    <Stack
      gap="sm"
      data-testid="role-editor"
      aria-label={`Roles of ${name}`}
      role="region"
      // Escape closes the detail pane; it must not throw away staged changes on the way.
      onKeyDown={(e) => {
        if (e.key === 'Escape' && (staged || reviewing || conflict)) e.preventDefault();
      }}
    >
      {saved && <Saved name={name} {...saved} onClose={() => setSaved(null)} />}
      {conflictError && <ErrorAlert error={conflictError} />}
      {/* Staged roles and the reason stay as they are; confirming applies them again, once. */}
      {reviewing && <StepUpNotice profile={profile} error={save.error} onConfirmed={apply} />}
      {conflict ? (
        <RoleConflict
          name={name}
          base={base.staff_roles}
          mine={roles}
          fresh={conflict.staff_roles}
          rebased={rebase(base.staff_roles, roles, conflict.staff_roles, order)}
          onReapply={() => reapply(conflict, rebase(base.staff_roles, roles, conflict.staff_roles, order))}
          onDiscard={discard}
        />
      ) : reviewing ? (
        <RoleReview
          name={name}
          before={base.staff_roles}
          after={roles}
          catalog={catalog.data}
          preview={{ pending: preview.isPending, error: preview.error, outcome: preview.data }}
          onRetryPreview={() => runPreview(base, roles)}
          reason={reason}
          onReason={setReason}
          applying={save.isPending}
          // A conflict is answered by the panel above, a step-up by the notice below: not errors.
          applyError={save.error?.code === 'conflict' || save.error?.code === 'step_up_required' ? null : save.error}
          onApply={apply}
          onBack={backToEditing}
        />
      ) : (
        <Editing catalog={catalog.data} base={base} roles={roles} changed={changed} onToggle={onToggle} onReview={review} onReset={() => setStaged(null)} />
      )}
    </Stack>
  );
}

interface EditingProps {
  catalog: RoleInfo[];
  base: User;
  roles: StaffRole[];
  changed: boolean;
  onToggle: (role: StaffRole, on: boolean) => void;
  onReview: () => void;
  onReset: () => void;
}

function Editing({ catalog, base, roles, changed, onToggle, onReview, onReset }: EditingProps) {
  return (
    <>
      <Text size="xs" c="dimmed">
        Tick the roles this person should hold. Nothing is sent until you review and apply.
      </Text>
      <RoleChecklist catalog={catalog} current={base.staff_roles} staged={roles} onToggle={onToggle} />
      {changed && (
        <Stack gap={4}>
          <Text size="sm" fw={500}>
            Staged changes
          </Text>
          <RoleChanges before={base.staff_roles} after={roles} data-testid="role-staged" />
        </Stack>
      )}
      <Group gap="xs">
        <Button data-testid="role-review" onClick={onReview} disabled={!changed}>
          Review changes
        </Button>
        {changed && (
          <Button variant="default" onClick={onReset}>
            Undo my edits
          </Button>
        )}
      </Group>
    </>
  );
}

function Saved({ name, before, after, onClose }: { name: string; before: StaffRole[]; after: StaffRole[]; onClose: () => void }) {
  // The Apply button that had the focus is gone; the confirmation takes it.
  const focusOnMount = useCallback((el: HTMLDivElement | null) => el?.focus(), []);
  return (
    <Alert
      color="green"
      title={`Roles of ${name} saved`}
      withCloseButton
      onClose={onClose}
      data-testid="role-saved"
      role="status"
      ref={focusOnMount}
      tabIndex={-1}
    >
      <Stack gap={4}>
        <RoleChanges before={before} after={after} />
        <Text size="xs">Recorded in the audit trail with your reason.</Text>
      </Stack>
    </Alert>
  );
}
