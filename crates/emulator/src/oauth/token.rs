//! `/oauth/token`: authorization_code (with PKCE), refresh_token (rotating, reuse detection)
//! and client_credentials.

use std::sync::atomic::Ordering;

use axum::extract::State;
use axum::http::HeaderMap;
use axum::response::Response;
use axum::Form;
use console_api::UserStatus;
use serde::Deserialize;

use super::client_auth::{self, BodyCredentials};
use super::{issue, resource};
use crate::crypto;
use crate::error::OAuthError;
use crate::store::clients::Client;
use crate::store::tokens::{self, Kind};
use crate::AppState;

#[derive(Deserialize)]
pub struct TokenRequest {
    grant_type: Option<String>,
    code: Option<String>,
    redirect_uri: Option<String>,
    code_verifier: Option<String>,
    refresh_token: Option<String>,
    scope: Option<String>,
    #[serde(flatten)]
    credentials: BodyCredentials,
    /// RFC 8707 resource indicator: the audience asked for.
    resource: Option<String>,
}

pub async fn token(
    State(state): State<AppState>,
    headers: HeaderMap,
    Form(req): Form<TokenRequest>,
) -> Result<Response, OAuthError> {
    let client = client_auth::caller(&state, &headers, &req.credentials).await?;
    match req.grant_type.as_deref() {
        Some("authorization_code") => authorization_code(&state, &client, req).await,
        Some("refresh_token") => refresh(&state, &client, req).await,
        Some("client_credentials") => client_credentials(&state, &client, req).await,
        Some(other) => Err(OAuthError::new(
            "unsupported_grant_type",
            format!("The grant type '{other}' is not supported."),
        )),
        None => Err(OAuthError::new(
            "invalid_request",
            "grant_type is required.",
        )),
    }
}

fn invalid_grant(why: &str) -> OAuthError {
    OAuthError::new("invalid_grant", why)
}

async fn authorization_code(
    state: &AppState,
    client: &Client,
    req: TokenRequest,
) -> Result<Response, OAuthError> {
    let now = state.now();
    let code = req
        .code
        .ok_or_else(|| OAuthError::new("invalid_request", "code is required."))?;
    let hash = crypto::token_hash(&code);
    let found = tokens::find_code(&state.pool, &hash)
        .await?
        .ok_or_else(|| invalid_grant("Unknown authorization code."))?;
    if found.family.client_id != client.client_id {
        return Err(invalid_grant("The code was issued to another client."));
    }
    if found.used_at.is_some() || !tokens::use_code(&state.pool, &hash, now).await? {
        // RFC 6749 §4.1.2: a replayed code revokes what it issued.
        tokens::revoke_family(&state.pool, &found.family.id, now).await?;
        return Err(invalid_grant(
            "The code was already used; the tokens it issued are revoked.",
        ));
    }
    if found.expires_at <= now {
        return Err(invalid_grant("The code has expired; sign in again."));
    }
    resource::check_same(
        state,
        found.family.audience.as_deref(),
        req.resource.as_deref(),
    )?;
    if req.redirect_uri.as_deref() != Some(found.redirect_uri.as_str()) {
        return Err(invalid_grant(
            "redirect_uri does not match the authorization request.",
        ));
    }
    if !found.code_challenge.is_empty() || client.is_public() {
        let verifier = req.code_verifier.ok_or_else(|| {
            OAuthError::new("invalid_request", "code_verifier is required (PKCE).")
        })?;
        if !crypto::valid_verifier(&verifier)
            || !crypto::pkce_matches(&verifier, &found.code_challenge)
        {
            return Err(invalid_grant(
                "The PKCE code_verifier does not match the code_challenge.",
            ));
        }
    }
    tokens::carry_auth_time(&state.pool, &found).await?;
    state.stats.code_grants.fetch_add(1, Ordering::SeqCst);
    // OIDC Core §3.1.3.3: with `openid`, the code exchange also returns an ID token.
    let nonce = crate::store::nonces::of_code(&state.pool, &hash).await?;
    let id_token =
        super::id_token::for_code(state, &found.family, found.auth_time, nonce.as_deref())?;
    let family = &found.family;
    Ok(issue::tokens_with_id(state, &family.id, &family.scope, true, id_token).await?)
}

