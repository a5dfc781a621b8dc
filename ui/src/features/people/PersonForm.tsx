import { Anchor, Select, Stack, Text, TextInput } from '@mantine/core';

import { PersonPicker } from '../../components/PersonPicker';
import type { FieldError, PersonSchema, User } from '../../ipc';
import { KINDS_CREATED_LABEL, type PersonValues } from './person';

interface Props {
  profile: string;
  schema: PersonSchema;
  values: PersonValues;
  onValues: (v: PersonValues) => void;
  /** The platform's words for each refused field, from the check of what is typed. */
  errors: FieldError[];
  /** Creating: the kind and (for a dependent) the guardian are chosen here. */
  creating: boolean;
  /** The dependent's guardian as the cache has them, to offer their contact. */
  guardian?: User | null;
}

const FIELD_LABELS: Record<string, string> = {
  display_name: 'Name',
  email: 'Email',
  phone: 'Phone',
  date_of_birth: 'Date of birth',
};

/**
 * A person's fields. The labels, descriptions and examples come from the platform's person
 * schema, and what is typed is checked by the platform's rules as it is typed (in core); the
 * server checks everything again, including the household rules.
 */
export function PersonForm({ profile, schema, values, onValues, errors, creating, guardian }: Props) {
  const set = (patch: Partial<PersonValues>) => onValues({ ...values, ...patch });
  const errorOf = (key: string) => errors.find((e) => e.key === key)?.message;
  const field = (key: string) => schema.fields.find((f) => f.key === key);
  const text = (key: 'display_name' | 'email' | 'phone' | 'date_of_birth', extra?: { type?: string; required?: boolean }) => {
    const f = field(key);
    return (
      <TextInput
        label={f?.label ?? FIELD_LABELS[key]}
        description={f?.description}
        placeholder={f?.example ?? undefined}
        type={extra?.type}
        required={extra?.required}
        value={values[key]}
        onChange={(e) => set({ [key]: e.currentTarget.value })}
        error={errorOf(key)}
        data-testid={`person-${key}`}
      />
    );
  };
  const dependent = values.kind === 'DEPENDENT';
  const offer = (what: 'email' | 'phone') => {
    const theirs = guardian?.[what];
    if (!dependent || !theirs || values[what] === theirs) return null;
    return (
      <Text size="xs" mt={-6}>
        <Anchor component="button" type="button" size="xs" onClick={() => set({ [what]: theirs })} data-testid={`person-use-guardian-${what}`}>
          Use {guardian.display_name}’s {what} ({theirs})
        </Anchor>
      </Text>
    );
  };

  return (
    <Stack gap="sm">
      {creating && (
        <Select
          label="Kind"
          description="Staff join by invitation; here you add patients, providers, guardians and dependents."
          data={schema.creatable_kinds.map((k) => ({ value: k, label: KINDS_CREATED_LABEL[k] ?? k }))}
          value={values.kind}
          onChange={(k) => k && set({ kind: k as PersonValues['kind'] })}
          allowDeselect={false}
          data-testid="person-kind"
        />
      )}
      {creating && dependent && (
        <PersonPicker
          profile={profile}
          who="guardian"
          label="Guardian"
          description="The parent or legal guardian whose household the dependent joins."
          value={values.guardian}
          onChange={(g) => set({ guardian: g })}
          required
          testId="person-guardian"
        />
      )}
      {text('display_name', { required: true })}
      {text('email', { type: 'email' })}
      {offer('email')}
      {text('phone', { type: 'tel' })}
      {offer('phone')}
      {text('date_of_birth')}
    </Stack>
  );
}
