//! Users, pages and the change feed (admin API v1, directory).

use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::{StaffRole, UserKind};

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum UserStatus {
    Active,
    Invited,
    Suspended,
}

impl UserStatus {
    pub fn as_str(self) -> &'static str {
        match self {
            UserStatus::Active => "active",
            UserStatus::Invited => "invited",
            UserStatus::Suspended => "suspended",
        }
    }

    pub fn parse(s: &str) -> Option<UserStatus> {
        match s {
            "active" => Some(UserStatus::Active),
            "invited" => Some(UserStatus::Invited),
            "suspended" => Some(UserStatus::Suspended),
            _ => None,
        }
    }
}

/// A consumer, staff member, config user or service account of an organization.
/// Dependents have `guardian_id`; they may share their guardian's email or phone.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct User {
    pub id: String,
    pub kind: UserKind,
    pub display_name: String,
    pub email: Option<String>,
    /// As entered, e.g. "(555) 010-0142".
    pub phone: Option<String>,
    pub status: UserStatus,
    pub staff_roles: Vec<StaffRole>,
    pub guardian_id: Option<String>,
    /// `YYYY-MM-DD`; absent for staff and for people whose date of birth is not known.
    /// (Optional in TypeScript too: a window built before it still reads every user.)
    #[serde(default)]
    #[ts(optional = nullable)]
    pub date_of_birth: Option<String>,
    /// On dependents: what their guardian may see now, which the platform computes from the
    /// date of birth and the organization's settings (absent on everyone else).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[ts(optional)]
    pub guardian_access: Option<crate::GuardianAccess>,
    /// Staff only: whether they have set up the authenticator (TOTP) their sign-in asks for when
    /// the organization requires MFA. `None` for everyone else.
    #[serde(default)]
    pub mfa_enrolled: Option<bool>,
    /// Unix seconds.
    #[ts(type = "number")]
    pub created_at: i64,
    #[ts(type = "number")]
    pub updated_at: i64,
    /// Increases on every change; the ETag is `"<version>"`.
    #[ts(type = "number")]
    pub version: i64,
}

/// One page of a cursor-paginated list.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Page<T> {
    pub items: Vec<T>,
    /// Pass as `cursor` to get the next page; absent on the last page.
    pub next_cursor: Option<String>,
    /// How many items match in all (first page at least), for progress bars.
    #[serde(default)]
    pub total: Option<i64>,
    /// The change-feed position the listing is consistent with: a client that pages through a
    /// full listing and then reads `/v1/changes?after=<as_of_seq>` misses nothing.
    pub as_of_seq: i64,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ChangeOp {
    Upsert,
    /// A tombstone: the resource is gone.
    Delete,
}

/// One entry of the change feed. `resource` is `user` or `audit`. For a user, `user` is the full
/// new state of an upsert and absent for a delete; for an audit event (always an upsert: events
/// are never changed or deleted), `audit` is the event. Clients skip resources they do not know.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Change {
    pub seq: i64,
    pub resource: String,
    pub id: String,
    pub op: ChangeOp,
    #[serde(default)]
    pub user: Option<User>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub audit: Option<crate::AuditEvent>,
}

/// `GET /v1/changes?after=SEQ&limit=N`. When `after` is older than the feed retains, the server
/// answers 410 with problem code `resync_required` and the client must run a full sync.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct ChangeBatch {
    pub changes: Vec<Change>,
    /// The newest sequence number in the organization's feed right now.
    pub latest_seq: i64,
    pub has_more: bool,
}
