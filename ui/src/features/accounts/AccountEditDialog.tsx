import { Button, Group, Modal, Stack } from '@mantine/core';
import { useState } from 'react';

import { useFetchServiceAccount, useUpdateServiceAccount, type IpcError, type ServiceAccount } from '../../ipc';
import { AccountConflict } from './AccountConflict';
import { AccountForm } from './AccountForm';
import { canSubmit, changedFields, fromAccount, rebase, toPatch, type AccountValues } from './accountForm';
import { Failure } from './Failure';

interface Props {
  profile: string;
  account: ServiceAccount;
  onClose: () => void;
  onSaved: (account: ServiceAccount) => void;
}

/** The form started from this version of the account; a save names it (If-Match). */
interface Base {
  account: ServiceAccount;
  values: AccountValues;
}

const baseOf = (account: ServiceAccount): Base => ({ account, values: fromAccount(account) });

/**
 * Edits an account against the version it was opened at. When someone changed it meanwhile
 * the server refuses; the fresh state is read and shown beside my edits, which I can re-apply
 * on top of it or discard.
 */
export function AccountEditDialog({ profile, account, onClose, onSaved }: Props) {
  const save = useUpdateServiceAccount();
  const fetchAccount = useFetchServiceAccount();
  const [base, setBase] = useState<Base>(() => baseOf(account));
  const [values, setValues] = useState<AccountValues>(base.values);
  const [fresh, setFresh] = useState<ServiceAccount | null>(null);
  const [freshError, setFreshError] = useState<IpcError | null>(null);
  const changed = changedFields(base.values, values).length > 0;

  const submit = () =>
    save.mutate(
      { profile, id: account.id, patch: toPatch(base.values, values), expectedVersion: base.account.version },
      {
        onSuccess: onSaved,
        onError: (e) => {
          if (e.code !== 'conflict') return;
          setFreshError(null);
          fetchAccount(profile, account.id).then(setFresh, (err: IpcError) => setFreshError(err));
        },
      },
    );
  const settle = (next: Base, nextValues: AccountValues) => {
    setBase(next);
    setValues(nextValues);
    setFresh(null);
    save.reset();
  };

  return (
    <Modal opened onClose={onClose} title={`Edit ${account.name}`} size="lg" closeOnClickOutside={false}>
      <form
        data-testid="account-edit-form"
        onSubmit={(e) => {
          e.preventDefault();
          if (canSubmit(values) && changed && !fresh) submit();
        }}
      >
        <Stack gap="sm">
          {fresh ? (
            <AccountConflict
              base={base.values}
              mine={values}
              fresh={fromAccount(fresh)}
              onReapply={() => settle(baseOf(fresh), rebase(base.values, values, fromAccount(fresh)))}
              onDiscard={() => settle(baseOf(fresh), fromAccount(fresh))}
            />
          ) : (
            <AccountForm profile={profile} values={values} onValues={setValues} withStatus savedStatus={base.account.status} />
          )}
          {freshError && <Failure what="The account could not be read again." error={freshError} />}
          {save.error && save.error.code !== 'conflict' && <Failure what="The change was not saved." error={save.error} />}
          <Group justify="flex-end">
            <Button variant="default" onClick={onClose} disabled={save.isPending}>
              Cancel
            </Button>
            {!fresh && (
              <Button type="submit" data-testid="account-edit-submit" disabled={!changed || !canSubmit(values)} loading={save.isPending}>
                Save changes
              </Button>
            )}
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}
