//! "Test connection": what the profile's server offers, and what would stop a sign-in, in
//! words that say what to fix. The window and `accessctl profiles test` print the same report.
//!
//! It runs the sign-in's own discovery and checks (`oauth::discovery`), then asks the
//! authorization endpoint about the client id the way a sign-in would (see [`probe`]). Nothing
//! is sent anywhere before the profile passes its own checks (so never plain http to another
//! machine), and no code, token or secret is ever involved.

mod network;
mod probe;

use serde::Serialize;
use ts_rs::TS;

use super::Profile;
use crate::oauth::discovery::{self, FetchError, Fetched};
use crate::Error;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum CheckStatus {
    Ok,
    /// Sign-in may work, but something is missing or odd.
    Warn,
    /// Sign-in cannot work until this is fixed.
    Fail,
    /// Could not be checked (an earlier step failed, or the server does not tell).
    NotChecked,
}

/// One line of the report: `id` is stable (profile, reach, issuer, pkce, endpoints, protocol,
/// refresh, scopes, client), `title` names the check, `detail` says what was found or what
/// to fix.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct Check {
    pub id: String,
    pub status: CheckStatus,
    pub title: String,
    pub detail: String,
}

/// What the server's metadata offers, when it could be read.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct ServerOffer {
    pub discovery_url: String,
    pub issuer: String,
    pub authorization_endpoint: String,
    pub token_endpoint: String,
    pub revocation_endpoint: Option<String>,
    pub userinfo_endpoint: Option<String>,
    pub pkce_s256: bool,
    /// An OpenID Connect provider (ID tokens), rather than plain OAuth2.
    pub openid: bool,
    pub refresh_tokens: bool,
    /// Scopes the profile asks for that the server does not list.
    pub missing_scopes: Vec<String>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct ConnectionReport {
    pub profile: String,
    /// No check failed: a sign-in can go ahead.
    pub ok: bool,
    pub checks: Vec<Check>,
    pub server: Option<ServerOffer>,
}

struct Report {
    checks: Vec<Check>,
}

impl Report {
    fn add(&mut self, id: &str, status: CheckStatus, title: &str, detail: impl Into<String>) {
        self.checks.push(Check {
            id: id.into(),
            status,
            title: title.into(),
            detail: detail.into(),
        });
    }

    /// The checks that depend on an earlier step that failed.
    fn not_checked(&mut self, ids: &[(&str, &str)], why: &str) {
        for (id, title) in ids {
            self.add(
                id,
                CheckStatus::NotChecked,
                title,
                format!("Not checked: {why}."),
            );
        }
    }
}

const AFTER_DISCOVERY: &[(&str, &str)] = &[
    ("issuer", "Issuer"),
    ("pkce", "PKCE S256"),
    ("endpoints", "Endpoints"),
    ("protocol", "Protocol"),
    ("refresh", "Refresh tokens"),
    ("scopes", "Scopes"),
    ("client", "Client id"),
];

/// A sign-in error's words as a sentence: "Sign-in failed: " dropped, first letter capital.
fn words(e: Error) -> String {
    let text = match e {
        Error::AuthFailed(m) | Error::InvalidInput(m) => m,
        other => other.to_string(),
    };
    let mut chars = text.chars();
    let mut out: String = chars
        .next()
        .map(|c| c.to_uppercase().collect())
        .unwrap_or_default();
    out.push_str(chars.as_str());
    if !out.ends_with('.') {
        out.push('.');
    }
    out
}

/// Runs every check against the profile's server. Never fails: what went wrong is in the report.
/// `http` must not follow redirects (the console's [`crate::oauth::http_client`]).
pub async fn test_connection(http: &reqwest::Client, profile: &Profile) -> ConnectionReport {
    let profile = profile.clone().normalized();
    let mut report = Report { checks: Vec::new() };
    let server = run(http, &profile, &mut report).await;
    ConnectionReport {
        profile: profile.name.clone(),
        ok: !report.checks.iter().any(|c| c.status == CheckStatus::Fail),
        checks: report.checks,
        server,
    }
}

