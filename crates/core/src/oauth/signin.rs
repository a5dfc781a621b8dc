//! Authorization code + PKCE through the system browser and a loopback redirect.

use std::sync::Arc;
use std::time::Duration;

use oauth2::{CsrfToken, PkceCodeChallenge, Scope};
use openidconnect::Nonce;
use tokio_util::sync::CancellationToken;

use super::client::OAuthClient;
use super::discovery::Metadata;
use super::id_token::{self, VerifiedIdentity};
use super::loopback::{self, Outcome};
use crate::browser::BrowserOpener;
use crate::profiles::Profile;
use crate::token_store::TokenSet;
use crate::{Error, Result};

pub struct SignInOptions {
    pub opener: Arc<dyn BrowserOpener>,
    pub timeout: Duration,
    pub cancel: CancellationToken,
    /// Ask the server for `prompt=login` (a fresh authentication, whatever single sign-on
    /// session the browser holds): set after a sign-out, see [`super::hygiene`].
    pub prompt_login: bool,
    /// `max_age` (OIDC Core §3.1.2.1, RFC 9470 §4): the oldest authentication the server may
    /// reuse, in seconds; sent for a step-up.
    pub max_age: Option<u64>,
}

/// What a browser sign-in produced: the tokens, and on an OpenID Provider the identity its
/// validated ID token names (the ID token itself is dropped once validated).
#[derive(Debug)]
pub struct SignedIn {
    pub tokens: TokenSet,
    pub identity: Option<VerifiedIdentity>,
}

/// Runs the whole browser sign-in and returns the tokens. `state` and `iss` are checked before
/// any token request, so a forged or mixed-up callback never reaches the token endpoint. On an
/// OpenID Provider it asks for `openid` with a fresh nonce and validates the ID token before
/// the sign-in counts; plain OAuth2 servers are signed in as before, without either.
pub async fn sign_in(
    profile: &Profile,
    metadata: &Metadata,
    http: reqwest::Client,
    options: SignInOptions,
) -> Result<SignedIn> {
    let mut listener = loopback::start().await?;
    let client =
        OAuthClient::new(profile, metadata, http.clone())?.with_redirect(&listener.redirect_uri)?;
    let (challenge, verifier) = PkceCodeChallenge::new_random_sha256();
    let nonce = metadata.is_openid_provider().then(Nonce::new_random);
    let mut request = client
        .inner()
        .authorize_url(CsrfToken::new_random)
        .set_pkce_challenge(challenge)
        .add_scopes(scopes(profile, nonce.is_some()).into_iter().map(Scope::new));
    if let Some(nonce) = &nonce {
        request = request.add_extra_param("nonce", nonce.secret());
    }
    let prompt = prompt(&options, profile, metadata);
    if !prompt.is_empty() {
        request = request.add_extra_param("prompt", prompt);
    }
    if let Some(max_age) = options.max_age {
        request = request.add_extra_param("max_age", max_age.to_string());
    }
    let (url, state) = request.url();
    options.opener.open(url.as_str())?;
    tracing::info!(profile = %profile.name, "waiting for the browser sign-in");

    let callback = tokio::select! {
        cb = listener.callbacks.recv() => cb.ok_or_else(|| Error::Internal("the loopback listener stopped".into()))?,
        _ = tokio::time::sleep(options.timeout) => return Err(Error::Timeout(options.timeout.as_secs().div_ceil(60))),
        _ = options.cancel.cancelled() => return Err(Error::Cancelled),
    };
    let params = &callback.params;
    let checked = check_callback(params, state.secret(), metadata);
    let code = match checked {
        Ok(code) => code,
        Err(e) => {
            let _ = callback.reply.send(Outcome::Failure(e.to_string()));
            return Err(e);
        }
    };
    let exchanged = tokio::select! {
        r = client.exchange_code(code, verifier) => r,
        _ = options.cancel.cancelled() => Err(Error::Cancelled),
    };
    let result = match exchanged {
        Ok((tokens, id_token)) => {
            let checked = match &nonce {
                Some(nonce) => {
                    let expected = id_token::Expected {
                        issuer: &metadata.issuer,
                        client_id: &profile.client_id,
                        nonce,
                    };
                    validate_id_token(id_token, metadata, &http, &expected)
                        .await
                        .map(Some)
                }
                None => Ok(None),
            };
            match checked {
                Ok(identity) => Ok(SignedIn { tokens, identity }),
                Err(e) => {
                    // Tokens from a sign-in that failed its ID token check must not stay valid.
                    if let Err(revoke) = client.revoke_all(&tokens).await {
                        tracing::warn!("could not revoke the refused sign-in's tokens: {revoke}");
                    }
                    Err(e)
                }
            }
        }
        Err(e) => Err(e),
    };
    let _ = callback.reply.send(match &result {
        Ok(_) => Outcome::Success,
        Err(e) => Outcome::Failure(e.to_string()),
    });
    result
}

/// The profile's scopes, with `openid` added first when asking an OpenID Provider for an ID
/// token (OIDC Core §3.1.2.1: without it the request is plain OAuth2).
pub(crate) fn scopes(profile: &Profile, openid: bool) -> Vec<String> {
    let mut scopes = profile.scopes.clone();
    if openid && !scopes.iter().any(|s| s == "openid") {
        scopes.insert(0, "openid".into());
    }
    scopes
}

