//! `POST /v1/acting`, `GET /v1/acting/{id}`, `DELETE /v1/acting/{id}`: an OWNER acts on behalf
//! of a staff member for a while (RFC 8693 delegation), with a reason, and stops.
//!
//! Starting answers the first of these that fails: a credential that is not a person's own
//! sign-in (an API key, client credentials, a delegated token) → 403 `acting_not_allowed`;
//! no `act_on_behalf` → 403 `read_only_role`; a sign-in too old → 401 step-up; no reason →
//! 422 `reason_required`; minutes outside 1..=`max_acting_minutes` → 422 `invalid_request`;
//! an unknown person → 404; someone who cannot be acted for (not staff, not active, oneself,
//! an OWNER) → 403 `acting_not_allowed` saying which. Then the session, its delegated token
//! family (the subject's, naming the actor; no refresh token) and `acting.start` are written
//! in one transaction.

use axum::body::Bytes;
use axum::extract::{Path, State};
use axum::http::{header, HeaderMap, HeaderValue, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::routing;
use axum::{Json, Router};
use console_api::{
    actions, ActingEligibility, ActingSession, DelegatedToken, Permission, StaffRole, StartActing,
    UserKind, UserStatus, ACCESS_TOKEN_TYPE,
};
use serde_json::json;

use super::auth::Caller;
use super::mutation::{self, Reason};
use super::on_behalf::not_allowed;
use super::request_id::RequestId;
use super::step_up::{Authentication, Operation};
use crate::error::ApiError;
use crate::store::acting::{self, Stored};
use crate::store::audit::{self, NewEvent};
use crate::store::{settings, tokens, users};
use crate::{crypto, db, guardrails, AppState};

pub fn router() -> Router<AppState> {
    Router::new()
        .route("/v1/acting", routing::post(start))
        .route("/v1/acting/{id}", routing::get(get).delete(stop))
        .route(
            "/v1/acting/eligibility/{user_id}",
            routing::get(eligibility),
        )
}

/// A start refused for the credential itself, before anything about the person asked for.
fn refuse_credential(caller: &users::Person, auth: &Authentication) -> Result<(), ApiError> {
    if let Some(by) = &caller.on_behalf {
        return Err(not_allowed(format!(
            "{} already acts for {} with this credential: acting starts only from a person's \
             own sign-in. Stop acting first, then start again with your own account.",
            by.actor_name, by.subject_name
        )));
    }
    if matches!(auth, Authentication::ServiceAccount) || caller.kind == UserKind::ServiceAccount {
        return Err(not_allowed(
            "Acting for someone starts from a person's own sign-in: an API key or client \
             credentials cannot start it. Sign in as an OWNER in the console to do it.",
        ));
    }
    Ok(())
}

/// What a start for `user_id` would answer about the caller and the person (not the step-up,
/// the reason or the minutes, which belong to the start itself), so the console offers it only
/// where it would work.
async fn eligibility(
    State(state): State<AppState>,
    Caller(caller): Caller,
    auth: Authentication,
    Path(user_id): Path<String>,
) -> Result<Json<ActingEligibility>, ApiError> {
    let subject = users::find(&state.pool, user_id.trim())
        .await?
        .filter(|s| s.org_id == caller.org_id)
        .ok_or_else(|| {
            ApiError::not_found(format!(
                "There is no {} in your organization.",
                user_id.trim()
            ))
        })?;
    let mut conn = state.pool.acquire().await?;
    let writer = mutation::actor(&mut conn, &caller).await?;
    let roles = users::staff_roles(&mut *conn, &subject.id).await?;
    let may_act = writer.permissions.contains(&Permission::ActOnBehalf);
    let refusal = refuse_credential(&caller, &auth)
        .and_then(|()| {
            if may_act {
                Ok(())
            } else {
                Err(guardrails::read_only(&writer.actor(), "acting on behalf of someone").into())
            }
        })
        .and_then(|()| refuse_subject(&caller, &subject, &roles))
        .err();
    Ok(Json(ActingEligibility {
        applies: may_act && subject.kind == UserKind::Staff && subject.id != caller.id,
        allowed: refusal.is_none(),
        reason: refusal.and_then(|e| e.0.detail),
        max_minutes: settings::max_acting_minutes(&state.pool, &caller.org_id).await?,
        user_id: subject.id,
    }))
}

async fn start(
    State(state): State<AppState>,
    Caller(caller): Caller,
    auth: Authentication,
    request_id: RequestId,
    headers: HeaderMap,
    body: Bytes,
) -> Result<Response, ApiError> {
    refuse_credential(&caller, &auth)?;
    let writer = mutation::actor(&mut *state.pool.acquire().await?, &caller).await?;
    if !writer.permissions.contains(&Permission::ActOnBehalf) {
        return Err(guardrails::read_only(&writer.actor(), "acting on behalf of someone").into());
    }
    auth.require(&state, Operation::ActFor)?;
    let value = if body.iter().all(u8::is_ascii_whitespace) {
        json!({})
    } else {
        serde_json::from_slice(&body).map_err(|e| ApiError::invalid_param("body", e))?
    };
    let (asked, reason): (StartActing, String) = mutation::body(value, Reason::Required)?;
    let max = settings::max_acting_minutes(&state.pool, &caller.org_id).await?;
    if asked.minutes < 1 || asked.minutes > max {
        return Err(ApiError::unprocessable(format!(
            "minutes: must be from 1 to {max} (the organization's longest time acting for \
             someone, max_acting_minutes), not {}.",
            asked.minutes
        )));
    }
    let own = own_token(&state, &headers).await?;

    let mut tx = db::begin_write(&state.pool).await?;
    // Again inside the transaction: the caller's roles may have changed since.
    let writer = mutation::actor(&mut tx, &caller).await?;
    if !writer.permissions.contains(&Permission::ActOnBehalf) {
        return Err(guardrails::read_only(&writer.actor(), "acting on behalf of someone").into());
    }
    let subject = users::find(&state.pool, asked.user_id.trim())
        .await?
        .filter(|s| s.org_id == caller.org_id)
        .ok_or_else(|| {
            ApiError::not_found(format!(
                "There is no {} in your organization to act for.",
                asked.user_id.trim()
            ))
        })?;
    let roles = users::staff_roles(&mut *tx, &subject.id).await?;
    refuse_subject(&caller, &subject, &roles)?;

    let now = state.now();
    let session = ActingSession {
        id: format!("act_{}", uuid::Uuid::new_v4().simple()),
        subject_id: subject.id.clone(),
        subject_name: subject.display_name.clone(),
        actor_id: caller.id.clone(),
        actor_name: caller.display_name.clone(),
        reason: reason.clone(),
        started_at: now,
        expires_at: now + i64::from(asked.minutes) * 60,
        ended_at: None,
    };
    let family = acting::new_family(&mut tx, &own.family.client_id, &session, own.scope()).await?;
    acting::insert(&mut tx, &caller.org_id, &session, &family).await?;
    let access = crypto::random_token("at_");
    let hash = crypto::token_hash(&access);
    acting::insert_access_token(&mut tx, &hash, &family, &session, own.scope()).await?;
    let ctx = writer.attribution(&reason, &request_id, now);
    audit::record(
        &mut tx,
        NewEvent {
            by: &ctx,
            action: actions::ACTING_START,
            target_type: "user",
            target_id: &subject.id,
            target_name: &subject.display_name,
            before: serde_json::Value::Null,
            after: json!({ "minutes": asked.minutes, "expires_at": session.expires_at }),
        },
    )
    .await?;
    tx.commit().await?;
    let answer = DelegatedToken {
        access_token: access,
        issued_token_type: ACCESS_TOKEN_TYPE.into(),
        token_type: "Bearer".into(),
        expires_in: session.expires_at - now,
        scope: own.scope().to_string(),
        acting: session,
    };
    let mut response = (StatusCode::CREATED, Json(answer)).into_response();
    response
        .headers_mut()
        .insert(header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
    Ok(response)
}

/// The caller's own access token (a person's sign-in), whose client and scope the delegated
/// token takes; the audience is the admin API.
async fn own_token(state: &AppState, headers: &HeaderMap) -> Result<tokens::Token, ApiError> {
    let token = bearer(headers).ok_or_else(|| {
        not_allowed("Acting for someone starts from a person's own sign-in (an access token).")
    })?;
    tokens::find_token(&state.pool, &crypto::token_hash(token))
        .await?
        .ok_or_else(|| ApiError::invalid_token("The access token is unknown. Sign in again."))
}

fn bearer(headers: &HeaderMap) -> Option<&str> {
    headers
        .get(header::AUTHORIZATION)
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.strip_prefix("Bearer "))
        .map(str::trim)
}

/// Whom an OWNER may act for: an active staff member of the organization other than
/// themself, who does not hold OWNER (an OWNER's rights are never borrowed).
fn refuse_subject(
    caller: &users::Person,
    subject: &users::Person,
    roles: &[StaffRole],
) -> Result<(), ApiError> {
    let name = &subject.display_name;
    if subject.id == caller.id {
        return Err(not_allowed(
            "You cannot act for yourself: you already hold your own rights. Choose a staff \
             member to act for.",
        ));
    }
    if subject.kind != UserKind::Staff {
        return Err(not_allowed(format!(
            "{name} is not a staff member ({}): an OWNER acts only for staff. To change a \
             consumer's record, edit it directly.",
            subject.kind.as_str()
        )));
    }
    if subject.status != UserStatus::Active {
        return Err(not_allowed(format!(
            "{name} is {}: acting is only for an active staff member. Reactivate them first, \
             or choose someone else.",
            subject.status.as_str()
        )));
    }
    if roles.contains(&StaffRole::Owner) {
        return Err(not_allowed(format!(
            "{name} is an OWNER: an OWNER cannot act for another OWNER. Ask them to do it \
             themself."
        )));
    }
    Ok(())
}

/// The session `id` as the caller may see it: with its own delegated token (even ended or
/// expired: holding it proves it was issued for this session), or as its actor with their own
/// sign-in. Anyone else is told there is none.
async fn authorized(
    state: &AppState,
    headers: &HeaderMap,
    caller: Result<Caller, ApiError>,
    id: &str,
) -> Result<Stored, ApiError> {
    let none = || ApiError::not_found(format!("There is no acting session {id} you can see."));
    if let Some(token) = bearer(headers) {
        let found = tokens::find_token(&state.pool, &crypto::token_hash(token)).await?;
        if let Some(found) = found.filter(|t| t.family.acting_id.as_deref() == Some(id)) {
            let subject = users::find(&state.pool, &found.family.user_id).await?;
            let org = subject.map(|s| s.org_id).ok_or_else(none)?;
            let mut conn = state.pool.acquire().await?;
            return acting::get(&mut conn, &org, id).await?.ok_or_else(none);
        }
    }
    let Caller(caller) = caller?;
    if caller.on_behalf.is_some() {
        return Err(none());
    }
    let mut conn = state.pool.acquire().await?;
    acting::get(&mut conn, &caller.org_id, id)
        .await?
        .filter(|s| s.session.actor_id == caller.id)
        .ok_or_else(none)
}

async fn get(
    State(state): State<AppState>,
    headers: HeaderMap,
    caller: Result<Caller, ApiError>,
    Path(id): Path<String>,
) -> Result<Json<ActingSession>, ApiError> {
    Ok(Json(
        authorized(&state, &headers, caller, &id).await?.session,
    ))
}

/// Ends the session before its window closes: the delegated token stops working, `ended_at`
/// is set and `acting.stop` recorded. Stopping an ended (or expired) session answers it as it
/// is, with no second event.
async fn stop(
    State(state): State<AppState>,
    headers: HeaderMap,
    caller: Result<Caller, ApiError>,
    request_id: RequestId,
    Path(id): Path<String>,
    body: Bytes,
) -> Result<Json<ActingSession>, ApiError> {
    let (super::account_access::ReasonOnly {}, reason) = super::account_access::body(&body)?;
    let stored = authorized(&state, &headers, caller, &id).await?;
    let now = state.now();
    if stored.session.ended_at.is_some() || stored.session.expires_at <= now {
        return Ok(Json(stored.session));
    }
    let mut tx = db::begin_write(&state.pool).await?;
    if acting::end(&mut tx, &stored, now).await? {
        let s = &stored.session;
        let ctx = db::Attribution {
            org_id: &stored.org_id,
            actor_id: &s.actor_id,
            actor_name: &s.actor_name,
            reason: &reason,
            request_id: &request_id.0,
            at: now,
            on_behalf: None,
        };
        audit::record(
            &mut tx,
            NewEvent {
                by: &ctx,
                action: actions::ACTING_STOP,
                target_type: "user",
                target_id: &s.subject_id,
                target_name: &s.subject_name,
                before: json!({ "expires_at": s.expires_at }),
                after: json!({ "ended_at": now }),
            },
        )
        .await?;
    }
    let ended = acting::get(&mut tx, &stored.org_id, &id).await?;
    tx.commit().await?;
    Ok(Json(ended.map_or(stored.session, |s| s.session)))
}
