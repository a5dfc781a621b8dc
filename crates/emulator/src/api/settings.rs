//! Organization settings for config users: `GET /v1/settings/schema`, `GET /v1/settings` (with
//! ETag), `PATCH /v1/settings`, `GET /v1/settings/versions`, `GET /v1/settings/versions/{n}` and
//! `POST /v1/settings/versions/{n}/restore`.
//!
//! Config users read (`settings_read`); a config Owner changes every field (`settings_write`), a
//! config Member the fields the schema marks `member_editable` (`settings_write_member`); only a
//! config Owner restores. Everyone else gets 403 `forbidden`.
//!
//! `PATCH` answers the first of these that fails: 401 → 403 `forbidden` → 428
//! `precondition_required` → 400 malformed body / 422 `reason_required` / 422 `invalid_request`
//! (no changes) → 403 `owner_only_field` (a Member naming Owner-only fields, each listed in
//! `errors`) → 422 `invalid_settings` (every invalid field in `errors`) → 412
//! `precondition_failed` (with `current`) → 200 with the settings and their new ETag. A change
//! that changes nothing answers 200 with the settings as they are: no new version, no audit
//! event. `restore` answers 403 `config_owner_required` to a Member, 404 for an unknown version,
//! and otherwise as `PATCH`.

use axum::extract::{Path, State};
use axum::http::{HeaderMap, StatusCode};
use axum::response::Response;
use axum::routing;
use axum::Json;
use axum::Router;
use console_api::{
    FieldError, Page, Permission, Problem, ProblemCode, SettingsRestore, SettingsSchema,
    SettingsUpdate, SettingsVersion,
};
use serde_json::Value;

use super::auth::Caller;
use super::etag::{self, IfMatch};
use super::extract::JsonBody;
use super::extract::Query;
use super::mutation::{self, Reason};
use super::params::{self, Params};
use super::permissions;
use super::request_id::RequestId;
use crate::db::{self, Attribution};
use crate::error::ApiError;
use crate::store::settings::{self as store};
use crate::store::{changes, users};
use crate::AppState;
use console_api::{check_settings, owner_only_settings};

pub fn router() -> Router<AppState> {
    Router::new()
        .route("/v1/settings", routing::get(get).patch(patch))
        .route("/v1/settings/schema", routing::get(schema))
        .route("/v1/settings/versions", routing::get(versions))
        .route("/v1/settings/versions/{n}", routing::get(version))
        .route("/v1/settings/versions/{n}/restore", routing::post(restore))
}

const DEFAULT_LIMIT: i64 = 50;
const MAX_LIMIT: i64 = 500;

/// What a caller may do with the settings.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Rights {
    /// A config Member: read, and change `member_editable` fields.
    Member,
    /// A config Owner: everything.
    Owner,
}

async fn rights(state: &AppState, caller: &users::Person) -> Result<Rights, ApiError> {
    let granted = permissions::of(&mut *state.pool.acquire().await?, caller).await?;
    if granted.contains(&Permission::SettingsWrite) {
        return Ok(Rights::Owner);
    }
    if granted.contains(&Permission::SettingsWriteMember) {
        return Ok(Rights::Member);
    }
    // Readers who may not write do not exist today; should they appear, they read like a
    // Member (and the write checks below refuse them per field).
    if granted.contains(&Permission::SettingsRead) {
        return Ok(Rights::Member);
    }
    Err(ApiError::forbidden(
        "The organization's settings are for its config users (Owner or Member); your account \
         is not one. A config Owner of your organization can tell you who to ask.",
    ))
}

/// The settings of `version`, with its ETag.
fn answer(current: &SettingsVersion) -> Response {
    etag::with_etag(StatusCode::OK, current.version, &store::document(current))
}

fn problem_with_errors(
    code: ProblemCode,
    status: u16,
    title: &str,
    detail: String,
    errors: Vec<FieldError>,
) -> ApiError {
    let mut problem = Problem::new(code, status, title, detail);
    problem.errors = Some(Box::new(errors));
    ApiError(problem)
}

