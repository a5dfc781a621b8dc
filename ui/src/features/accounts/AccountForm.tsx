import { SegmentedControl, Stack, Text, Textarea, TextInput } from '@mantine/core';

import type { AccountStatus } from '../../ipc';
import type { AccountValues } from './accountForm';
import { PersonPicker } from '../../components/PersonPicker';

interface Props {
  profile: string;
  values: AccountValues;
  onValues: (v: AccountValues) => void;
  /** Editing an existing account: its status can be switched too. */
  withStatus?: boolean;
  /** The status it has on the server, to say what switching does. */
  savedStatus?: AccountStatus;
}

/** The fields of a service account; the caller decides what submitting does. */
export function AccountForm({ profile, values, onValues, withStatus, savedStatus }: Props) {
  const set = (patch: Partial<AccountValues>) => onValues({ ...values, ...patch });
  return (
    <Stack gap="sm">
      <TextInput
        label="Name"
        description="What it is, e.g. “Appointment reminders” or “Patient chatbot”."
        required
        data-autofocus
        value={values.name}
        onChange={(e) => set({ name: e.currentTarget.value })}
        data-testid="account-name"
      />
      <Textarea
        label="Description"
        description="What it does and where it runs, for whoever reviews it next."
        autosize
        minRows={2}
        value={values.description}
        onChange={(e) => set({ description: e.currentTarget.value })}
        data-testid="account-description"
      />
      <PersonPicker
        profile={profile}
        who="staff"
        label="Owner of record"
        description="The active staff member answerable for this account and its credentials."
        required
        value={values.owner}
        onChange={(owner) => set({ owner })}
        testId="account-owner"
      />
      <PersonPicker
        profile={profile}
        who="provider"
        label="Acts for (optional)"
        description="A provider on whose behalf it acts. Leave empty for an application acting as itself."
        clearable
        value={values.actsFor}
        onChange={(actsFor) => set({ actsFor })}
        testId="account-acts-for"
      />
      {withStatus && (
        <Stack gap={4}>
          <Text size="sm" fw={500}>
            Status
          </Text>
          <SegmentedControl
            w="fit-content"
            data={[
              { value: 'active', label: 'Active' },
              { value: 'disabled', label: 'Disabled' },
            ]}
            value={values.status}
            onChange={(s) => set({ status: s as AccountStatus })}
            data-testid="account-status"
          />
          {values.status !== savedStatus && (
            <Text size="xs" c={values.status === 'disabled' ? 'red.8' : 'dimmed'} data-testid="account-status-effect">
              {values.status === 'disabled'
                ? 'When saved, none of its keys are accepted until the account is enabled again. The keys themselves are kept.'
                : 'When saved, its working keys are accepted again.'}
            </Text>
          )}
        </Stack>
      )}
    </Stack>
  );
}