/// OIDC Core §3.1.3.3: a code exchange for `openid` returns an ID token; it is validated here.
async fn validate_id_token(
    raw: Option<String>,
    metadata: &Metadata,
    http: &reqwest::Client,
    expected: &id_token::Expected<'_>,
) -> Result<VerifiedIdentity> {
    let raw = raw.ok_or_else(|| {
        Error::AuthFailed(
            "the OpenID Provider returned no ID token for the openid scope; nothing was signed in"
                .into(),
        )
    })?;
    let keys = id_token::fetch_keys(metadata, http).await?;
    id_token::validate(&raw, keys, expected, chrono::Utc::now)
}

/// The `prompt` values, space-separated as OIDC Core §3.1.2.1 allows: `login` after a
/// sign-out, and `consent` because OpenID providers grant offline_access (a refresh token)
/// only with explicit consent.
fn prompt(options: &SignInOptions, profile: &Profile, metadata: &Metadata) -> String {
    let mut values = Vec::new();
    if options.prompt_login {
        values.push("login");
    }
    if metadata.is_openid_provider() && profile.scopes.iter().any(|s| s == "offline_access") {
        values.push("consent");
    }
    values.join(" ")
}

/// RFC 6749 §4.1.2 / RFC 9207: the callback must carry our `state`, the right `iss`, and a code.
fn check_callback(
    params: &std::collections::HashMap<String, String>,
    expected_state: &str,
    metadata: &Metadata,
) -> Result<String> {
    if params.get("state").map(String::as_str) != Some(expected_state) {
        return Err(Error::AuthFailed("the browser returned an answer to a different sign-in request (state mismatch); nothing was exchanged".into()));
    }
    match params.get("iss") {
        Some(iss) if iss != &metadata.issuer => {
            return Err(Error::AuthFailed(format!(
                "the answer came from issuer '{iss}', not '{}' (mix-up attack?)",
                metadata.issuer
            )));
        }
        None if metadata.authorization_response_iss_parameter_supported => {
            return Err(Error::AuthFailed(
                "the answer is missing the issuer (iss) the server promised to send".into(),
            ));
        }
        _ => {}
    }
    if let Some(error) = params.get("error") {
        let description = params.get("error_description").cloned().unwrap_or_default();
        if error == "access_denied" {
            return Err(Error::AuthFailed(format!(
                "access was denied in the browser. {description}"
            )));
        }
        return Err(Error::AuthFailed(format!(
            "the server refused the sign-in ({error}): {description}"
        )));
    }
    params
        .get("code")
        .cloned()
        .ok_or_else(|| Error::AuthFailed("the browser returned no authorization code".into()))
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::HashMap;

    fn metadata(iss_supported: bool) -> Metadata {
        serde_json::from_value(serde_json::json!({
            "issuer": "http://127.0.0.1:1",
            "authorization_endpoint": "http://127.0.0.1:1/a",
            "token_endpoint": "http://127.0.0.1:1/t",
            "authorization_response_iss_parameter_supported": iss_supported,
        }))
        .unwrap()
    }

    fn params(pairs: &[(&str, &str)]) -> HashMap<String, String> {
        pairs
            .iter()
            .map(|(k, v)| (k.to_string(), v.to_string()))
            .collect()
    }

    #[test]
    fn callback_is_checked_before_any_token_call() {
        let m = metadata(true);
        let ok = params(&[
            ("state", "s1"),
            ("iss", "http://127.0.0.1:1"),
            ("code", "c"),
        ]);
        assert_eq!(check_callback(&ok, "s1", &m).unwrap(), "c");
        // A different state means the callback belongs to another request (CSRF).
        assert!(check_callback(&ok, "s2", &m).is_err());
        // A different issuer is the mix-up attack RFC 9207 exists for.
        let wrong_iss = params(&[("state", "s1"), ("iss", "http://evil"), ("code", "c")]);
        assert!(check_callback(&wrong_iss, "s1", &m).is_err());
        // Servers that promise iss must send it; others may omit it.
        let no_iss = params(&[("state", "s1"), ("code", "c")]);
        assert!(check_callback(&no_iss, "s1", &m).is_err());
        assert!(check_callback(&no_iss, "s1", &metadata(false)).is_ok());
        let denied = params(&[
            ("state", "s1"),
            ("iss", "http://127.0.0.1:1"),
            ("error", "access_denied"),
        ]);
        assert!(check_callback(&denied, "s1", &m)
            .unwrap_err()
            .to_string()
            .contains("denied"));
    }

    struct NoBrowser;
    impl BrowserOpener for NoBrowser {
        fn open(&self, _url: &str) -> Result<()> {
            Ok(())
        }
    }

    #[test]
    fn prompt_login_and_consent_combine_space_separated() {
        let options = |prompt_login| SignInOptions {
            opener: Arc::new(NoBrowser),
            timeout: Duration::from_secs(1),
            cancel: CancellationToken::new(),
            prompt_login,
            max_age: None,
        };
        let mut profile = crate::profiles::Profile::demo("http://127.0.0.1:1");
        let oauth = metadata(true);
        let mut oidc = metadata(true);
        oidc.scopes_supported = vec!["openid".into()];
        assert_eq!(prompt(&options(false), &profile, &oauth), "");
        assert_eq!(prompt(&options(true), &profile, &oauth), "login");
        assert_eq!(prompt(&options(false), &profile, &oidc), "consent");
        assert_eq!(prompt(&options(true), &profile, &oidc), "login consent");
        profile.scopes.retain(|s| s != "offline_access");
        assert_eq!(prompt(&options(true), &profile, &oidc), "login");
    }
}
