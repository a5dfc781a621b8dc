import { Alert, Badge, Button, Group, Loader, Modal, MultiSelect, Stack, Text, Textarea } from '@mantine/core';
import { useState } from 'react';

import { ErrorAlert } from '../../components/ErrorAlert';
import {
  useApplyRoleBatch,
  usePlanBulkRoles,
  useRoleCatalog,
  useSearchUsers,
  type BatchPlan,
  type DirectoryQuery,
  type IpcError,
  type RoleInfo,
  type StaffRole,
} from '../../ipc';
import { BulkPlanTable } from './BulkPlanTable';
import { BulkResults } from './BulkResults';
import { counts, describeQuery, excludesStaff, itemsToApply } from './bulk';

interface Props {
  profile: string;
  /** The directory's current search and filters; every page of it, not the rows on screen. */
  query: DirectoryQuery;
  onClose: () => void;
}

/** Add or remove roles for every staff member a search matches: choose, preview the plan, apply, undo. */
export function BulkRolesDialog({ profile, query, onClose }: Props) {
  const catalog = useRoleCatalog(profile);
  const noStaff = excludesStaff(query);
  const staff = useSearchUsers(profile, { ...query, kind: 'STAFF', offset: 0, limit: 1 }, !noStaff);
  const staffCount = noStaff ? 0 : staff.data?.total;
  const plan = usePlanBulkRoles();
  const apply = useApplyRoleBatch();

  const [add, setAdd] = useState<StaffRole[]>([]);
  const [remove, setRemove] = useState<StaffRole[]>([]);
  const [reason, setReason] = useState('');
  const busy = plan.isPending || apply.isPending;

  const preview = () => plan.mutate({ profile, query, add, remove, reason: reason.trim() });
  const ready = (add.length > 0 || remove.length > 0) && reason.trim() !== '' && (staffCount ?? 0) > 0;

  return (
    <Modal
      opened
      onClose={onClose}
      size="xl"
      title="Change roles of many staff"
      closeOnClickOutside={!busy}
      closeOnEscape={!busy}
    >
      <div
        data-testid="bulk-roles-dialog"
        // The dialog closes on Escape by itself; the directory behind it must not also close its detail pane.
        onKeyDown={(e) => {
          if (e.key === 'Escape') e.preventDefault();
        }}
      >
      {apply.data ? (
        <BulkResults profile={profile} applied={apply.data} reason={reason} onClose={onClose} />
      ) : plan.data ? (
        <Plan
          plan={plan.data}
          catalog={catalog.data ?? []}
          add={add}
          applying={apply.isPending}
          error={apply.error}
          onBack={() => {
            plan.reset();
            apply.reset();
          }}
          remove={remove}
          onApply={() => apply.mutate({ profile, items: itemsToApply(plan.data), reason: reason.trim() })}
        />
      ) : (
        <Stack gap="md">
          <Alert color="blue" variant="light" data-testid="bulk-scope">
            {staffCount === undefined ? (
              <Loader size="xs" aria-label="Counting" />
            ) : noStaff ? (
              'The directory is filtered to a kind other than staff. Roles belong to staff only, so this would change no one.'
            ) : (
              <>
                Applies to <b>all {staffCount.toLocaleString('en-US')} matching staff</b> {describeQuery(query)}, on every page of
                the results, not only the rows on screen. People who are not staff are left out.
              </>
            )}
          </Alert>
          <RolePicker
            label="Roles to add"
            catalog={catalog.data ?? []}
            value={add}
            other={remove}
            onChange={setAdd}
            testId="bulk-add"
          />
          <RolePicker
            label="Roles to remove"
            catalog={catalog.data ?? []}
            value={remove}
            other={add}
            onChange={setRemove}
            testId="bulk-remove"
          />
          <Textarea
            data-testid="bulk-reason"
            label="Reason"
            description="Required. Recorded with every person's change in the audit trail."
            required
            autosize
            minRows={2}
            value={reason}
            onChange={(e) => setReason(e.currentTarget.value)}
          />
          {plan.error && <ErrorAlert error={plan.error} />}
          <Group justify="space-between">
            <Text size="xs" c="dimmed">
              The preview is a dry run: the server checks every person and nothing is changed.
            </Text>
            <Group gap="xs">
              <Button variant="default" onClick={onClose}>
                Cancel
              </Button>
              <Button data-testid="bulk-preview" onClick={preview} disabled={!ready} loading={plan.isPending}>
                Preview plan
              </Button>
            </Group>
          </Group>
        </Stack>
      )}
      </div>
    </Modal>
  );
}

