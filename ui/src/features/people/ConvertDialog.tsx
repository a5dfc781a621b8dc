import { Button, Checkbox, Group, Modal, Stack, Text, TextInput } from '@mantine/core';
import { useState } from 'react';

import { ErrorAlert } from '../../components/ErrorAlert';
import { useCheckPerson, useEditPerson, usePersonSchema, type User } from '../../ipc';
import { ReasonInput } from './ReasonInput';

interface Props {
  profile: string;
  user: User;
  guardianName: string | null;
  onClose: () => void;
  onDone: (user: User) => void;
}

/**
 * A dependent who has come of age becomes a patient of their own: their record leaves the
 * guardian's household (who then sees nothing of it), so they need a contact of their own and
 * their consent. The platform refuses it before the organization's age-out.
 */
export function ConvertDialog({ profile, user, guardianName, onClose, onDone }: Props) {
  const schema = usePersonSchema(profile);
  const edit = useEditPerson();
  const [email, setEmail] = useState('');
  const [phone, setPhone] = useState('');
  const [consent, setConsent] = useState(false);
  const [reason, setReason] = useState('');
  const check = useCheckPerson(schema.data, { email: email.trim() || null, phone: phone.trim() || null });
  const errorOf = (key: string) => check.data?.find((e) => e.key === key)?.message;
  const contact = email.trim() !== '' || phone.trim() !== '';
  const ready = contact && consent && reason.trim() !== '' && (check.data ?? []).length === 0;
  const confirm = () =>
    edit.mutate(
      {
        profile,
        id: user.id,
        patch: { kind: 'PATIENT', email: email.trim(), phone: phone.trim(), reason: reason.trim() },
        expectedVersion: user.version,
      },
      { onSuccess: onDone },
    );
  const guardian = guardianName ?? 'their guardian';

  return (
    <Modal opened onClose={onClose} title={`Make ${user.display_name} a patient of their own`} size="lg" closeOnEscape={!edit.isPending}>
      <Stack gap="sm" data-testid="convert-dialog">
        <Text size="sm">
          {user.display_name} leaves {guardian}’s household: from now on the record is theirs alone and {guardian} sees nothing of it. A
          patient of their own is reached by a contact no other patient, provider or guardian has.
        </Text>
        <TextInput
          label="Their own email"
          value={email}
          onChange={(e) => setEmail(e.currentTarget.value)}
          error={errorOf('email')}
          data-testid="convert-email"
        />
        <TextInput
          label="Their own phone"
          value={phone}
          onChange={(e) => setPhone(e.currentTarget.value)}
          error={errorOf('phone')}
          data-testid="convert-phone"
        />
        <Checkbox
          checked={consent}
          onChange={(e) => setConsent(e.currentTarget.checked)}
          label={`${user.display_name} has consented to manage their own record`}
          data-testid="convert-consent"
        />
        <ReasonInput value={reason} onChange={setReason} testId="convert-reason" />
        {edit.error && <ErrorAlert error={edit.error} title={`${user.display_name} is still a dependent.`} />}
        <Group justify="flex-end">
          <Button variant="default" onClick={onClose} disabled={edit.isPending}>
            Cancel
          </Button>
          <Button disabled={!ready} loading={edit.isPending} onClick={confirm} data-testid="convert-confirm">
            Make a patient of their own
          </Button>
        </Group>
      </Stack>
    </Modal>
  );
}
