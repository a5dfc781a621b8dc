//! The OIDC userinfo endpoint (OIDC Core §5.3): the person behind an access token that was
//! granted `openid`, with the claims its `profile` and `email` scopes release. Errors follow RFC 6750 §3: 401 `invalid_token` for a token that is missing,
//! unknown, expired or revoked, 403 `insufficient_scope` for one without `openid`.

use axum::extract::State;
use axum::http::{header, HeaderMap, HeaderValue, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::Json;
use console_api::UserStatus;
use serde_json::json;

use crate::crypto;
use crate::store::tokens::{self, Kind};
use crate::store::users;
use crate::AppState;

fn refuse(status: StatusCode, challenge: &'static str, description: &str) -> Response {
    let mut response = (
        status,
        Json(json!({"error": challenge.split('"').nth(1), "error_description": description})),
    )
        .into_response();
    response.headers_mut().insert(
        header::WWW_AUTHENTICATE,
        HeaderValue::from_static(challenge),
    );
    response
}

fn invalid_token(description: &str) -> Response {
    refuse(
        StatusCode::UNAUTHORIZED,
        "Bearer error=\"invalid_token\"",
        description,
    )
}

pub async fn userinfo(State(state): State<AppState>, headers: HeaderMap) -> Response {
    let Some(token) = headers
        .get(header::AUTHORIZATION)
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.strip_prefix("Bearer "))
    else {
        return invalid_token("Send the access token as Authorization: Bearer <token>.");
    };
    let now = state.now();
    let found = match tokens::find_token(&state.pool, &crypto::token_hash(token.trim())).await {
        Ok(found) => found,
        Err(e) => {
            tracing::error!("userinfo lookup failed: {e}");
            return (
                StatusCode::INTERNAL_SERVER_ERROR,
                Json(json!({"error": "server_error", "error_description": "The server could not look up the token; try again."})),
            )
                .into_response();
        }
    };
    let Some(token) = found.filter(|t| t.kind == Kind::Access && t.is_active(now)) else {
        return invalid_token("The access token is unknown, expired or revoked; sign in again.");
    };
    if !token.family.scope.split_whitespace().any(|s| s == "openid") {
        return refuse(
            StatusCode::FORBIDDEN,
            "Bearer error=\"insufficient_scope\", scope=\"openid\"",
            "This access token was not granted the openid scope.",
        );
    }
    // The person must still be allowed in: a suspended account answers like a dead token.
    let user = match users::find(&state.pool, &token.family.user_id).await {
        Ok(Some(u)) if u.status == UserStatus::Active => u,
        _ => return invalid_token("The account behind this token is no longer active."),
    };
    // OIDC Core §5.4: `profile` releases the name, `email` the email address.
    let granted = |s: &str| token.family.scope.split_whitespace().any(|g| g == s);
    let mut claims = json!({ "sub": user.id });
    if granted("profile") {
        claims["name"] = json!(user.display_name);
    }
    if granted("email") {
        if let Some(email) = user.email {
            claims["email"] = json!(email);
        }
    }
    let mut response = Json(claims).into_response();
    response
        .headers_mut()
        .insert(header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
    response
}