interface PickerProps {
  label: string;
  catalog: RoleInfo[];
  value: StaffRole[];
  /** Chosen in the other list: a role is either added or removed, not both. */
  other: StaffRole[];
  onChange: (roles: StaffRole[]) => void;
  testId: string;
}

function RolePicker({ label, catalog, value, other, onChange, testId }: PickerProps) {
  const info = new Map(catalog.map((c) => [c.role, c]));
  return (
    <Stack gap={4}>
      <MultiSelect
        data-testid={testId}
        label={label}
        placeholder="Choose roles"
        searchable
        clearable
        data={catalog.map((c) => ({ value: c.role, label: c.role, disabled: other.includes(c.role) }))}
        value={value}
        onChange={(v) => onChange(v as StaffRole[])}
        renderOption={({ option }) => (
          <Stack gap={0}>
            <Group gap={6}>
              <Text size="sm">{option.label}</Text>
              {info.get(option.value as StaffRole)?.sensitive && (
                <Badge size="xs" color="red" variant="light">
                  admin access
                </Badge>
              )}
            </Group>
            <Text size="xs" c="dimmed">
              {info.get(option.value as StaffRole)?.description}
            </Text>
          </Stack>
        )}
        comboboxProps={{ withinPortal: false }}
      />
      {value.map((r) => (
        <Text key={r} size="xs" c={info.get(r)?.sensitive ? 'red.8' : 'dimmed'}>
          {r}: {info.get(r)?.description}
          {info.get(r)?.sensitive ? ' (administrative access)' : ''}
        </Text>
      ))}
    </Stack>
  );
}

interface PlanProps {
  plan: BatchPlan;
  catalog: RoleInfo[];
  add: StaffRole[];
  remove: StaffRole[];
  applying: boolean;
  error: IpcError | null;
  onBack: () => void;
  onApply: () => void;
}

function Plan({ plan, catalog, add, remove, applying, error, onBack, onApply }: PlanProps) {
  const c = counts(plan.result);
  const isSensitive = (r: StaffRole) => catalog.find((i) => i.role === r)?.sensitive === true;
  const sensitive = add.filter(isSensitive);
  const withdrawn = remove.filter(isSensitive);
  const people = `${c.change} ${c.change === 1 ? 'person' : 'people'}`;
  return (
    <Stack gap="sm">
      <Text size="sm">
        The server checked every person (dry run). <b>Nothing has been changed yet.</b>
      </Text>
      <Group gap="xs" data-testid="bulk-counts">
        <Badge color="green" variant="light" data-testid="bulk-count-change">
          {c.change} will change
        </Badge>
        <Badge color="gray" variant="light" data-testid="bulk-count-unchanged">
          {c.unchanged} unchanged
        </Badge>
        <Badge color="red" variant="light" data-testid="bulk-count-refused">
          {c.refused} refused
        </Badge>
      </Group>
      {(sensitive.length > 0 || withdrawn.length > 0) && c.change > 0 && (
        <Alert color="orange" variant="light" title="Administrative access">
          {sensitive.length > 0 && `This gives ${sensitive.join(' and ')} (administrative access to the organization) to up to ${people}. `}
          {withdrawn.length > 0 && `This takes ${withdrawn.join(' and ')} away from up to ${people}.`}
        </Alert>
      )}
      <BulkPlanTable outcomes={plan.result.items} dryRun data-testid="bulk-plan-table" />
      {c.refused > 0 && (
        <Text size="xs" c="dimmed">
          Refused lines are left as they are; the rest can still be applied.
        </Text>
      )}
      {error && <ErrorAlert error={error} />}
      <Group justify="flex-end" gap="xs">
        <Button variant="default" onClick={onBack} disabled={applying}>
          Back
        </Button>
        <Button data-testid="bulk-apply" onClick={onApply} disabled={c.change === 0} loading={applying} color={sensitive.length > 0 ? 'red' : undefined}>
          {c.change === 0 ? 'Nothing to apply' : `Apply to ${people}`}
        </Button>
      </Group>
    </Stack>
  );
}

