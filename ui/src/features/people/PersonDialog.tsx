import { Alert, Button, Center, Group, Loader, Modal, Stack } from '@mantine/core';
import { useState } from 'react';

import { ErrorAlert } from '../../components/ErrorAlert';
import { useCheckPerson, useCreatePerson, useEditPerson, usePersonSchema, useRefetchServerUser, useUser, type User } from '../../ipc';
import { PersonForm } from './PersonForm';
import { changedKeys, checkedFields, emptyPerson, fromUser, toNewPerson, toPatch, type PersonValues } from './person';
import { ReasonInput } from './ReasonInput';

type Mode = { creating: true; start: PersonValues } | { creating: false; user: User };

interface Props {
  profile: string;
  mode: Mode;
  onClose: () => void;
  onSaved: (user: User) => void;
}

/** Adds a person, or edits one against the version it was opened at (If-Match). */
export function PersonDialog({ profile, mode, onClose, onSaved }: Props) {
  const schema = usePersonSchema(profile);
  const create = useCreatePerson();
  const edit = useEditPerson();
  const refetch = useRefetchServerUser();
  const [base, setBase] = useState<{ user: User | null; values: PersonValues }>(() =>
    mode.creating ? { user: null, values: mode.start } : { user: mode.user, values: fromUser(mode.user) },
  );
  const [values, setValues] = useState<PersonValues>(base.values);
  const [reason, setReason] = useState('');
  const [reloaded, setReloaded] = useState(false);
  const check = useCheckPerson(schema.data, checkedFields(values));
  const guardianDetail = useUser(profile, values.kind === 'DEPENDENT' ? (values.guardian?.id ?? null) : null);
  const save = mode.creating ? create : edit;
  const errors = check.data ?? [];
  const changed = mode.creating || changedKeys(base.values, values).length > 0;
  const complete = values.display_name.trim() !== '' && (values.kind !== 'DEPENDENT' || values.guardian !== null);
  const ready = complete && changed && errors.length === 0 && reason.trim() !== '' && !save.isPending;

  const submit = () => {
    if (!ready) return;
    const done = { onSuccess: onSaved };
    if (mode.creating) create.mutate({ profile, person: toNewPerson(values, reason.trim()) }, done);
    else if (base.user)
      edit.mutate(
        { profile, id: base.user.id, patch: toPatch(base.values, values, reason.trim()), expectedVersion: base.user.version },
        {
          ...done,
          onError: (e) => {
            if (e.code !== 'conflict' || !base.user) return;
            // Someone changed them meanwhile: start from the server's state, keep what I typed.
            void refetch(profile, base.user.id).then((fresh) => {
              setBase({ user: fresh, values: fromUser(fresh) });
              setReloaded(true);
            });
          },
        },
      );
  };

  const title = mode.creating ? 'Add a person' : `Edit ${mode.user.display_name}`;
  return (
    <Modal opened onClose={onClose} title={title} size="lg" closeOnClickOutside={false} closeOnEscape={!save.isPending}>
      {schema.isPending ? (
        <Center p="md">
          <Loader size="sm" aria-label="Loading the platform's rules for people" />
        </Center>
      ) : schema.error ? (
        <ErrorAlert error={schema.error} title="The platform's rules for people could not be read" />
      ) : (
        <form
          data-testid="person-form"
          onSubmit={(e) => {
            e.preventDefault();
            submit();
          }}
        >
          <Stack gap="sm">
            <PersonForm
              profile={profile}
              schema={schema.data}
              values={values}
              onValues={setValues}
              errors={errors}
              creating={mode.creating}
              guardian={guardianDetail.data?.user ?? null}
            />
            <ReasonInput value={reason} onChange={setReason} testId="person-reason" />
            {reloaded && (
              <Alert color="yellow" data-testid="person-reloaded">
                Someone changed this person while you were editing. What you typed is kept; it is now checked against their current
                record. Review and save again.
              </Alert>
            )}
            {save.error && !(save.error.code === 'conflict' && reloaded) && (
              <ErrorAlert error={save.error} title={mode.creating ? 'The person was not added.' : 'The change was not saved.'} />
            )}
            <Group justify="flex-end">
              <Button variant="default" onClick={onClose} disabled={save.isPending}>
                Cancel
              </Button>
              <Button type="submit" disabled={!ready} loading={save.isPending} data-testid="person-save">
                {mode.creating ? 'Add person' : 'Save changes'}
              </Button>
            </Group>
          </Stack>
        </form>
      )}
    </Modal>
  );
}

export const newPersonMode = (kind: PersonValues['kind'] = 'PATIENT', guardian: PersonValues['guardian'] = null): Mode => ({
  creating: true,
  start: emptyPerson(kind, guardian),
});
