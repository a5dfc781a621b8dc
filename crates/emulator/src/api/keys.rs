//! `/v1/service-accounts/{id}/keys`: list (OWNER, SUPPORT; newest first), create, rotate,
//! disable, enable and revoke (OWNER). A new key's secret is in the one answer that creates it
//! and nowhere else: the store keeps a hash, the audit trail the key's id and prefix.
//!
//! The rules: an expiry is required, after now and at most the organization's maximum key
//! lifetime away (`expiry_out_of_bounds`, 422, naming the latest allowed date); an account holds
//! at most two working keys (`too_many_keys`, 409), where a rotation replaces a key rather than
//! adding one, and a key already replaced (in its overlap) no longer counts; a revoked key stays
//! revoked (enabling it is 409 `key_revoked`); only a working key can be rotated (409 with the
//! code of its state otherwise).

use axum::body::Bytes;
use axum::extract::{Path, State};
use axum::response::Response;
use axum::routing::{self, MethodRouter};
use axum::Json;
use axum::Router;
use console_api::{
    actions, ApiKey, CreatedKey, KeyStatus, NewApiKey, Page, ProblemCode, RotateApiKey,
    ServiceAccount,
};
use serde_json::{json, Map, Value};

use super::account_access::{self as access, Write};
use super::auth::Caller;
use super::extract::Query;
use super::params::{self, Params};
use super::request_id::RequestId;
use super::step_up::{Authentication, Operation};
use crate::clock::rfc3339;
use crate::error::ApiError;
use crate::store::accounts;
use crate::store::changes;
use crate::store::keys::{self, NewKey, StoredKey, Switch};
use crate::{apikey, crypto, AppState};

pub fn router() -> Router<AppState> {
    Router::new()
        .route(
            "/v1/service-accounts/{id}/keys",
            routing::get(list).post(create),
        )
        .route(
            "/v1/service-accounts/{id}/keys/{key_id}/rotate",
            routing::post(rotate),
        )
        .route(
            "/v1/service-accounts/{id}/keys/{key_id}/disable",
            switch_route(Switch::Disable),
        )
        .route(
            "/v1/service-accounts/{id}/keys/{key_id}/enable",
            switch_route(Switch::Enable),
        )
        .route(
            "/v1/service-accounts/{id}/keys/{key_id}/revoke",
            switch_route(Switch::Revoke),
        )
}

const DEFAULT_LIMIT: i64 = 100;
const MAX_LIMIT: i64 = 500;
const DAY: i64 = 86_400;
/// Two, so that a key can be replaced without downtime (the new one deployed while the old one
/// still works), and no more, so that every key in use is one someone knows about.
const MAX_WORKING_KEYS: usize = 2;

pub async fn list(
    State(state): State<AppState>,
    Caller(caller): Caller,
    Path(id): Path<String>,
    Query(params): Query<Params>,
) -> Result<Json<Page<ApiKey>>, ApiError> {
    access::may_read(&state, &caller).await?;
    let limit = params::limit(&params, DEFAULT_LIMIT, MAX_LIMIT)?;
    let before = params::numeric_cursor(&params)?;
    let now = state.now();
    let mut tx = state.pool.begin().await?;
    let as_of_seq = changes::state(&mut tx, &caller.org_id).await?.last_seq;
    accounts::get(&mut tx, &caller.org_id, &id, now)
        .await?
        .ok_or_else(|| access::not_found(&id))?;
    let mut rows = keys::list(&mut tx, &id, before, limit + 1).await?;
    let total = match before {
        None => Some(keys::count(&mut tx, &id).await?),
        Some(_) => None,
    };
    tx.commit().await?;
    let next_cursor = params::next_cursor(&mut rows, limit, |(rowid, _)| rowid.to_string());
    Ok(Json(Page {
        items: rows.iter().map(|(_, k)| k.to_wire(now)).collect(),
        next_cursor,
        total,
        as_of_seq,
    }))
}

pub async fn create(
    State(state): State<AppState>,
    Caller(caller): Caller,
    auth: Authentication,
    request_id: RequestId,
    Path(id): Path<String>,
    body: Bytes,
) -> Result<Response, ApiError> {
    access::may_write(&state, &caller).await?;
    auth.require(&state, Operation::CreateApiKey)?;
    let (new, reason): (NewApiKey, String) = access::body(&body)?;
    let name = access::name(&new.name, "key")?;
    let lifetime = keys::max_api_key_lifetime_days(&state.pool, &caller.org_id).await?;
    let mut write = Write::begin(&state, &caller, &request_id, reason).await?;
    let account = write.account(&id).await?;
    check_expiry(new.expires_at, write.now, lifetime)?;
    check_room(&mut write, &account, None).await?;
    let (key, secret) = issue(&mut write, &account, &name, new.expires_at).await?;
    let after = Value::Object(key_json(&key, write.now));
    write
        .record(&account, actions::KEY_CREATE, json!({}), after)
        .await?;
    write.tx.commit().await?;
    Ok(access::created_secret(&CreatedKey {
        key: key.to_wire(write.now),
        secret,
        replaced: None,
    }))
}

