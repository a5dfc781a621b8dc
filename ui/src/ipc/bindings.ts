// Generated from the Rust types by `cargo test -p console-core bindings`. Do not edit.
export type Permission = "directory_read" | "staff_read" | "roles_write" | "users_write" | "staff_invite" | "service_accounts_write" | "audit_read" | "settings_read" | "settings_write" | "settings_write_member" | "patient_records_write" | "act_on_behalf";
export type StaffRole = "OWNER" | "MEMBER" | "SUPPORT" | "PROVIDER" | "INTAKE_STAFF" | "FIELD_STAFF" | "PROVIDER_NURSE_PRACTITIONER" | "PROVIDER_PHYSICIAN_ASSISTANT" | "PROVIDER_PHYSICIAN" | "CLIENT_MANAGER" | "HEALTH_COACH" | "THERAPIST" | "NUTRITIONIST" | "DISPATCH";
export type ConfigRole = "OWNER" | "MEMBER";
export type UserKind = "PATIENT" | "HCP" | "GUARDIAN" | "DEPENDENT" | "STAFF" | "CONFIG" | "SERVICE_ACCOUNT";
export type Organization = { id: string, 
/**
 * The organization's display name (its `display_name` setting).
 */
name: string, 
/**
 * Where its people write for help (its `support_email` setting); absent when none is set.
 */
support_email?: string, };
export type OnBehalf = { 
/**
 * The person acted for (RFC 8693 `sub`).
 */
subject_id: string, subject_name: string, 
/**
 * Who takes the action (RFC 8693 `act.sub`): an OWNER, or a service account.
 */
actor_id: string, actor_name: string, actor_kind: UserKind, 
/**
 * The acting session; absent for a service account, which acts for its provider standing.
 */
acting_id?: string, reason?: string, 
/**
 * Unix seconds.
 */
started_at?: number, 
/**
 * Unix seconds.
 */
expires_at?: number, };
export type ActingSession = { 
/**
 * `act_…`
 */
id: string, subject_id: string, subject_name: string, actor_id: string, actor_name: string, reason: string, 
/**
 * Unix seconds.
 */
started_at: number, 
/**
 * Unix seconds: the delegated token stops working then.
 */
expires_at: number, 
/**
 * Unix seconds, when stopped before its time.
 */
ended_at?: number, };
export type ActingEligibility = { user_id: string, 
/**
 * Acting is something one could do for this person at all (a staff member other than the
 * caller, and a caller who may act for someone): a console shows the offer only then.
 */
applies: boolean, allowed: boolean, 
/**
 * When not allowed: why, and what to do instead, in words.
 */
reason?: string, 
/**
 * The organization's longest window (`max_acting_minutes`).
 */
max_minutes: number, };
export type Me = { user_id: string, display_name: string, email: string | null, kind: UserKind, organization: Organization, staff_roles: Array<StaffRole>, config_role: ConfigRole | null, permissions: Array<Permission>, 
/**
 * The organization's console idle sign-out setting: after this many minutes without input
 * the console locks and drops the access token from memory. Absent from older servers.
 */
idle_sign_out_minutes?: number, 
/**
 * The organization's default key rotation overlap in hours: how long an old API key keeps
 * working after a rotation unless the person chooses otherwise. Absent from older servers.
 */
key_rotation_overlap_hours?: number, 
/**
 * The organization's `max_acting_minutes`: the longest an OWNER may act for someone.
 */
max_acting_minutes?: number, 
/**
 * Present when someone acts for this person (RFC 8693 `act`): the rest of this answer
 * describes the person acted for, whose rights (intersected with the actor's) apply.
 */
acting?: OnBehalf, };
export type Profile = { name: string, 
/**
 * Base URL of the admin API, e.g. `https://api.example.org`.
 */
api_base: string, 
/**
 * The OAuth2 issuer; `None` means the API base is also the issuer.
 */
issuer: string | null, client_id: string, scopes: Array<string>, 
/**
 * Built in (the demo platform): cannot be edited or removed.
 */
builtin: boolean, };
export type ProfilesView = { profiles: Array<Profile>, selected: string, };
export type FieldProblem = { field: string, message: string, };
export type CheckStatus = "ok" | "warn" | "fail" | "not_checked";
export type Check = { id: string, status: CheckStatus, title: string, detail: string, };
export type ServerOffer = { discovery_url: string, issuer: string, authorization_endpoint: string, token_endpoint: string, revocation_endpoint: string | null, userinfo_endpoint: string | null, pkce_s256: boolean, 
/**
 * An OpenID Connect provider (ID tokens), rather than plain OAuth2.
 */
openid: boolean, refresh_tokens: boolean, 
/**
 * Scopes the profile asks for that the server does not list.
 */
missing_scopes: Array<string>, };
export type ConnectionReport = { profile: string, 
/**
 * No check failed: a sign-in can go ahead.
 */
ok: boolean, checks: Array<Check>, server: ServerOffer | null, };
export type ProfileFile = { path: string, profile: Profile, };
export type SessionView = { profile: string, me: Me, 
/**
 * Whether this platform can seal a local copy kept after sign-out (it hands out a
 * per-person seal key); without it, sign-out always deletes the copy.
 */
can_keep_copy: boolean, };
export type ErrorCode = "not_signed_in" | "session_expired" | "cancelled" | "timeout" | "network" | "auth_failed" | "server" | "forbidden" | "rejected" | "conflict" | "step_up_required" | "acting_ended" | "not_found" | "invalid_input" | "keyring" | "internal";
export type IpcError = { code: ErrorCode, message: string, };
export type DemoPersona = { label: string, email: string, password: string, 
/**
 * A staff persona's TOTP secret (base32), to add to an authenticator app: staff sign in
 * with a code too. `None` for config users, who are asked for no code.
 */
totp_secret: string | null, description: string, };
export type DemoInfo = { api_base: string, personas: Array<DemoPersona>, };
export type UserStatus = "active" | "invited" | "suspended";
export type User = { id: string, kind: UserKind, display_name: string, email: string | null, 
/**
 * As entered, e.g. "(555) 010-0142".
 */
phone: string | null, status: UserStatus, staff_roles: Array<StaffRole>, guardian_id: string | null, 
/**
 * `YYYY-MM-DD`; absent for staff and for people whose date of birth is not known.
 * (Optional in TypeScript too: a window built before it still reads every user.)
 */
date_of_birth?: string | null, 
/**
 * On dependents: what their guardian may see now, which the platform computes from the
 * date of birth and the organization's settings (absent on everyone else).
 */
guardian_access?: GuardianAccess, 
/**
 * Staff only: whether they have set up the authenticator (TOTP) their sign-in asks for when
 * the organization requires MFA. `None` for everyone else.
 */
mfa_enrolled: boolean | null, 
/**
 * Unix seconds.
 */
created_at: number, updated_at: number, 
/**
 * Increases on every change; the ETag is `"<version>"`.
 */
version: number, };
export type SortField = "name" | "email" | "kind" | "status" | "updated";
export type SearchSource = "local" | "platform";
export type DirectoryQuery = { text: string, kind: UserKind | null, role: StaffRole | null, status: UserStatus | null, sort: SortField, descending: boolean, offset: number, limit: number, };
export type DirectoryPage = { rows: Array<User>, 
/**
 * Rows matching in all (for the scrollbar). From the platform: the rows it sent.
 */
total: number, took_ms: number, 
/**
 * Who answered: the local copy, or the platform while the copy is still filling.
 */
source: SearchSource, 
/**
 * From the platform: more people match than these first ones (it pages by cursor and
 * does not count a search).
 */
more: boolean, 
/**
 * The platform was asked (the copy is still filling) and failed: why, in words. The rows
 * are then the matches among what the local copy holds so far.
 */
platform_error: string | null, 
/**
 * While the copy is still filling (and so the platform was asked): how far it is, 0-99.
 */
filling_percent: number | null, };
export type Household = { guardian: User | null, dependents: Array<User>, 
/**
 * The dependent shares the guardian's email (or, for a guardian, some dependent does).
 */
shared_email: boolean, shared_phone: boolean, };
export type UserDetail = { user: User, household: Household, };
export type SyncPhase = "idle" | "full" | "delta" | "failed";
export type SyncStatus = { phase: SyncPhase, 
/**
 * When the cache last matched the server: the "as of" time shown offline.
 */
last_synced_at: number | null, 
/**
 * When the copy was last listed in full (a kept copy reopened keeps its time).
 */
last_full_sync_at: number | null, done: number, total: number | null, rate_per_sec: number | null, 
/**
 * The last attempt could not reach the server; the cache is shown read-only.
 */
offline: boolean, error: IpcError | null, user_count: number, };
export type ProblemCode = "invalid_token" | "insufficient_scope" | "forbidden" | "not_found" | "invalid_request" | "resync_required" | "precondition_required" | "precondition_failed" | "reason_required" | "unknown_role" | "last_owner" | "owner_required" | "self_change" | "not_staff" | "read_only_role" | "key_invalid" | "key_revoked" | "key_disabled" | "key_expired" | "too_many_keys" | "expiry_out_of_bounds" | "invalid_settings" | "owner_only_field" | "config_owner_required" | "insufficient_user_authentication" | "invalid_person" | "contact_required" | "contact_taken" | "not_guardians_contact" | "staff_email_taken" | "invalid_guardian" | "has_dependents" | "not_of_age" | "kind_change_not_allowed" | "acting_not_allowed" | "internal" | "unknown";
export type RoleInfo = { role: StaffRole, description: string, 
/**
 * What holding the role lets a person do in the console.
 */
grants: Array<Permission>, 
/**
 * Grants administrative access or consumers' data: worth a second look before handing it
 * out.
 */
sensitive: boolean, 
/**
 * A provider of care: a service account may act on behalf of a person holding it.
 */
provider: boolean, };
export type RoleChangeItem = { user_id: string, add: Array<string>, remove: Array<string>, expected_version?: number | null, };
export type RoleChangeOutcome = { user_id: string, 
/**
 * Empty when the user does not exist or cannot be seen.
 */
display_name: string, before: Array<StaffRole>, after: Array<StaffRole>, 
/**
 * The guardrail or rule the item breaks; `None` when it is (or would be) applied.
 */
problem: { type: string, title: string, status: number, detail?: string, code: ProblemCode } | null, 
/**
 * True only in a real run, for an item that was stored.
 */
applied: boolean, 
/**
 * The person's version after the item (the new ETag), or the current one when unchanged.
 */
version: number | null, };
export type RoleBatchResult = { dry_run: boolean, items: Array<RoleChangeOutcome>, };
export type BatchPlan = { items: Array<RoleChangeItem>, result: RoleBatchResult, };
export type BatchApplied = { result: RoleBatchResult, 
/**
 * Reverses every applied item (roles added are removed and the other way round), each
 * expecting the version the change produced, so it refuses to undo over a later change.
 */
undo: Array<RoleChangeItem>, };
export type AuditEvent = { id: string, 
/**
 * Unix seconds.
 */
at: number, actor_id: string, actor_name: string, 
/**
 * A dotted name, e.g. `user.roles.update`, `user.status.update`.
 */
action: string, 
/**
 * What kind of resource changed, e.g. `user`.
 */
target_type: string, target_id: string, target_name: string, before: unknown, after: unknown, reason: string, 
/**
 * The `X-Request-Id` of the request that made the change.
 */
request_id: string, 
/**
 * Made for someone else: for whom (`actor_*` above is who took it), why, and the window.
 */
on_behalf?: OnBehalf, };
export type AuditFilter = { actor: string | null, target: string | null, action: string | null, 
/**
 * Unix seconds, inclusive.
 */
from: number | null, 
/**
 * Unix seconds, exclusive.
 */
to: number | null, 
/**
 * A person's own timeline: events whose target or subject (acted for) is this person.
 */
person: string | null, };
export type AuditPage = { events: Array<AuditEvent>, next_cursor: string | null, total: number | null, };
export type ExportResult = { path: string, count: number, };
export type AccountStatus = "active" | "disabled";
export type ServiceAccount = { id: string, name: string, description: string, 
/**
 * The staff member answerable for it (the owner of record).
 */
owner_id: string, owner_name: string, 
/**
 * False when the owner of record is no longer active staff (access review).
 */
owner_active: boolean, 
/**
 * The provider it acts for, if any.
 */
acts_for_id: string | null, acts_for_name: string | null, status: AccountStatus, created_at: number, updated_at: number, 
/**
 * The ETag is `"<version>"`.
 */
version: number, 
/**
 * Keys that work right now (active and not expired).
 */
active_keys: number, 
/**
 * The soonest expiry among working keys.
 */
soonest_expiry: number | null, 
/**
 * The latest use of any of its keys.
 */
last_used_at: number | null, 
/**
 * The M2M client id, once a client secret has been issued.
 */
client_id: string | null, };
export type NewServiceAccount = { name: string, description: string, owner_id: string, acts_for_id: string | null, };
export type ServiceAccountPatch = { name?: string, description?: string, owner_id?: string, 
/**
 * `Some(None)` (JSON `null`) clears it.
 */
acts_for_id?: string | null, status?: AccountStatus, };
export type KeyStatus = "active" | "disabled" | "revoked" | "expired";
export type ApiKey = { id: string, account_id: string, name: string, 
/**
 * The first characters of the key (e.g. `acx_live_k7Qm2`), enough to recognise it.
 */
prefix: string, created_at: number, created_by: string, expires_at: number, last_used_at: number | null, last_used_from: string | null, status: KeyStatus, 
/**
 * When a rotation replaced it, the key that did.
 */
replaced_by: string | null, };
export type NewApiKey = { name: string, expires_at: number, };
export type RotateApiKey = { name: string, expires_at: number, overlap_seconds: number, };
export type OneTimeSecret = { key: ApiKey | null, replaced: ApiKey | null, client_id: string | null, secret: string, };
export type KeyAction = "disable" | "enable" | "revoke";
export type Invitation = { id: string, 
/**
 * The invited person (status `invited` until they accept).
 */
user_id: string, display_name: string, email: string, roles: Array<StaffRole>, invited_by_id: string, invited_by_name: string, 
/**
 * When the current code was issued (the invitation, or its last re-send), Unix seconds.
 */
sent_at: number, 
/**
 * After this the code no longer accepts; an OWNER can re-send. Unix seconds.
 */
expires_at: number, 
/**
 * Grows with every re-send; re-send and withdraw need it in `If-Match`.
 */
version: number, };
export type InviteStaff = { display_name: string, email: string, roles: Array<StaffRole>, reason: string, };
export type OneTimeInvitation = { invitation: Invitation, code: string, accept_url: string, };
export type ReviewKind = "unused_key" | "expiring_key" | "orphaned_account";
export type ReviewItem = { kind: ReviewKind, account_id: string, account_name: string, key_id: string | null, key_prefix: string | null, 
/**
 * Plain words: why it is listed.
 */
detail: string, };
export type AccessReview = { as_of: number, items: Array<ReviewItem>, };
export type TextRule = { pattern: string, 
/**
 * The refusal, e.g. `'{value}' is not an email address`; `{value}` stands for the text.
 */
message: string, 
/**
 * The code a refusal carries.
 */
code: FieldErrorCode, };
export type FieldType = { "kind": "integer", min: number, max: number, } | { "kind": "boolean" } | { "kind": "string", min_len: number, max_len: number, rules: Array<TextRule>, } | { "kind": "date", min: string, max: string, } | { "kind": "enum", values: Array<string>, } | { "kind": "text_list", max_items: number, max_len: number, item: string, rules: Array<TextRule>, };
export type SettingsGroup = { id: string, label: string, };
export type SettingField = { key: string, 
/**
 * The `id` of its `SettingsGroup`.
 */
group: string, label: string, description: string, type: FieldType, 
/**
 * A unit for numbers, e.g. `days`, `hours`, `minutes`.
 */
unit: string | null, 
/**
 * A sample value for an empty input to show, e.g. `https://app.example.org/callback`.
 */
example: string | null, default: unknown, 
/**
 * Whether a config Member may change it; a config Owner may change every field.
 */
member_editable: boolean, 
/**
 * Why a Member may not (shown next to the locked field); `None` when they may.
 */
owner_only_reason: string | null, };
export type SettingsSchema = { groups: Array<SettingsGroup>, fields: Array<SettingField>, };
export type Settings = { version: number, values: Record<string, unknown>, 
/**
 * Unix seconds.
 */
updated_at: number, 
/**
 * Who made this version (user id).
 */
updated_by: string, updated_by_name: string, };
export type SettingsVersion = { version: number, 
/**
 * Unix seconds.
 */
at: number, actor_id: string, actor_name: string, reason: string, 
/**
 * The keys whose values differ from the version before.
 */
changed: Array<string>, 
/**
 * For a restore: the version whose values were restored.
 */
restored_from: number | null, 
/**
 * Every field's value in this version.
 */
values: Record<string, unknown>, };
export type FieldErrorCode = "unknown_field" | "wrong_type" | "out_of_range" | "bad_length" | "bad_format" | "not_allowed" | "duplicate" | "bad_url" | "owner_only";
export type FieldError = { key: string, code: FieldErrorCode, message: string, 
/**
 * For a list: the index of the entry refused (`None`: the value as a whole).
 */
item?: number, };
export type SettingsRights = "owner" | "member" | "read_only";
export type SettingsView = { schema: SettingsSchema, settings: Settings, rights: SettingsRights, 
/**
 * The keys this person may change; the others are shown read-only with the schema's
 * `owner_only_reason`.
 */
editable: Array<string>, can_restore: boolean, };
export type SettingChange = { key: string, 
/**
 * The schema's label, or the key for a field the schema no longer has.
 */
label: string, 
/**
 * `null` when the field was absent.
 */
old: unknown, new: unknown, };
export type SettingsPreview = { 
/**
 * The version the changes were staged on.
 */
base_version: number, 
/**
 * The server's version now; when it differs from `base_version` someone saved meanwhile.
 */
current_version: number, 
/**
 * Field, old, new: only fields whose value would change.
 */
changes: Array<SettingChange>, 
/**
 * Every staged field that would be refused (bounds, type, or Owner-only for a Member).
 */
errors: Array<FieldError>, };
export type SettingsSaved = { "outcome": "saved", settings: Settings, } | { "outcome": "conflict", message: string, current: Settings, server_changes: Array<SettingChange>, };
export type SettingsDiff = { from: number, to: number, changes: Array<SettingChange>, };
export type SettingsHistory = { versions: Array<SettingsVersion>, 
/**
 * Pass back to get older versions; absent on the last page.
 */
next_cursor: string | null, };
export type GuardianAccess = "full" | "limited" | "none";
export type PersonSchema = { fields: Array<SettingField>, 
/**
 * The kinds `POST /v1/users` creates (staff join by invitation, not here).
 */
creatable_kinds: Array<UserKind>, 
/**
 * The organization's `dependent_leaves_guardian_at_age`: from this age a dependent may be
 * made a primary consumer, and the guardian sees nothing more.
 */
dependent_leaves_guardian_at_age: number, 
/**
 * The organization's `guardian_access_12_17`.
 */
guardian_access_12_17: GuardianAccess, 
/**
 * The organization's date today (`YYYY-MM-DD`, in its `time_zone`): ages are counted on it.
 */
today: string, };
export type NewPerson = { kind: UserKind, display_name: string, email?: string | null, phone?: string | null, 
/**
 * `YYYY-MM-DD`.
 */
date_of_birth?: string | null, guardian_id?: string | null, reason: string, };
export type PersonPatch = { display_name?: string, email?: string, phone?: string, date_of_birth?: string, guardian_id?: string, kind?: UserKind, reason: string, };
export type DependentsPlan = { "move_to": string } | "remove";
export type Removal = { removed: Array<string>, moved: Array<string>, };
export type Need = "own_contact" | "consent";
export type ComingOfAgeItem = { user: User, guardian_name: string | null, 
/**
 * The day they reach the age-out (`YYYY-MM-DD`).
 */
turns_on: string, 
/**
 * Days from today to `turns_on` (0: today).
 */
days_left: number, needs: Array<Need>, };
export type ComingOfAge = { 
/**
 * The platform's date today.
 */
today: string, 
/**
 * The organization's `dependent_leaves_guardian_at_age`.
 */
age_out: number, days: number, 
/**
 * Soonest first.
 */
items: Array<ComingOfAgeItem>, };
export type PeopleCount = { kind: UserKind, status: UserStatus, count: number, };
export type RoleCount = { role: StaffRole, count: number, };
export type HouseholdSize = { dependents: number, guardians: number, };
export type Overview = { 
/**
 * When the copy last matched the platform (Unix seconds); `None` before the first sync.
 */
as_of: number | null, 
/**
 * A full listing is still being loaded: the counts are of what arrived so far.
 */
loading: boolean, 
/**
 * Every kind with every status that occurs (zero counts are left out).
 */
people: Array<PeopleCount>, 
/**
 * Every role some staff member holds, in the catalog's order.
 */
staff_roles: Array<RoleCount>, 
/**
 * Guardians by number of dependents: always the five buckets 0, 1, 2, 3, 4+.
 */
households: Array<HouseholdSize>, };
export type KeyWeek = { 
/**
 * Start of the week (Unix seconds); the first week starts now.
 */
starts_at: number, keys: number, };
export type KeyExpiry = { 
/**
 * Keys that expired in the last 90 days and were never replaced by a rotation, nor
 * revoked or disabled: whatever used them has stopped working or soon will notice.
 */
overdue: number, weeks: Array<KeyWeek>, };
export type AuditDay = { 
/**
 * Local midnight of the day (Unix seconds); its audit log is `[day, day + 86400)`.
 */
day: number, events: number, };
export type PlatformOverview = { as_of: number, 
/**
 * With `service_accounts_write` (an OWNER).
 */
keys: KeyExpiry | null, 
/**
 * The last 30 days, oldest first, with `audit_read` (an OWNER).
 */
audit: Array<AuditDay> | null, };
/** The access review lists a working key unused for this many days (core accounts::UNUSED_DAYS). */
export const REVIEW_UNUSED_DAYS = 90;
/** The access review lists, and the window badges, a working key that stops within this many days (core accounts::EXPIRING_DAYS). */
export const REVIEW_EXPIRING_DAYS = 14;
/** The Overview's key timeline covers this many days ahead (core overview::KEY_DAYS). */
export const OVERVIEW_KEY_DAYS = 90;
/** The Overview's audit chart covers this many days, today included (core overview::AUDIT_DAYS). */
export const OVERVIEW_AUDIT_DAYS = 30;
/** A new profile's client id until one is typed, as `accessctl profiles add` (core profiles::DEFAULT_CLIENT_ID). */
export const PROFILE_DEFAULT_CLIENT_ID = "access-console";
/** A new profile's scopes until others are chosen, as `accessctl profiles add` (core profiles::DEFAULT_SCOPES). */
export const PROFILE_DEFAULT_SCOPES = ["console","offline_access"];
