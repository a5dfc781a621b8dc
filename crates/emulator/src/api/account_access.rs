//! What every service-account endpoint shares: who may read (OWNER, and SUPPORT to look an
//! account up) and who may write (OWNER: `service_accounts_write`), the write transaction with
//! the caller's roles read inside it, the account in the caller's organization or 404, request
//! bodies with an optional reason, and the answers that carry a secret.

use axum::body::Bytes;
use axum::http::{header, HeaderValue, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::Json;
use console_api::{Permission, ServiceAccount};
use serde::de::DeserializeOwned;
use serde::Serialize;
use serde_json::Value;
use sqlx::{Sqlite, SqliteConnection, Transaction};

use super::mutation::{self, Reason, Writer};
use super::request_id::RequestId;
use crate::db;
use crate::error::ApiError;
use crate::guardrails;
use crate::store::{accounts, users};
use crate::AppState;

/// Refuses a caller who may not see service accounts (`forbidden`).
pub async fn may_read(state: &AppState, caller: &users::Person) -> Result<Writer, ApiError> {
    let mut conn = state.pool.acquire().await?;
    let actor = mutation::actor(&mut conn, caller).await?;
    let granted = &actor.permissions;
    if granted.contains(&Permission::ServiceAccountsWrite)
        || granted.contains(&Permission::DirectoryRead)
    {
        return Ok(actor);
    }
    Err(ApiError::forbidden(
        "Service accounts and their keys are managed by organization OWNERs (SUPPORT staff may \
         look them up); your role gives no access to them.",
    ))
}

/// Refuses a caller who may not manage service accounts (`read_only_role`), before anything
/// else is looked at.
pub async fn may_write(state: &AppState, caller: &users::Person) -> Result<(), ApiError> {
    let mut conn = state.pool.acquire().await?;
    check_writer(&mut conn, caller).await.map(|_| ())
}

async fn check_writer(
    conn: &mut SqliteConnection,
    caller: &users::Person,
) -> Result<Writer, ApiError> {
    let actor = mutation::actor(conn, caller).await?;
    if actor
        .permissions
        .contains(&Permission::ServiceAccountsWrite)
    {
        return Ok(actor);
    }
    Err(guardrails::read_only(
        &actor.actor(),
        "managing service accounts and their credentials",
    )
    .into())
}

/// A write in progress: `BEGIN IMMEDIATE`, the caller's roles checked again inside it (they may
/// have changed since the first check), and what the audit trail records about the request.
pub struct Write {
    pub tx: Transaction<'static, Sqlite>,
    pub writer: Writer,
    pub request_id: String,
    pub reason: String,
    pub now: i64,
}

impl Write {
    pub async fn begin(
        state: &AppState,
        caller: &users::Person,
        request_id: &RequestId,
        reason: String,
    ) -> Result<Write, ApiError> {
        let mut tx = db::begin_write(&state.pool).await?;
        let writer = check_writer(&mut tx, caller).await?;
        Ok(Write {
            tx,
            writer,
            request_id: request_id.0.clone(),
            reason,
            now: state.now(),
        })
    }

    /// The body's fields and reason, then the write on the account `id` (404 if there is none):
    /// the steps of every write on one existing account, in the order its answers come.
    pub async fn on_account<T: DeserializeOwned>(
        state: &AppState,
        caller: &users::Person,
        request_id: &RequestId,
        body: &Bytes,
        id: &str,
    ) -> Result<(T, Write, ServiceAccount), ApiError> {
        let (fields, reason) = self::body(body)?;
        let mut write = Write::begin(state, caller, request_id, reason).await?;
        let account = write.account(id).await?;
        Ok((fields, write, account))
    }

    /// Records an event about `account` in this transaction (the caller, the request's id and
    /// reason, the time of the write).
    pub async fn record(
        &mut self,
        account: &ServiceAccount,
        action: &'static str,
        before: Value,
        after: Value,
    ) -> Result<(), ApiError> {
        let ctx = self
            .writer
            .attributed(&self.reason, &self.request_id, self.now);
        accounts::record(&mut self.tx, &ctx, account, action, before, after).await?;
        Ok(())
    }

    /// The account `id` of the writer's organization, or 404.
    pub async fn account(&mut self, id: &str) -> Result<ServiceAccount, ApiError> {
        let found = accounts::get(&mut self.tx, &self.writer.org_id, id, self.now).await?;
        found.ok_or_else(|| not_found(id))
    }
}

pub fn not_found(id: &str) -> ApiError {
    ApiError::not_found(format!(
        "There is no service account {id} in your organization."
    ))
}

/// A JSON body (an empty body reads as `{}`), and its optional `reason`, trimmed: credential
/// operations are often routine (a scheduled rotation), so a reason is welcome, not required.
pub fn body<T: DeserializeOwned>(bytes: &Bytes) -> Result<(T, String), ApiError> {
    let value: Value = if bytes.iter().all(u8::is_ascii_whitespace) {
        Value::Object(Default::default())
    } else {
        serde_json::from_slice(bytes).map_err(|e| ApiError::invalid_param("body", e))?
    };
    mutation::body(value, Reason::Optional)
}

/// A body that carries nothing but an optional reason.
#[derive(serde::Deserialize)]
pub struct ReasonOnly {}

/// Names and descriptions are for people; these bound what one request can store.
pub const MAX_NAME: usize = 200;
pub const MAX_DESCRIPTION: usize = 2000;

/// A name, trimmed; blank or overlong is 422.
pub fn name(raw: &str, what: &str) -> Result<String, ApiError> {
    let name = raw.trim();
    if name.is_empty() {
        return Err(ApiError::unprocessable(format!("Give the {what} a name.")));
    }
    if name.chars().count() > MAX_NAME {
        return Err(ApiError::unprocessable(format!(
            "The {what}'s name is too long: at most {MAX_NAME} characters."
        )));
    }
    Ok(name.to_string())
}

/// 201 with a new secret: never stored by a cache on the way (RFC 9111 `no-store`).
pub fn created_secret<T: Serialize>(body: &T) -> Response {
    let mut response = (StatusCode::CREATED, Json(body)).into_response();
    response
        .headers_mut()
        .insert(header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
    response
}
