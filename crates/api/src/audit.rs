//! Audit events (admin API v1, audit): every change, with who, what, before, after and why.

use serde::{Deserialize, Serialize};
use ts_rs::TS;

/// One recorded change. `before` / `after` are the changed part of the resource as JSON (for a
/// role change: `{"roles": [...]}`; for a status change: `{"status": "..."}`).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct AuditEvent {
    pub id: String,
    /// Unix seconds.
    #[ts(type = "number")]
    pub at: i64,
    pub actor_id: String,
    pub actor_name: String,
    /// A dotted name, e.g. `user.roles.update`, `user.status.update`.
    pub action: String,
    /// What kind of resource changed, e.g. `user`.
    pub target_type: String,
    pub target_id: String,
    pub target_name: String,
    #[ts(type = "unknown")]
    pub before: serde_json::Value,
    #[ts(type = "unknown")]
    pub after: serde_json::Value,
    pub reason: String,
    /// The `X-Request-Id` of the request that made the change.
    pub request_id: String,
    /// Made for someone else: for whom (`actor_*` above is who took it), why, and the window.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[ts(optional)]
    pub on_behalf: Option<crate::OnBehalf>,
}

/// Audit actions the platform records.
pub mod actions {
    pub const ROLES_UPDATE: &str = "user.roles.update";
    pub const STATUS_UPDATE: &str = "user.status.update";
    pub const USER_CREATE: &str = "user.create";
    pub const USER_UPDATE: &str = "user.update";
    /// A dependent moved to another guardian (by `PATCH` or with its guardian's removal).
    pub const USER_MOVE: &str = "user.move";
    /// A dependent made a primary consumer at the age-out.
    pub const USER_CONVERT: &str = "user.convert";
    pub const USER_REMOVE: &str = "user.remove";
    pub const INVITATION_CREATE: &str = "invitation.create";
    pub const INVITATION_RESEND: &str = "invitation.resend";
    pub const INVITATION_WITHDRAW: &str = "invitation.withdraw";
    pub const INVITATION_ACCEPT: &str = "invitation.accept";
    pub const PASSWORD_RESET: &str = "user.password.reset";
    pub const PASSWORD_SET: &str = "user.password.set";
    /// A staff member set up their authenticator at sign-in.
    pub const MFA_ENROL: &str = "user.mfa.enrol";
    /// An OWNER reset a staff member's authenticator: they enrol again at their next sign-in.
    pub const MFA_RESET: &str = "user.mfa.reset";
    pub const ACCOUNT_CREATE: &str = "service_account.create";
    pub const ACCOUNT_UPDATE: &str = "service_account.update";
    pub const ACCOUNT_DELETE: &str = "service_account.delete";
    pub const KEY_CREATE: &str = "api_key.create";
    pub const KEY_ROTATE: &str = "api_key.rotate";
    pub const KEY_DISABLE: &str = "api_key.disable";
    pub const KEY_ENABLE: &str = "api_key.enable";
    pub const KEY_REVOKE: &str = "api_key.revoke";
    pub const CLIENT_SECRET_ROTATE: &str = "client_secret.rotate";
    pub const SETTINGS_UPDATE: &str = "settings.update";
    pub const SETTINGS_RESTORE: &str = "settings.restore";
    /// An OWNER started acting for a staff member (target), with a reason and a window.
    pub const ACTING_START: &str = "acting.start";
    /// Acting ended before its window closed (Stop).
    pub const ACTING_STOP: &str = "acting.stop";
}
