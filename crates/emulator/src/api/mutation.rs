//! What every mutation of the admin API needs: a caller who may write (their roles read inside
//! the write transaction, so a role removed a moment ago counts) and a body with a reason;
//! `If-Match` and the new ETag are in `etag`.

use console_api::{OnBehalf, Permission, StaffRole, UserKind};
use serde::de::DeserializeOwned;
use serde_json::Value;
use sqlx::SqliteConnection;

use super::permissions;
use super::scope::Scope;
use crate::error::ApiError;
use crate::guardrails::{self, Actor};
use crate::store::users;

/// A signed-in caller and what their roles allow right now.
#[derive(Debug, Clone)]
pub struct Writer {
    pub id: String,
    pub name: String,
    pub kind: UserKind,
    pub org_id: String,
    pub roles: Vec<StaffRole>,
    pub permissions: Vec<Permission>,
    /// Who acts for this person, when someone does: the audit then names the actor as who
    /// made the change, and this person as whom it was made for.
    pub on_behalf: Option<OnBehalf>,
}

impl Writer {
    /// This writer's change, made for `reason` through `request` at `at`: what the audit records.
    pub fn attribution<'a>(
        &'a self,
        reason: &'a str,
        request: &'a super::request_id::RequestId,
        at: i64,
    ) -> crate::db::Attribution<'a> {
        self.attributed(reason, &request.0, at)
    }

    /// [`Writer::attribution`] for a request id already read.
    pub fn attributed<'a>(
        &'a self,
        reason: &'a str,
        request_id: &'a str,
        at: i64,
    ) -> crate::db::Attribution<'a> {
        let (actor_id, actor_name) = match &self.on_behalf {
            Some(by) => (by.actor_id.as_str(), by.actor_name.as_str()),
            None => (self.id.as_str(), self.name.as_str()),
        };
        crate::db::Attribution {
            org_id: &self.org_id,
            actor_id,
            actor_name,
            reason,
            request_id,
            at,
            on_behalf: self.on_behalf.as_ref(),
        }
    }

    pub fn actor(&self) -> Actor<'_> {
        Actor {
            id: &self.id,
            kind: self.kind,
            roles: &self.roles,
            permissions: &self.permissions,
            on_behalf: self.on_behalf.as_ref(),
        }
    }

    /// Whether the caller may see a user of this kind (one they cannot see is answered 404).
    pub fn sees(&self, kind: UserKind) -> bool {
        Scope::of(&self.permissions).is_some_and(|scope| scope.sees(kind))
    }
}

/// The caller's roles as `conn` has them now; refuses a caller who may only read
/// (`read_only_role`).
pub async fn writer(
    conn: &mut SqliteConnection,
    caller: &users::Person,
) -> Result<Writer, ApiError> {
    let writer = actor(conn, caller).await?;
    guardrails::writer(&writer.actor())?;
    Ok(writer)
}

/// The caller's roles and permissions as `conn` has them now, for a check of the caller's own.
pub async fn actor(
    conn: &mut SqliteConnection,
    caller: &users::Person,
) -> Result<Writer, ApiError> {
    let roles = users::staff_roles(&mut *conn, &caller.id).await?;
    Ok(Writer {
        id: caller.id.clone(),
        name: caller.display_name.clone(),
        kind: caller.kind,
        org_id: caller.org_id.clone(),
        permissions: permissions::of(conn, caller).await?,
        roles,
        on_behalf: caller.on_behalf.clone(),
    })
}

/// Whether a body must say why: a change recorded in the audit trail does, a credential
/// operation (often routine, e.g. a scheduled rotation) may.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Reason {
    Required,
    Optional,
}

/// Reasons are for people to read in the audit trail, not for documents.
const MAX_REASON: usize = 1000;

/// Parses a JSON body and its `reason`, trimmed. A `reason` that is not a string, or too long,
/// is `invalid_request` (400); a missing, empty or blank one, when `Required`, is
/// `reason_required` (422) even when the rest of the body is fine; a body of the wrong shape is
/// `invalid_request` (400).
pub fn body<T: DeserializeOwned>(value: Value, reason: Reason) -> Result<(T, String), ApiError> {
    let said = match value.get("reason") {
        None | Some(Value::Null) => String::new(),
        Some(Value::String(s)) => s.trim().to_string(),
        Some(_) => return Err(ApiError::invalid_param("reason", "must be a string")),
    };
    if reason == Reason::Required && said.is_empty() {
        return Err(ApiError::reason_required());
    }
    if said.chars().count() > MAX_REASON {
        return Err(ApiError::invalid_param(
            "reason",
            format!("at most {MAX_REASON} characters"),
        ));
    }
    let parsed = serde_json::from_value(value).map_err(|e| ApiError::invalid_param("body", e))?;
    Ok((parsed, said))
}
