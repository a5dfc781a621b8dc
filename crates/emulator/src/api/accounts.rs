//! `/v1/service-accounts`: list and read (OWNER, SUPPORT), create, edit and delete (OWNER).
//!
//! A write answers the first of these that fails: 401 no valid credential → 403
//! `read_only_role` → 428 no `If-Match` (edit, delete) → 400 malformed body → 404 unknown
//! account → 412 stale `If-Match` (with `current`) → 422 a blank name, an owner of record who
//! is not active staff, an acts-for person who is not a provider → 2xx. An edit that changes
//! nothing answers 200 with the account as it is: no new version, no audit event.

use axum::body::Bytes;
use axum::extract::{Path, State};
use axum::http::{header, HeaderMap, HeaderValue, StatusCode};
use axum::response::Response;
use axum::routing;
use axum::Json;
use axum::Router;
use console_api::{
    actions, AccountStatus, NewServiceAccount, Page, ServiceAccount, ServiceAccountPatch, UserKind,
};
use serde::de::DeserializeOwned;
use serde_json::{json, Map, Value};
use sqlx::SqliteConnection;

use super::account_access::{self as access, Write, MAX_DESCRIPTION};
use super::auth::Caller;
use super::etag::{self, with_etag, IfMatch};
use super::extract::Query;
use super::params::{self, Params};
use super::request_id::RequestId;
use crate::error::ApiError;
use crate::store::accounts::{self, Fields};
use crate::store::users::Person;
use crate::store::{changes, clients, keys};
use crate::AppState;

pub fn router() -> Router<AppState> {
    Router::new()
        .route("/v1/service-accounts", routing::get(list).post(create))
        .route(
            "/v1/service-accounts/{id}",
            routing::get(get).patch(update).delete(delete),
        )
}

const DEFAULT_LIMIT: i64 = 100;
const MAX_LIMIT: i64 = 500;

pub async fn list(
    State(state): State<AppState>,
    Caller(caller): Caller,
    Query(params): Query<Params>,
) -> Result<Json<Page<ServiceAccount>>, ApiError> {
    access::may_read(&state, &caller).await?;
    let limit = params::limit(&params, DEFAULT_LIMIT, MAX_LIMIT)?;
    let after = params::cursor(&params)?;
    // The page, its total and as_of_seq from one snapshot.
    let mut tx = state.pool.begin().await?;
    let as_of_seq = changes::state(&mut tx, &caller.org_id).await?.last_seq;
    let org = &caller.org_id;
    let now = state.now();
    let mut items = accounts::list(&mut tx, org, after.as_deref(), limit + 1, now).await?;
    let total = match after {
        None => Some(accounts::count(&mut tx, org).await?),
        Some(_) => None,
    };
    tx.commit().await?;
    let next_cursor = params::next_cursor(&mut items, limit, |a| a.id.clone());
    Ok(Json(Page {
        items,
        next_cursor,
        total,
        as_of_seq,
    }))
}

pub async fn get(
    State(state): State<AppState>,
    Caller(caller): Caller,
    Path(id): Path<String>,
) -> Result<Response, ApiError> {
    access::may_read(&state, &caller).await?;
    let mut conn = state.pool.acquire().await?;
    let account = accounts::get(&mut conn, &caller.org_id, &id, state.now())
        .await?
        .ok_or_else(|| access::not_found(&id))?;
    // Always the whole answer, never 304: the key counts, soonest expiry and last use in it
    // change with every key operation and use without a new version. The ETag is the version
    // an edit must name in If-Match.
    Ok(with_etag(StatusCode::OK, account.version, &account))
}

