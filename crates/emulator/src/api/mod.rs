//! Admin API v1. Errors are RFC 9457 problem+json.

mod auth;
mod me;
mod permissions;

use axum::routing::get;
use axum::Router;

use crate::AppState;

pub fn router() -> Router<AppState> {
    Router::new()
        .route("/v1/me", get(me::me))
        .fallback(not_found)
}

async fn not_found() -> crate::error::ApiError {
    crate::error::ApiError(console_api::Problem::new(
        console_api::ProblemCode::NotFound,
        404,
        "Not found",
        "There is no such resource on this platform.",
    ))
}
