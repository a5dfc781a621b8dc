//! `PUT /v1/users/{id}/roles`, `PUT /v1/users/{id}/status` and `POST /v1/roles/batch`: role and
//! status changes of staff, with `If-Match`, a reason and the guardrails; each change is stored
//! with its audit event and change-feed entries in one `BEGIN IMMEDIATE` transaction, so what
//! was checked is what is written.
//!
//! A single change answers the first of these that fails:
//! 401 no valid token → 403 `read_only_role` → 428 no `If-Match` → 400 malformed body /
//! 422 `reason_required` / 422 `invalid_request` (status `invited`) → 404 unknown user (or one
//! the caller cannot see) → 412 stale `If-Match` → the guardrails in their order
//! (`crate::guardrails`: `unknown_role`, `not_staff`, `last_owner`, `self_change`,
//! `owner_required`) → 200. A change that changes nothing answers 200 with the user as it is:
//! no new version, no audit event.

use axum::extract::{Path, State};
use axum::http::HeaderMap;
use axum::http::StatusCode;
use axum::response::Response;
use axum::routing;
use axum::Json;
use axum::Router;
use console_api::{
    Problem, RoleBatch, RoleBatchResult, RoleChangeItem, RoleChangeOutcome, RolesUpdate,
    StatusUpdate, User, UserStatus,
};
use serde::de::DeserializeOwned;
use serde_json::Value;
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
use crate::store::roles;
use crate::store::users::{self, read};
use crate::AppState;

pub fn router() -> Router<AppState> {
    Router::new()
        .route("/v1/users/{id}/roles", routing::put(put::<RolesUpdate>))
        .route("/v1/users/{id}/status", routing::put(put::<StatusUpdate>))
        .route("/v1/roles/batch", routing::post(batch))
}

/// A batch is one transaction holding the write lock; this bounds how long it can hold it.
const MAX_BATCH_ITEMS: usize = 5000;

/// The body of a single change: `PUT /v1/users/{id}/roles` or `PUT /v1/users/{id}/status`.
trait SingleChange: DeserializeOwned + Send + 'static {
    /// The change asked for, or 422 for one no request may ask.
    fn change(&self) -> Result<Change<'_>, ApiError>;
}

impl SingleChange for RolesUpdate {
    fn change(&self) -> Result<Change<'_>, ApiError> {
        Ok(Change::SetRoles(&self.roles))
    }
}

impl SingleChange for StatusUpdate {
    fn change(&self) -> Result<Change<'_>, ApiError> {
        if self.status == UserStatus::Invited {
            return Err(ApiError::unprocessable(
                "A person can be suspended (status suspended) or reactivated (status active); \
                 invited is the status of an invitation not yet accepted, which nobody sets by \
                 hand.",
            ));
        }
        Ok(Change::SetStatus(self.status))
    }
}

/// One change of one person, its answers in the order the module's doc gives.
async fn put<U: SingleChange>(
    State(state): State<AppState>,
    Caller(caller): Caller,
    auth: Authentication,
    request_id: RequestId,
    Path(id): Path<String>,
    headers: HeaderMap,
    body: Result<JsonBody<Value>, ApiError>,
) -> Result<Response, ApiError> {
    may_write(&state, &caller).await?;
    let expected = etag::if_match(&headers)?;
    let (update, reason): (U, String) = mutation::body(body?.0, Reason::Required)?;
    let change = update.change()?;
    let request = Request {
        caller: &caller,
        request_id: &request_id,
        reason: &reason,
        auth: &auth,
    };
    let user = change_one(&state, request, &id, &expected, change).await?;
    Ok(etag::with_etag(StatusCode::OK, user.version, &user))
}

/// `read_only_role` before anything else is looked at, so a caller who may not write learns
/// that first (and learns nothing about who exists).
async fn may_write(state: &AppState, caller: &users::Person) -> Result<Writer, ApiError> {
    let mut conn = state.pool.acquire().await?;
    mutation::writer(&mut conn, caller).await
}

