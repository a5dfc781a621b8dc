use std::time::Duration;

use oauth2::basic::{
    BasicErrorResponse, BasicRevocationErrorResponse, BasicTokenIntrospectionResponse,
    BasicTokenType,
};
use oauth2::{
    AuthUrl, AuthorizationCode, ClientId, ConfigurationError, EndpointMaybeSet, EndpointNotSet,
    EndpointSet, ExtraTokenFields, PkceCodeVerifier, RedirectUrl, RefreshToken, RequestTokenError,
    RevocationUrl, StandardRevocableToken, StandardTokenResponse, TokenResponse, TokenUrl,
};
use serde::{Deserialize, Serialize};

use super::discovery::Metadata;
use crate::profiles::Profile;
use crate::token_store::TokenSet;
use crate::{Error, Result};

/// The OIDC `id_token` of a token response, kept as the raw JWT: it is parsed and validated
/// only by [`super::id_token`], and a server that sends something odd here on refresh must not
/// break the refresh of a plain OAuth2 sign-in.
#[derive(Clone, Debug, Default, Deserialize, Serialize)]
pub struct IdTokenField {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub id_token: Option<String>,
}
impl ExtraTokenFields for IdTokenField {}

type Response = StandardTokenResponse<IdTokenField, BasicTokenType>;

type Configured = oauth2::Client<
    BasicErrorResponse,
    Response,
    BasicTokenIntrospectionResponse,
    StandardRevocableToken,
    BasicRevocationErrorResponse,
    EndpointSet,
    EndpointNotSet,
    EndpointNotSet,
    EndpointMaybeSet,
    EndpointSet,
>;

/// The HTTP client for OAuth2 and the API. Redirects are never followed: an OAuth2 endpoint
/// that redirects could forward a code or token to someone else.
pub fn http_client() -> reqwest::Client {
    reqwest::Client::builder()
        .redirect(reqwest::redirect::Policy::none())
        .connect_timeout(Duration::from_secs(10))
        .timeout(Duration::from_secs(30))
        .user_agent(concat!("access-console/", env!("CARGO_PKG_VERSION")))
        .build()
        .expect("a TLS backend is compiled in")
}

/// An `oauth2` client configured from discovery for one profile.
pub struct OAuthClient {
    inner: Configured,
    http: reqwest::Client,
    token_url: String,
}

fn bad_url(what: &str) -> impl Fn(url::ParseError) -> Error + '_ {
    move |e| Error::AuthFailed(format!("the server's {what} is not a valid URL ({e})"))
}

impl OAuthClient {
    pub fn new(profile: &Profile, metadata: &Metadata, http: reqwest::Client) -> Result<Self> {
        let revocation = metadata
            .revocation_endpoint
            .clone()
            .map(RevocationUrl::new)
            .transpose()
            .map_err(bad_url("revocation endpoint"))?;
        let inner: Configured = oauth2::Client::new(ClientId::new(profile.client_id.clone()))
            .set_auth_uri(
                AuthUrl::new(metadata.authorization_endpoint.clone())
                    .map_err(bad_url("authorization endpoint"))?,
            )
            .set_token_uri(
                TokenUrl::new(metadata.token_endpoint.clone())
                    .map_err(bad_url("token endpoint"))?,
            )
            .set_revocation_url_option(revocation);
        Ok(OAuthClient {
            inner,
            http,
            token_url: metadata.token_endpoint.clone(),
        })
    }

    pub fn with_redirect(mut self, redirect_uri: &str) -> Result<Self> {
        let redirect = RedirectUrl::new(redirect_uri.to_string())
            .map_err(|e| Error::Internal(e.to_string()))?;
        self.inner = self.inner.set_redirect_uri(redirect);
        Ok(self)
    }

    pub fn inner(&self) -> &Configured {
        &self.inner
    }

    /// Exchanges the code; returns the tokens and, from an OpenID Provider, the raw ID token
    /// (unvalidated: the caller validates it, and keeps it in memory only).
    pub async fn exchange_code(
        &self,
        code: String,
        verifier: PkceCodeVerifier,
    ) -> Result<(TokenSet, Option<String>)> {
        let response = self
            .inner
            .exchange_code(AuthorizationCode::new(code))
            .set_pkce_verifier(verifier)
            .request_async(&self.http)
            .await
            .map_err(|e| self.token_error(e))?;
        let id_token = response.extra_fields().id_token.clone();
        Ok((to_token_set(&response, None), id_token))
    }

    /// Uses the refresh token. Servers that do not rotate return no new one; the old one stays.
    pub async fn refresh(&self, refresh_token: &str) -> Result<TokenSet> {
        let response = self
            .inner
            .exchange_refresh_token(&RefreshToken::new(refresh_token.to_string()))
            .request_async(&self.http)
            .await
            .map_err(|e| self.token_error(e))?;
        Ok(to_token_set(&response, Some(refresh_token)))
    }

