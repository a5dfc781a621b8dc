import { Button, Checkbox, Group, Loader, Modal, Stack, Text, TextInput, Textarea } from '@mantine/core';
import { useState } from 'react';

import { ErrorAlert } from '../../components/ErrorAlert';
import { StepUpNotice } from '../../components/StepUpNotice';
import { needsStepUp, useInviteStaff, useRoleCatalog, type OneTimeInvitation, type StaffRole } from '../../ipc';

interface Props {
  profile: string;
  onClose: () => void;
  /** Receives the invitation's one answer (with its link); the form keeps nothing of it. */
  onInvited: (answer: OneTimeInvitation) => void;
}

/**
 * Invites a staff member: name, email, roles offered from the platform's role catalog, and why.
 * The platform creates them as invited and answers a link that lets them set their own
 * password; the rules of that password are the platform's, on its page.
 */
export function InviteDialog({ profile, onClose, onInvited }: Props) {
  const catalog = useRoleCatalog(profile);
  const invite = useInviteStaff();
  const [name, setName] = useState('');
  const [email, setEmail] = useState('');
  const [roles, setRoles] = useState<StaffRole[]>([]);
  const [reason, setReason] = useState('');
  const ready = name.trim() !== '' && email.trim() !== '' && reason.trim() !== '' && !invite.pending;

  const submit = async () => {
    if (!ready) return;
    const answer = await invite.run({
      profile,
      invite: { display_name: name.trim(), email: email.trim(), roles, reason: reason.trim() },
    });
    if (answer) onInvited(answer);
  };

  return (
    <Modal opened onClose={onClose} title="Invite a staff member" size="lg" closeOnClickOutside={!invite.pending} closeOnEscape={!invite.pending}>
      <form
        data-testid="invite-form"
        onSubmit={(e) => {
          e.preventDefault();
          void submit();
        }}
      >
        <Stack gap="sm">
          <TextInput label="Name" required data-autofocus value={name} onChange={(e) => setName(e.currentTarget.value)} data-testid="invite-name" />
          <TextInput
            label="Email"
            description="Where you send the invitation, and what they will sign in with."
            type="email"
            required
            value={email}
            onChange={(e) => setEmail(e.currentTarget.value)}
            data-testid="invite-email"
          />
          <Stack gap={4}>
            <Text size="sm" fw={500}>
              Roles
            </Text>
            {catalog.isPending && <Loader size="xs" />}
            {catalog.error && <ErrorAlert error={catalog.error} title="The role catalog could not be read." />}
            <Checkbox.Group value={roles} onChange={(v) => setRoles(v as StaffRole[])}>
              <Stack gap={6}>
                {catalog.data?.map((r) => (
                  <Checkbox
                    key={r.role}
                    value={r.role}
                    label={r.role}
                    description={r.sensitive ? `${r.description} (gives access to people's data or rights)` : r.description}
                    data-testid={`invite-role-${r.role}`}
                  />
                ))}
              </Stack>
            </Checkbox.Group>
          </Stack>
          <Textarea
            label="Reason"
            description="Recorded in the audit trail with the invitation."
            required
            autosize
            minRows={2}
            value={reason}
            onChange={(e) => setReason(e.currentTarget.value)}
            data-testid="invite-reason"
          />
          <Text size="sm">
            You get a link to send them, shown <strong>once</strong>. They open it, set their password at the platform and can then sign in.
          </Text>
          {invite.error && !needsStepUp(invite.error) && <ErrorAlert error={invite.error} title="Nobody was invited." />}
          <StepUpNotice profile={profile} error={invite.error} onConfirmed={() => void submit()} />
          <Group justify="flex-end">
            <Button variant="default" onClick={onClose} disabled={invite.pending}>
              Cancel
            </Button>
            <Button type="submit" data-testid="invite-submit" disabled={!ready} loading={invite.pending}>
              Invite
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}
