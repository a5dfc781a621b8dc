//! Does the server know the profile's client id? Asked the way a sign-in asks: the
//! authorization request a sign-in would send (response_type=code, the client id, a loopback
//! redirect on a free port, a fresh S256 challenge, state, and a nonce on an OpenID Provider),
//! without following any redirect and without a browser. Nothing can be signed in with it: the
//! challenge's verifier is dropped at once and nobody listens on the redirect.
//!
//! How servers answer (RFC 6749 §4.1.2.1): an unknown client or redirect is shown as an error
//! page (never redirected); other errors go back to the redirect with `error=`; a good request
//! shows the sign-in page (200) or sends the browser on to one (3xx elsewhere).

use oauth2::{CsrfToken, PkceCodeChallenge};
use url::Url;

use super::CheckStatus;
use crate::oauth::discovery::Metadata;
use crate::profiles::Profile;

/// What servers say on an error page for a client they do not know (the emulator's "Unknown
/// application", Keycloak's "Client not found", Okta's / Entra's wording, the RFC error code).
const UNKNOWN_CLIENT: &[&str] = &[
    "unknown application",
    "unknown client",
    "client not found",
    "invalid_client",
    "client_id is invalid",
    "invalid client",
    "unauthorized_client",
];

const BAD_REDIRECT: &[&str] = &[
    "redirect address not allowed",
    "redirect_uri",
    "redirect uri",
];

pub(super) async fn client_id(
    http: &reqwest::Client,
    profile: &Profile,
    metadata: &Metadata,
) -> (CheckStatus, String) {
    use CheckStatus::*;
    let id = &profile.client_id;
    // A free port, as the sign-in's loopback listener would take; closed again right away.
    let port = match std::net::TcpListener::bind("127.0.0.1:0").and_then(|l| l.local_addr()) {
        Result::Ok(addr) => addr.port(),
        Err(e) => {
            return (
                NotChecked,
                format!("Not checked: no free loopback port ({e})."),
            )
        }
    };
    let redirect_uri = format!("http://127.0.0.1:{port}/callback");
    let Result::Ok(mut url) = Url::parse(&metadata.authorization_endpoint) else {
        return (
            NotChecked,
            "Not checked: the authorization endpoint is not a URL.".into(),
        );
    };
    let openid = metadata.is_openid_provider();
    let (challenge, _verifier) = PkceCodeChallenge::new_random_sha256();
    {
        let mut q = url.query_pairs_mut();
        q.append_pair("response_type", "code")
            .append_pair("client_id", id)
            .append_pair("redirect_uri", &redirect_uri)
            .append_pair(
                "scope",
                &crate::oauth::signin::scopes(profile, openid).join(" "),
            )
            .append_pair("state", CsrfToken::new_random().secret())
            .append_pair("code_challenge", challenge.as_str())
            .append_pair("code_challenge_method", "S256");
        if openid {
            q.append_pair("nonce", CsrfToken::new_random().secret());
        }
    }
    let response = match http.get(url.clone()).send().await {
        Result::Ok(r) => r,
        Err(e) => {
            return (
                NotChecked,
                format!(
                    "Not checked: the authorization endpoint did not answer ({}).",
                    super::network::describe(&metadata.authorization_endpoint, &e)
                ),
            )
        }
    };
    let status = response.status();
    if status.is_redirection() {
        let location = response
            .headers()
            .get(reqwest::header::LOCATION)
            .and_then(|v| v.to_str().ok())
            .and_then(|l| url.join(l).ok());
        return redirected(id, &redirect_uri, location);
    }
    let body = response.text().await.unwrap_or_default();
    let said = summary(&body);
    let lower = body.to_ascii_lowercase();
    let unknown = UNKNOWN_CLIENT.iter().any(|w| lower.contains(w));
    if status.is_success() {
        if unknown {
            return (Fail, format!("The server does not know the client id '{id}' (its page says \"{said}\"). Set the client id registered for Access Console on that server; ask its administrator."));
        }
        return (Ok, format!("The server knows the client id '{id}': it answers the sign-in request with its sign-in page."));
    }
    if status.is_client_error() && unknown {
        return (Fail, format!("The server does not know the client id '{id}' (it answered {status}: \"{said}\"). Set the client id registered for Access Console on that server; ask its administrator."));
    }
    if status.is_client_error() && BAD_REDIRECT.iter().any(|w| lower.contains(w)) {
        return (Fail, format!("The server knows the client id '{id}' but refuses its loopback redirect {redirect_uri} (it answered {status}: \"{said}\"). Ask its administrator to register http://127.0.0.1/callback (any port, RFC 8252) for this client."));
    }
    (NotChecked, format!("Not checked: the server answered the sign-in request with {status} without saying whether it knows the client id '{id}' (\"{said}\")."))
}

