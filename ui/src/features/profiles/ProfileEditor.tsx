import { Button, Group, Modal, Stack, TagsInput, TextInput } from '@mantine/core';
import { useState } from 'react';

import { ErrorAlert } from '../../components/ErrorAlert';
import { useAddProfile, useCheckProfile, useTestConnection, useUpdateProfile, type Profile } from '../../ipc';
import { ConnectionReportView } from './ConnectionReport';
import { DEFAULT_VALUES, fromProfile, problemOf, toProfile, type Field, type ProfileValues } from './values';

interface Props {
  /** The stored profile being edited; none to add one. */
  editing?: Profile;
  onClose: () => void;
  onSaved: (name: string) => void;
}

/**
 * Add or edit a profile. The core checks what is typed (~150 ms after the last key) and its
 * words show under each field; Save waits until the core has seen the fields and found nothing.
 * Enter saves, Escape cancels; a refused save keeps everything typed.
 */
export function ProfileEditor({ editing, onClose, onSaved }: Props) {
  const [values, setValues] = useState<ProfileValues>(editing ? fromProfile(editing) : DEFAULT_VALUES);
  // A field's problem shows once it was typed in (or on a save attempt), not on an empty form.
  const [touched, setTouched] = useState<Set<Field>>(() => new Set(editing ? ['name', 'api_base'] : []));
  const profile = toProfile(values);
  const check = useCheckProfile(profile, editing?.name ?? null);
  const add = useAddProfile();
  const update = useUpdateProfile();
  const test = useTestConnection();
  const save = editing ? update : add;
  const problems = check.data ?? [];
  const ready = check.current && problems.length === 0 && !save.isPending;

  const set = <K extends Field>(field: K, value: ProfileValues[K]) => {
    setValues((v) => ({ ...v, [field]: value }));
    setTouched((t) => new Set(t).add(field));
    test.reset();
  };
  const error = (field: Field) => (touched.has(field) ? problemOf(problems, field) : null);
  const submit = () => {
    setTouched(new Set(['name', 'api_base', 'issuer', 'client_id', 'scopes']));
    if (!ready) return;
    const done = { onSuccess: () => onSaved(values.name.trim()) };
    if (editing) update.mutate({ oldName: editing.name, profile }, done);
    else add.mutate(profile, done);
  };

  return (
    <Modal opened onClose={onClose} title={editing ? `Edit profile ${editing.name}` : 'Connect to your organization’s platform'} size="lg" closeOnClickOutside={false} closeOnEscape={!save.isPending}>
      <form
        data-testid="profile-editor"
        onSubmit={(e) => {
          e.preventDefault();
          submit();
        }}
      >
        <Stack gap="sm">
          <TextInput data-testid="profile-name" label="Name" description="How this platform is listed in the console" value={values.name} onChange={(e) => set('name', e.currentTarget.value)} error={error('name')} data-autofocus />
          <TextInput data-testid="profile-api-base-input" label="API base URL" description="The platform's admin API, e.g. https://api.example.org" placeholder="https://" value={values.api_base} onChange={(e) => set('api_base', e.currentTarget.value)} error={error('api_base')} />
          <TextInput data-testid="profile-issuer" label="Issuer URL" description="The OAuth2 / OpenID Connect server, when it is not the API base" placeholder="same as the API base" value={values.issuer} onChange={(e) => set('issuer', e.currentTarget.value)} error={error('issuer')} />
          <TextInput data-testid="profile-client-id" label="Client id" description="The OAuth2 client registered for Access Console" value={values.client_id} onChange={(e) => set('client_id', e.currentTarget.value)} error={error('client_id')} />
          <TagsInput data-testid="profile-scopes" label="Scopes" description="Press Enter after each scope" value={values.scopes} onChange={(s) => set('scopes', s)} error={error('scopes')} splitChars={[' ', ',']} />
          {save.error && <ErrorAlert error={save.error} title="Not saved" />}
          {test.error && <ErrorAlert error={test.error} />}
          {test.data && <ConnectionReportView report={test.data} />}
          <Group justify="space-between">
            <Button data-testid="profile-test" variant="default" loading={test.isPending} disabled={!check.current || problems.length > 0} onClick={() => test.mutate(profile)}>
              Test connection
            </Button>
            <Group gap="sm">
              <Button variant="default" onClick={onClose} disabled={save.isPending}>
                Cancel
              </Button>
              <Button data-testid="profile-save" type="submit" disabled={!ready} loading={save.isPending}>
                Save
              </Button>
            </Group>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}
