use std::net::SocketAddr;

use axum::extract::{ConnectInfo, FromRequestParts};
use axum::http::request::Parts;
use axum::http::HeaderName;
use console_api::{ProblemCode, UserStatus};

use super::on_behalf;
use crate::clock::rfc3339;
use crate::crypto;
use crate::error::ApiError;
use crate::store::keys;
use crate::store::tokens::{self, Kind};
use crate::store::users::{self, Person};
use crate::{apikey, AppState};

/// The identity behind a valid credential: an OAuth2 access token, or a service account's API
/// key (`Authorization: Bearer acx_…`, or `X-API-Key: acx_…`). When the credential acts for
/// someone (a delegated token, a service account acting for its provider), the person is the
/// subject and `Person::on_behalf` names the actor (see `on_behalf`).
pub struct Caller(pub Person);

const X_API_KEY: HeaderName = HeaderName::from_static("x-api-key");

impl FromRequestParts<AppState> for Caller {
    type Rejection = ApiError;

    async fn from_request_parts(
        parts: &mut Parts,
        state: &AppState,
    ) -> Result<Self, Self::Rejection> {
        let authorization = parts
            .headers
            .get(axum::http::header::AUTHORIZATION)
            .and_then(|v| v.to_str().ok());
        let api_key = parts.headers.get(X_API_KEY).and_then(|v| v.to_str().ok());
        let token = match (authorization, api_key) {
            (Some(header), _) => header.strip_prefix("Bearer ").ok_or_else(|| {
                ApiError::invalid_token("The Authorization header must use the Bearer scheme.")
            })?,
            (None, Some(key)) => return keyed(parts, state, key.trim()).await,
            (None, None) => {
                return Err(ApiError::invalid_token(
                    "Send an access token or an API key: Authorization: Bearer <credential> (or an API key in X-API-Key).",
                ))
            }
        };
        let token = token.trim();
        if apikey::looks_like_key(token) {
            return keyed(parts, state, token).await;
        }
        let found = tokens::find_token(&state.pool, &crypto::token_hash(token)).await?;
        if let Some(ended) = found.as_ref().filter(|t| !t.is_active(state.now())) {
            if ended.family.actor_id.is_some() {
                // Said apart from an expired sign-in: the console returns to the owner's own
                // session here, it does not ask for a new sign-in.
                return Err(ApiError::invalid_token(
                    "The time acting for someone has ended (its window closed, or it was \
                     stopped): this delegated token no longer works. Return to your own \
                     sign-in.",
                ));
            }
        }
        let found = found
            .filter(|t| t.kind == Kind::Access && t.is_active(state.now()))
            .ok_or_else(|| {
                ApiError::invalid_token(
                    "The access token is expired, revoked or unknown. Sign in again.",
                )
            })?;
        super::audience::check(state, &found)?;
        let user = users::find(&state.pool, &found.family.user_id)
            .await?
            .filter(|u| u.status == UserStatus::Active)
            .ok_or_else(|| {
                ApiError::invalid_token("The account behind this token is no longer active.")
            })?;
        let user = match &found.family.actor_id {
            Some(actor) => on_behalf::delegated(state, &found.family, actor, user).await?,
            None => on_behalf::service_account(state, user).await?,
        };
        Ok(Caller(user))
    }
}

/// An API key's caller: its account, or the provider the account acts for.
async fn keyed(parts: &Parts, state: &AppState, key: &str) -> Result<Caller, ApiError> {
    let account = by_key(parts, state, key).await?;
    Ok(Caller(on_behalf::service_account(state, account).await?))
}

/// The service account behind an API key. A key that fails its checksum is refused before any
/// lookup; a stored key is found by its id and compared by hash in constant time. Why a key
/// fails is said in this order: revoked, disabled (the key, or its whole account), expired.
/// A use that succeeds is recorded with the platform's time and the caller's address.
async fn by_key(parts: &Parts, state: &AppState, key: &str) -> Result<Person, ApiError> {
    let invalid = |detail: &str| ApiError::key_refused(ProblemCode::KeyInvalid, detail);
    let key_id = apikey::parse(key).ok_or_else(|| {
        invalid(
            "This is not an API key of this platform: its format or checksum is wrong. Keys \
             look like acx_test_<id>_<secret>_<checksum>; copy the whole key.",
        )
    })?;
    let mut conn = state.pool.acquire().await?;
    let stored = keys::find(&mut conn, &keys::id_of(key_id)).await?;
    drop(conn);
    let stored = stored
        .filter(|k| crypto::hashes_equal(&k.key_hash, &crypto::token_hash(key)))
        .ok_or_else(|| invalid("This API key is not known to this platform."))?;
    let now = state.now();
    let refused = |code, detail: String| ApiError::key_refused(code, detail);
    if stored.revoked {
        return Err(refused(
            ProblemCode::KeyRevoked,
            format!(
                "The API key {} was revoked. Ask an owner for a new key.",
                stored.prefix
            ),
        ));
    }
    if stored.disabled {
        return Err(refused(
            ProblemCode::KeyDisabled,
            format!(
                "The API key {} is disabled. An owner can enable it again.",
                stored.prefix
            ),
        ));
    }
    let account = users::find(&state.pool, &stored.account_id)
        .await?
        .ok_or_else(|| invalid("This API key is not known to this platform."))?;
    if account.status != UserStatus::Active {
        return Err(refused(
            ProblemCode::KeyDisabled,
            format!(
                "The service account {} is disabled, so none of its keys work. An owner can \
                 enable the account again.",
                account.display_name
            ),
        ));
    }
    if stored.expires_at <= now {
        return Err(refused(
            ProblemCode::KeyExpired,
            format!(
                "The API key {} expired at {}. Use its replacement or ask an owner for a new key.",
                stored.prefix,
                rfc3339(stored.expires_at)
            ),
        ));
    }
    let from = parts
        .extensions
        .get::<ConnectInfo<SocketAddr>>()
        .map(|ConnectInfo(addr)| addr.ip().to_string());
    keys::mark_used(&state.pool, &stored.id, now, from.as_deref()).await?;
    Ok(account)
}
