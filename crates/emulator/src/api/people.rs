//! `GET /v1/users/schema`, `POST /v1/users`, `PATCH /v1/users/{id}` and `DELETE /v1/users/{id}`:
//! an OWNER adds, edits, moves, converts and removes people. Each write is checked by the person
//! schema and the guide's rules (each refusal its own problem code, see `RuleViolation::problem`)
//! and stored with its audit event and feed entries in one `BEGIN IMMEDIATE` transaction.
//!
//! A write answers the first of these that fails: 401 no valid token → 403 `read_only_role`
//! (no `users_write`) → 428 no `If-Match` (PATCH, DELETE) → 400 malformed body / 422
//! `reason_required` → 404 unknown user → 412 stale `If-Match` → the rules → 200 / 201.
//! Suspension and reactivation are `PUT /v1/users/{id}/status` (`roles.rs`).
//!
//! `PATCH` is also open to `patient_records_write` (care staff, and the service accounts acting
//! for them): a consumer's names, email, phone and date of birth only. For such a caller staff
//! are unknown (404) and any other change is 403 `read_only_role`; the rules apply as to anyone.

use axum::extract::{Path, State};
use axum::http::{HeaderMap, StatusCode};
use axum::response::Response;
use axum::routing;
use axum::Json;
use axum::Router;
use console_api::{
    actions, guardian_access, Date, NewPerson, Permission, PersonPatch, PersonSchema, Problem,
    ProblemCode, Removal, RemovePerson, User, UserKind, UserStatus,
};
use serde_json::{json, Value};
use sqlx::SqliteConnection;

use super::auth::Caller;
use super::etag::{self, IfMatch};
use super::extract::JsonBody;
use super::mutation::{self, Reason, Writer};
use super::request_id::RequestId;
use crate::db;
use crate::error::ApiError;
use crate::guardrails;
use crate::store::roles;
use crate::store::users::remove::{self, fields};
use crate::store::users::write::{self, NewUser, UserPatch};
use crate::store::users::{self, read, schema};
use crate::AppState;

pub fn router() -> Router<AppState> {
    Router::new()
        .route("/v1/users/schema", routing::get(get_schema))
        .route("/v1/users", routing::post(create))
        .route("/v1/users/{id}", routing::patch(edit).delete(delete))
}

/// Anyone signed in who may read the directory reads the rules its forms follow.
async fn get_schema(
    State(state): State<AppState>,
    Caller(caller): Caller,
) -> Result<Json<PersonSchema>, ApiError> {
    super::scope::for_caller(&state, &caller).await?;
    let mut conn = state.pool.acquire().await?;
    Ok(Json(
        schema::load(&mut conn, &caller.org_id, state.now()).await?,
    ))
}

/// What an edit may change: everything `users_write` allows, or only a consumer's record
/// (`patient_records_write`: care staff, and the service accounts acting for them).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Edit {
    Any,
    RecordsOnly,
}

/// The caller's rights for an edit as `conn` has them now; refuses one who may do neither.
async fn editor(
    conn: &mut SqliteConnection,
    caller: &users::Person,
) -> Result<(Writer, Edit), ApiError> {
    let writer = mutation::actor(conn, caller).await?;
    if writer.permissions.contains(&Permission::UsersWrite) {
        return Ok((writer, Edit::Any));
    }
    if writer
        .permissions
        .contains(&Permission::PatientRecordsWrite)
    {
        return Ok((writer, Edit::RecordsOnly));
    }
    let what = "adding, editing, suspending or removing people";
    Err(guardrails::read_only(&writer.actor(), what).into())
}

/// A consumer's record: whom `patient_records_write` edits.
pub(super) fn is_consumer(kind: UserKind) -> bool {
    matches!(
        kind,
        UserKind::Patient | UserKind::Hcp | UserKind::Guardian | UserKind::Dependent
    )
}

/// The caller's rights as `conn` has them now; refuses one without `users_write`.
async fn writer(conn: &mut SqliteConnection, caller: &users::Person) -> Result<Writer, ApiError> {
    let writer = mutation::actor(conn, caller).await?;
    if !writer.permissions.contains(&Permission::UsersWrite) {
        let what = "adding, editing, suspending or removing people";
        return Err(guardrails::read_only(&writer.actor(), what).into());
    }
    Ok(writer)
}

