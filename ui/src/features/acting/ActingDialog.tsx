import { Button, Group, Modal, NumberInput, Stack, Text, Textarea } from '@mantine/core';
import { useState } from 'react';

import { ErrorAlert } from '../../components/ErrorAlert';
import { StepUpNotice } from '../../components/StepUpNotice';
import { needsStepUp, useStartActing, type Me, type User } from '../../ipc';

/** The console's own suggestion; the organization's maximum (served in `me`) caps it. */
const SUGGESTED_MINUTES = 15;

interface Props {
  profile: string;
  /** The OWNER about to act. */
  me: Me;
  /** The staff member to act for. */
  user: User;
  onClose: () => void;
}

/**
 * Before an OWNER acts for someone: what it means in words, why (required, recorded) and for
 * how long (up to the organization's maximum). Starting is a step-up operation: the platform may
 * ask the OWNER to confirm it is them first, and what they typed stays while they do.
 */
export function ActingDialog({ profile, me, user, onClose }: Props) {
  const start = useStartActing();
  const max = me.max_acting_minutes;
  const [reason, setReason] = useState('');
  const [minutes, setMinutes] = useState<number | string>(max === undefined ? SUGGESTED_MINUTES : Math.min(SUGGESTED_MINUTES, max));
  const valid = typeof minutes === 'number' && Number.isInteger(minutes) && minutes >= 1 && (max === undefined || minutes <= max);
  const name = user.display_name;
  const confirm = () => {
    if (!valid) return;
    start.mutate({ profile, userId: user.id, reason: reason.trim(), minutes });
  };
  // The sentence follows the minutes typed; an unfinished number reads as the maximum wording.
  const shownMinutes = valid ? `${minutes} ${minutes === 1 ? 'minute' : 'minutes'}` : 'the time you choose';

  return (
    <Modal opened onClose={onClose} title={`Act for ${name}?`} closeOnEscape={!start.isPending} data-testid="acting-dialog">
      <Stack gap="sm">
        <Text size="sm" data-testid="acting-meaning">
          For {shownMinutes} the console shows what {name} sees, and lets you do only what both of you may. Everything you do is
          recorded as ‘{me.display_name} on behalf of {name}’, and appears in their history.
        </Text>
        <Textarea
          data-testid="acting-reason"
          label="Reason"
          description="Required. Kept in the audit trail and in their history."
          placeholder="e.g. Covering the clinic's schedule while they are away"
          required
          autosize
          minRows={2}
          value={reason}
          onChange={(e) => setReason(e.currentTarget.value)}
        />
        <NumberInput
          data-testid="acting-minutes"
          label="Minutes"
          description={max === undefined ? undefined : `At most ${max}, the organization's limit.`}
          required
          min={1}
          max={max}
          step={1}
          allowDecimal={false}
          allowNegative={false}
          value={minutes}
          onChange={setMinutes}
        />
        {start.error && !needsStepUp(start.error) && <ErrorAlert error={start.error} title="Acting did not start." />}
        <StepUpNotice profile={profile} error={start.error} onConfirmed={confirm} />
        <Group justify="flex-end">
          <Button variant="default" onClick={onClose} disabled={start.isPending}>
            Cancel
          </Button>
          <Button
            color="orange"
            data-testid="acting-start"
            disabled={reason.trim() === '' || !valid}
            loading={start.isPending}
            onClick={confirm}
          >
            Start acting
          </Button>
        </Group>
      </Stack>
    </Modal>
  );
}