pub async fn create(
    State(state): State<AppState>,
    Caller(caller): Caller,
    request_id: RequestId,
    body: Bytes,
) -> Result<Response, ApiError> {
    access::may_write(&state, &caller).await?;
    let (new, reason): (NewServiceAccount, String) = access::body(&body)?;
    let mut write = Write::begin(&state, &caller, &request_id, reason).await?;
    let fields = Fields {
        name: access::name(&new.name, "service account")?,
        description: description(&new.description)?,
        owner_id: new.owner_id.trim().to_string(),
        acts_for_id: new.acts_for_id.map(|a| a.trim().to_string()),
        status: AccountStatus::Active,
    };
    let org = write.writer.org_id.clone();
    check_owner(&mut write.tx, &org, &fields.owner_id).await?;
    if let Some(acts_for) = &fields.acts_for_id {
        check_acts_for(&mut write.tx, &org, acts_for).await?;
    }
    let id = format!(
        "usr_sa_{}",
        &uuid::Uuid::new_v4().simple().to_string()[..16]
    );
    accounts::insert(&mut write.tx, &org, &id, &fields, write.now).await?;
    let account = write.account(&id).await?;
    let after = fields.to_json();
    write
        .record(&account, actions::ACCOUNT_CREATE, json!({}), after)
        .await?;
    write.tx.commit().await?;
    let mut response = with_etag(StatusCode::CREATED, account.version, &account);
    let location = HeaderValue::from_str(&format!("/v1/service-accounts/{id}"))
        .expect("an id of ASCII letters and digits");
    response.headers_mut().insert(header::LOCATION, location);
    Ok(response)
}

pub async fn update(
    State(state): State<AppState>,
    Caller(caller): Caller,
    request_id: RequestId,
    Path(id): Path<String>,
    headers: HeaderMap,
    body: Bytes,
) -> Result<Response, ApiError> {
    let (patch, mut write, current): (ServiceAccountPatch, _, _) =
        begin_edit(&state, &caller, &request_id, &id, &headers, &body).await?;
    let before = Fields::of(&current);
    let mut after = before.clone();
    if let Some(name) = &patch.name {
        after.name = access::name(name, "service account")?;
    }
    if let Some(text) = &patch.description {
        after.description = description(text)?;
    }
    if let Some(owner) = &patch.owner_id {
        after.owner_id = owner.trim().to_string();
    }
    if let Some(acts_for) = &patch.acts_for_id {
        after.acts_for_id = acts_for.as_ref().map(|a| a.trim().to_string());
    }
    if let Some(status) = patch.status {
        after.status = status;
    }
    if after == before {
        return Ok(with_etag(StatusCode::OK, current.version, &current));
    }
    let org = write.writer.org_id.clone();
    // Only what changes is checked: an account whose owner has left must still be editable
    // (disabled, or given a new owner), which is what the access review asks an owner to do.
    if after.owner_id != before.owner_id {
        check_owner(&mut write.tx, &org, &after.owner_id).await?;
    }
    if after.acts_for_id != before.acts_for_id {
        if let Some(acts_for) = &after.acts_for_id {
            check_acts_for(&mut write.tx, &org, acts_for).await?;
        }
    }
    accounts::update(&mut write.tx, &org, &id, &after, write.now).await?;
    let account = write.account(&id).await?;
    let (old, new) = changed(before.to_json(), after.to_json());
    write
        .record(&account, actions::ACCOUNT_UPDATE, old, new)
        .await?;
    write.tx.commit().await?;
    Ok(with_etag(StatusCode::OK, account.version, &account))
}

pub async fn delete(
    State(state): State<AppState>,
    Caller(caller): Caller,
    request_id: RequestId,
    Path(id): Path<String>,
    headers: HeaderMap,
    body: Bytes,
) -> Result<StatusCode, ApiError> {
    let (access::ReasonOnly {}, mut write, current) =
        begin_edit(&state, &caller, &request_id, &id, &headers, &body).await?;
    let mut before = fields_json(&current);
    before.insert(
        "api_keys".into(),
        json!(keys::count(&mut write.tx, &id).await?),
    );
    let client = clients::of_account(&mut write.tx, &id).await?;
    before.insert("client_id".into(), json!(client.map(|(c, _)| c)));
    let org = write.writer.org_id.clone();
    accounts::delete(&mut write.tx, &org, &id, write.now).await?;
    let action = actions::ACCOUNT_DELETE;
    write
        .record(&current, action, Value::Object(before), json!({}))
        .await?;
    write.tx.commit().await?;
    Ok(StatusCode::NO_CONTENT)
}

