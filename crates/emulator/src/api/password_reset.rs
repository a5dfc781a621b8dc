//! `POST /v1/users/{id}/password-reset`: an OWNER issues a one-time code with which an active
//! staff member sets a new password on the platform's accept page, under the same rules as an
//! invitation's first password (reuse of an earlier one refused). The code is in this answer
//! only; it expires as invitations do (`invitation_expiry_days`).
//!
//! Answers, in order: 401 → 403 `read_only_role` → 428 no `If-Match` → 400 / 422
//! `reason_required` → 404 no such active staff member → 412 stale `If-Match` → 201.

use axum::extract::{Path, State};
use axum::http::{HeaderMap, StatusCode};
use axum::response::Response;
use axum::routing::post;
use axum::Router;
use console_api::{actions, CreatedInvitation, InvitationAction, UserKind, UserStatus};
use serde_json::{json, Value};

use super::auth::Caller;
use super::etag;
use super::extract::JsonBody;
use super::invitations::{accept_url, expiry, inviter, may_invite, record, to_wire, with_code};
use super::mutation::{self, Reason};
use super::request_id::RequestId;
use crate::db;
use crate::error::ApiError;
use crate::store::invitations::{self as store, Ended, Purpose};
use crate::store::users::read;
use crate::AppState;

pub fn router() -> Router<AppState> {
    Router::new().route("/v1/users/{id}/password-reset", post(reset))
}

/// A one-time code with which an active staff member sets a new password at the platform
/// (the accept page); every earlier reset code of theirs dies. The password rules apply there,
/// reuse of an earlier password included.
pub async fn reset(
    State(state): State<AppState>,
    Caller(caller): Caller,
    request_id: RequestId,
    Path(id): Path<String>,
    headers: HeaderMap,
    body: Result<JsonBody<Value>, ApiError>,
) -> Result<Response, ApiError> {
    may_invite(&state, &caller).await?;
    let expected = etag::if_match(&headers)?;
    let (_, reason): (InvitationAction, String) = mutation::body(body?.0, Reason::Required)?;
    let now = state.now();
    let expires_at = expiry(&state, &caller.org_id, now).await?;
    let mut tx = db::begin_write(&state.pool).await?;
    let writer = inviter(&mut tx, &caller).await?;
    let user = read::get(&mut tx, &writer.org_id, &id)
        .await?
        .filter(|u| u.kind == UserKind::Staff && u.status == UserStatus::Active)
        .ok_or_else(|| {
            ApiError::not_found(format!(
                "There is no active staff member {id} in your organization."
            ))
        })?;
    if !expected.matches(user.version) {
        return Err(ApiError::precondition_failed(
            format!("{} was changed since you read them.", user.display_name),
            serde_json::to_value(&user).expect("a user serializes"),
        ));
    }
    let by = writer.attribution(&reason, &request_id, now);
    if let Some(earlier) = store::pending_for(&mut tx, &writer.org_id, &id, Purpose::Reset).await? {
        store::end(&mut tx, &earlier.id, Ended::Withdrawn, now).await?;
    }
    let email = user.email.as_deref().unwrap_or_default();
    let who = (user.id.as_str(), user.display_name.as_str(), email);
    let (stored, code) = store::insert(&mut tx, &by, who, Purpose::Reset, expires_at).await?;
    let invitation = to_wire(&mut tx, &stored).await?;
    let after = json!({ "password_reset": invitation.id, "expires_at": expires_at });
    record(
        &mut tx,
        &by,
        &invitation,
        actions::PASSWORD_RESET,
        json!({}),
        after,
    )
    .await?;
    tx.commit().await?;
    let created = CreatedInvitation {
        accept_url: accept_url(&state, &code),
        code,
        invitation,
    };
    Ok(with_code(StatusCode::CREATED, &created))
}