fn keys_of(errors: &[FieldError]) -> String {
    errors
        .iter()
        .map(|e| e.key.as_str())
        .collect::<Vec<_>>()
        .join(", ")
}

fn invalid(errors: Vec<FieldError>) -> ApiError {
    let detail = format!(
        "{} setting(s) refused: {}. Each is listed in `errors` with what to fix; nothing was \
         changed.",
        errors.len(),
        keys_of(&errors)
    );
    problem_with_errors(
        ProblemCode::InvalidSettings,
        422,
        "Invalid settings",
        detail,
        errors,
    )
}

fn stale(expected: &IfMatch, current: &SettingsVersion) -> ApiError {
    let detail = format!(
        "The settings were changed since you read them (by {}): If-Match was {}, the current \
         ETag is \"{}\". `current` holds the settings as they are now; review them and send your \
         change again with the new ETag.",
        current.actor_name,
        expected.describe(),
        current.version
    );
    let doc = serde_json::to_value(store::document(current)).expect("settings serialize");
    ApiError::precondition_failed(detail, doc)
}

fn version_param(raw: &str) -> Result<i64, ApiError> {
    raw.parse::<i64>()
        .ok()
        .filter(|n| *n >= 1)
        .ok_or_else(|| ApiError::not_found(format!("There is no settings version {raw}.")))
}

pub async fn schema(
    State(state): State<AppState>,
    Caller(caller): Caller,
) -> Result<Json<SettingsSchema>, ApiError> {
    rights(&state, &caller).await?;
    Ok(Json(state.settings_schema()))
}

pub async fn get(
    State(state): State<AppState>,
    Caller(caller): Caller,
    headers: HeaderMap,
) -> Result<Response, ApiError> {
    rights(&state, &caller).await?;
    let mut conn = state.pool.acquire().await?;
    let current = store::current(&mut conn, &caller.org_id, state.now()).await?;
    Ok(etag::read(
        &headers,
        current.version,
        &store::document(&current),
    ))
}

pub async fn patch(
    State(state): State<AppState>,
    Caller(caller): Caller,
    request_id: RequestId,
    headers: HeaderMap,
    body: Result<JsonBody<Value>, ApiError>,
) -> Result<Response, ApiError> {
    let rights = rights(&state, &caller).await?;
    let expected = etag::if_match(&headers)?;
    let (update, reason): (SettingsUpdate, String) = mutation::body(body?.0, Reason::Required)?;
    if update.changes.is_empty() {
        return Err(ApiError::unprocessable(
            "`changes` is empty: name at least one setting and its new value.",
        ));
    }
    let schema = state.settings_schema();
    if rights == Rights::Member {
        let refused = owner_only_settings(&schema, &update.changes);
        if !refused.is_empty() {
            let detail = format!(
                "As a config Member you may not change {}: only a config Owner may. Nothing was \
                 changed; leave these fields out or ask a config Owner.",
                keys_of(&refused)
            );
            return Err(problem_with_errors(
                ProblemCode::OwnerOnlyField,
                403,
                "Owner-only settings",
                detail,
                refused,
            ));
        }
    }
    let errors = check_settings(&schema, &update.changes);
    if !errors.is_empty() {
        return Err(invalid(errors));
    }
    let mut tx = db::begin_write(&state.pool).await?;
    let now = state.now();
    let current = store::current(&mut tx, &caller.org_id, now).await?;
    if !expected.matches(current.version) {
        return Err(stale(&expected, &current));
    }
    let mut values = current.values.clone();
    values.extend(update.changes);
    if store::changed_keys(&current.values, &values).is_empty() {
        // Nothing to store (beyond version 1, should this read have created it).
        tx.commit().await?;
        return Ok(answer(&current));
    }
    let meta = meta(&caller, &reason, &request_id, now);
    let next = store::write(&mut tx, meta, &current, values, None).await?;
    tx.commit().await?;
    Ok(answer(&next))
}

