use axum::http::{header, HeaderValue};
use axum::response::{IntoResponse, Response};
use axum::Json;
use serde::Serialize;

use crate::crypto;
use crate::store::tokens::{self, Kind};
use crate::{AppState, Result};

#[derive(Serialize)]
struct TokenResponse {
    access_token: String,
    token_type: &'static str,
    expires_in: i64,
    #[serde(skip_serializing_if = "Option::is_none")]
    refresh_token: Option<String>,
    scope: String,
    /// OIDC: present when the code exchange was for the `openid` scope.
    #[serde(skip_serializing_if = "Option::is_none")]
    id_token: Option<String>,
}

/// Issues an access token, plus a refresh token when `offline_access` was granted, in a family.
pub async fn tokens_for(
    state: &AppState,
    family_id: &str,
    scope: &str,
    with_refresh: bool,
) -> Result<Response> {
    tokens_with_id(state, family_id, scope, with_refresh, None).await
}

/// [`tokens_for`], plus an OIDC ID token in the response when one is given.
pub async fn tokens_with_id(
    state: &AppState,
    family_id: &str,
    scope: &str,
    with_refresh: bool,
    id_token: Option<String>,
) -> Result<Response> {
    let now = state.now();
    let ttl = state.config.access_token_ttl_secs;
    let access = crypto::random_token("at_");
    tokens::insert_token(
        &state.pool,
        &crypto::token_hash(&access),
        Kind::Access,
        family_id,
        now,
        now + ttl,
    )
    .await?;
    tokens::set_token_scope(&state.pool, &crypto::token_hash(&access), scope).await?;
    let refresh = if with_refresh && scope.split_whitespace().any(|s| s == "offline_access") {
        let refresh = crypto::random_token("rt_");
        let family_expiry =
            sqlx::query_scalar::<_, i64>("SELECT expires_at FROM token_families WHERE id = ?")
                .bind(family_id)
                .fetch_one(&state.pool)
                .await?;
        tokens::insert_token(
            &state.pool,
            &crypto::token_hash(&refresh),
            Kind::Refresh,
            family_id,
            now,
            family_expiry,
        )
        .await?;
        Some(refresh)
    } else {
        None
    };
    let mut response = Json(TokenResponse {
        access_token: access,
        token_type: "Bearer",
        expires_in: ttl,
        refresh_token: refresh,
        scope: scope.to_string(),
        id_token,
    })
    .into_response();
    response
        .headers_mut()
        .insert(header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
    Ok(response)
}
