//! RFC 7009 revocation and RFC 7662 introspection.

use std::sync::atomic::Ordering;

use axum::extract::State;
use axum::http::{HeaderMap, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::{Form, Json};
use console_api::{UserKind, UserStatus};
use serde::Deserialize;
use serde_json::json;

use super::client_auth::{self, BodyCredentials};
use super::resource;
use crate::crypto;
use crate::error::OAuthError;
use crate::store::tokens::{self, Kind};
use crate::store::users;
use crate::AppState;

#[derive(Deserialize)]
pub struct TokenParam {
    token: Option<String>,
    #[serde(flatten)]
    credentials: BodyCredentials,
}

pub async fn revoke(
    State(state): State<AppState>,
    headers: HeaderMap,
    Form(req): Form<TokenParam>,
) -> Result<Response, OAuthError> {
    let client = client_auth::caller(&state, &headers, &req.credentials).await?;
    let token = req
        .token
        .ok_or_else(|| OAuthError::new("invalid_request", "token is required."))?;
    let hash = crypto::token_hash(&token);
    let now = state.now();
    // Unknown tokens and other clients' tokens still answer 200 (RFC 7009 §2.2), so the
    // endpoint reveals nothing about them.
    if let Some(found) = tokens::find_token(&state.pool, &hash).await? {
        if found.family.client_id == client.client_id {
            match found.kind {
                // Revoking a refresh token ends the whole sign-in, access tokens included.
                Kind::Refresh => tokens::revoke_family(&state.pool, &found.family.id, now).await?,
                Kind::Access => tokens::revoke_token(&state.pool, &hash, now).await?,
            }
            state.stats.revocations.fetch_add(1, Ordering::SeqCst);
        }
    }
    Ok(StatusCode::OK.into_response())
}

/// RFC 7662, for resource servers only: a client registered with a resource (see
/// `clients::set_resource`) learns about tokens of its own organization, and only what it needs
/// to decide (no email, no name). Anything else it asks about, and any token whose holder is
/// suspended or gone, is exactly `{"active":false}`, so the answer reveals nothing.
pub async fn introspect(
    State(state): State<AppState>,
    headers: HeaderMap,
    Form(req): Form<TokenParam>,
) -> Result<Response, OAuthError> {
    let client = client_auth::caller(&state, &headers, &req.credentials).await?;
    if client.is_public() {
        return Err(OAuthError::new(
            "invalid_client",
            "Introspection needs an authenticated (confidential) client.",
        ));
    }
    if client.resource.is_none() {
        let mut refused = OAuthError::new(
            "unauthorized_client",
            "Only a client registered as a resource server may introspect tokens; this one is \
             not. Ask the platform operator to register it as one.",
        );
        refused.status = StatusCode::FORBIDDEN;
        return Err(refused);
    }
    let inactive = || Json(json!({"active": false})).into_response();
    let Some(token) = req.token else {
        return Ok(inactive());
    };
    let now = state.now();
    let Some(found) = tokens::find_token(&state.pool, &crypto::token_hash(&token)).await? else {
        return Ok(inactive());
    };
    if !found.is_active(now) {
        return Ok(inactive());
    }
    let holder = users::find(&state.pool, &found.family.user_id).await?;
    let Some(holder) =
        holder.filter(|u| u.status == UserStatus::Active && u.org_id == client.org_id)
    else {
        return Ok(inactive());
    };
    let Some((sub, act)) = delegation(&state, &found.family, holder).await? else {
        return Ok(inactive());
    };
    let aud = found
        .family
        .audience
        .clone()
        .unwrap_or_else(|| resource::admin_api(&state).to_string());
    let mut answer = json!({
        "active": true,
        "scope": found.scope(),
        "client_id": found.family.client_id,
        "sub": sub,
        "aud": aud,
        "token_type": if found.kind == Kind::Access { "Bearer" } else { "refresh_token" },
        "exp": found.expires_at,
        "iat": found.issued_at,
    });
    if let Some(actor) = act {
        // RFC 8693 §4.1: the subject is whom the token acts for, `act` who acts.
        answer["act"] = json!({ "sub": actor });
    }
    Ok(Json(answer).into_response())
}

/// The token's subject and actor (RFC 8693): a delegated token's subject is its holder, acted
/// for by the family's actor; a service account acting for a provider has the provider as its
/// subject. `None` when the actor or the provider may no longer act (the token does nothing).
async fn delegation(
    state: &AppState,
    family: &tokens::Family,
    holder: users::Person,
) -> Result<Option<(String, Option<String>)>, OAuthError> {
    let active_in_org = |p: &Option<users::Person>| {
        p.as_ref()
            .is_some_and(|p| p.status == UserStatus::Active && p.org_id == holder.org_id)
    };
    if let Some(actor) = &family.actor_id {
        let found = users::find(&state.pool, actor).await?;
        return Ok(active_in_org(&found).then(|| (holder.id.clone(), Some(actor.clone()))));
    }
    if holder.kind != UserKind::ServiceAccount {
        return Ok(Some((holder.id, None)));
    }
    let provider: Option<Option<String>> =
        sqlx::query_scalar("SELECT acts_for_id FROM service_accounts WHERE id = ?")
            .bind(&holder.id)
            .fetch_optional(&state.pool)
            .await?;
    let Some(provider) = provider.flatten() else {
        return Ok(Some((holder.id, None)));
    };
    let found = users::find(&state.pool, &provider).await?;
    Ok(active_in_org(&found).then(|| (provider, Some(holder.id.clone()))))
}