/// What an edit and a delete check first, in the order of the module's doc: write access,
/// `If-Match`, the body, the account, then the version `If-Match` names.
async fn begin_edit<T: DeserializeOwned>(
    state: &AppState,
    caller: &Person,
    request_id: &RequestId,
    id: &str,
    headers: &HeaderMap,
    body: &Bytes,
) -> Result<(T, Write, ServiceAccount), ApiError> {
    access::may_write(state, caller).await?;
    let expected = etag::if_match(headers)?;
    let (fields, write, current) = Write::on_account(state, caller, request_id, body, id).await?;
    check_version(&expected, &current)?;
    Ok((fields, write, current))
}

fn fields_json(account: &ServiceAccount) -> Map<String, Value> {
    match Fields::of(account).to_json() {
        Value::Object(map) => map,
        _ => unreachable!("fields are an object"),
    }
}

fn check_version(expected: &IfMatch, current: &ServiceAccount) -> Result<(), ApiError> {
    if expected.matches(current.version) {
        return Ok(());
    }
    let detail = format!(
        "{} was changed since you read it: If-Match was {}, the current ETag is \"{}\". \
         `current` holds the account as it is now; review it and send the change again with \
         the new ETag.",
        current.name,
        expected.describe(),
        current.version
    );
    let current = serde_json::to_value(current).expect("an account serializes");
    Err(ApiError::precondition_failed(detail, current))
}

fn description(raw: &str) -> Result<String, ApiError> {
    let text = raw.trim();
    if text.chars().count() > MAX_DESCRIPTION {
        return Err(ApiError::unprocessable(format!(
            "The description is too long: at most {MAX_DESCRIPTION} characters."
        )));
    }
    Ok(text.to_string())
}

/// The fields whose values differ, as they were and as they are.
fn changed(before: Value, after: Value) -> (Value, Value) {
    let (Value::Object(before), Value::Object(after)) = (before, after) else {
        unreachable!("fields are an object")
    };
    let keys: Vec<&String> = before.keys().filter(|k| before[*k] != after[*k]).collect();
    let pick = |m: &Map<String, Value>| -> Value {
        keys.iter().map(|k| ((*k).clone(), m[*k].clone())).collect()
    };
    (pick(&before), pick(&after))
}

/// The owner of record is answerable for the account: an active staff member of the
/// organization.
async fn check_owner(conn: &mut SqliteConnection, org: &str, id: &str) -> Result<(), ApiError> {
    let Some(person) = accounts::person(conn, org, id).await? else {
        return Err(ApiError::unprocessable(format!(
            "owner_id: there is no {id} in your organization. The owner of record must be an \
             active staff member."
        )));
    };
    if person.kind != UserKind::Staff {
        return Err(ApiError::unprocessable(format!(
            "owner_id: {} is not staff ({}). The owner of record must be an active staff member.",
            person.name,
            person.kind.as_str()
        )));
    }
    if !person.active {
        return Err(ApiError::unprocessable(format!(
            "owner_id: {} is not active (suspended or not yet joined). The owner of record must \
             be an active staff member.",
            person.name
        )));
    }
    Ok(())
}

/// An account acts for a provider: a staff member holding one of the provider roles.
async fn check_acts_for(conn: &mut SqliteConnection, org: &str, id: &str) -> Result<(), ApiError> {
    let names: Vec<&str> = super::role_catalog::PROVIDER_ROLES
        .iter()
        .map(|r| r.as_str())
        .collect();
    let rule = format!(
        "A service account acts for a staff member holding a provider role ({}).",
        names.join(", ")
    );
    let Some(person) = accounts::person(conn, org, id).await? else {
        return Err(ApiError::unprocessable(format!(
            "acts_for_id: there is no {id} in your organization. {rule}"
        )));
    };
    let provider = person
        .roles
        .iter()
        .any(|r| super::role_catalog::PROVIDER_ROLES.contains(r));
    if person.kind != UserKind::Staff || !provider {
        return Err(ApiError::unprocessable(format!(
            "acts_for_id: {} ({}) is not a provider. {rule}",
            person.name, person.id
        )));
    }
    Ok(())
}