async fn create(
    State(state): State<AppState>,
    Caller(caller): Caller,
    request_id: RequestId,
    body: Result<JsonBody<Value>, ApiError>,
) -> Result<Response, ApiError> {
    writer(&mut *state.pool.acquire().await?, &caller).await?;
    let (new, reason): (NewPerson, String) = mutation::body(body?.0, Reason::Required)?;
    let mut tx = db::begin_write(&state.pool).await?;
    let writer = writer(&mut tx, &caller).await?;
    let now = state.now();
    let creatable = schema::load(&mut tx, &writer.org_id, now)
        .await?
        .creatable_kinds;
    if !creatable.contains(&new.kind) {
        return Err(ApiError::unprocessable(format!(
            "{} cannot be created here: staff join by invitation, and service accounts on their \
             own page. The kinds created here are {}.",
            new.kind.as_str(),
            creatable
                .iter()
                .map(|k| k.as_str())
                .collect::<Vec<_>>()
                .join(", ")
        )));
    }
    let id = format!("usr_{}", uuid::Uuid::new_v4().simple());
    let user = write::create_in(
        &mut tx,
        NewUser {
            id,
            org_id: writer.org_id.clone(),
            kind: new.kind,
            display_name: new.display_name,
            email: new.email,
            phone: new.phone,
            status: UserStatus::Active,
            password_hash: None,
            config_role: None,
            guardian_id: new.guardian_id,
            staff_roles: Vec::new(),
            date_of_birth: new.date_of_birth,
        },
        now,
    )
    .await?;
    let ctx = writer.attribution(&reason, &request_id, now);
    remove::record(
        &mut tx,
        &ctx,
        actions::USER_CREATE,
        &user,
        Value::Null,
        fields(&user),
    )
    .await?;
    let user = decorated(&mut tx, &writer.org_id, now, user).await?;
    tx.commit().await?;
    Ok(etag::with_etag(StatusCode::CREATED, user.version, &user))
}

async fn edit(
    State(state): State<AppState>,
    Caller(caller): Caller,
    request_id: RequestId,
    Path(id): Path<String>,
    headers: HeaderMap,
    body: Result<JsonBody<Value>, ApiError>,
) -> Result<Response, ApiError> {
    editor(&mut *state.pool.acquire().await?, &caller).await?;
    let expected = etag::if_match(&headers)?;
    let (patch, reason): (PersonPatch, String) = mutation::body(body?.0, Reason::Required)?;
    let mut tx = db::begin_write(&state.pool).await?;
    let (writer, edit) = editor(&mut tx, &caller).await?;
    let current = match edit {
        Edit::Any => current(&mut tx, &writer, &id, &expected).await?,
        Edit::RecordsOnly => record(&mut tx, &writer, &id, &expected, &patch).await?,
    };
    let (patch, action) = to_patch(&current, patch)?;
    let now = state.now();
    let user = write::update_in(&mut tx, &writer.org_id, &current, patch, now).await?;
    if user.version != current.version {
        let ctx = writer.attribution(&reason, &request_id, now);
        let (before, after) = (fields(&current), fields(&user));
        remove::record(&mut tx, &ctx, action, &current, before, after).await?;
    }
    let user = decorated(&mut tx, &writer.org_id, now, user).await?;
    tx.commit().await?;
    Ok(etag::with_etag(StatusCode::OK, user.version, &user))
}

/// The store's patch for the request, and the audit action it is. `kind: PATIENT` on a
/// dependent is the conversion at age-out (it leaves the household); no other kind changes.
fn to_patch(current: &User, patch: PersonPatch) -> Result<(UserPatch, &'static str), ApiError> {
    let mut out = UserPatch {
        display_name: patch.display_name,
        email: patch.email.map(Some),
        phone: patch.phone.map(Some),
        date_of_birth: patch.date_of_birth.map(Some),
        guardian_id: patch.guardian_id.map(Some),
        ..UserPatch::default()
    };
    let mut action = actions::USER_UPDATE;
    if out.guardian_id.is_some() {
        action = actions::USER_MOVE;
    }
    match patch.kind {
        None => {}
        Some(kind) if kind == current.kind => {}
        Some(UserKind::Patient) if current.kind == UserKind::Dependent => {
            out.kind = Some(UserKind::Patient);
            out.guardian_id = Some(None);
            action = actions::USER_CONVERT;
        }
        Some(kind) => {
            let rule = crate::error::RuleViolation::KindChangeNotAllowed(
                current.kind.as_str(),
                kind.as_str(),
            );
            return Err(ApiError(rule.problem()));
        }
    }
    Ok((out, action))
}

async fn delete(
    State(state): State<AppState>,
    Caller(caller): Caller,
    request_id: RequestId,
    Path(id): Path<String>,
    headers: HeaderMap,
    body: Result<JsonBody<Value>, ApiError>,
) -> Result<Json<Removal>, ApiError> {
    writer(&mut *state.pool.acquire().await?, &caller).await?;
    let expected = etag::if_match(&headers)?;
    let (removal, reason): (RemovePerson, String) = mutation::body(body?.0, Reason::Required)?;
    let mut tx = db::begin_write(&state.pool).await?;
    let writer = writer(&mut tx, &caller).await?;
    let current = current(&mut tx, &writer, &id, &expected).await?;
    refuse_removal(&mut tx, &writer, &current).await?;
    let ctx = writer.attribution(&reason, &request_id, state.now());
    let done = remove::remove(&mut tx, &ctx, &current, removal.dependents.as_ref()).await?;
    tx.commit().await?;
    Ok(Json(done))
}

