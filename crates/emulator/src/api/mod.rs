//! Admin API v1. Errors are RFC 9457 problem+json.

mod auth;
mod me;
mod permissions;

use axum::routing::get;
use axum::Router;

use crate::AppState;

pub fn router() -> Router<AppState> {
    Router::new().route("/v1/me", get(me::me))
}

pub async fn not_found() -> crate::error::ApiError {
    crate::error::ApiError(console_api::Problem::new(
        console_api::ProblemCode::NotFound,
        404,
        "Not found",
        "There is no such resource on this platform.",
    ))
}

/// Installed on the whole app: axum drops a merged router's own method fallback.
pub async fn method_not_allowed() -> crate::error::ApiError {
    crate::error::ApiError(console_api::Problem::new(
        console_api::ProblemCode::InvalidRequest,
        405,
        "Method not allowed",
        "This resource does not support that HTTP method.",
    ))
}