pub async fn rotate(
    State(state): State<AppState>,
    Caller(caller): Caller,
    auth: Authentication,
    request_id: RequestId,
    Path((id, key_id)): Path<(String, String)>,
    body: Bytes,
) -> Result<Response, ApiError> {
    access::may_write(&state, &caller).await?;
    auth.require(&state, Operation::RotateApiKey)?;
    let (rotate, reason): (RotateApiKey, String) = access::body(&body)?;
    let name = access::name(&rotate.name, "key")?;
    if rotate.overlap_seconds < 0 {
        return Err(ApiError::unprocessable(
            "overlap_seconds cannot be negative: it is how long the old key keeps working \
             (0 stops it at once).",
        ));
    }
    let lifetime = keys::max_api_key_lifetime_days(&state.pool, &caller.org_id).await?;
    let mut write = Write::begin(&state, &caller, &request_id, reason).await?;
    let account = write.account(&id).await?;
    let old = key_of(&mut write, &account, &key_id).await?;
    if !old.working(write.now) {
        return Err(not_working(&old, write.now, "rotated"));
    }
    if let Some(by) = &old.replaced_by {
        return Err(ApiError::conflict(
            ProblemCode::InvalidRequest,
            "Already rotated",
            format!(
                "{} was already replaced by {by} in a rotation and expires at {}; rotate {by} \
                 instead.",
                old.prefix,
                rfc3339(old.expires_at)
            ),
        ));
    }
    check_expiry(rotate.expires_at, write.now, lifetime)?;
    check_room(&mut write, &account, Some(&old.id)).await?;
    let (key, secret) = issue(&mut write, &account, &name, rotate.expires_at).await?;
    let old_expiry = old
        .expires_at
        .min(write.now.saturating_add(rotate.overlap_seconds));
    keys::replace(&mut write.tx, &old.id, &key.id, old_expiry).await?;
    let replaced = keys::find(&mut write.tx, &old.id)
        .await?
        .ok_or_else(|| not_found(&old.id))?;
    let before = key_json(&old, write.now);
    let mut after = key_json(&replaced, write.now);
    for (field, value) in [
        ("replaced_by", json!(key.id)),
        ("new_key_name", json!(key.name)),
        ("new_key_prefix", json!(key.prefix)),
        ("new_key_expires_at", json!(key.expires_at)),
        ("overlap_seconds", json!(rotate.overlap_seconds)),
    ] {
        after.insert(field.into(), value);
    }
    let (before, after) = (Value::Object(before), Value::Object(after));
    write
        .record(&account, actions::KEY_ROTATE, before, after)
        .await?;
    write.tx.commit().await?;
    Ok(access::created_secret(&CreatedKey {
        key: key.to_wire(write.now),
        secret,
        replaced: Some(replaced.to_wire(write.now)),
    }))
}

/// `POST .../{key_id}/disable`, `.../enable` or `.../revoke`: the handler of one switch.
fn switch_route(to: Switch) -> MethodRouter<AppState> {
    routing::post(
        move |State(state): State<AppState>,
              Caller(caller): Caller,
              request_id: RequestId,
              Path((id, key_id)): Path<(String, String)>,
              body: Bytes| async move {
            let target = (id.as_str(), key_id.as_str());
            switch(&state, &caller, &request_id, target, &body, to).await
        },
    )
}

/// Disable, enable or revoke. Asking for the state a key is already in answers it as it is
/// (no event); so does disabling a revoked key, which is already off for good.
async fn switch(
    state: &AppState,
    caller: &crate::store::users::Person,
    request_id: &RequestId,
    (id, key_id): (&str, &str),
    body: &Bytes,
    switch: Switch,
) -> Result<Json<ApiKey>, ApiError> {
    access::may_write(state, caller).await?;
    let (access::ReasonOnly {}, mut write, account) =
        Write::on_account(state, caller, request_id, body, id).await?;
    let key = key_of(&mut write, &account, key_id).await?;
    let now = write.now;
    let (no_op, action) = match switch {
        Switch::Disable => (key.disabled || key.revoked, actions::KEY_DISABLE),
        Switch::Revoke => (key.revoked, actions::KEY_REVOKE),
        Switch::Enable if key.revoked => return Err(not_working(&key, now, "enabled")),
        Switch::Enable => (!key.disabled, actions::KEY_ENABLE),
    };
    if no_op {
        return Ok(Json(key.to_wire(now)));
    }
    let back_in_use = switch == Switch::Enable && key.expires_at > now && key.replaced_by.is_none();
    if back_in_use {
        check_room(&mut write, &account, Some(&key.id)).await?;
    }
    keys::switch(&mut write.tx, &key.id, switch, now).await?;
    let after = keys::find(&mut write.tx, &key.id)
        .await?
        .ok_or_else(|| not_found(&key.id))?;
    let (old, new) = (key_json(&key, now), key_json(&after, now));
    write
        .record(&account, action, old.into(), new.into())
        .await?;
    write.tx.commit().await?;
    Ok(Json(after.to_wire(now)))
}