fn meta<'a>(
    caller: &'a users::Person,
    reason: &'a str,
    request_id: &'a RequestId,
    at: i64,
) -> Attribution<'a> {
    // Made for someone else: the actor made it, for the person the credential acts for.
    let (actor_id, actor_name) = match &caller.on_behalf {
        Some(by) => (by.actor_id.as_str(), by.actor_name.as_str()),
        None => (caller.id.as_str(), caller.display_name.as_str()),
    };
    Attribution {
        org_id: &caller.org_id,
        actor_id,
        actor_name,
        reason,
        request_id: &request_id.0,
        at,
        on_behalf: caller.on_behalf.as_ref(),
    }
}

pub async fn versions(
    State(state): State<AppState>,
    Caller(caller): Caller,
    Query(params): Query<Params>,
) -> Result<Json<Page<SettingsVersion>>, ApiError> {
    rights(&state, &caller).await?;
    let limit = params::limit(&params, DEFAULT_LIMIT, MAX_LIMIT)?;
    let before = match params::cursor(&params)? {
        None => None,
        Some(c) => Some(c.parse::<i64>().map_err(|_| {
            ApiError::invalid_param("cursor", "not a cursor this server handed out; start over")
        })?),
    };
    let mut tx = state.pool.begin().await?;
    store::current(&mut tx, &caller.org_id, state.now()).await?;
    let as_of_seq = changes::state(&mut tx, &caller.org_id).await?.last_seq;
    let mut items = store::list(&mut tx, &caller.org_id, before, limit + 1).await?;
    let total = match before {
        None => Some(items.first().map(|v| v.version).unwrap_or(0)),
        Some(_) => None,
    };
    tx.commit().await?;
    let next_cursor = if items.len() as i64 > limit {
        items.truncate(limit as usize);
        items
            .last()
            .map(|v| params::encode_cursor(&v.version.to_string()))
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

pub async fn version(
    State(state): State<AppState>,
    Caller(caller): Caller,
    Path(n): Path<String>,
) -> Result<Json<SettingsVersion>, ApiError> {
    rights(&state, &caller).await?;
    let n = version_param(&n)?;
    let mut conn = state.pool.acquire().await?;
    store::current(&mut conn, &caller.org_id, state.now()).await?;
    store::version(&mut conn, &caller.org_id, n)
        .await?
        .map(Json)
        .ok_or_else(|| ApiError::not_found(format!("There is no settings version {n}.")))
}

pub async fn restore(
    State(state): State<AppState>,
    Caller(caller): Caller,
    auth: super::step_up::Authentication,
    request_id: RequestId,
    Path(n): Path<String>,
    headers: HeaderMap,
    body: Result<JsonBody<Value>, ApiError>,
) -> Result<Response, ApiError> {
    if rights(&state, &caller).await? != Rights::Owner {
        return Err(ApiError(Problem::new(
            ProblemCode::ConfigOwnerRequired,
            403,
            "Config Owner required",
            "Only a config Owner restores an earlier version of the settings.",
        )));
    }
    let n = version_param(&n)?;
    let expected = etag::if_match(&headers)?;
    let (_, reason): (SettingsRestore, String) = mutation::body(body?.0, Reason::Required)?;
    auth.require(&state, super::step_up::Operation::RestoreSettings)?;
    let mut tx = db::begin_write(&state.pool).await?;
    let now = state.now();
    let current = store::current(&mut tx, &caller.org_id, now).await?;
    let old = store::version(&mut tx, &caller.org_id, n)
        .await?
        .ok_or_else(|| ApiError::not_found(format!("There is no settings version {n}.")))?;
    if !expected.matches(current.version) {
        return Err(stale(&expected, &current));
    }
    // The schema may have narrowed since: an old value that no longer fits is not restored.
    let errors = check_settings(&state.settings_schema(), &old.values);
    if !errors.is_empty() {
        return Err(invalid(errors));
    }
    if store::changed_keys(&current.values, &old.values).is_empty() {
        tx.commit().await?;
        return Ok(answer(&current));
    }
    let meta = meta(&caller, &reason, &request_id, now);
    let next = store::write(&mut tx, meta, &current, old.values, Some(n)).await?;
    tx.commit().await?;
    Ok(answer(&next))
}
