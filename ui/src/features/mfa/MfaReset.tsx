import { Button, Group, Modal, Stack, Text, Textarea } from '@mantine/core';
import { useState } from 'react';

import { ErrorAlert } from '../../components/ErrorAlert';
import { StepUpNotice } from '../../components/StepUpNotice';
import { needsStepUp, useResetMfa, type User } from '../../ipc';

interface Props {
  profile: string;
  /** The staff member as the cache has them: the reset names this version. */
  user: User;
}

/**
 * "Reset MFA…" for an OWNER: asks for a reason and says what follows (signed out everywhere, a
 * new authenticator at the next sign-in) before anything is sent. The platform may ask the
 * OWNER to confirm it is them first (step-up); the reason typed stays while they do.
 */
export function MfaReset({ profile, user }: Props) {
  const [open, setOpen] = useState(false);
  const [reason, setReason] = useState('');
  const reset = useResetMfa();
  const close = () => {
    setOpen(false);
    setReason('');
    reset.reset();
  };
  const confirm = () =>
    reset.mutate({ profile, id: user.id, expectedVersion: user.version, reason: reason.trim() }, { onSuccess: close });

  return (
    <>
      <Button size="compact-xs" variant="subtle" color="red" data-testid="mfa-reset" onClick={() => setOpen(true)}>
        Reset MFA…
      </Button>
      {open && (
        <Modal opened onClose={close} title={`Reset MFA for ${user.display_name}?`} closeOnEscape={!reset.isPending} data-testid="mfa-reset-dialog">
          <Stack gap="sm">
            <Text size="sm" data-testid="mfa-reset-consequence">
              {user.display_name} is signed out everywhere, and their authenticator app stops working for this account. At their
              next sign-in they set up a new one with a QR code.
            </Text>
            <Textarea
              data-testid="mfa-reset-reason"
              label="Reason"
              description="Required. Kept in the audit trail."
              placeholder="e.g. Lost their phone"
              required
              autosize
              minRows={2}
              value={reason}
              onChange={(e) => setReason(e.currentTarget.value)}
            />
            {reset.error && !needsStepUp(reset.error) && <ErrorAlert error={reset.error} />}
            <StepUpNotice profile={profile} error={reset.error} onConfirmed={confirm} />
            <Group justify="flex-end">
              <Button variant="default" onClick={close} disabled={reset.isPending}>
                Cancel
              </Button>
              <Button color="red" data-testid="mfa-reset-confirm" disabled={reason.trim() === ''} loading={reset.isPending} onClick={confirm}>
                Reset MFA
              </Button>
            </Group>
          </Stack>
        </Modal>
      )}
    </>
  );
}
