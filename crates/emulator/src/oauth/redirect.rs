//! Which redirect URIs a sign-in may return to.
//!
//! Two rules, both checked before anything is redirected anywhere:
//! - the client registered it (`matches`: exact, or RFC 8252 loopback on any port);
//! - for the organization's own apps, the organization allows it: its `allowed_redirect_uris`
//!   setting lists it (`allowed_by_org`). The platform has no registration endpoint: an app is
//!   registered with the platform operator (`register_client`), and the organization decides,
//!   through this setting, which of its registered redirects may be used. The platform's own
//!   clients (the console, marked `first_party`) are not the organization's apps and keep only
//!   the first rule, so the console signs in with the default, empty, list.

use axum::http::StatusCode;
use axum::response::Response;
use url::{Host, Url};

use super::pages;
use crate::store::clients::Client;
use crate::store::settings;
use crate::AppState;

/// Ok when the organization lets `client` return to `requested` (always, for the platform's
/// own clients); otherwise the page that says so, to show instead of redirecting.
pub async fn allowed_by_org(
    state: &AppState,
    client: &Client,
    requested: &str,
) -> Result<(), Response> {
    if client.first_party {
        return Ok(());
    }
    let allowed = settings::allowed_redirect_uris(&state.pool, &client.org_id)
        .await
        .map_err(|e| pages::internal_error(&e))?;
    if allowed.iter().any(|a| matches(a, requested)) {
        return Ok(());
    }
    Err(pages::error(
        StatusCode::BAD_REQUEST,
        "Redirect address not allowed",
        &format!(
            "{} asked to return to {requested}, which the organization does not allow its apps              to use (it is not among the organization's allowed redirect URIs). Nothing was sent              there. An administrator can add it in the organization's settings.",
            client.name
        ),
    ))
}

/// Does a requested redirect URI match a registered one?
///
/// Exact string match, except RFC 8252 §7.3: for a registered loopback IP literal redirect
/// (`http://127.0.0.1/...` or `http://[::1]/...`) any port is accepted, since native apps bind
/// an ephemeral port at sign-in time. `localhost` is deliberately not treated as loopback
/// (RFC 8252 §8.3).
pub fn matches(registered: &str, requested: &str) -> bool {
    if registered == requested {
        return true;
    }
    let (Ok(reg), Ok(req)) = (Url::parse(registered), Url::parse(requested)) else {
        return false;
    };
    let loopback = |u: &Url| match u.host() {
        Some(Host::Ipv4(ip)) => ip.is_loopback() && ip.octets() == [127, 0, 0, 1],
        Some(Host::Ipv6(ip)) => ip.is_loopback(),
        _ => false,
    };
    reg.scheme() == "http"
        && req.scheme() == "http"
        && loopback(&reg)
        && reg.host() == req.host()
        && reg.path() == req.path()
        && reg.query() == req.query()
        && req.fragment().is_none()
        && req.username().is_empty()
        && req.password().is_none()
}

#[cfg(test)]
mod tests {
    use super::matches;

    #[test]
    fn loopback_ip_accepts_any_port_but_nothing_else_varies() {
        let reg = "http://127.0.0.1/callback";
        assert!(matches(reg, "http://127.0.0.1:53127/callback"));
        assert!(matches("http://[::1]/callback", "http://[::1]:9/callback"));
        // Path, host and scheme must still match exactly, or a code could go elsewhere.
        assert!(!matches(reg, "http://127.0.0.1:53127/other"));
        assert!(!matches(reg, "http://localhost:53127/callback"));
        assert!(!matches(reg, "https://127.0.0.1:53127/callback"));
        assert!(!matches(reg, "http://127.0.0.2:53127/callback"));
        assert!(!matches(reg, "http://127.0.0.1:53127/callback?x=1"));
    }

    #[test]
    fn non_loopback_uris_match_exactly() {
        let reg = "https://app.example/cb";
        assert!(matches(reg, reg));
        assert!(!matches(reg, "https://app.example:444/cb"));
    }
}