/// Who asks, why, and the request's id: the same for every item of a batch.
#[derive(Clone, Copy)]
struct Request<'a> {
    caller: &'a users::Person,
    request_id: &'a RequestId,
    reason: &'a str,
    /// How recently the caller signed in: granting OWNER needs a recent sign-in (step-up).
    auth: &'a Authentication,
}

impl Request<'_> {
    fn context<'a>(&'a self, writer: &'a Writer, at: i64) -> Attribution<'a> {
        writer.attribution(self.reason, self.request_id, at)
    }
}

async fn change_one(
    state: &AppState,
    request: Request<'_>,
    id: &str,
    expected: &IfMatch,
    change: Change<'_>,
) -> Result<User, ApiError> {
    let mut tx = db::begin_write(&state.pool).await?;
    // Again inside the transaction: the caller's own roles may have changed since.
    let writer = mutation::writer(&mut tx, request.caller).await?;
    let current = visible(&mut tx, &writer, id)
        .await?
        .ok_or_else(|| ApiError(not_found(id)))?;
    if !expected.matches(current.version) {
        let detail = format!(
            "{} was changed since you read it: If-Match was {}, the current ETag is \"{}\". \
             `current` holds the person as they are now; review it and send the change again \
             with the new ETag.",
            current.display_name,
            expected.describe(),
            current.version
        );
        return Err(ApiError::precondition_failed(detail, to_json(&current)));
    }
    let target = target_of(&current);
    let owners = roles::active_owners(&mut tx, &writer.org_id).await?;
    let after = guardrails::check(&writer.actor(), &target, &change, owners)?;
    if !after.changes(&target) {
        return Ok(current);
    }
    if grants_owner(&target, &after) {
        request.auth.require(state, Operation::GrantOwner)?;
    }
    let ctx = request.context(&writer, state.now());
    let (user, _event) = match change {
        Change::SetStatus(status) => roles::set_status(&mut tx, &ctx, &current, status).await?,
        _ => roles::set_roles(&mut tx, &ctx, &current, &after.roles).await?,
    };
    tx.commit().await?;
    Ok(user)
}

/// The user with this id in the caller's organization, if the caller may see them.
async fn visible(
    conn: &mut SqliteConnection,
    writer: &Writer,
    id: &str,
) -> Result<Option<User>, ApiError> {
    let user = read::get(conn, &writer.org_id, id).await?;
    Ok(user.filter(|u| writer.sees(u.kind)))
}

fn not_found(id: &str) -> Problem {
    ApiError::not_found(format!("There is no user {id} you can see.")).0
}

fn target_of(user: &User) -> Target<'_> {
    Target {
        id: &user.id,
        name: &user.display_name,
        kind: user.kind,
        status: user.status,
        roles: &user.staff_roles,
    }
}

/// Step-up is asked for OWNER given to someone who did not hold it, not for keeping it.
fn grants_owner(target: &Target, after: &guardrails::After) -> bool {
    let owner = console_api::StaffRole::Owner;
    after.roles.contains(&owner) && !target.roles.contains(&owner)
}

fn to_json(user: &User) -> Value {
    serde_json::to_value(user).expect("a user serializes")
}

