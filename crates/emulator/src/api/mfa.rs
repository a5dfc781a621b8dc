//! `DELETE /v1/users/{id}/mfa`: an OWNER resets a staff member's authenticator (TOTP), e.g.
//! after a lost phone. The person is signed out everywhere and sets up a new authenticator at
//! their next sign-in. A high-risk operation (step-up, RFC 9470): whoever holds an OWNER's
//! session could otherwise take over any staff account whose password they learned.
//!
//! Answers, first failing first: 401 no valid token → 403 `read_only_role` (not an OWNER) →
//! 428 no `If-Match` → 400 / 422 body and `reason_required` → 404 unknown user (or one the
//! caller cannot see) → 412 stale `If-Match` → 422 not staff → 401
//! `insufficient_user_authentication` → 200 with the person (`mfa_enrolled: false`) and their
//! new ETag. Someone with nothing to reset (never enrolled) is answered 200 as they are, with
//! no new version and no audit event.

use axum::extract::{Path, State};
use axum::http::{HeaderMap, StatusCode};
use axum::response::Response;
use axum::routing;
use axum::Router;
use console_api::{actions, UserKind};
use serde_json::{json, Value};

use super::auth::Caller;
use super::etag;
use super::extract::JsonBody;
use super::mutation::{self, Reason};
use super::request_id::RequestId;
use super::step_up::{Authentication, Operation};
use crate::db;
use crate::error::ApiError;
use crate::guardrails;
use crate::store::users::read;
use crate::store::{mfa, roles, tokens};
use crate::AppState;

pub fn router() -> Router<AppState> {
    Router::new().route("/v1/users/{id}/mfa", routing::delete(reset))
}

/// The body: nothing but the reason the audit trail keeps.
#[derive(serde::Deserialize)]
struct ReasonOnly {}

const WHAT: &str = "resetting someone's MFA";

async fn reset(
    State(state): State<AppState>,
    Caller(caller): Caller,
    auth: Authentication,
    request_id: RequestId,
    Path(id): Path<String>,
    headers: HeaderMap,
    body: Result<JsonBody<Value>, ApiError>,
) -> Result<Response, ApiError> {
    {
        let mut conn = state.pool.acquire().await?;
        let writer = mutation::actor(&mut conn, &caller).await?;
        guardrails::writer(&writer.actor())
            .map_err(|_| ApiError(guardrails::read_only(&writer.actor(), WHAT)))?;
    }
    let expected = etag::if_match(&headers)?;
    let (ReasonOnly {}, reason) = mutation::body(body?.0, Reason::Required)?;
    let mut tx = db::begin_write(&state.pool).await?;
    // Again inside the transaction: the caller's own roles may have changed since.
    let writer = mutation::actor(&mut tx, &caller).await?;
    guardrails::writer(&writer.actor())
        .map_err(|_| ApiError(guardrails::read_only(&writer.actor(), WHAT)))?;
    let current = read::get(&mut tx, &writer.org_id, &id)
        .await?
        .filter(|u| writer.sees(u.kind))
        .ok_or_else(|| ApiError::not_found(format!("There is no user {id} you can see.")))?;
    if !expected.matches(current.version) {
        let detail = format!(
            "{} was changed since you read it: If-Match was {}, the current ETag is \"{}\". \
             `current` holds the person as they are now; review it and send the reset again \
             with the new ETag.",
            current.display_name,
            expected.describe(),
            current.version
        );
        let now = serde_json::to_value(&current).expect("a user serializes");
        return Err(ApiError::precondition_failed(detail, now));
    }
    if current.kind != UserKind::Staff {
        return Err(ApiError::unprocessable(format!(
            "{} is not staff: only staff sign in with an authenticator code.",
            current.display_name
        )));
    }
    if current.mfa_enrolled != Some(true) {
        return Ok(etag::with_etag(StatusCode::OK, current.version, &current));
    }
    auth.require(&state, Operation::ResetMfa)?;
    let now = state.now();
    mfa::reset(&mut tx, &current.id, now).await?;
    // The old authenticator may be in someone else's hands: its sessions end too.
    tokens::revoke_all_for_user(&mut tx, &current.id, now).await?;
    sqlx::query("UPDATE users SET updated_at = ?, version = version + 1 WHERE id = ?")
        .bind(now)
        .bind(&current.id)
        .execute(&mut *tx)
        .await?;
    let ctx = writer.attribution(&reason, &request_id, now);
    let event = (
        actions::MFA_RESET,
        json!({ "mfa_enrolled": true }),
        json!({ "mfa_enrolled": false }),
    );
    let (user, _event) = roles::record(&mut tx, &ctx, &current, event).await?;
    tx.commit().await?;
    Ok(etag::with_etag(StatusCode::OK, user.version, &user))
}
