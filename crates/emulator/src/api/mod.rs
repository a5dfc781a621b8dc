//! Admin API v1. Errors are RFC 9457 problem+json.

mod account_access;
mod accounts;
mod acting;
mod audience;
mod audit;
mod auth;
mod changes;
mod client_secret;
mod etag;
mod extract;
mod invitations;
mod keys;
mod me;
mod mfa;
mod mutation;
mod on_behalf;
mod params;
mod password_reset;
mod people;
pub(crate) mod permissions;
pub(crate) mod request_id;
mod role_catalog;
mod roles;
mod scope;
mod seal;
mod settings;
pub(crate) mod step_up;
mod test_mutations;
mod users;

pub use request_id::layer as request_id_layer;
pub(crate) use request_id::RequestId;

use axum::Router;

use crate::AppState;

/// Every resource's own `router()`, merged: a new resource is one module and one line here.
/// `allow_test_mutations` adds `POST /v1/test/mutations`; without it the route does not exist
/// at all (404), so a production-like emulator cannot be scrambled by a stray request.
pub fn router(allow_test_mutations: bool) -> Router<AppState> {
    let router = Router::new()
        .merge(me::router())
        .merge(acting::router())
        .merge(seal::router())
        .merge(users::router())
        .merge(people::router())
        .merge(mfa::router())
        .merge(role_catalog::router())
        .merge(roles::router())
        .merge(invitations::router())
        .merge(password_reset::router())
        .merge(accounts::router())
        .merge(keys::router())
        .merge(client_secret::router())
        .merge(audit::router())
        .merge(changes::router())
        .merge(settings::router());
    if allow_test_mutations {
        router.merge(test_mutations::router())
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