async fn refresh(
    state: &AppState,
    client: &Client,
    req: TokenRequest,
) -> Result<Response, OAuthError> {
    let now = state.now();
    let presented = req
        .refresh_token
        .ok_or_else(|| OAuthError::new("invalid_request", "refresh_token is required."))?;
    let hash = crypto::token_hash(&presented);
    let token = tokens::find_token(&state.pool, &hash)
        .await?
        .filter(|t| t.kind == Kind::Refresh)
        .ok_or_else(|| invalid_grant("Unknown refresh token."))?;
    if token.family.client_id != client.client_id {
        return Err(invalid_grant(
            "The refresh token was issued to another client.",
        ));
    }
    holder_still_allowed(state, &token.family, now).await?;
    resource::check_same(
        state,
        token.family.audience.as_deref(),
        req.resource.as_deref(),
    )?;
    if token.used_at.is_some()
        || (token.is_active(now) && !tokens::use_refresh(&state.pool, &hash, now).await?)
    {
        // Reuse of a rotated refresh token means it leaked: revoke the whole family.
        tokens::revoke_family(&state.pool, &token.family.id, now).await?;
        return Err(invalid_grant(
            "The refresh token was already used; this sign-in is revoked. Sign in again.",
        ));
    }
    if !token.is_active(now) {
        return Err(invalid_grant(
            "The refresh token has expired or was revoked; sign in again.",
        ));
    }
    let scope = match req.scope.as_deref() {
        Some(asked) => {
            let granted: Vec<&str> = token.family.scope.split_whitespace().collect();
            if let Some(extra) = asked.split_whitespace().find(|s| !granted.contains(s)) {
                return Err(OAuthError::new(
                    "invalid_scope",
                    format!("The scope '{extra}' was not granted."),
                ));
            }
            asked.to_string()
        }
        None => token.family.scope.clone(),
    };
    state.stats.refresh_grants.fetch_add(1, Ordering::SeqCst);
    Ok(issue::tokens_for(state, &token.family.id, &scope, true).await?)
}

async fn client_credentials(
    state: &AppState,
    client: &Client,
    req: TokenRequest,
) -> Result<Response, OAuthError> {
    if client.is_public() {
        return Err(OAuthError::new(
            "unauthorized_client",
            "Public clients cannot use client_credentials.",
        ));
    }
    let account = client.service_account_id.as_deref().ok_or_else(|| {
        OAuthError::new(
            "unauthorized_client",
            "This client has no service account to act as.",
        )
    })?;
    // A disabled account (its user suspended) gets no new tokens, as its keys get no access.
    let active = crate::store::users::find(&state.pool, account)
        .await?
        .is_some_and(|u| u.status == UserStatus::Active);
    if !active {
        return Err(OAuthError::new(
            "unauthorized_client",
            "The service account of this client is disabled; an owner can enable it again.",
        ));
    }
    let scope = req.scope.unwrap_or_else(|| "console".into());
    if let Some(bad) = scope
        .split_whitespace()
        .find(|s| !client.allows_scope(s) || *s == "offline_access")
    {
        return Err(OAuthError::new(
            "invalid_scope",
            format!("The scope '{bad}' is not available to this client."),
        ));
    }
    let audience = resource::audience_for(state, client, req.resource.as_deref()).await?;
    let now = state.now();
    let family = tokens::new_family(
        &state.pool,
        &client.client_id,
        account,
        &scope,
        now,
        now + state.config.access_token_ttl_secs,
        None, // no person typed a password: service accounts cannot step up
    )
    .await?;
    if let Some(audience) = &audience {
        tokens::set_audience(&state.pool, &family, audience).await?;
    }
    Ok(issue::tokens_for(state, &family, &scope, false).await?)
}

/// A refresh is a new decision to let the person in, so it asks again whether they may sign
/// in at all: still there, in the client's organization, and active. Otherwise the sign-in
/// ends here (its family revoked). Losing the last console role revokes the family at the
/// change itself (`store::roles::set_roles`); a person who never had one may still sign in, to
/// be told so by `/v1/me`, which is why rights are not re-derived here.
async fn holder_still_allowed(
    state: &AppState,
    family: &tokens::Family,
    now: i64,
) -> Result<(), OAuthError> {
    let user = crate::store::users::find(&state.pool, &family.user_id).await?;
    let client = crate::store::clients::find(&state.pool, &family.client_id).await?;
    let allowed = match (&user, &client) {
        (Some(u), Some(c)) => u.status == UserStatus::Active && u.org_id == c.org_id,
        _ => false,
    };
    if allowed {
        return Ok(());
    }
    tokens::revoke_family(&state.pool, &family.id, now).await?;
    Err(invalid_grant(
        "The account behind this sign-in is suspended or no longer exists, so it cannot be \
         renewed. An organization owner can reactivate the account; then sign in again.",
    ))
}
