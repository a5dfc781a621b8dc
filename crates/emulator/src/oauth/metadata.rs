use axum::extract::State;
use axum::Json;
use serde_json::{json, Value};

use super::{id_token, SUPPORTED_SCOPES};
use crate::AppState;

/// RFC 8414 authorization server metadata. `issuer` is byte-for-byte the `iss` we send back.
pub async fn oauth_metadata(State(state): State<AppState>) -> Json<Value> {
    Json(metadata(&state))
}

/// OpenID Connect Discovery §3: the same document, which has every field OIDC requires, so
/// either discovery path finds the same OpenID Provider.
pub async fn openid_configuration(State(state): State<AppState>) -> Json<Value> {
    Json(metadata(&state))
}

fn metadata(state: &AppState) -> Value {
    let issuer = &state.issuer;
    json!({
        "issuer": issuer,
        "authorization_endpoint": format!("{issuer}/oauth/authorize"),
        "token_endpoint": format!("{issuer}/oauth/token"),
        "jwks_uri": format!("{issuer}/oauth/jwks"),
        "userinfo_endpoint": format!("{issuer}/oauth/userinfo"),
        "revocation_endpoint": format!("{issuer}/oauth/revoke"),
        "introspection_endpoint": format!("{issuer}/oauth/introspect"),
        "response_types_supported": ["code"],
        "response_modes_supported": ["query"],
        "grant_types_supported": ["authorization_code", "refresh_token", "client_credentials"],
        "code_challenge_methods_supported": ["S256"],
        "token_endpoint_auth_methods_supported": ["none", "client_secret_basic", "client_secret_post"],
        "revocation_endpoint_auth_methods_supported": ["none", "client_secret_basic", "client_secret_post"],
        "introspection_endpoint_auth_methods_supported": ["client_secret_basic", "client_secret_post"],
        "scopes_supported": SUPPORTED_SCOPES,
        "authorization_response_iss_parameter_supported": true,
        // OIDC Discovery §3 (REQUIRED for an OpenID Provider): every person has one `sub` for
        // every client ("public"), and ID tokens are signed with the one key at jwks_uri.
        "subject_types_supported": ["public"],
        "id_token_signing_alg_values_supported": [id_token::ALG],
        "claims_supported": [
            "iss", "sub", "aud", "exp", "iat", "auth_time", "nonce", "name", "email"
        ],
        "prompt_values_supported": ["none", "login", "consent"],
        "claims_parameter_supported": false,
        "request_parameter_supported": false,
        "request_uri_parameter_supported": false,
    })
}
