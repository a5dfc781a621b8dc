//! Admin API v1. Errors are RFC 9457 problem+json.

mod account_access;
mod accounts;
mod audience;
mod audit;
mod auth;
mod changes;
mod client_secret;
mod etag;
mod extract;
mod keys;
mod me;
mod mutation;
mod params;
pub(crate) mod permissions;
mod request_id;
mod roles;
mod scope;
mod seal;
mod settings;
pub(crate) mod step_up;
mod test_mutations;
mod users;

pub use request_id::layer as request_id_layer;

use axum::routing::{get, post, put};
use axum::Router;

use crate::AppState;

/// `allow_test_mutations` adds `POST /v1/test/mutations`; without it the route does not exist
/// at all (404), so a production-like emulator cannot be scrambled by a stray request.
pub fn router(allow_test_mutations: bool) -> Router<AppState> {
    let router = Router::new()
        .route("/v1/me", get(me::me))
        .route("/v1/me/seal-key", get(seal::get))
        .route("/v1/users", get(users::list))
        .route("/v1/users/{id}", get(users::get))
        .route("/v1/users/{id}/dependents", get(users::dependents))
        .route("/v1/users/{id}/roles", put(roles::put_roles))
        .route("/v1/users/{id}/status", put(roles::put_status))
        .route("/v1/roles/batch", post(roles::batch))
        .route(
            "/v1/service-accounts",
            get(accounts::list).post(accounts::create),
        )
        .route(
            "/v1/service-accounts/{id}",
            get(accounts::get)
                .patch(accounts::update)
                .delete(accounts::delete),
        )
        .route(
            "/v1/service-accounts/{id}/keys",
            get(keys::list).post(keys::create),
        )
        .route(
            "/v1/service-accounts/{id}/keys/{key_id}/rotate",
            post(keys::rotate),
        )
        .route(
            "/v1/service-accounts/{id}/keys/{key_id}/disable",
            post(keys::disable),
        )
        .route(
            "/v1/service-accounts/{id}/keys/{key_id}/enable",
            post(keys::enable),
        )
        .route(
            "/v1/service-accounts/{id}/keys/{key_id}/revoke",
            post(keys::revoke),
        )
        .route(
            "/v1/service-accounts/{id}/client-secret",
            post(client_secret::rotate),
        )
        .route("/v1/audit", get(audit::list))
        .route("/v1/changes", get(changes::list))
        .route("/v1/settings", get(settings::get).patch(settings::patch))
        .route("/v1/settings/schema", get(settings::schema))
        .route("/v1/settings/versions", get(settings::versions))
        .route("/v1/settings/versions/{n}", get(settings::version))
        .route("/v1/settings/versions/{n}/restore", post(settings::restore));
    if allow_test_mutations {
        router.route("/v1/test/mutations", post(test_mutations::apply))
    } else {
        router
    }
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