/// Every item is evaluated in order in one transaction, so earlier items count for later ones
/// (the second of two owners removed in one batch is the last one). A dry run evaluates exactly
/// as a real run would, then rolls everything back.
pub async fn batch(
    State(state): State<AppState>,
    Caller(caller): Caller,
    auth: Authentication,
    request_id: RequestId,
    body: Result<JsonBody<Value>, ApiError>,
) -> Result<Json<RoleBatchResult>, ApiError> {
    may_write(&state, &caller).await?;
    // A dry run records nothing, so it needs no reason: a console previews while the reason is
    // still being typed.
    let JsonBody(mut value) = body?;
    let dry_run = value.get("dry_run") == Some(&Value::Bool(true));
    let blank = value
        .get("reason")
        .and_then(Value::as_str)
        .is_none_or(|r| r.trim().is_empty());
    if dry_run && blank {
        value["reason"] = Value::String("(dry run)".into());
    }
    let (batch, reason): (RoleBatch, String) = mutation::body(value, Reason::Required)?;
    if batch.items.len() > MAX_BATCH_ITEMS {
        return Err(ApiError::invalid_param(
            "items",
            format!(
                "at most {MAX_BATCH_ITEMS} per batch, not {}; split the change",
                batch.items.len()
            ),
        ));
    }
    let request = Request {
        caller: &caller,
        request_id: &request_id,
        reason: &reason,
        auth: &auth,
    };
    let mut tx = db::begin_write(&state.pool).await?;
    let writer = mutation::writer(&mut tx, &caller).await?;
    let ctx = request.context(&writer, state.now());
    let mut items = Vec::with_capacity(batch.items.len());
    for item in &batch.items {
        // A dry run changes nothing, so it needs no step-up: the plan is previewed first.
        let step_up = (!batch.dry_run).then_some((&state, &auth));
        // A refused step-up drops `tx`: every earlier item of the batch is rolled back too.
        items.push(batch_item(&mut tx, &writer, &ctx, item, batch.dry_run, step_up).await?);
    }
    if batch.dry_run {
        tx.rollback().await?;
    } else {
        tx.commit().await?;
    }
    Ok(Json(RoleBatchResult {
        dry_run: batch.dry_run,
        items,
    }))
}

/// One item's outcome. `after` is what the item asks for (shown next to its problem when it is
/// refused; equal to `before` when its role names cannot be read); `version` is the new version
/// of an applied item, otherwise the version the item was evaluated against.
async fn batch_item(
    conn: &mut SqliteConnection,
    writer: &Writer,
    ctx: &Attribution<'_>,
    item: &RoleChangeItem,
    dry_run: bool,
    step_up: Option<(&AppState, &Authentication)>,
) -> Result<RoleChangeOutcome, ApiError> {
    let Some(current) = visible(conn, writer, &item.user_id).await? else {
        return Ok(RoleChangeOutcome {
            user_id: item.user_id.clone(),
            display_name: String::new(),
            before: Vec::new(),
            after: Vec::new(),
            problem: Some(not_found(&item.user_id)),
            applied: false,
            version: None,
        });
    };
    let target = target_of(&current);
    let change = Change::AddRemove {
        add: &item.add,
        remove: &item.remove,
    };
    let mut outcome = RoleChangeOutcome {
        user_id: current.id.clone(),
        display_name: current.display_name.clone(),
        before: current.staff_roles.clone(),
        after: guardrails::proposed(&target, &change)
            .map(|a| a.roles)
            .unwrap_or_else(|_| current.staff_roles.clone()),
        problem: None,
        applied: false,
        version: Some(current.version),
    };
    if let Some(expected) = item.expected_version.filter(|v| *v != current.version) {
        let detail = format!(
            "{} was changed since version {expected}: the current version is {}.",
            current.display_name, current.version
        );
        outcome.problem = Some(ApiError::precondition_failed(detail, to_json(&current)).0);
        return Ok(outcome);
    }
    let owners = roles::active_owners(conn, &writer.org_id).await?;
    match guardrails::check(&writer.actor(), &target, &change, owners) {
        Err(problem) => outcome.problem = Some(problem),
        Ok(after) if after.changes(&target) => {
            if let (Some((state, auth)), true) = (step_up, grants_owner(&target, &after)) {
                auth.require(state, Operation::GrantOwner)?;
            }
            let (user, _event) = roles::set_roles(conn, ctx, &current, &after.roles).await?;
            if !dry_run {
                outcome.applied = true;
                outcome.version = Some(user.version);
            }
        }
        Ok(_) => {}
    }
    Ok(outcome)
}
