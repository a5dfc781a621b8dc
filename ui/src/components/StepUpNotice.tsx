import { Alert, Button, Group, Stack, Text } from '@mantine/core';

import { needsStepUp, useCancelSignIn, useStepUp, type IpcError } from '../ipc';
import { ErrorAlert } from './ErrorAlert';

interface Props {
  profile: string;
  /** The operation's error; the notice shows only for `step_up_required`. */
  error: IpcError | null | undefined;
  /** Runs the operation again, once, with what the person typed and staged (kept by the caller). */
  onConfirmed: () => void;
}

/**
 * A high-risk operation the platform will do only after the person confirms it is them. Says
 * why (the platform's own words, e.g. "Granting OWNER needs you to confirm it is you"), offers
 * the browser sign-in, then retries the operation once. Nothing the person entered is lost:
 * the form stays as it was behind this notice.
 */
export function StepUpNotice({ profile, error, onConfirmed }: Props) {
  const stepUp = useStepUp();
  const cancel = useCancelSignIn();
  if (!needsStepUp(error)) return null;
  const confirm = () => stepUp.mutate(profile, { onSuccess: () => onConfirmed() });
  return (
    <Alert data-testid="step-up" color="yellow" title="Confirm it's you" role="alert">
      <Stack gap="xs">
        <Text size="sm" data-testid="step-up-reason">
          {error.message}
        </Text>
        <Text size="sm" c="dimmed">
          Your browser opens for you to sign in again. Only you can confirm: if someone else signs in there, nothing is done
          and your session stays as it is.
        </Text>
        {stepUp.error && <ErrorAlert error={stepUp.error} />}
        <Group gap="xs">
          <Button size="xs" data-testid="step-up-confirm" loading={stepUp.isPending} onClick={confirm}>
            Confirm it's me
          </Button>
          {stepUp.isPending && (
            <Button size="xs" variant="default" onClick={() => cancel.mutate()}>
              Cancel
            </Button>
          )}
        </Group>
      </Stack>
    </Alert>
  );
}