async fn run(
    http: &reqwest::Client,
    profile: &Profile,
    report: &mut Report,
) -> Option<ServerOffer> {
    use CheckStatus::*;
    let problems = profile.problems();
    if !problems.is_empty() {
        let text: Vec<String> = problems.into_iter().map(|p| p.message).collect();
        report.add("profile", Fail, "Profile", text.join(" "));
        report.add(
            "reach",
            NotChecked,
            "Server",
            "Not checked: fix the profile first; nothing was sent to any server.",
        );
        report.not_checked(AFTER_DISCOVERY, "fix the profile first");
        return None;
    }
    report.add(
        "profile",
        Ok,
        "Profile",
        "Every field of the profile is well formed.",
    );
    let issuer = profile.issuer();
    let Fetched {
        url,
        document,
        metadata,
    } = match discovery::fetch(http, issuer).await {
        Result::Ok(f) => f,
        Err(FetchError::Network(e)) => {
            report.add("reach", Fail, "Server", network::describe(issuer, &e));
            report.not_checked(AFTER_DISCOVERY, "the server could not be reached");
            return None;
        }
        Err(FetchError::Refused(e)) => {
            report.add("reach", Fail, "Server", format!(
                "{} Check the issuer URL (or the API base, when the issuer is left empty): it is where the server publishes its OAuth2 metadata.",
                words(e)
            ));
            report.not_checked(AFTER_DISCOVERY, "the server's metadata could not be read");
            return None;
        }
    };
    report.add(
        "reach",
        Ok,
        "Server",
        format!("Read the server's metadata at {url}."),
    );

    let issuer_ok = discovery::check_issuer(&metadata, issuer);
    let issuer_matches = issuer_ok.is_ok();
    match issuer_ok {
        Result::Ok(()) => report.add(
            "issuer",
            Ok,
            "Issuer",
            format!(
                "The server calls itself '{}', byte for byte the profile's issuer.",
                metadata.issuer
            ),
        ),
        Err(e) => report.add("issuer", Fail, "Issuer", words(e)),
    }
    let pkce = discovery::check_pkce(&metadata);
    let pkce_s256 = pkce.is_ok();
    match pkce {
        Result::Ok(()) => report.add(
            "pkce",
            Ok,
            "PKCE S256",
            "Offered (code_challenge_methods_supported lists S256).",
        ),
        Err(e) => report.add("pkce", Fail, "PKCE S256", words(e)),
    }
    let endpoints = discovery::check_endpoints(&document);
    let endpoints_ok = endpoints.is_ok();
    match endpoints {
        Result::Ok(()) => report.add(
            "endpoints",
            Ok,
            "Endpoints",
            format!(
                "Authorization {}, token {}{}{}; every endpoint is https or on this machine.",
                metadata.authorization_endpoint,
                metadata.token_endpoint,
                metadata
                    .revocation_endpoint
                    .as_ref()
                    .map(|r| format!(", revocation {r}"))
                    .unwrap_or_default(),
                metadata
                    .userinfo_endpoint
                    .as_ref()
                    .map(|u| format!(", userinfo {u}"))
                    .unwrap_or_default(),
            ),
        ),
        Err(e) => report.add("endpoints", Fail, "Endpoints", words(e)),
    }
    let openid = metadata.is_openid_provider();
    report.add("protocol", Ok, "Protocol", if openid {
        "OpenID Connect: the server issues ID tokens, which the console checks at every sign-in."
    } else {
        "Plain OAuth2 (no OpenID Connect): the console signs in without an ID token."
    });
    let refresh_tokens = refresh(&metadata, report);
    let missing_scopes = scopes(profile, &metadata, report);

    if !issuer_matches {
        report.add(
            "client",
            NotChecked,
            "Client id",
            "Not checked: a sign-in stops at the issuer mismatch, before it asks about the client.",
        );
    } else if !pkce_s256 || !endpoints_ok {
        report.add("client", NotChecked, "Client id", "Not checked: a sign-in stops at the metadata problem above, before it asks about the client.");
    } else {
        let (status, detail) = probe::client_id(http, profile, &metadata).await;
        report.add("client", status, "Client id", detail);
    }
    Some(ServerOffer {
        discovery_url: url,
        issuer: metadata.issuer.clone(),
        authorization_endpoint: metadata.authorization_endpoint.clone(),
        token_endpoint: metadata.token_endpoint.clone(),
        revocation_endpoint: metadata.revocation_endpoint.clone(),
        userinfo_endpoint: metadata.userinfo_endpoint.clone(),
        pkce_s256,
        openid,
        refresh_tokens,
        missing_scopes,
    })
}

