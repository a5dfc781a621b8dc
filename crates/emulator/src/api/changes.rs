//! `GET /v1/changes?after=SEQ&limit=N`: the change feed.

use axum::extract::State;
use axum::routing;
use axum::Json;
use axum::Router;
use console_api::{ChangeBatch, Permission};

use super::auth::Caller;
use super::extract::Query;
use super::params::{self, Params};
use super::permissions;
use super::scope::{self, Scope};
use crate::error::ApiError;
use crate::store::changes::{self, Reader};
use crate::AppState;

pub fn router() -> Router<AppState> {
    Router::new().route("/v1/changes", routing::get(list))
}

const DEFAULT_LIMIT: i64 = 1000;
const MAX_LIMIT: i64 = 5000;

pub async fn list(
    State(state): State<AppState>,
    Caller(caller): Caller,
    Query(params): Query<Params>,
) -> Result<Json<ChangeBatch>, ApiError> {
    let scope = scope::for_caller(&state, &caller).await?;
    // Audit entries go only to those who may read the audit trail.
    let granted = permissions::of(&mut *state.pool.acquire().await?, &caller).await?;
    let reader = Reader {
        staff_only: scope == Scope::StaffOnly,
        audit: granted.contains(&Permission::AuditRead),
    };
    let after = params::position(&params, "after")?;
    let limit = params::limit(&params, DEFAULT_LIMIT, MAX_LIMIT)?;
    // The floor check, the batch and latest_seq come from one snapshot, so "has_more: false"
    // really means the client is now at latest_seq.
    let mut tx = state.pool.begin().await?;
    let feed = changes::state(&mut tx, &caller.org_id).await?;
    if after < feed.floor_seq {
        return Err(ApiError::resync_required(format!(
            "The change feed starts at {}; position {after} is older than that, so changes since \
             then are no longer available. Run a full sync.",
            feed.floor_seq
        )));
    }
    let (mut changes, has_more) =
        changes::after(&mut tx, &caller.org_id, after, limit, reader).await?;
    let mut users: Vec<_> = changes.iter_mut().filter_map(|c| c.user.take()).collect();
    super::people::decorate(&mut tx, &caller.org_id, state.now(), &mut users).await?;
    let mut users = users.into_iter();
    for change in changes
        .iter_mut()
        .filter(|c| c.op == console_api::ChangeOp::Upsert)
    {
        if change.resource == "user" {
            change.user = users.next();
        }
    }
    tx.commit().await?;
    Ok(Json(ChangeBatch {
        changes,
        latest_seq: feed.last_seq,
        has_more,
    }))
}
