import { Button, Group, Modal, Stack, Text } from '@mantine/core';
import { useState } from 'react';

import { useCreateServiceAccount, type ServiceAccount } from '../../ipc';
import { AccountForm } from './AccountForm';
import { canSubmit, EMPTY_VALUES, toNew, type AccountValues } from './accountForm';
import { Failure } from './Failure';

interface Props {
  profile: string;
  onClose: () => void;
  onCreated: (account: ServiceAccount) => void;
}

/** A new service account, with no credentials yet: keys and a client secret are issued on it afterwards. */
export function AccountCreateDialog({ profile, onClose, onCreated }: Props) {
  const create = useCreateServiceAccount();
  const [values, setValues] = useState<AccountValues>(EMPTY_VALUES);
  const submit = () => create.mutate({ profile, account: toNew(values) }, { onSuccess: onCreated });

  return (
    <Modal opened onClose={onClose} title="New service account" size="lg" closeOnClickOutside={!create.isPending}>
      <form
        data-testid="account-create-form"
        onSubmit={(e) => {
          e.preventDefault();
          if (canSubmit(values)) submit();
        }}
      >
        <Stack gap="sm">
          <AccountForm profile={profile} values={values} onValues={setValues} />
          <Text size="sm" c="dimmed">
            The account starts active, with no way to sign in until you create a key or issue a client secret for it.
          </Text>
          {create.error && <Failure what="The account was not created." error={create.error} />}
          <Group justify="flex-end">
            <Button variant="default" onClick={onClose} disabled={create.isPending}>
              Cancel
            </Button>
            <Button type="submit" data-testid="account-create-submit" disabled={!canSubmit(values)} loading={create.isPending}>
              Create account
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}
