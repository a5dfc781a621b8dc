import { Button, Checkbox, Group, Modal, Stack, Text } from '@mantine/core';
import { useState } from 'react';

/** Sign-out asks once. This computer's copy of the directory is deleted unless the person
 * chooses to keep it, sealed, for their own next sign-in (only where the platform can seal). */
export function SignOutDialog(props: {
  opened: boolean;
  profile: string;
  pending: boolean;
  canKeepCopy: boolean;
  onCancel: () => void;
  onConfirm: (keepCopy: boolean) => void;
}) {
  const [keep, setKeep] = useState(false);
  return (
    <Modal opened={props.opened} onClose={props.onCancel} title="Sign out?" centered>
      <Stack gap="md">
        <Text size="sm">
          You will be signed out of <strong>{props.profile}</strong>. Your session is revoked at the platform when it can be
          reached, and removed from this computer either way. This computer&apos;s copy of the directory is deleted.
        </Text>
        <Checkbox
          data-testid="sign-out-keep"
          checked={keep && props.canKeepCopy}
          disabled={!props.canKeepCopy}
          onChange={(e) => setKeep(e.currentTarget.checked)}
          label="Keep my copy of the directory for my next sign-in"
          description={
            props.canKeepCopy
              ? 'It stays sealed: only you can open it, by signing in again, and never once your access changes or ends. Leave this off on a shared computer.'
              : 'Not offered: the platform cannot be reached, or it cannot seal a kept copy.'
          }
        />
        <Group justify="flex-end">
          <Button variant="default" onClick={props.onCancel}>
            Cancel
          </Button>
          <Button
            data-testid="sign-out-confirm"
            color="red"
            loading={props.pending}
            onClick={() => props.onConfirm(keep && props.canKeepCopy)}
          >
            Sign out
          </Button>
        </Group>
      </Stack>
    </Modal>
  );
}
