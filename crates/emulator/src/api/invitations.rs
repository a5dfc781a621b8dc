//! `/v1/invitations`: an OWNER invites staff (name, email, roles, reason), lists the pending
//! invitations, re-sends one (a new code, the old one dead) and withdraws one (the invited
//! person, who never accepted, is deleted). Password resets, which share the codes and the
//! accept page, are in `password_reset`.
//!
//! A write answers the first of these that fails: 401 no valid token → 403 `read_only_role`
//! (no `staff_invite`) → 428 no `If-Match` (re-send, withdraw) → 400 malformed body /
//! 422 `reason_required` → 422 a blank name or email / `unknown_role` → 404 unknown (or
//! ended) invitation → 412 stale `If-Match` → 401 step-up (inviting an OWNER) → 422 the
//! directory's rules (e.g. a staff email taken) → 201 / 200. The code is in that one answer
//! only, never in a listing or the audit trail.

use axum::extract::{Path, State};
use axum::http::{header, HeaderMap, HeaderValue, StatusCode};
use axum::response::Response;
use axum::routing::{get, post};
use axum::{Json, Router};
use console_api::{
    actions, CreatedInvitation, Invitation, InvitationAction, NewInvitation, Permission, StaffRole,
    UserKind, UserStatus,
};
use serde_json::{json, Value};
use sqlx::SqliteConnection;

use super::auth::Caller;
use super::etag::{self, IfMatch};
use super::extract::JsonBody;
use super::mutation::{self, Reason, Writer};
use super::request_id::RequestId;
use super::step_up::{Authentication, Operation};
use crate::db::{self, Attribution};
use crate::error::ApiError;
use crate::guardrails::{self, Change, Target};
use crate::store::invitations::{self as store, Ended, Purpose, Stored};
use crate::store::users::{self, write};
use crate::store::{audit, changes, settings};
use crate::AppState;

pub fn router() -> Router<AppState> {
    Router::new()
        .route("/v1/invitations", get(list).post(create))
        .route("/v1/invitations/{id}/resend", post(resend))
        .route("/v1/invitations/{id}/withdraw", post(withdraw))
}

/// The accept page's address for a code.
pub fn accept_url(state: &AppState, code: &str) -> String {
    format!("{}/invitations/accept?code={code}", state.issuer)
}

/// Who may invite: OWNER (`staff_invite`), with the roles as this connection sees them now.
pub(super) async fn inviter(
    conn: &mut SqliteConnection,
    caller: &users::Person,
) -> Result<Writer, ApiError> {
    let writer = mutation::actor(conn, caller).await?;
    if writer.permissions.contains(&Permission::StaffInvite) {
        return Ok(writer);
    }
    Err(guardrails::read_only(&writer.actor(), "inviting staff and managing invitations").into())
}

pub(super) async fn may_invite(
    state: &AppState,
    caller: &users::Person,
) -> Result<Writer, ApiError> {
    let mut conn = state.pool.acquire().await?;
    inviter(&mut conn, caller).await
}

pub(super) async fn to_wire(
    conn: &mut SqliteConnection,
    s: &Stored,
) -> Result<Invitation, ApiError> {
    Ok(Invitation {
        id: s.id.clone(),
        user_id: s.user_id.clone(),
        display_name: s.display_name.clone(),
        email: s.email.clone(),
        roles: users::staff_roles(&mut *conn, &s.user_id).await?,
        invited_by_id: s.invited_by_id.clone(),
        invited_by_name: s.invited_by_name.clone(),
        sent_at: s.sent_at,
        expires_at: s.expires_at,
        version: s.version,
    })
}

/// What the audit trail says about an invitation: never its code.
fn described(invitation: &Invitation) -> Value {
    json!({
        "invitation_id": invitation.id,
        "email": invitation.email,
        "roles": invitation.roles,
        "expires_at": invitation.expires_at,
    })
}

pub(super) async fn expiry(state: &AppState, org_id: &str, now: i64) -> Result<i64, ApiError> {
    let days = settings::invitation_expiry_days(&state.pool, org_id).await?;
    Ok(now + days * 24 * 3600)
}

