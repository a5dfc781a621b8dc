// People from creation to departure: the person schema, create, edit, move, convert, suspend,
// reactivate, remove, and the coming-of-age list (src-tauri/src/commands/people.rs).
import { keepPreviousData, queryOptions, useMutation, useQuery, useQueryClient, type QueryClient } from '@tanstack/react-query';

import { auditRoot } from './audit';
import type { ComingOfAge, DependentsPlan, ExportResult, FieldError, NewPerson, PersonPatch, PersonSchema, Removal, User, UserStatus } from './bindings';
import { directoryRoot } from './directory';
import { call } from './invoke';
import { serverRoot, serverUserQuery } from './roles';

/** The platform's rules for a person's fields, its age-out and guardian rule, and "today". */
export const personSchema = (profile: string) => call<PersonSchema>('person_schema', { profile });

export const personSchemaQuery = (profile: string) =>
  queryOptions({ queryKey: ['person-schema', profile], queryFn: () => personSchema(profile), staleTime: 60_000 });

export const usePersonSchema = (profile: string) => useQuery(personSchemaQuery(profile));

/** A person's fields as typed: `null` is a field left empty. */
export type PersonFields = Record<string, string | null>;

/**
 * Every field the served person schema refuses, in the platform's words. The check runs in
 * core with the one interpreter of the platform's rules; nothing is sent.
 */
export const checkPerson = (schema: PersonSchema, fields: PersonFields) => call<FieldError[]>('check_person', { schema, form: fields });

export const useCheckPerson = (schema: PersonSchema | undefined, fields: PersonFields) =>
  useQuery({
    queryKey: ['person-check', schema, fields],
    queryFn: () => checkPerson(schema as PersonSchema, fields),
    enabled: schema !== undefined,
    placeholderData: keepPreviousData,
    staleTime: Infinity,
  });

/** After any write: the server has the change, the backend synced it, an audit event exists. */
function written(client: QueryClient, profile: string, user?: User) {
  if (user) client.setQueryData(serverUserQuery(profile, user.id).queryKey, user);
  void client.invalidateQueries({ queryKey: directoryRoot(profile) });
  void client.invalidateQueries({ queryKey: serverRoot(profile) });
  void client.invalidateQueries({ queryKey: auditRoot(profile) });
  void client.invalidateQueries({ queryKey: comingOfAgeRoot(profile) });
}

export type CreatePersonArgs = { profile: string; person: NewPerson };

export const createPerson = ({ profile, person }: CreatePersonArgs) => call<User>('create_person', { profile, person });

export function useCreatePerson() {
  const client = useQueryClient();
  return useMutation({ mutationFn: createPerson, onSuccess: (user, { profile }) => written(client, profile, user) });
}

export type EditPersonArgs = { profile: string; id: string; patch: PersonPatch; expectedVersion: number };

/** Changes what `patch` names (a move, a conversion); `conflict` when someone changed the person meanwhile. */
export const editPerson = ({ profile, id, patch, expectedVersion }: EditPersonArgs) =>
  call<User>('edit_person', { profile, id, patch, expectedVersion });

export function useEditPerson() {
  const client = useQueryClient();
  return useMutation({ mutationFn: editPerson, onSuccess: (user, { profile }) => written(client, profile, user) });
}

export type SetStatusArgs = { profile: string; id: string; status: UserStatus; expectedVersion: number; reason: string };

/** Suspends (ending their sessions at once) or reactivates a person. */
export const setPersonStatus = ({ profile, id, status, expectedVersion, reason }: SetStatusArgs) =>
  call<User>('set_user_status', { profile, id, status, expectedVersion, reason });

export function useSetPersonStatus() {
  const client = useQueryClient();
  return useMutation({ mutationFn: setPersonStatus, onSuccess: (user, { profile }) => written(client, profile, user) });
}

export type RemovePersonArgs = { profile: string; id: string; dependents: DependentsPlan | null; expectedVersion: number; reason: string };

/** Removes a person (hidden everywhere; the platform keeps the record). */
export const removePerson = ({ profile, id, dependents, expectedVersion, reason }: RemovePersonArgs) =>
  call<Removal>('remove_person', { profile, id, dependents, expectedVersion, reason });

export function useRemovePerson() {
  const client = useQueryClient();
  return useMutation({ mutationFn: removePerson, onSuccess: (_, { profile }) => written(client, profile) });
}

export const comingOfAgeRoot = (profile: string) => ['coming-of-age', profile] as const;

/** Dependents of the local copy reaching the organization's age-out within `days`. */
export const comingOfAge = (profile: string, days: number) => call<ComingOfAge>('coming_of_age', { profile, days });

export const useComingOfAge = (profile: string, days: number) =>
  useQuery({ queryKey: [...comingOfAgeRoot(profile), days], queryFn: () => comingOfAge(profile, days), placeholderData: keepPreviousData });

export const exportComingOfAge = ({ profile, days }: { profile: string; days: number }) =>
  call<ExportResult>('export_coming_of_age', { profile, days });

export const useExportComingOfAge = () => useMutation({ mutationFn: exportComingOfAge });
