use axum::extract::FromRequestParts;
use axum::http::request::Parts;

use crate::crypto;
use crate::error::ApiError;
use crate::store::tokens::{self, Kind};
use crate::store::users::{self, User};
use crate::AppState;

/// The identity behind a valid bearer access token.
pub struct Caller(pub User);

impl FromRequestParts<AppState> for Caller {
    type Rejection = ApiError;

    async fn from_request_parts(
        parts: &mut Parts,
        state: &AppState,
    ) -> Result<Self, Self::Rejection> {
        let header = parts
            .headers
            .get(axum::http::header::AUTHORIZATION)
            .and_then(|v| v.to_str().ok())
            .ok_or_else(|| {
                ApiError::invalid_token("Send an access token: Authorization: Bearer <token>.")
            })?;
        let token = header.strip_prefix("Bearer ").ok_or_else(|| {
            ApiError::invalid_token("The Authorization header must use the Bearer scheme.")
        })?;
        let found = tokens::find_token(&state.pool, &crypto::token_hash(token.trim())).await?;
        let found = found
            .filter(|t| t.kind == Kind::Access && t.is_active(state.now()))
            .ok_or_else(|| {
                ApiError::invalid_token(
                    "The access token is expired, revoked or unknown. Sign in again.",
                )
            })?;
        let user = users::find(&state.pool, &found.family.user_id)
            .await?
            .filter(|u| u.status == "active")
            .ok_or_else(|| {
                ApiError::invalid_token("The account behind this token is no longer active.")
            })?;
        Ok(Caller(user))
    }
}