/// Refresh tokens, and the evidence: the grant type, or the `offline_access` scope.
fn refresh(metadata: &discovery::Metadata, report: &mut Report) -> bool {
    let grant = metadata
        .grant_types_supported
        .as_ref()
        .is_some_and(|g| g.iter().any(|t| t == "refresh_token"));
    let offline = metadata
        .scopes_supported
        .iter()
        .any(|s| s == "offline_access");
    let evidence = match (grant, offline) {
        (true, true) => {
            "grant_types_supported lists refresh_token and scopes_supported lists offline_access"
        }
        (true, false) => "grant_types_supported lists refresh_token",
        (false, true) => "scopes_supported lists offline_access",
        (false, false) => {
            let listed = match &metadata.grant_types_supported {
                Some(g) => format!("grant_types_supported lists only {}", g.join(", ")),
                None => "the metadata has no grant_types_supported".into(),
            };
            report.add("refresh", CheckStatus::Warn, "Refresh tokens", format!(
                "Not offered as far as the metadata says ({listed}, and scopes_supported has no offline_access): people will sign in again whenever a session's access token expires."
            ));
            return false;
        }
    };
    report.add(
        "refresh",
        CheckStatus::Ok,
        "Refresh tokens",
        format!("Offered ({evidence})."),
    );
    true
}

/// The profile's scopes the server does not list (RFC 8414 `scopes_supported`, RECOMMENDED).
fn scopes(profile: &Profile, metadata: &discovery::Metadata, report: &mut Report) -> Vec<String> {
    if metadata.scopes_supported.is_empty() {
        report.add("scopes", CheckStatus::NotChecked, "Scopes", "Not checked: the server does not publish scopes_supported; the client id check below asks it directly.");
        return Vec::new();
    }
    let missing: Vec<String> = profile
        .scopes
        .iter()
        .filter(|s| !metadata.scopes_supported.contains(s))
        .cloned()
        .collect();
    if missing.is_empty() {
        report.add(
            "scopes",
            CheckStatus::Ok,
            "Scopes",
            format!(
                "The server lists every scope the profile asks for ({}).",
                profile.scopes.join(", ")
            ),
        );
    } else {
        let quoted: Vec<String> = missing.iter().map(|s| format!("'{s}'")).collect();
        report.add("scopes", CheckStatus::Warn, "Scopes", format!(
            "The server does not list {} (it lists {}); a sign-in asking for {} may be refused. Remove {} from the profile, or ask the server's administrator.",
            quoted.join(", "),
            metadata.scopes_supported.join(", "),
            if missing.len() == 1 { "it" } else { "them" },
            if missing.len() == 1 { "it" } else { "them" },
        ));
    }
    missing
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn words_make_a_sentence_of_a_sign_in_error() {
        assert_eq!(
            words(Error::AuthFailed("the server x".into())),
            "The server x."
        );
        assert_eq!(words(Error::InvalidInput("Fix it.".into())), "Fix it.");
    }
}
