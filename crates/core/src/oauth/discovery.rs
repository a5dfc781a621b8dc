use serde::Deserialize;
use url::Url;

use crate::{Error, Result};

/// The authorization server metadata the console needs (RFC 8414 §2).
#[derive(Debug, Clone, Deserialize)]
pub struct Metadata {
    pub issuer: String,
    pub authorization_endpoint: String,
    pub token_endpoint: String,
    pub revocation_endpoint: Option<String>,
    #[serde(default)]
    pub code_challenge_methods_supported: Vec<String>,
    #[serde(default)]
    pub authorization_response_iss_parameter_supported: bool,
    #[serde(default)]
    pub scopes_supported: Vec<String>,
    /// Only OIDC providers publish this; it tells us `offline_access` needs `prompt=consent`.
    #[serde(default)]
    pub subject_types_supported: Vec<String>,
}

impl Metadata {
    pub fn is_openid_provider(&self) -> bool {
        !self.subject_types_supported.is_empty()
            || self.scopes_supported.iter().any(|s| s == "openid")
    }
}

/// The discovery documents to try for an issuer, in order: RFC 8414 §3.1 (well-known segment
/// inserted before the issuer's path), then OpenID Connect Discovery (appended).
fn candidates(issuer: &str) -> Result<Vec<String>> {
    let url = Url::parse(issuer)
        .map_err(|e| Error::InvalidInput(format!("The issuer '{issuer}' is not a URL ({e}).")))?;
    let origin = url.origin().ascii_serialization();
    let path = url.path().trim_end_matches('/');
    Ok(vec![
        format!("{origin}/.well-known/oauth-authorization-server{path}"),
        format!(
            "{}/.well-known/openid-configuration",
            issuer.trim_end_matches('/')
        ),
    ])
}

/// Fetches the metadata and checks that it belongs to `issuer`, byte for byte (RFC 8414 §3.3),
/// so a document from elsewhere cannot redirect the sign-in.
pub async fn discover(http: &reqwest::Client, issuer: &str) -> Result<Metadata> {
    let mut last = None;
    for url in candidates(issuer)? {
        let response = http
            .get(&url)
            .send()
            .await
            .map_err(|e| Error::network(issuer, &e))?;
        if !response.status().is_success() {
            last = Some(format!("{url} answered {}", response.status()));
            continue;
        }
        let metadata: Metadata = response.json().await.map_err(|_| {
            Error::AuthFailed(format!(
                "{url} is not an OAuth2 authorization server metadata document"
            ))
        })?;
        if metadata.issuer != issuer {
            return Err(Error::AuthFailed(format!(
                "the server calls itself '{}' but the profile's issuer is '{issuer}'; set the profile's issuer to exactly '{}'",
                metadata.issuer, metadata.issuer
            )));
        }
        if !metadata.code_challenge_methods_supported.is_empty()
            && !metadata
                .code_challenge_methods_supported
                .iter()
                .any(|m| m == "S256")
        {
            return Err(Error::AuthFailed(
                "the server does not support PKCE with S256".into(),
            ));
        }
        return Ok(metadata);
    }
    Err(Error::AuthFailed(format!(
        "no OAuth2 server metadata found for issuer '{issuer}' ({})",
        last.unwrap_or_default()
    )))
}

#[cfg(test)]
mod tests {
    use super::candidates;

    #[test]
    fn well_known_urls_follow_rfc8414_and_oidc() {
        assert_eq!(
            candidates("https://as.example/tenant/1").unwrap(),
            [
                "https://as.example/.well-known/oauth-authorization-server/tenant/1",
                "https://as.example/tenant/1/.well-known/openid-configuration"
            ]
        );
        assert_eq!(
            candidates("http://127.0.0.1:9000").unwrap()[0],
            "http://127.0.0.1:9000/.well-known/oauth-authorization-server"
        );
    }
}
