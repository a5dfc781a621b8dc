import { Badge, Checkbox, Group, Stack } from '@mantine/core';

import type { RoleInfo, StaffRole } from '../../ipc';

interface Props {
  catalog: RoleInfo[];
  /** What the server has now. */
  current: readonly StaffRole[];
  /** What is staged (equal to `current` when nothing is). */
  staged: readonly StaffRole[];
  onToggle: (role: StaffRole, on: boolean) => void;
  disabled?: boolean;
}

/** Every role of the platform's catalog, with what it lets a person do; a staged difference is marked on its line. */
export function RoleChecklist({ catalog, current, staged, onToggle, disabled }: Props) {
  return (
    <Stack gap={8} role="group" aria-label="Staff roles">
      {catalog.map(({ role, description, sensitive }) => {
        const on = staged.includes(role);
        const change = on === current.includes(role) ? null : on ? 'added' : 'removed';
        return (
          <Checkbox
            key={role}
            data-testid={`role-checkbox-${role}`}
            checked={on}
            disabled={disabled}
            color={sensitive ? 'red' : undefined}
            onChange={(e) => onToggle(role, e.currentTarget.checked)}
            label={
              <Group gap={6} wrap="wrap">
                <span>{role}</span>
                {sensitive && (
                  <Badge size="xs" color="red" variant="light">
                    admin access
                  </Badge>
                )}
                {change && (
                  <Badge size="xs" color={change === 'added' ? 'green' : 'red'} variant="filled" data-testid={`role-staged-${role}`}>
                    {change === 'added' ? 'to add' : 'to remove'}
                  </Badge>
                )}
              </Group>
            }
            description={description}
          />
        );
      })}
    </Stack>
  );
}
