import { Badge, Stack, Text } from '@mantine/core';

import type { ServiceAccount } from '../../ipc';

/** The owner of record, flagged in red once they are no longer active staff (nobody answers for it). */
export function OwnerCell({ account }: { account: Pick<ServiceAccount, 'owner_name' | 'owner_active'> }) {
  return (
    <Stack gap={2} align="flex-start">
      <Text size="sm">{account.owner_name}</Text>
      {!account.owner_active && (
        <Badge color="red" variant="light" size="sm" data-testid="owner-inactive">
          Owner no longer active
        </Badge>
      )}
    </Stack>
  );
}