/// The guardrails of removal beyond the household: service accounts have their own page, the
/// last active OWNER stays (before the next, so the sole owner learns the real reason), and
/// nobody removes themselves.
async fn refuse_removal(
    conn: &mut SqliteConnection,
    writer: &Writer,
    target: &User,
) -> Result<(), ApiError> {
    if target.kind == UserKind::ServiceAccount {
        return Err(ApiError::unprocessable(
            "A service account is deleted on its own page (DELETE /v1/service-accounts/{id}), \
             which also ends its keys.",
        ));
    }
    let owner = target.status == UserStatus::Active
        && target.staff_roles.contains(&console_api::StaffRole::Owner);
    if owner && roles::active_owners(conn, &writer.org_id).await? <= 1 {
        return Err(ApiError(Problem::new(
            ProblemCode::LastOwner,
            409,
            "Last owner",
            format!(
                "{} is the organization's last active OWNER: removing them would leave nobody \
                 who can manage people and roles. Make someone else an OWNER first.",
                target.display_name
            ),
        )));
    }
    if target.id == writer.id {
        return Err(ApiError(Problem::new(
            ProblemCode::SelfChange,
            403,
            "Your own account",
            "You cannot remove yourself: ask another OWNER to do it.",
        )));
    }
    Ok(())
}

/// The consumer whose record a `patient_records_write` caller edits, if the patch changes only
/// names, contact and date of birth: staff (and anyone not a consumer) are not theirs to see.
async fn record(
    conn: &mut SqliteConnection,
    writer: &Writer,
    id: &str,
    expected: &IfMatch,
    patch: &PersonPatch,
) -> Result<User, ApiError> {
    let found = read::get(conn, &writer.org_id, id).await?;
    if !found.as_ref().is_some_and(|u| is_consumer(u.kind)) {
        return Err(ApiError::not_found(format!(
            "There is no user {id} you can see."
        )));
    }
    if patch.guardian_id.is_some() || patch.kind.is_some() {
        return Err(ApiError(Problem::new(
            ProblemCode::ReadOnlyRole,
            403,
            "Patient records only",
            "Your access (patient_records_write) changes a patient's names, email, phone and \
             date of birth only: moving a dependent to another guardian or changing a \
             person's kind takes an organization OWNER (users_write).",
        )));
    }
    current_if(conn, &writer.org_id, id, expected, is_consumer).await
}

/// The person as stored, if the caller may see them and `If-Match` names their version.
async fn current(
    conn: &mut SqliteConnection,
    writer: &Writer,
    id: &str,
    expected: &IfMatch,
) -> Result<User, ApiError> {
    current_if(conn, &writer.org_id, id, expected, |kind| writer.sees(kind)).await
}

/// [`current`] for a caller who sees the kinds `sees` accepts.
async fn current_if(
    conn: &mut SqliteConnection,
    org_id: &str,
    id: &str,
    expected: &IfMatch,
    sees: impl Fn(UserKind) -> bool,
) -> Result<User, ApiError> {
    let user = read::get(conn, org_id, id)
        .await?
        .filter(|u| sees(u.kind))
        .ok_or_else(|| ApiError::not_found(format!("There is no user {id} you can see.")))?;
    if !expected.matches(user.version) {
        let detail = format!(
            "{} was changed since you read it: If-Match was {}, the current ETag is \"{}\". \
             `current` holds the person as they are now; review it and send the change again \
             with the new ETag.",
            user.display_name,
            expected.describe(),
            user.version
        );
        let now = json!(user);
        return Err(ApiError::precondition_failed(detail, now));
    }
    Ok(user)
}

async fn decorated(
    conn: &mut SqliteConnection,
    org_id: &str,
    now: i64,
    mut user: User,
) -> Result<User, ApiError> {
    decorate(conn, org_id, now, std::slice::from_mut(&mut user)).await?;
    Ok(user)
}

/// Fills in `guardian_access` on the dependents among `users`: what their guardian may see
/// today under the organization's age-out and 12–17 setting (read once for all of them).
pub async fn decorate(
    conn: &mut SqliteConnection,
    org_id: &str,
    now: i64,
    users: &mut [User],
) -> crate::Result<()> {
    if !users.iter().any(|u| u.kind == UserKind::Dependent) {
        return Ok(());
    }
    let schema = schema::load(conn, org_id, now).await?;
    let today = Date::parse(&schema.today).unwrap_or_else(|| Date::from_unix(now));
    for user in users.iter_mut().filter(|u| u.kind == UserKind::Dependent) {
        let born = user.date_of_birth.as_deref().and_then(Date::parse);
        user.guardian_access = Some(guardian_access(
            born,
            today,
            schema.dependent_leaves_guardian_at_age,
            schema.guardian_access_12_17,
        ));
    }
    Ok(())
}
