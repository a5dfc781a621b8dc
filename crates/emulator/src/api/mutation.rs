//! What every mutation of the admin API needs: a caller who may write (their roles read inside
//! the write transaction, so a role removed a moment ago counts), `If-Match` against the
//! resource's version, a body with a reason, and the new ETag in the answer.

use axum::extract::rejection::JsonRejection;
use axum::http::{header, HeaderMap, HeaderValue};
use axum::response::{IntoResponse, Response};
use axum::Json;
use console_api::{Permission, StaffRole, User, UserKind};
use serde::de::DeserializeOwned;
use serde_json::Value;
use sqlx::SqliteConnection;

use super::permissions;
use super::scope::Scope;
use crate::error::ApiError;
use crate::guardrails::{self, Actor};
use crate::store::{roles, users};

/// A signed-in caller and what their roles allow right now.
#[derive(Debug, Clone)]
pub struct Writer {
    pub id: String,
    pub name: String,
    pub kind: UserKind,
    pub org_id: String,
    pub roles: Vec<StaffRole>,
    pub permissions: Vec<Permission>,
}

impl Writer {
    pub fn actor(&self) -> Actor<'_> {
        Actor {
            id: &self.id,
            kind: self.kind,
            roles: &self.roles,
            permissions: &self.permissions,
        }
    }

    /// Whether the caller may see a user of this kind (one they cannot see is answered 404).
    pub fn sees(&self, kind: UserKind) -> bool {
        Scope::of(&self.permissions).is_some_and(|scope| scope.sees(kind))
    }
}

/// The caller's roles as `conn` has them now; refuses a caller who may only read
/// (`read_only_role`).
pub async fn writer(conn: &mut SqliteConnection, caller: &users::User) -> Result<Writer, ApiError> {
    let writer = actor(conn, caller).await?;
    guardrails::writer(&writer.actor())?;
    Ok(writer)
}

/// The caller's roles and permissions as `conn` has them now, for a check of the caller's own.
pub async fn actor(conn: &mut SqliteConnection, caller: &users::User) -> Result<Writer, ApiError> {
    let roles = roles::of(conn, &caller.id).await?;
    Ok(Writer {
        id: caller.id.clone(),
        name: caller.display_name.clone(),
        kind: caller.kind,
        org_id: caller.org_id.clone(),
        permissions: permissions::for_roles(&roles, caller.config_role),
        roles,
    })
}

/// The entity tags of `If-Match` (RFC 9110 §13.1.1).
#[derive(Debug, Clone)]
pub struct IfMatch(Vec<String>);

/// `If-Match` is required: without it a client could overwrite a change it never saw.
pub fn if_match(headers: &HeaderMap) -> Result<IfMatch, ApiError> {
    let tags: Vec<String> = headers
        .get_all(header::IF_MATCH)
        .iter()
        .filter_map(|v| v.to_str().ok())
        .flat_map(|v| v.split(','))
        .map(|t| t.trim().to_string())
        .filter(|t| !t.is_empty())
        .collect();
    if tags.is_empty() {
        return Err(ApiError::precondition_required(
            "Send If-Match with the ETag you last read (If-Match: \"<version>\"), so that a \
             change someone made meanwhile is not overwritten unseen.",
        ));
    }
    Ok(IfMatch(tags))
}

impl IfMatch {
    /// Strong comparison: `"<version>"` matches that version only, `*` any; a weak tag
    /// (`W/"3"`) never matches, as RFC 9110 requires for `If-Match`.
    pub fn matches(&self, version: i64) -> bool {
        let etag = etag(version);
        self.0.iter().any(|t| t == "*" || *t == etag)
    }

    /// What the client said it saw, for the 412 message.
    pub fn describe(&self) -> String {
        self.0.join(", ")
    }
}

pub fn etag(version: i64) -> String {
    format!("\"{version}\"")
}

/// 200 with the user and its new ETag.
pub fn with_etag(user: User) -> Response {
    let value = HeaderValue::from_str(&etag(user.version)).expect("a number in quotes");
    ([(header::ETAG, value)], Json(user)).into_response()
}

/// Reasons are for people to read in the audit trail, not for documents.
const MAX_REASON: usize = 1000;

/// Parses a mutation body that must carry a `reason`. A missing, empty or blank reason is
/// `reason_required` (422) even when the rest of the body is fine; malformed JSON or a wrong
/// shape is `invalid_request` (400). Returns the body and the trimmed reason.
pub fn body<T: DeserializeOwned>(
    body: Result<Json<Value>, JsonRejection>,
) -> Result<(T, String), ApiError> {
    let Json(value) = body.map_err(|e| ApiError::invalid_param("body", e.body_text()))?;
    let reason = match value.get("reason") {
        None | Some(Value::Null) => return Err(ApiError::reason_required()),
        Some(Value::String(s)) if s.trim().is_empty() => return Err(ApiError::reason_required()),
        Some(Value::String(s)) => s.trim().to_string(),
        Some(_) => return Err(ApiError::invalid_param("reason", "must be a string")),
    };
    if reason.chars().count() > MAX_REASON {
        return Err(ApiError::invalid_param(
            "reason",
            format!("at most {MAX_REASON} characters"),
        ));
    }
    let parsed = serde_json::from_value(value).map_err(|e| ApiError::invalid_param("body", e))?;
    Ok((parsed, reason))
}
