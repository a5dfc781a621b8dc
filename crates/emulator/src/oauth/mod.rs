//! The OAuth2 authorization server and OpenID Provider: discovery, authorize (sign-in form),
//! token (with ID tokens), revocation, introspection, JWKS and userinfo.

mod authorize;
mod client_auth;
mod id_token;
mod issue;
mod metadata;
mod mfa;
mod mfa_pages;
mod oidc_request;
pub(crate) mod pages;
mod redirect;
pub(crate) mod resource;
mod revoke;
mod throttle;
mod token;
pub mod totp;
mod userinfo;

pub use id_token::Signer;

use axum::routing::{get, post};
use axum::Router;

use crate::AppState;

pub use authorize::purge_pending;

pub const SUPPORTED_SCOPES: &[&str] = &["openid", "console", "offline_access", "profile", "email"];

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
        // The second step of a staff sign-in: the authenticator's code (or its enrolment).
        .route("/oauth/authorize/code", post(mfa::submit_code))
        .route("/oauth/token", post(token::token))
        .route("/oauth/revoke", post(revoke::revoke))
        .route("/oauth/introspect", post(revoke::introspect))
        // OpenID Connect: the ID token's signing key, and the person behind an access token.
        .route("/oauth/jwks", get(id_token::jwks))
        .route(
            "/oauth/userinfo",
            get(userinfo::userinfo).post(userinfo::userinfo),
        )
}