/// 201/200 with the code: never kept by a cache on the way.
pub(super) fn with_code(status: StatusCode, created: &CreatedInvitation) -> Response {
    let mut response = etag::with_etag(status, created.invitation.version, created);
    response
        .headers_mut()
        .insert(header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
    response
}

pub async fn list(
    State(state): State<AppState>,
    Caller(caller): Caller,
) -> Result<Json<Vec<Invitation>>, ApiError> {
    let mut conn = state.pool.acquire().await?;
    let writer = mutation::actor(&mut conn, &caller).await?;
    if !writer.permissions.contains(&Permission::StaffInvite) {
        return Err(ApiError::forbidden(
            "Invitations are managed by organization OWNERs; your role gives no access to them.",
        ));
    }
    let mut out = Vec::new();
    for stored in store::pending(&mut conn, &writer.org_id).await? {
        out.push(to_wire(&mut conn, &stored).await?);
    }
    Ok(Json(out))
}

fn required(value: &str, what: &str) -> Result<String, ApiError> {
    let value = value.trim();
    if value.is_empty() {
        return Err(ApiError::unprocessable(format!(
            "Give the person's {what}."
        )));
    }
    if value.chars().count() > 200 {
        return Err(ApiError::unprocessable(format!(
            "The {what} is too long: at most 200 characters."
        )));
    }
    Ok(value.to_string())
}

/// The roles asked for, as the role-change guardrails read role names (`unknown_role`).
fn roles_of(names: &[String]) -> Result<Vec<StaffRole>, ApiError> {
    let nobody = Target {
        id: "",
        name: "",
        kind: UserKind::Staff,
        status: UserStatus::Invited,
        roles: &[],
    };
    Ok(guardrails::proposed(&nobody, &Change::SetRoles(names))?.roles)
}

pub async fn create(
    State(state): State<AppState>,
    Caller(caller): Caller,
    auth: Authentication,
    request_id: RequestId,
    body: Result<JsonBody<Value>, ApiError>,
) -> Result<Response, ApiError> {
    may_invite(&state, &caller).await?;
    let (new, reason): (NewInvitation, String) = mutation::body(body?.0, Reason::Required)?;
    let name = required(&new.display_name, "name")?;
    let email = required(&new.email, "email address")?;
    let roles = roles_of(&new.roles)?;
    if roles.contains(&StaffRole::Owner) {
        auth.require(&state, Operation::GrantOwner)?;
    }
    let now = state.now();
    let expires_at = expiry(&state, &caller.org_id, now).await?;
    // The one write path of the directory creates the person, with its rules (a staff email
    // is unique) and its feed entry; it commits on its own, so the invitation follows in a
    // second transaction, and a failure there takes the person away again.
    let user = write::create(
        &state.pool,
        write::NewUser {
            id: format!("usr_{}", &uuid::Uuid::new_v4().simple().to_string()[..20]),
            org_id: caller.org_id.clone(),
            kind: UserKind::Staff,
            display_name: name,
            email: Some(email),
            phone: None,
            status: UserStatus::Invited,
            password_hash: None,
            config_role: None,
            guardian_id: None,
            staff_roles: roles,
            date_of_birth: None,
        },
        now,
    )
    .await?;
    let invited = async {
        let mut tx = db::begin_write(&state.pool).await?;
        // Again inside the transaction: the caller's own roles may have changed since.
        let writer = inviter(&mut tx, &caller).await?;
        let by = writer.attribution(&reason, &request_id, now);
        let email = user.email.as_deref().unwrap_or_default();
        let who = (user.id.as_str(), user.display_name.as_str(), email);
        let (stored, code) = store::insert(&mut tx, &by, who, Purpose::Invite, expires_at).await?;
        let invitation = to_wire(&mut tx, &stored).await?;
        record(
            &mut tx,
            &by,
            &invitation,
            actions::INVITATION_CREATE,
            json!({}),
            described(&invitation),
        )
        .await?;
        tx.commit().await?;
        Ok::<_, ApiError>((invitation, code))
    }
    .await;
    let (invitation, code) = match invited {
        Ok(done) => done,
        Err(e) => {
            let _ = write::delete(&state.pool, &caller.org_id, &user.id, now).await;
            return Err(e);
        }
    };
    let created = CreatedInvitation {
        accept_url: accept_url(&state, &code),
        code,
        invitation,
    };
    Ok(with_code(StatusCode::CREATED, &created))
}

pub(super) async fn record(
    conn: &mut SqliteConnection,
    by: &Attribution<'_>,
    invitation: &Invitation,
    action: &'static str,
    before: Value,
    after: Value,
) -> Result<(), ApiError> {
    audit::record(
        conn,
        audit::NewEvent {
            by,
            action,
            target_type: "user",
            target_id: &invitation.user_id,
            target_name: &invitation.display_name,
            before,
            after,
        },
    )
    .await?;
    Ok(())
}

/// A re-send or withdrawal: the checks before its write, in the module's order, inside the
/// write transaction. Returns the transaction, the writer and the invitation as stored.
async fn pending_one(
    state: &AppState,
    caller: &users::Person,
    id: &str,
    expected: &IfMatch,
) -> Result<(sqlx::Transaction<'static, sqlx::Sqlite>, Writer, Stored), ApiError> {
    let mut tx = db::begin_write(&state.pool).await?;
    let writer = inviter(&mut tx, caller).await?;
    let stored = store::get(&mut tx, &writer.org_id, id)
        .await?
        .filter(|s| s.purpose == Purpose::Invite && s.ended.is_none())
        .ok_or_else(|| {
            ApiError::not_found(format!(
                "There is no pending invitation {id}: it was accepted or withdrawn, or never \
                 existed."
            ))
        })?;
    if !expected.matches(stored.version) {
        let current = to_wire(&mut tx, &stored).await?;
        return Err(ApiError::precondition_failed(
            format!(
                "The invitation of {} was changed since you read it: If-Match was {}, the \
                 current ETag is \"{}\".",
                stored.display_name,
                expected.describe(),
                stored.version
            ),
            serde_json::to_value(&current).expect("an invitation serializes"),
        ));
    }
    Ok((tx, writer, stored))
}

pub async fn resend(
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
    let (mut tx, writer, stored) = pending_one(&state, &caller, &id, &expected).await?;
    let by = writer.attribution(&reason, &request_id, now);
    let before = to_wire(&mut tx, &stored).await?;
    let (stored, code) = store::resend(&mut tx, &by, &id, expires_at).await?;
    let invitation = to_wire(&mut tx, &stored).await?;
    let old = json!({ "expires_at": before.expires_at, "sent_by": before.invited_by_name });
    let new = json!({ "expires_at": invitation.expires_at, "sent_by": invitation.invited_by_name });
    record(
        &mut tx,
        &by,
        &invitation,
        actions::INVITATION_RESEND,
        old,
        new,
    )
    .await?;
    tx.commit().await?;
    let created = CreatedInvitation {
        accept_url: accept_url(&state, &code),
        code,
        invitation,
    };
    Ok(with_code(StatusCode::OK, &created))
}

pub async fn withdraw(
    State(state): State<AppState>,
    Caller(caller): Caller,
    request_id: RequestId,
    Path(id): Path<String>,
    headers: HeaderMap,
    body: Result<JsonBody<Value>, ApiError>,
) -> Result<Json<Invitation>, ApiError> {
    may_invite(&state, &caller).await?;
    let expected = etag::if_match(&headers)?;
    let (_, reason): (InvitationAction, String) = mutation::body(body?.0, Reason::Required)?;
    let now = state.now();
    let (mut tx, writer, stored) = pending_one(&state, &caller, &id, &expected).await?;
    let by = writer.attribution(&reason, &request_id, now);
    let invitation = to_wire(&mut tx, &stored).await?;
    store::end(&mut tx, &id, Ended::Withdrawn, now).await?;
    remove_invited(&mut tx, &writer.org_id, &stored.user_id, now).await?;
    record(
        &mut tx,
        &by,
        &invitation,
        actions::INVITATION_WITHDRAW,
        described(&invitation),
        json!({}),
    )
    .await?;
    tx.commit().await?;
    Ok(Json(invitation))
}

/// The invited person goes with the invitation, in its transaction: they never accepted, so
/// they hold no password, sign-in, key or dependent; their roles go by ON DELETE CASCADE and
/// the feed gets a tombstone. Never having set a password is what "never accepted" means here
/// (an OWNER may have suspended them meanwhile); someone with a password stays.
async fn remove_invited(
    conn: &mut SqliteConnection,
    org_id: &str,
    user_id: &str,
    now: i64,
) -> Result<(), ApiError> {
    let deleted =
        sqlx::query("DELETE FROM users WHERE id = ? AND org_id = ? AND password_hash IS NULL")
            .bind(user_id)
            .bind(org_id)
            .execute(&mut *conn)
            .await?;
    if deleted.rows_affected() == 1 {
        let op = console_api::ChangeOp::Delete;
        changes::append(conn, org_id, user_id, UserKind::Staff, op, now).await?;
    }
    Ok(())
}
