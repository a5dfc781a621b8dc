//! `POST /v1/test/mutations`: random edits on demand, for delta-sync tests. Routed only when
//! the emulator was started with `allow_test_mutations`, and then only for owners.

use axum::extract::State;
use axum::routing;
use axum::Json;
use axum::Router;
use console_api::Permission;
use serde::Deserialize;

use super::auth::Caller;
use super::extract::JsonBody;
use super::permissions;
use crate::error::ApiError;
use crate::mutate::{mutate_random, MutationReport};
use crate::AppState;

pub fn router() -> Router<AppState> {
    Router::new().route("/v1/test/mutations", routing::post(apply))
}

/// Enough for any delta-sync test, small enough that one request cannot stall the emulator.
const MAX_COUNT: usize = 100_000;

#[derive(Deserialize)]
pub struct Request {
    count: usize,
    #[serde(default)]
    seed: u64,
}

pub async fn apply(
    State(state): State<AppState>,
    Caller(caller): Caller,
    body: Result<JsonBody<Request>, ApiError>,
) -> Result<Json<MutationReport>, ApiError> {
    let granted = permissions::of(&mut *state.pool.acquire().await?, &caller).await?;
    if !granted.contains(&Permission::RolesWrite) {
        return Err(ApiError::forbidden(
            "Only an organization owner may apply test mutations.",
        ));
    }
    let JsonBody(request) = body?;
    if request.count == 0 || request.count > MAX_COUNT {
        return Err(ApiError::invalid_param(
            "count",
            format!("must be from 1 to {MAX_COUNT}"),
        ));
    }
    let report = mutate_random(&state, &caller.org_id, request.count, request.seed).await?;
    Ok(Json(report))
}
