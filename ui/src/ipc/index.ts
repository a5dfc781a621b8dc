// The window's whole backend, one module per domain as in src-tauri/src/commands/<domain>.rs.
// Features import from here only; `invoke.ts` is the one module that reaches Tauri.
export type * from './bindings';
// The console's rule numbers, generated from core's constants with the types.
export {
  OVERVIEW_AUDIT_DAYS,
  OVERVIEW_KEY_DAYS,
  PROFILE_DEFAULT_CLIENT_ID,
  PROFILE_DEFAULT_SCOPES,
  REVIEW_EXPIRING_DAYS,
  REVIEW_UNUSED_DAYS,
} from './bindings';
export {
  useAccessReview,
  useApiKeys,
  useCreateApiKey,
  useCreateServiceAccount,
  useExportAccessReview,
  useFetchServiceAccount,
  useKeyAction,
  useRotateApiKey,
  useRotateClientSecret,
  useServiceAccounts,
  useUpdateServiceAccount,
} from './accounts';
export { reportFirstScreen, useAppInfo, useOpenLogFolder, type AppInfo } from './app';
export { actingEnded, STOP_ACTING_KEY, useActingEligibility, useActingNotice, useStartActing, useStopActing } from './acting';
export { useAuditEvents, useExportAudit } from './audit';
export { copySecret } from './clipboard';
export { useDemoInfo } from './demo';
export { isSyncing, useCachedPage, useSearchUsers, useSearchUsersWindows, useSyncNow, useSyncStatus, useUser } from './directory';
export { isIpcError, toIpcError } from './errors';
export {
  useCheckPerson,
  useComingOfAge,
  useCreatePerson,
  useEditPerson,
  useExportComingOfAge,
  usePersonSchema,
  useRemovePerson,
  useSetPersonStatus,
} from './people';
export { useInvitations, useInviteStaff, useResendInvitation, useWithdrawInvitation } from './invitations';
export { useResetMfa } from './mfa';
export { useOverview, usePlatformOverview } from './overview';
export {
  useAddProfile,
  useCheckProfile,
  useExportProfile,
  useFirstRun,
  useImportProfile,
  usePendingImport,
  useProfiles,
  useRemoveProfile,
  useSelectProfile,
  useStartDemo,
  useTestConnection,
  useUpdateProfile,
} from './profiles';
export { useApplyRoleBatch, usePlanBulkRoles, usePreviewRoles, useRefetchServerUser, useRoleCatalog, useServerUser, useSetRoles } from './roles';
export {
  forgetPersonalQueries,
  needsStepUp,
  useCancelSignIn,
  useCurrentSession,
  useLockSession,
  useSignIn,
  useSignOut,
  useSignOutNotice,
  useStepUp,
} from './session';
export { useCheckSettings, usePreviewSettings, useRestoreSettings, useSaveSettings, useSettingsDiff, useSettingsHistory, useSettingsView } from './settings';
export { prefetchFirstScreen } from './startup';
