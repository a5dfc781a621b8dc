//! Client authentication at the token, revocation and introspection endpoints.

use axum::http::HeaderMap;
use base64::engine::general_purpose::STANDARD;
use base64::Engine;
use serde::Deserialize;

use crate::crypto;
use crate::error::OAuthError;
use crate::store::clients::{self, Client};
use crate::AppState;

/// Credentials as presented: HTTP Basic (RFC 6749 §2.3.1, form-urlencoded parts) or the body.
pub fn presented(
    headers: &HeaderMap,
    body_id: Option<&str>,
    body_secret: Option<&str>,
) -> Result<(Option<String>, Option<String>), OAuthError> {
    if let Some(value) = headers.get(axum::http::header::AUTHORIZATION) {
        let value = value.to_str().unwrap_or_default();
        if let Some(b64) = value.strip_prefix("Basic ") {
            let decoded = STANDARD
                .decode(b64.trim())
                .ok()
                .and_then(|b| String::from_utf8(b).ok())
                .ok_or_else(|| OAuthError::new("invalid_client", "Malformed Basic credentials."))?;
            let (id, secret) = decoded
                .split_once(':')
                .ok_or_else(|| OAuthError::new("invalid_client", "Malformed Basic credentials."))?;
            let unescape = |s: &str| {
                url::form_urlencoded::parse(format!("x={s}").as_bytes())
                    .next()
                    .map(|(_, v)| v.into_owned())
                    .unwrap_or_default()
            };
            return Ok((Some(unescape(id)), Some(unescape(secret))));
        }
    }
    Ok((body_id.map(str::to_string), body_secret.map(str::to_string)))
}

/// Authenticates the calling client. Public clients identify themselves by id only;
/// confidential clients must present their secret.
pub async fn authenticate(
    state: &AppState,
    client_id: Option<String>,
    secret: Option<String>,
) -> Result<Client, OAuthError> {
    let client_id = client_id
        .ok_or_else(|| OAuthError::new("invalid_client", "Client authentication is required."))?;
    let client = clients::find(&state.pool, &client_id)
        .await?
        .ok_or_else(|| OAuthError::new("invalid_client", "Unknown client."))?;
    match (&client.secret_hash, secret) {
        (None, None) => Ok(client),
        (None, Some(_)) => Err(OAuthError::new(
            "invalid_client",
            "This is a public client; it has no secret.",
        )),
        (Some(_), None) => Err(OAuthError::new(
            "invalid_client",
            "This client must authenticate with its secret.",
        )),
        (Some(stored), Some(secret)) => {
            if crypto::hashes_equal(stored, &crypto::token_hash(&secret)) {
                Ok(client)
            } else {
                Err(OAuthError::new("invalid_client", "Wrong client secret."))
            }
        }
    }
}

/// The client credentials a form may carry (RFC 6749 §2.3.1), flattened into the form of each
/// endpoint that authenticates clients.
#[derive(Deserialize)]
pub struct BodyCredentials {
    client_id: Option<String>,
    client_secret: Option<String>,
}

/// The calling client, from whichever credentials it presented (header or body).
pub async fn caller(
    state: &AppState,
    headers: &HeaderMap,
    body: &BodyCredentials,
) -> Result<Client, OAuthError> {
    let body_id = body.client_id.as_deref();
    let (id, secret) = presented(headers, body_id, body.client_secret.as_deref())?;
    authenticate(state, id, secret).await
}
