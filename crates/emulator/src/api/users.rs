//! `GET /v1/users`, `GET /v1/users/{id}` (with ETag) and `GET /v1/users/{id}/dependents`.

use axum::extract::rejection::QueryRejection;
use axum::extract::{Path, Query, State};
use axum::http::{header, HeaderMap, HeaderValue, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::Json;
use console_api::{Page, StaffRole, User, UserKind, UserStatus};

use super::auth::Caller;
use super::params::{self, Params};
use super::scope::{self, Scope};
use crate::error::ApiError;
use crate::store::changes;
use crate::store::users::read::{self, Filter};
use crate::AppState;

const DEFAULT_LIMIT: i64 = 500;
const MAX_LIMIT: i64 = 5000;

pub fn query(params: Result<Query<Params>, QueryRejection>) -> Result<Params, ApiError> {
    params
        .map(|Query(p)| p)
        .map_err(|e| ApiError::invalid_param("query string", e.body_text()))
}

pub async fn list(
    State(state): State<AppState>,
    Caller(caller): Caller,
    params: Result<Query<Params>, QueryRejection>,
) -> Result<Json<Page<User>>, ApiError> {
    let params = query(params)?;
    let scope = scope::for_caller(&state, &caller).await?;
    let limit = params::limit(&params, DEFAULT_LIMIT, MAX_LIMIT)?;
    let kind = params::choice(
        &params,
        "kind",
        UserKind::parse,
        "PATIENT, HCP, GUARDIAN, DEPENDENT, STAFF, CONFIG, SERVICE_ACCOUNT",
    )?;
    let role = params::choice(&params, "role", StaffRole::parse, "the 14 staff roles")?;
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
    // Counted on the first page only: it is for a progress bar, and counting a million rows on
    // every page would cost more than the page itself. Not for text searches, whose count
    // would be a second scan of the whole organization.
    let total = match (&after, &filter.q) {
        (None, None) => Some(read::count(&mut tx, org_id, filter).await?),
        _ => None,
    };
    tx.commit().await?;
    let next_cursor = if items.len() as i64 > limit {
        items.truncate(limit as usize);
        items.last().map(|u| params::encode_cursor(&u.id))
    } else {
        None
    };
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
    read::get(&mut conn, &caller.0.org_id, id)
        .await?
        .filter(|u| scope.sees(u.kind))
        .ok_or_else(|| ApiError::not_found(format!("There is no user {id} you can see.")))
}

pub async fn get(
    State(state): State<AppState>,
    caller: Caller,
    Path(id): Path<String>,
    headers: HeaderMap,
) -> Result<Response, ApiError> {
    let scope = scope::for_caller(&state, &caller.0).await?;
    let user = visible(&state, &caller, scope, &id).await?;
    let etag = format!("\"{}\"", user.version);
    let etag_value = HeaderValue::from_str(&etag).expect("a number in quotes is a header value");
    if none_match(&headers, &etag) {
        return Ok((StatusCode::NOT_MODIFIED, [(header::ETAG, etag_value)]).into_response());
    }
    Ok(([(header::ETAG, etag_value)], Json(user)).into_response())
}

/// RFC 9110 §13.1.2: `If-None-Match` is `*` or a list of entity tags, compared weakly.
pub(super) fn none_match(headers: &HeaderMap, etag: &str) -> bool {
    headers
        .get_all(header::IF_NONE_MATCH)
        .iter()
        .filter_map(|v| v.to_str().ok())
        .flat_map(|v| v.split(','))
        .map(|t| t.trim())
        .any(|t| t == "*" || t.strip_prefix("W/").unwrap_or(t) == etag)
}

pub async fn dependents(
    State(state): State<AppState>,
    caller: Caller,
    Path(id): Path<String>,
    params: Result<Query<Params>, QueryRejection>,
) -> Result<Json<Page<User>>, ApiError> {
    let params = query(params)?;
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
