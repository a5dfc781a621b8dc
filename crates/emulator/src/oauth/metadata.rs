use axum::extract::State;
use axum::Json;
use serde_json::{json, Value};

use super::SUPPORTED_SCOPES;
use crate::AppState;

/// RFC 8414 authorization server metadata. `issuer` is byte-for-byte the `iss` we send back.
pub async fn oauth_metadata(State(state): State<AppState>) -> Json<Value> {
    Json(metadata(&state))
}

/// Served too so that OIDC-style discovery finds the same server. The emulator issues no ID
/// tokens (the console needs none), so it does not claim the `openid` scope.
pub async fn openid_configuration(State(state): State<AppState>) -> Json<Value> {
    Json(metadata(&state))
}

fn metadata(state: &AppState) -> Value {
    let issuer = &state.issuer;
    json!({
        "issuer": issuer,
        "authorization_endpoint": format!("{issuer}/oauth/authorize"),
        "token_endpoint": format!("{issuer}/oauth/token"),
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
    })
}
