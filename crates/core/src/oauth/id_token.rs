//! OpenID Connect ID token validation (OIDC Core §3.1.3.7), with the `openidconnect` crate
//! rather than hand-written JOSE: signature against the provider's `jwks_uri` keys, an
//! allow-list of asymmetric algorithms (never `none`, never a shared-secret HMAC), `iss`, `aud`
//! (and `azp` when there are several audiences), `exp`, and the `nonce` this sign-in sent.
//!
//! The ID token itself is never kept: it is validated as soon as the code exchange returns it
//! and only what the console needs afterwards (who signed in, and when) stays, in memory. The
//! keyring holds only the access and refresh tokens, and nothing here reaches the disk.

use openidconnect::core::{
    CoreIdToken, CoreIdTokenVerifier, CoreJsonWebKeySet, CoreJwsSigningAlgorithm,
};
use openidconnect::{ClientId, IssuerUrl, JsonWebKeySetUrl, Nonce};

use super::discovery::Metadata;
use crate::{Error, Result};

/// The signature algorithms accepted: the asymmetric ones a provider publishes keys for.
/// `none` is refused (anyone could write the token), and so are HS* (a public client has no
/// secret to check them with, and a provider's public key must never double as an HMAC key).
pub const ALLOWED_ALGS: [CoreJwsSigningAlgorithm; 7] = [
    CoreJwsSigningAlgorithm::RsaSsaPkcs1V15Sha256,
    CoreJwsSigningAlgorithm::RsaSsaPkcs1V15Sha384,
    CoreJwsSigningAlgorithm::RsaSsaPkcs1V15Sha512,
    CoreJwsSigningAlgorithm::RsaSsaPssSha256,
    CoreJwsSigningAlgorithm::EcdsaP256Sha256,
    CoreJwsSigningAlgorithm::EcdsaP384Sha384,
    CoreJwsSigningAlgorithm::EdDsa,
];

/// What a validated ID token says, kept in memory for the rest of the sign-in.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct VerifiedIdentity {
    /// The provider's identifier of the person (`sub`).
    pub subject: String,
    /// When the person authenticated (`auth_time`), if the provider said.
    pub auth_time: Option<i64>,
}

/// What this sign-in expects of the ID token.
pub struct Expected<'a> {
    pub issuer: &'a str,
    pub client_id: &'a str,
    pub nonce: &'a Nonce,
}

fn refused(why: impl std::fmt::Display) -> Error {
    Error::AuthFailed(format!(
        "the server's ID token was refused ({why}); nothing was signed in. Try again, and if it \
         keeps failing ask the server's administrator to check its OpenID Connect setup"
    ))
}

/// The error and its causes: openidconnect's top-level message ("Signature verification
/// failed") says what failed, its source says why ("unsupported algorithm none").
fn with_causes(e: &dyn std::error::Error) -> String {
    let mut text = e.to_string();
    let mut source = e.source();
    while let Some(cause) = source {
        text.push_str(": ");
        text.push_str(&cause.to_string());
        source = cause.source();
    }
    text
}

/// Fetches the provider's signing keys from `jwks_uri` (already checked by discovery to be
/// https or on this machine).
pub async fn fetch_keys(metadata: &Metadata, http: &reqwest::Client) -> Result<CoreJsonWebKeySet> {
    let uri = metadata.jwks_uri.as_deref().ok_or_else(|| {
        Error::AuthFailed(
            "the server says it is an OpenID Provider but publishes no jwks_uri, so its ID \
             tokens cannot be checked; ask its administrator to fix its discovery document"
                .into(),
        )
    })?;
    let url = JsonWebKeySetUrl::new(uri.to_string())
        .map_err(|e| Error::AuthFailed(format!("the server's jwks_uri is not a URL ({e})")))?;
    CoreJsonWebKeySet::fetch_async(&url, http)
        .await
        .map_err(|e| {
            Error::AuthFailed(format!(
                "the server's signing keys at {uri} could not be read ({e})"
            ))
        })
}

/// Validates `raw` against `keys`. `now` is injectable so that expiry is testable; sign-in
/// passes the wall clock.
pub fn validate(
    raw: &str,
    keys: CoreJsonWebKeySet,
    expected: &Expected<'_>,
    now: impl Fn() -> chrono::DateTime<chrono::Utc> + Send + Sync,
) -> Result<VerifiedIdentity> {
    let token: CoreIdToken = raw
        .parse()
        .map_err(|e| refused(format!("it is not a well-formed JWT: {e}")))?;
    let issuer = IssuerUrl::new(expected.issuer.to_string())
        .map_err(|e| refused(format!("the issuer is not a URL: {e}")))?;
    let verifier = CoreIdTokenVerifier::new_public_client(
        ClientId::new(expected.client_id.into()),
        issuer,
        keys,
    )
    .set_allowed_algs(ALLOWED_ALGS)
    .set_time_fn(now);
    let claims = token
        .claims(&verifier, expected.nonce)
        .map_err(|e| refused(with_causes(&e)))?;
    Ok(VerifiedIdentity {
        subject: claims.subject().as_str().to_string(),
        auth_time: claims.auth_time().map(|t| t.timestamp()),
    })
}

/// After sign-in, the person `/v1/me` describes must be the one the ID token names: otherwise
/// the access token and the ID token describe different people (a mixed-up or substituted
/// token), and the sign-in is undone. Plain OAuth2 servers have no ID token: nothing to check.
pub async fn check_same_person(
    session: &crate::session::Session,
    identity: Option<&VerifiedIdentity>,
    me: &console_api::Me,
) -> Result<()> {
    let Some(identity) = identity else {
        return Ok(());
    };
    if identity.subject == me.user_id {
        return Ok(());
    }
    // Revoke and forget the tokens: no one may keep using a sign-in whose identity is in doubt.
    if let Err(e) = session.sign_out().await {
        tracing::warn!("could not end the mismatched sign-in cleanly: {e}");
    }
    Err(Error::AuthFailed(format!(
        "the server's ID token names a different person ('{}') than the API does ('{}'), so the \
         sign-in was undone. Sign in again; if this repeats, the server is misconfigured",
        identity.subject, me.user_id
    )))
}

#[cfg(test)]
#[path = "id_token_tests.rs"]
mod tests;
