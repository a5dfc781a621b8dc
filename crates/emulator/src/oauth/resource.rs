//! RFC 8707 resource indicators: which resource server a token is for (its audience).
//!
//! The admin API is the default resource, identified by the platform's base URL (the issuer,
//! which is also the API base a console profile holds). Any other resource must be served by
//! a resource server registered in the requesting client's organization, so a token can only
//! be minted for an audience that exists and will check it.

use url::Url;

use crate::error::OAuthError;
use crate::store::clients::{self, Client};
use crate::AppState;

/// The admin API's resource identifier: what `aud` says for tokens it accepts.
pub fn admin_api(state: &AppState) -> &str {
    state.issuer.trim_end_matches('/')
}

/// Whether a family's stored audience (`None`: the admin API) is the admin API.
pub fn is_admin_api(state: &AppState, audience: Option<&str>) -> bool {
    audience.is_none_or(|a| a.trim_end_matches('/') == admin_api(state))
}

/// The audience to store for a requested `resource`: `None` for the admin API (also when no
/// resource was asked), else the other resource server's identifier.
pub async fn audience_for(
    state: &AppState,
    client: &Client,
    asked: Option<&str>,
) -> Result<Option<String>, OAuthError> {
    let Some(asked) = asked.map(str::trim).filter(|s| !s.is_empty()) else {
        return Ok(None);
    };
    let absolute = Url::parse(asked).is_ok_and(|u| u.fragment().is_none());
    if !absolute {
        return Err(invalid_target(format!(
            "The resource '{asked}' is not an absolute URI without a fragment (RFC 8707)."
        )));
    }
    if is_admin_api(state, Some(asked)) {
        return Ok(None);
    }
    if clients::is_resource_of_org(&state.pool, &client.org_id, asked).await? {
        return Ok(Some(asked.to_string()));
    }
    Err(invalid_target(format!(
        "The resource '{asked}' is not served by this platform for your organization. Leave \
         resource out for the admin API ({}).",
        admin_api(state)
    )))
}

/// A `resource` at the token endpoint may only repeat what the grant was for (RFC 8707 §2.2:
/// a refresh or code exchange cannot widen or move the audience).
pub fn check_same(
    state: &AppState,
    granted: Option<&str>,
    asked: Option<&str>,
) -> Result<(), OAuthError> {
    let Some(asked) = asked.map(str::trim).filter(|s| !s.is_empty()) else {
        return Ok(());
    };
    let same = match granted {
        None => is_admin_api(state, Some(asked)),
        Some(granted) => granted.trim_end_matches('/') == asked.trim_end_matches('/'),
    };
    if same {
        Ok(())
    } else {
        Err(invalid_target(format!(
            "The resource '{asked}' is not the one this grant was issued for."
        )))
    }
}

pub fn invalid_target(description: String) -> OAuthError {
    OAuthError::new("invalid_target", description)
}
