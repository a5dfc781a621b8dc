//! Role assignments of staff (admin API v1, roles): one person at a time with `If-Match`, or a
//! batch with a dry run that returns the plan.

use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::{Problem, StaffRole, UserStatus};

/// `PUT /v1/users/{id}/roles` with `If-Match: "<version>"`: the person's complete new set of
/// roles. Roles travel as strings so that an unknown one is refused by name (problem code
/// `unknown_role`) instead of failing to parse. Answers 200 with the updated `User` and its ETag.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct RolesUpdate {
    pub roles: Vec<String>,
    /// Why; required, recorded in the audit event.
    pub reason: String,
}

/// `PUT /v1/users/{id}/status` with `If-Match`: suspend, reactivate.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct StatusUpdate {
    pub status: UserStatus,
    pub reason: String,
}

/// One person's change in a batch: roles to add and to remove, against the version the client
/// saw (`expected_version`, optional: without it the item applies to whatever is current).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct RoleChangeItem {
    pub user_id: String,
    #[serde(default)]
    pub add: Vec<String>,
    #[serde(default)]
    pub remove: Vec<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[ts(type = "number | null", optional)]
    pub expected_version: Option<i64>,
}

/// `POST /v1/roles/batch`. With `dry_run` the server changes nothing and answers the plan.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct RoleBatch {
    pub dry_run: bool,
    pub reason: String,
    pub items: Vec<RoleChangeItem>,
}

/// What happened (or, in a dry run, would happen) to one item of a batch.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct RoleChangeOutcome {
    pub user_id: String,
    /// Empty when the user does not exist or cannot be seen.
    pub display_name: String,
    pub before: Vec<StaffRole>,
    pub after: Vec<StaffRole>,
    /// The guardrail or rule the item breaks; `None` when it is (or would be) applied.
    #[ts(
        type = "{ type: string, title: string, status: number, detail?: string, code: ProblemCode } | null"
    )]
    pub problem: Option<Problem>,
    /// True only in a real run, for an item that was stored.
    pub applied: bool,
    /// The person's version after the item (the new ETag), or the current one when unchanged.
    #[ts(type = "number | null")]
    pub version: Option<i64>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct RoleBatchResult {
    pub dry_run: bool,
    pub items: Vec<RoleChangeOutcome>,
}

/// One staff role of `GET /v1/roles`, the platform's role catalog: what the role is for (the
/// guide's words) and what it grants in the console. Consoles offer and explain roles from this
/// answer alone.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct RoleInfo {
    pub role: StaffRole,
    pub description: String,
    /// What holding the role lets a person do in the console.
    pub grants: Vec<crate::Permission>,
    /// Grants administrative access or consumers' data: worth a second look before handing it
    /// out.
    pub sensitive: bool,
    /// A provider of care: a service account may act on behalf of a person holding it.
    pub provider: bool,
}
