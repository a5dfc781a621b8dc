//! Types that cross to the web view. None of them can hold a token.

use console_api::Me;
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::profiles::Profile;

#[derive(Debug, Clone, Serialize, Deserialize, TS)]
pub struct ProfilesView {
    pub profiles: Vec<Profile>,
    pub selected: String,
}

/// Who is signed in on a profile. Deliberately only the identity: never a token.
#[derive(Debug, Clone, Serialize, Deserialize, TS)]
pub struct SessionView {
    pub profile: String,
    pub me: Me,
    /// Whether this platform can seal a local copy kept after sign-out (it hands out a
    /// per-person seal key); without it, sign-out always deletes the copy.
    pub can_keep_copy: bool,
}

/// Whether `me` may open any console screen. `patient_records_write` is a right to change a
/// consumer's record through the API, not a screen: a provider who holds only it still has no
/// console access (and is told so).
pub fn has_console_access(me: &Me) -> bool {
    me.permissions
        .iter()
        .any(|p| !matches!(p, console_api::Permission::PatientRecordsWrite))
}

/// The small closed set of error codes the UI branches on.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum ErrorCode {
    NotSignedIn,
    SessionExpired,
    Cancelled,
    Timeout,
    Network,
    AuthFailed,
    Server,
    Forbidden,
    /// The server refused a change (a guardrail or rule); the message says which.
    Rejected,
    /// Someone else changed the resource meanwhile (HTTP 412).
    Conflict,
    /// The operation needs the person to confirm it is them (a fresh sign-in, RFC 9470); the
    /// message says why. Not the end of the session: run `step_up`, then retry once.
    StepUpRequired,
    /// The time acting for someone is over: the window calls `stop_acting`, which returns to
    /// the actor's own session.
    ActingEnded,
    NotFound,
    InvalidInput,
    Keyring,
    Internal,
}

/// An error as it crosses IPC: `{ code, message }`.
#[derive(Debug, Clone, Serialize, Deserialize, TS)]
pub struct IpcError {
    pub code: ErrorCode,
    pub message: String,
}

impl From<crate::Error> for IpcError {
    fn from(e: crate::Error) -> Self {
        IpcError {
            code: e.code(),
            message: e.to_string(),
        }
    }
}

/// A demo account shown on the sign-in screen when the app runs on its built-in platform.
#[derive(Debug, Clone, Serialize, Deserialize, TS)]
pub struct DemoPersona {
    pub label: String,
    pub email: String,
    pub password: String,
    /// A staff persona's TOTP secret (base32), to add to an authenticator app: staff sign in
    /// with a code too. `None` for config users, who are asked for no code.
    pub totp_secret: Option<String>,
    pub description: String,
}

#[derive(Debug, Clone, Serialize, Deserialize, TS)]
pub struct DemoInfo {
    pub api_base: String,
    pub personas: Vec<DemoPersona>,
}

/// Columns the directory can be sorted by.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum SortField {
    Name,
    Email,
    Kind,
    Status,
    Updated,
}

/// A directory search over the local cache. Empty `text` browses with the filters.
#[derive(Debug, Clone, Serialize, Deserialize, TS)]
pub struct DirectoryQuery {
    pub text: String,
    pub kind: Option<console_api::UserKind>,
    pub role: Option<console_api::StaffRole>,
    pub status: Option<console_api::UserStatus>,
    pub sort: SortField,
    pub descending: bool,
    pub offset: u32,
    pub limit: u32,
}

impl DirectoryQuery {
    pub fn text(text: &str, limit: u32) -> Self {
        DirectoryQuery {
            text: text.to_string(),
            kind: None,
            role: None,
            status: None,
            sort: SortField::Name,
            descending: false,
            offset: 0,
            limit,
        }
    }
}

#[derive(Debug, Clone, Serialize, Deserialize, TS)]
pub struct DirectoryPage {
    pub rows: Vec<console_api::User>,
    /// Rows matching in all (for the scrollbar). From the platform: the rows it sent.
    pub total: u32,
    pub took_ms: f64,
    /// Who answered: the local copy, or the platform while the copy is still filling.
    #[serde(default)]
    pub source: SearchSource,
    /// From the platform: more people match than these first ones (it pages by cursor and
    /// does not count a search).
    #[serde(default)]
    pub more: bool,
    /// The platform was asked (the copy is still filling) and failed: why, in words. The rows
    /// are then the matches among what the local copy holds so far.
    #[serde(default)]
    pub platform_error: Option<String>,
    /// While the copy is still filling (and so the platform was asked): how far it is, 0-99.
    #[serde(default)]
    pub filling_percent: Option<u32>,
}

/// Who answered a directory search.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "lowercase")]
pub enum SearchSource {
    #[default]
    Local,
    Platform,
}

/// A person's household: their guardian (for a dependent) or their dependents (for a guardian).
#[derive(Debug, Clone, Serialize, Deserialize, TS)]
pub struct Household {
    pub guardian: Option<console_api::User>,
    pub dependents: Vec<console_api::User>,
    /// The dependent shares the guardian's email (or, for a guardian, some dependent does).
    pub shared_email: bool,
    pub shared_phone: bool,
}

#[derive(Debug, Clone, Serialize, Deserialize, TS)]
pub struct UserDetail {
    pub user: console_api::User,
    pub household: Household,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum SyncPhase {
    Idle,
    Full,
    Delta,
    Failed,
}

/// Where the directory cache stands, for the status bar.
#[derive(Debug, Clone, Serialize, Deserialize, TS)]
pub struct SyncStatus {
    pub phase: SyncPhase,
    /// When the cache last matched the server: the "as of" time shown offline.
    #[ts(type = "number | null")]
    pub last_synced_at: Option<i64>,
    /// When the copy was last listed in full (a kept copy reopened keeps its time).
    #[ts(type = "number | null")]
    pub last_full_sync_at: Option<i64>,
    #[ts(type = "number")]
    pub done: u64,
    #[ts(type = "number | null")]
    pub total: Option<u64>,
    pub rate_per_sec: Option<f64>,
    /// The last attempt could not reach the server; the cache is shown read-only.
    pub offline: bool,
    pub error: Option<IpcError>,
    #[ts(type = "number")]
    pub user_count: u64,
}
