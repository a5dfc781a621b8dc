// Profiles: which platform the window talks to (src-tauri/src/commands/profiles.rs). Every rule
// (field checks, name clashes, the connection test) is the core's; this file only calls it.
import { keepPreviousData, queryOptions, useMutation, useQuery, useQueryClient, type QueryClient } from '@tanstack/react-query';
import { useEffect, useState } from 'react';

import type { ConnectionReport, FieldProblem, Profile, ProfileFile, ProfilesView } from './bindings';
import { demoInfoQuery } from './demo';
import { call } from './invoke';

export const listProfiles = () => call<ProfilesView>('list_profiles');

export const profilesQuery = () => queryOptions({ queryKey: ['profiles'], queryFn: listProfiles });

export const useProfiles = () => useQuery(profilesQuery());

export const selectProfile = (name: string) => call<ProfilesView>('select_profile', { name });

/** A changed list of profiles: the new list, and whether this is still a first run. */
function changed(client: QueryClient, view: ProfilesView) {
  client.setQueryData(profilesQuery().queryKey, view);
  void client.invalidateQueries({ queryKey: firstRunQuery().queryKey });
}

export function useSelectProfile() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: selectProfile,
    onSuccess: (view) => {
      changed(client, view);
      // Picking Demo may have started the demo platform.
      void client.invalidateQueries({ queryKey: demoInfoQuery().queryKey });
    },
  });
}

/** No --demo and no profiles file yet: the window offers to connect or to try the demo. */
export const firstRunQuery = () => queryOptions({ queryKey: ['first-run'], queryFn: () => call<boolean>('first_run') });

export const useFirstRun = () => useQuery(firstRunQuery());

/** What the editor shows while the person types, asked of the core ~150 ms after they stop. */
export function useCheckProfile(profile: Profile, editing: string | null) {
  // Compared as text: the caller builds a new object on every render.
  const typed = JSON.stringify(profile);
  const [asked, setAsked] = useState(typed);
  useEffect(() => {
    const timer = setTimeout(() => setAsked(typed), 150);
    return () => clearTimeout(timer);
  }, [typed]);
  const query = useQuery({
    queryKey: ['profile-check', asked, editing],
    queryFn: () => call<FieldProblem[]>('check_profile', { profile: JSON.parse(asked) as Profile, editing }),
    placeholderData: keepPreviousData,
    staleTime: Infinity,
  });
  // Until the core has seen what is on screen, its answer is not about it yet.
  return { ...query, current: asked === typed && !query.isPlaceholderData && query.isSuccess };
}

export function useAddProfile() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (profile: Profile) => call<ProfilesView>('add_profile', { profile }),
    onSuccess: (view) => changed(client, view),
  });
}

export function useUpdateProfile() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: ({ oldName, profile }: { oldName: string; profile: Profile }) =>
      call<ProfilesView>('update_profile', { oldName, profile }),
    onSuccess: (view) => changed(client, view),
  });
}

export function useRemoveProfile() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (name: string) => call<ProfilesView>('remove_profile', { name }),
    onSuccess: (view) => changed(client, view),
  });
}

export const useTestConnection = () =>
  useMutation({ mutationFn: (profile: Profile) => call<ConnectionReport>('test_connection', { profile }) });

/** The path written, or null when the person cancelled the save dialog. */
export const useExportProfile = () => useMutation({ mutationFn: (name: string) => call<string | null>('export_profile', { name }) });

/** The file picked in the open dialog, read but not added; null when cancelled. */
export const useImportProfile = () => useMutation({ mutationFn: () => call<ProfileFile | null>('import_profile') });

/** The profile file the app was opened with (asked once: the backend forgets it then). */
export const usePendingImport = () =>
  useQuery({ queryKey: ['pending-import'], queryFn: () => call<ProfileFile | null>('pending_import'), staleTime: Infinity, retry: false });

export function useStartDemo() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: () => call<unknown>('start_demo'),
    onSuccess: () => {
      void client.invalidateQueries({ queryKey: demoInfoQuery().queryKey });
      void client.invalidateQueries({ queryKey: profilesQuery().queryKey });
      void client.invalidateQueries({ queryKey: firstRunQuery().queryKey });
    },
  });
}