/// The key `key_id` of `account`, or 404.
async fn key_of(
    write: &mut Write,
    account: &ServiceAccount,
    key_id: &str,
) -> Result<StoredKey, ApiError> {
    keys::find(&mut write.tx, key_id)
        .await?
        .filter(|k| k.account_id == account.id)
        .ok_or_else(|| not_found(key_id))
}

fn not_found(key_id: &str) -> ApiError {
    ApiError::not_found(format!("This service account has no API key {key_id}."))
}

/// Generates a key for `account` and stores its hash (drawing again on the rare id
/// collision). Returns the stored key and the whole key, which exists only in this answer.
async fn issue(
    write: &mut Write,
    account: &ServiceAccount,
    name: &str,
    expires_at: i64,
) -> Result<(StoredKey, String), ApiError> {
    for _ in 0..8 {
        let generated = apikey::generate();
        let id = keys::id_of(&generated.key_id);
        // SHA-256, not a password hash: the key holds ~190 random bits, so nobody can guess
        // keys to match a stolen hash, and a slow hash would only slow every request down.
        let key_hash = crypto::token_hash(&generated.key);
        let new = NewKey {
            id: &id,
            account_id: &account.id,
            name,
            prefix: &generated.prefix,
            key_hash: &key_hash,
            created_by: &write.writer.id,
            expires_at,
        };
        if keys::insert(&mut write.tx, &new, write.now).await? {
            let stored = keys::find(&mut write.tx, &id)
                .await?
                .ok_or_else(|| not_found(&id))?;
            return Ok((stored, generated.key));
        }
    }
    Err(crate::Error::Invalid("no free API key id after 8 draws".into()).into())
}

/// After now, and no later than the organization's maximum key lifetime from now.
fn check_expiry(expires_at: i64, now: i64, lifetime_days: i64) -> Result<(), ApiError> {
    let latest = now + lifetime_days * DAY;
    let problem = |why: String| {
        ApiError(console_api::Problem::new(
            ProblemCode::ExpiryOutOfBounds,
            422,
            "Expiry out of bounds",
            format!(
                "{why} Keys of this organization live at most {lifetime_days} days: choose an \
                 expiry after now and no later than {} (Unix {latest}).",
                rfc3339(latest)
            ),
        ))
    };
    if expires_at <= now {
        return Err(problem(format!(
            "expires_at {} is not in the future.",
            rfc3339(expires_at)
        )));
    }
    if expires_at > latest {
        return Err(problem(format!(
            "expires_at {} is beyond the organization's maximum key lifetime.",
            rfc3339(expires_at)
        )));
    }
    Ok(())
}

/// Room for one more working key, not counting `except` (the key a rotation replaces, or the
/// key being enabled).
async fn check_room(
    write: &mut Write,
    account: &ServiceAccount,
    except: Option<&str>,
) -> Result<(), ApiError> {
    let counted = keys::counted(&mut write.tx, &account.id, write.now).await?;
    let others: Vec<String> = counted
        .iter()
        .filter(|k| Some(k.id.as_str()) != except)
        .map(|k| format!("{} ({})", k.prefix, k.name))
        .collect();
    if others.len() < MAX_WORKING_KEYS {
        return Ok(());
    }
    Err(ApiError::conflict(
        ProblemCode::TooManyKeys,
        "Too many keys",
        format!(
            "{} already has {} working keys ({}); an account holds at most {MAX_WORKING_KEYS}. \
             Rotate one of them (the old key then expires after the overlap you choose), or \
             revoke or disable one first.",
            account.name,
            others.len(),
            others.join(", ")
        ),
    ))
}

/// 409 for a key whose state forbids `doing` it, with that state's code.
fn not_working(key: &StoredKey, now: i64, doing: &str) -> ApiError {
    let prefix = &key.prefix;
    match key.status(now) {
        KeyStatus::Revoked => ApiError::conflict(
            ProblemCode::KeyRevoked,
            "API key revoked",
            format!(
                "{prefix} was revoked, which is final: it cannot be {doing}. Create a new key."
            ),
        ),
        KeyStatus::Disabled => ApiError::conflict(
            ProblemCode::KeyDisabled,
            "API key disabled",
            format!(
                "{prefix} is disabled, so it cannot be {doing}: enable it first, or create a \
                 new key and revoke this one."
            ),
        ),
        KeyStatus::Expired | KeyStatus::Active => ApiError::conflict(
            ProblemCode::KeyExpired,
            "API key expired",
            format!(
                "{prefix} expired at {}, so it cannot be {doing}. Create a new key.",
                rfc3339(key.expires_at)
            ),
        ),
    }
}

/// A key in the audit trail: what identifies it and its state, never the secret or its hash.
fn key_json(key: &StoredKey, now: i64) -> Map<String, Value> {
    let status = key.status(now);
    [
        ("key_id", json!(key.id)),
        ("name", json!(key.name)),
        ("prefix", json!(key.prefix)),
        ("expires_at", json!(key.expires_at)),
        ("status", json!(status)),
    ]
    .into_iter()
    .map(|(k, v)| (k.to_string(), v))
    .collect()
}