    /// RFC 7009. Revoking the refresh token ends the whole sign-in on servers that link them.
    pub async fn revoke(&self, tokens: &TokenSet) -> Result<()> {
        let token = match &tokens.refresh_token {
            Some(r) => {
                StandardRevocableToken::RefreshToken(RefreshToken::new(r.expose().to_string()))
            }
            None => StandardRevocableToken::AccessToken(oauth2::AccessToken::new(
                tokens.access_token.expose().to_string(),
            )),
        };
        match self.inner.revoke_token(token.clone()) {
            Ok(request) => request
                .request_async(&self.http)
                .await
                .map_err(|e| match e {
                    RequestTokenError::Request(_) => Error::Network {
                        url: self.token_url.clone(),
                        reason: "the request failed".into(),
                    },
                    other => Error::Server(format!("revocation failed: {other}")),
                }),
            // oauth2 insists on https for revocation; profiles allow plain http only to this
            // machine (a local platform), where the same RFC 7009 request is sent directly.
            Err(ConfigurationError::InsecureUrl(_)) => self.revoke_on_loopback(&token).await,
            Err(_) => Err(Error::AuthFailed(
                "the server offers no revocation endpoint".into(),
            )),
        }
    }

    /// Revokes the refresh token and the access token, for tokens no one may keep using: RFC
    /// 7009 lets a server keep access tokens alive when their refresh token is revoked.
    pub async fn revoke_all(&self, tokens: &TokenSet) -> Result<()> {
        let refresh = match &tokens.refresh_token {
            Some(_) => self.revoke(tokens).await,
            None => Ok(()),
        };
        let access_only = TokenSet {
            refresh_token: None,
            ..tokens.clone()
        };
        let access = self.revoke(&access_only).await;
        refresh.and(access)
    }

    async fn revoke_on_loopback(&self, token: &StandardRevocableToken) -> Result<()> {
        let url = self
            .inner
            .revocation_url()
            .map(|u| u.to_string())
            .unwrap_or_default();
        // Discovery already refuses plain http elsewhere; checked again here because this
        // request carries a token, and must never cross the network unencrypted.
        if !url::Url::parse(&url).is_ok_and(|u| crate::profiles::is_loopback(&u)) {
            return Err(Error::AuthFailed(format!(
                "the revocation endpoint '{url}' is plain http to another machine; no token was sent"
            )));
        }
        let (value, hint) = match token {
            StandardRevocableToken::RefreshToken(t) => (t.secret().as_str(), "refresh_token"),
            StandardRevocableToken::AccessToken(t) => (t.secret().as_str(), "access_token"),
            _ => return Err(Error::Internal("unknown token kind".into())),
        };
        let client_id = self.inner.client_id().as_str();
        let response = self
            .http
            .post(&url)
            .form(&[
                ("token", value),
                ("token_type_hint", hint),
                ("client_id", client_id),
            ])
            .send()
            .await
            .map_err(|e| Error::network(&url, &e))?;
        if response.status().is_success() {
            Ok(())
        } else {
            Err(Error::Server(format!(
                "revocation failed: HTTP {}",
                response.status()
            )))
        }
    }

    fn token_error<RE: std::error::Error + 'static>(
        &self,
        e: RequestTokenError<RE, BasicErrorResponse>,
    ) -> Error {
        match e {
            RequestTokenError::ServerResponse(err) => {
                let code = err.error().as_ref().to_string();
                let detail = err.error_description().cloned().unwrap_or_default();
                if code == "invalid_grant" {
                    Error::SessionExpired(if detail.is_empty() { code } else { detail })
                } else {
                    Error::AuthFailed(format!(
                        "the server refused the request ({code}{}{detail})",
                        if detail.is_empty() { "" } else { ": " }
                    ))
                }
            }
            RequestTokenError::Request(_) => Error::Network {
                url: self.token_url.clone(),
                reason: "the request failed".into(),
            },
            RequestTokenError::Parse(_, _) => Error::AuthFailed(
                "the token endpoint's answer is not a valid OAuth2 token response".into(),
            ),
            RequestTokenError::Other(why) => Error::AuthFailed(why),
        }
    }
}

fn to_token_set(response: &Response, previous_refresh: Option<&str>) -> TokenSet {
    let refresh = response
        .refresh_token()
        .map(|r| r.secret().to_string())
        .or_else(|| previous_refresh.map(str::to_string));
    TokenSet::new(
        response.access_token().secret().to_string(),
        refresh,
        response.expires_in().map(|d| d.as_secs() as i64),
    )
}
