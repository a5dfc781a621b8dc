import { Button, Checkbox, Group, Modal, Stack, Text } from '@mantine/core';
import { useState } from 'react';

/** Sign-out asks once, and offers to delete this computer's copy of the directory. */
export function SignOutDialog(props: {
  opened: boolean;
  profile: string;
  pending: boolean;
  onCancel: () => void;
  onConfirm: (wipeCache: boolean) => void;
}) {
  const [wipe, setWipe] = useState(false);
  return (
    <Modal opened={props.opened} onClose={props.onCancel} title="Sign out?" centered>
      <Stack gap="md">
        <Text size="sm">
          You will be signed out of <strong>{props.profile}</strong>. Your session is revoked at the platform when it can be
          reached, and removed from this computer either way.
        </Text>
        <Checkbox
          data-testid="sign-out-wipe"
          checked={wipe}
          onChange={(e) => setWipe(e.currentTarget.checked)}
          label="Also delete this computer's copy of the directory"
          description="Recommended on a shared computer. It is downloaded again at the next sign-in."
        />
        <Group justify="flex-end">
          <Button variant="default" onClick={props.onCancel}>
            Cancel
          </Button>
          <Button data-testid="sign-out-confirm" color="red" loading={props.pending} onClick={() => props.onConfirm(wipe)}>
            Sign out
          </Button>
        </Group>
      </Stack>
    </Modal>
  );
}
