//! `GET /v1/users`, `GET /v1/users/{id}` (with ETag) and `GET /v1/users/{id}/dependents`.

use axum::extract::{Path, State};
use axum::http::HeaderMap;
use axum::response::Response;
use axum::routing;
use axum::Json;
use axum::Router;
use console_api::{Page, StaffRole, User, UserKind, UserStatus};

use super::auth::Caller;
use super::etag;
use super::extract::Query;
use super::params::{self, Params};
use super::scope::{self, Scope};
use crate::error::ApiError;
use crate::store::changes;
use crate::store::users::read::{self, Filter};
use crate::AppState;

pub fn router() -> Router<AppState> {
    Router::new()
        .route("/v1/users", routing::get(list))
        .route("/v1/users/{id}", routing::get(get))
        .route("/v1/users/{id}/dependents", routing::get(dependents))
}

const DEFAULT_LIMIT: i64 = 500;
const MAX_LIMIT: i64 = 5000;

pub async fn list(
    State(state): State<AppState>,
    Caller(caller): Caller,
    Query(params): Query<Params>,
) -> Result<Json<Page<User>>, ApiError> {
    let scope = scope::for_caller(&state, &caller).await?;
    let limit = params::limit(&params, DEFAULT_LIMIT, MAX_LIMIT)?;
    let kind = params::choice(
        &params,
        "kind",
        UserKind::parse,
        "PATIENT, HCP, GUARDIAN, DEPENDENT, STAFF, CONFIG, SERVICE_ACCOUNT",
    )?;
    let role = params::choice(
        &params,
        "role",
        StaffRole::parse,
        "the staff roles (GET /v1/roles)",
    )?;
    let status = params::choice(
        &params,
        "status",
        UserStatus::parse,
        "active, invited, suspended",
    )?;
    let filter = Filter {
        kind: scope::check_kind(scope, kind)?,
        role,
        status,
        q: params
            .get("q")
            .map(|q| q.trim().to_string())
            .filter(|q| !q.is_empty()),
        guardian_id: None,
    };
    let after = params::cursor(&params)?;
    page(&state, &caller.org_id, &filter, after, limit).await
}

/// One page and the feed position it is consistent with, read in one transaction: a change
/// committed after the page was read has a higher sequence number than `as_of_seq`.
async fn page(
    state: &AppState,
    org_id: &str,
    filter: &Filter,
    after: Option<String>,
    limit: i64,
) -> Result<Json<Page<User>>, ApiError> {
    let mut tx = state.pool.begin().await?;
    let as_of_seq = changes::state(&mut tx, org_id).await?.last_seq;
    let mut items = read::list(&mut tx, org_id, filter, after.as_deref(), limit + 1).await?;
    super::people::decorate(&mut tx, org_id, state.now(), &mut items).await?;
    // Counted on the first page only: it is for a progress bar, and counting a million rows on
    // every page would cost more than the page itself. Not for text searches, whose count
    // would be a second scan of the whole organization.
    let total = match (&after, &filter.q) {
        (None, None) => Some(read::count(&mut tx, org_id, filter).await?),
        _ => None,
    };
    tx.commit().await?;
    let next_cursor = params::next_cursor(&mut items, limit, |u| u.id.clone());
    Ok(Json(Page {
        items,
        next_cursor,
        total,
        as_of_seq,
    }))
}

/// A user the caller may see, or 404: a user outside the caller's scope is indistinguishable
/// from one that does not exist.
async fn visible(
    state: &AppState,
    caller: &Caller,
    scope: Scope,
    id: &str,
) -> Result<User, ApiError> {
    let mut conn = state.pool.acquire().await?;
    let mut user = read::get(&mut conn, &caller.0.org_id, id)
        .await?
        .filter(|u| scope.sees(u.kind))
        .ok_or_else(|| ApiError::not_found(format!("There is no user {id} you can see.")))?;
    let org_id = &caller.0.org_id;
    super::people::decorate(
        &mut conn,
        org_id,
        state.now(),
        std::slice::from_mut(&mut user),
    )
    .await?;
    Ok(user)
}

pub async fn get(
    State(state): State<AppState>,
    caller: Caller,
    Path(id): Path<String>,
    headers: HeaderMap,
) -> Result<Response, ApiError> {
    let user = match scope::for_caller(&state, &caller.0).await {
        Ok(scope) => visible(&state, &caller, scope, &id).await?,
        // Patient-record rights (care staff, the service accounts acting for them) read the one
        // record they may edit, for its version (If-Match); never the directory.
        Err(refused) => record_to_edit(&state, &caller, &id).await?.ok_or(refused)?,
    };
    Ok(etag::read(&headers, user.version, &user))
}

/// A consumer's record for a caller whose only access is `patient_records_write`; `None` when
/// the caller lacks it or the id is no consumer's, so the directory's own refusal is what they
/// hear.
async fn record_to_edit(
    state: &AppState,
    caller: &Caller,
    id: &str,
) -> Result<Option<User>, ApiError> {
    let mut conn = state.pool.acquire().await?;
    let granted = super::permissions::of(&mut conn, &caller.0).await?;
    if !granted.contains(&console_api::Permission::PatientRecordsWrite) {
        return Ok(None);
    }
    // Anyone else (staff, an unknown id) hears the directory's refusal: no existence is told.
    let found = read::get(&mut conn, &caller.0.org_id, id).await?;
    let Some(mut user) = found.filter(|u| super::people::is_consumer(u.kind)) else {
        return Ok(None);
    };
    let org_id = &caller.0.org_id;
    super::people::decorate(
        &mut conn,
        org_id,
        state.now(),
        std::slice::from_mut(&mut user),
    )
    .await?;
    Ok(Some(user))
}

pub async fn dependents(
    State(state): State<AppState>,
    caller: Caller,
    Path(id): Path<String>,
    Query(params): Query<Params>,
) -> Result<Json<Page<User>>, ApiError> {
    let scope = scope::for_caller(&state, &caller.0).await?;
    let limit = params::limit(&params, DEFAULT_LIMIT, MAX_LIMIT)?;
    let after = params::cursor(&params)?;
    let guardian = visible(&state, &caller, scope, &id).await?;
    let filter = Filter {
        guardian_id: Some(guardian.id),
        ..Filter::default()
    };
    page(&state, &caller.0.org_id, &filter, after, limit).await
}
