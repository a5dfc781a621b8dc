//! The OAuth2 authorization server: discovery, authorize (sign-in form), token, revocation and
//! introspection.

mod authorize;
mod client_auth;
mod issue;
mod metadata;
mod pages;
mod redirect;
pub(crate) mod resource;
mod revoke;
mod throttle;
mod token;

use axum::routing::{get, post};
use axum::Router;

use crate::AppState;

pub use authorize::purge_pending;

pub const SUPPORTED_SCOPES: &[&str] = &["console", "offline_access", "profile", "email"];

pub fn router() -> Router<AppState> {
    Router::new()
        .route(
            "/.well-known/oauth-authorization-server",
            get(metadata::oauth_metadata),
        )
        .route(
            "/.well-known/openid-configuration",
            get(metadata::openid_configuration),
        )
        .route(
            "/oauth/authorize",
            get(authorize::show_form).post(authorize::submit_form),
        )
        .route("/oauth/token", post(token::token))
        .route("/oauth/revoke", post(revoke::revoke))
        .route("/oauth/introspect", post(revoke::introspect))
}