fn redirected(id: &str, redirect_uri: &str, location: Option<Url>) -> (CheckStatus, String) {
    use CheckStatus::*;
    let Some(location) = location else {
        return (
            NotChecked,
            "Not checked: the server redirected without saying where.".into(),
        );
    };
    let param = |k: &str| {
        location
            .query_pairs()
            .find(|(key, _)| key == k)
            .map(|(_, v)| v.into_owned())
    };
    let back_to_us = location.as_str().starts_with(redirect_uri);
    let Some(error) = param("error") else {
        if back_to_us {
            return (Ok, format!("The server knows the client id '{id}'."));
        }
        let to = format!(
            "{}{}",
            location.host_str().unwrap_or_default(),
            location.path()
        );
        return (
            Ok,
            format!(
                "The server knows the client id '{id}': it sends the sign-in request on to {to}."
            ),
        );
    };
    let description = param("error_description").unwrap_or_default();
    let told = if description.is_empty() {
        error.clone()
    } else {
        format!("{error}: {description}")
    };
    match error.as_str() {
        "invalid_scope" => (Fail, format!("The server knows the client id '{id}' but refuses a scope the profile asks for ({told}). Remove that scope from the profile, or ask the server's administrator to allow it for this client.")),
        "invalid_client" | "unauthorized_client" => (Fail, format!("The server refuses the client id '{id}' ({told}). Set the client id registered for Access Console on that server; ask its administrator.")),
        "access_denied" | "login_required" | "interaction_required" | "consent_required" => {
            (Ok, format!("The server knows the client id '{id}' (it answered {told} without a browser, as expected)."))
        }
        _ if back_to_us => (Fail, format!("The server knows the client id '{id}' but refuses the sign-in request ({told}).")),
        _ => (NotChecked, format!("Not checked: the server answered {told}, which does not say whether it knows the client id '{id}'.")),
    }
}

/// A short line of what an error page says: its first heading or title, tags stripped.
fn summary(body: &str) -> String {
    let lower = body.to_ascii_lowercase();
    let pick = ["<h1", "<title"].iter().find_map(|tag| {
        let start = lower.find(tag)?;
        let open_end = start + lower[start..].find('>')? + 1;
        let close = open_end + lower[open_end..].find("</")?;
        Some(body[open_end..close].trim().to_string())
    });
    let text = pick.unwrap_or_else(|| body.trim().to_string());
    let text: String = text.split_whitespace().collect::<Vec<_>>().join(" ");
    if text.chars().count() > 120 {
        format!("{}…", text.chars().take(120).collect::<String>())
    } else {
        text
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_error_page_is_summed_up_by_its_heading() {
        assert_eq!(
            summary("<html><title>Sign in</title><h1 class=x>Unknown application</h1><p>…</p>"),
            "Unknown application"
        );
        assert_eq!(summary("  plain\n text "), "plain text");
    }

    #[test]
    fn a_redirect_back_with_an_error_is_an_answer() {
        let back = "http://127.0.0.1:5/callback";
        let at = |q: &str| Some(Url::parse(&format!("{back}?{q}")).unwrap());
        let (s, text) = redirected(
            "c",
            back,
            at("error=invalid_scope&error_description=The+scope+%27x%27+is+not+available"),
        );
        assert_eq!(s, CheckStatus::Fail);
        assert!(text.contains("The scope 'x' is not available"), "{text}");
        let (s, _) = redirected("c", back, at("error=unauthorized_client"));
        assert_eq!(s, CheckStatus::Fail);
        let (s, text) = redirected(
            "c",
            back,
            Some(Url::parse("https://idp.example/u/login?state=1").unwrap()),
        );
        assert_eq!(s, CheckStatus::Ok);
        assert!(text.contains("idp.example/u/login"), "{text}");
    }
}
