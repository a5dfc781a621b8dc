use serde::Deserialize;
use serde_json::Value;
use url::Url;

use crate::profiles::is_loopback;
use crate::{Error, Result};

/// The authorization server metadata the console needs (RFC 8414 §2).
#[derive(Debug, Clone, Deserialize)]
pub struct Metadata {
    pub issuer: String,
    pub authorization_endpoint: String,
    pub token_endpoint: String,
    pub revocation_endpoint: Option<String>,
    #[serde(default)]
    pub userinfo_endpoint: Option<String>,
    /// RFC 8414 §2: absent means `["authorization_code", "implicit"]`.
    #[serde(default)]
    pub grant_types_supported: Option<Vec<String>>,
    #[serde(default)]
    pub code_challenge_methods_supported: Vec<String>,
    #[serde(default)]
    pub authorization_response_iss_parameter_supported: bool,
    #[serde(default)]
    pub scopes_supported: Vec<String>,
    /// An OpenID Provider's signing keys, for ID token validation.
    #[serde(default)]
    pub jwks_uri: Option<String>,
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

/// A discovery document as fetched, before any check: where it was found, the document, and
/// the fields the console reads.
pub(crate) struct Fetched {
    pub url: String,
    pub document: Value,
    pub metadata: Metadata,
}

/// Fetches the metadata and checks that it belongs to `issuer`, byte for byte (RFC 8414 §3.3),
/// so a document from elsewhere cannot redirect the sign-in. Every later step (the browser,
/// the code exchange, refresh, revocation at sign-out) uses only metadata that passed
/// [`check`], so a server that fails it never receives a code or a token.
pub async fn discover(http: &reqwest::Client, issuer: &str) -> Result<Metadata> {
    let fetched = fetch(http, issuer).await.map_err(|e| match e {
        FetchError::Network(e) => Error::network(issuer, &e),
        FetchError::Refused(e) => e,
    })?;
    check_issuer(&fetched.metadata, issuer)?;
    check(&fetched.metadata, &fetched.document)?;
    Ok(fetched.metadata)
}

pub(crate) enum FetchError {
    /// No answer at all: kept as reqwest's error so "Test connection" can tell DNS, refused
    /// connections and TLS apart.
    Network(reqwest::Error),
    /// An answer, but no metadata document.
    Refused(Error),
}

/// The first discovery document that answers for `issuer` (see [`candidates`]), unchecked.
pub(crate) async fn fetch(
    http: &reqwest::Client,
    issuer: &str,
) -> std::result::Result<Fetched, FetchError> {
    let mut last = None;
    for url in candidates(issuer).map_err(FetchError::Refused)? {
        let response = http.get(&url).send().await.map_err(FetchError::Network)?;
        if !response.status().is_success() {
            last = Some(format!("{url} answered {}", response.status()));
            continue;
        }
        let not_metadata = || {
            FetchError::Refused(Error::AuthFailed(format!(
                "{url} is not an OAuth2 authorization server metadata document"
            )))
        };
        let document: Value = response.json().await.map_err(|_| not_metadata())?;
        let metadata: Metadata =
            serde_json::from_value(document.clone()).map_err(|_| not_metadata())?;
        return Ok(Fetched {
            url,
            document,
            metadata,
        });
    }
    Err(FetchError::Refused(Error::AuthFailed(format!(
        "no OAuth2 server metadata found for issuer '{issuer}' ({})",
        last.unwrap_or_default()
    ))))
}

/// RFC 8414 §3.3: the document's issuer is the profile's, byte for byte.
pub(crate) fn check_issuer(metadata: &Metadata, issuer: &str) -> Result<()> {
    if metadata.issuer == issuer {
        return Ok(());
    }
    Err(Error::AuthFailed(format!(
        "the server calls itself '{}' but the profile's issuer is '{issuer}' ({}); set the profile's issuer to exactly '{}'",
        metadata.issuer,
        first_difference(issuer, &metadata.issuer),
        metadata.issuer
    )))
}

/// Where two strings first differ, in words: "they differ at character 23: the server has a
/// trailing '/'". Characters are counted from 1, as a person counts them.
pub(crate) fn first_difference(ours: &str, theirs: &str) -> String {
    let a: Vec<char> = ours.chars().collect();
    let b: Vec<char> = theirs.chars().collect();
    let at = a.iter().zip(&b).take_while(|(x, y)| x == y).count();
    let shown = |c: char| match c {
        ' ' => "a space".to_string(),
        '/' if at + 1 == a.len().max(b.len()) => "a trailing '/'".to_string(),
        c if c.is_control() => format!("the control character U+{:04X}", c as u32),
        c => format!("'{c}'"),
    };
    let n = at + 1;
    match (a.get(at), b.get(at)) {
        (Some(x), Some(y)) => format!(
            "they differ at character {n}: the profile has {}, the server {}",
            shown(*x),
            shown(*y)
        ),
        (None, Some(y)) => format!(
            "they differ at character {n}: the server's goes on with {}",
            shown(*y)
        ),
        (Some(x), None) => format!(
            "they differ at character {n}: the profile's goes on with {}",
            shown(*x)
        ),
        (None, None) => "they are the same".into(),
    }
}

/// What the console demands of any server before it sends a person there: PKCE with S256
/// (RFC 9700 §2.1.1; a server that does not list it may accept `plain` or no PKCE at all, and
/// then a stolen code is enough), and endpoints that are https unless they are on this machine.
pub(crate) fn check(metadata: &Metadata, document: &Value) -> Result<()> {
    check_pkce(metadata)?;
    check_endpoints(document)
}

/// PKCE with S256 listed in the metadata (see [`check`]).
pub(crate) fn check_pkce(metadata: &Metadata) -> Result<()> {
    if !metadata
        .code_challenge_methods_supported
        .iter()
        .any(|m| m == "S256")
    {
        let listed = if metadata.code_challenge_methods_supported.is_empty() {
            "its metadata has no code_challenge_methods_supported".to_string()
        } else {
            format!(
                "it lists only {}",
                metadata.code_challenge_methods_supported.join(", ")
            )
        };
        return Err(Error::AuthFailed(format!(
            "the server does not offer PKCE S256; the console requires it ({listed}). Ask the server's administrator to enable PKCE with S256."
        )));
    }
    Ok(())
}

/// Every endpoint https unless it is on this machine (see [`check`]).
pub(crate) fn check_endpoints(document: &Value) -> Result<()> {
    for (field, value) in endpoints(document) {
        check_endpoint(field, value)?;
    }
    Ok(())
}

/// Every endpoint the document names: each `*_endpoint` and `jwks_uri` (RFC 8414 §2, OIDC
/// Discovery §3), including RFC 8705 mTLS aliases, so an endpoint added later is covered too.
fn endpoints(document: &Value) -> Vec<(String, &Value)> {
    let Some(fields) = document.as_object() else {
        return Vec::new();
    };
    let is_endpoint = |k: &str| k.ends_with("_endpoint") || k == "jwks_uri";
    let mut found: Vec<(String, &Value)> = fields
        .iter()
        .filter(|(k, _)| is_endpoint(k))
        .map(|(k, v)| (k.clone(), v))
        .collect();
    if let Some(aliases) = fields
        .get("mtls_endpoint_aliases")
        .and_then(Value::as_object)
    {
        found.extend(
            aliases
                .iter()
                .filter(|(k, _)| is_endpoint(k))
                .map(|(k, v)| (format!("mtls_endpoint_aliases.{k}"), v)),
        );
    }
    found
}

fn check_endpoint(field: String, value: &Value) -> Result<()> {
    let refuse = |why: String| {
        Err(Error::AuthFailed(format!(
            "the server's metadata is unsafe: {field} {why}. Nothing was sent to the server; ask its administrator to fix its metadata."
        )))
    };
    let Some(text) = value.as_str() else {
        return refuse("is not a URL string".into());
    };
    let Ok(url) = Url::parse(text) else {
        return refuse(format!("'{text}' is not a valid URL"));
    };
    match url.scheme() {
        "https" => Ok(()),
        "http" if is_loopback(&url) => Ok(()),
        "http" => refuse(format!(
            "'{text}' is plain http to another machine (tokens would cross the network unencrypted); it must be https"
        )),
        other => refuse(format!("'{text}' uses '{other}:', not https")),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

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

    fn checked(extra: Value) -> Result<()> {
        let mut document = json!({
            "issuer": "https://as.example",
            "authorization_endpoint": "https://as.example/authorize",
            "token_endpoint": "https://as.example/token",
            "code_challenge_methods_supported": ["plain", "S256"],
        });
        for (k, v) in extra.as_object().unwrap() {
            if v.is_null() {
                document.as_object_mut().unwrap().remove(k);
            } else {
                document[k] = v.clone();
            }
        }
        // A field of the wrong type (e.g. a numeric jwks_uri) fails here already, as it does in
        // `discover`, which refuses the document as "not a metadata document".
        let metadata: Metadata = serde_json::from_value(document.clone())
            .map_err(|e| Error::AuthFailed(format!("not a metadata document: {e}")))?;
        check(&metadata, &document)
    }

    #[test]
    fn an_issuer_mismatch_says_where_the_two_first_differ() {
        let m = |issuer: &str| Metadata {
            issuer: issuer.into(),
            ..serde_json::from_value(json!({"issuer": "", "authorization_endpoint": "",
                "token_endpoint": ""}))
            .unwrap()
        };
        assert!(check_issuer(&m("https://id.example"), "https://id.example").is_ok());
        let err = check_issuer(&m("https://id.example/"), "https://id.example")
            .unwrap_err()
            .to_string();
        assert!(
            err.contains("differ at character 19: the server's goes on with a trailing '/'"),
            "{err}"
        );
        assert!(err.contains("exactly 'https://id.example/'"), "{err}");
        assert_eq!(
            first_difference("https://id.example/t1", "https://id.example/T1"),
            "they differ at character 20: the profile has 't', the server 'T'"
        );
        assert_eq!(
            first_difference("https://id.example/", "https://id.example"),
            "they differ at character 19: the profile's goes on with a trailing '/'"
        );
    }

    #[test]
    fn pkce_s256_must_be_listed() {
        assert!(checked(json!({})).is_ok());
        // A missing list says nothing about S256: refused like a list without it.
        let missing = checked(json!({"code_challenge_methods_supported": null})).unwrap_err();
        assert!(missing.to_string().contains("PKCE S256"), "{missing}");
        let plain = checked(json!({"code_challenge_methods_supported": ["plain"]})).unwrap_err();
        assert!(plain.to_string().contains("only plain"), "{plain}");
    }

    #[test]
    fn endpoints_are_https_except_on_this_machine() {
        for ok in [
            "https://other.example/x",
            "http://127.0.0.1:9/x",
            "http://127.8.9.10/x",
            "http://[::1]:9/x",
            "http://localhost:9/x",
        ] {
            assert!(checked(json!({"token_endpoint": ok})).is_ok(), "{ok}");
        }
        // 0.0.0.0 and look-alike names reach other hosts (or every interface): not loopback.
        for bad in [
            "http://auth.example.org/token",
            "http://0.0.0.0:9/x",
            "http://127.0.0.1.example.org/x",
            "http://[::ffff:10.0.0.1]/x",
            "ftp://as.example/x",
            "not a url",
        ] {
            let err = checked(json!({"token_endpoint": bad})).unwrap_err();
            assert!(err.to_string().contains("token_endpoint"), "{bad}: {err}");
        }
        // Every endpoint counts, not only the ones the console calls today.
        for field in [
            "revocation_endpoint",
            "introspection_endpoint",
            "userinfo_endpoint",
            "jwks_uri",
            "end_session_endpoint",
        ] {
            let err = checked(json!({ field: "http://auth.example.org/x" })).unwrap_err();
            assert!(err.to_string().contains(field), "{err}");
        }
        let err =
            checked(json!({"mtls_endpoint_aliases": {"token_endpoint": "http://a.example/t"}}))
                .unwrap_err();
        assert!(err
            .to_string()
            .contains("mtls_endpoint_aliases.token_endpoint"));
        assert!(checked(json!({"jwks_uri": 5})).is_err());
    }
}
