//! What an OAuth2 access token must carry to call the admin API at all, before any role check:
//! the console's scope (RFC 6750 §3.1 `insufficient_scope` otherwise) and the admin API as its
//! audience (RFC 8707; a token minted for another resource server is not valid here). API keys
//! are not OAuth tokens and do not pass through here.

use console_api::{Problem, ProblemCode};

use crate::error::ApiError;
use crate::oauth::resource;
use crate::store::tokens::Token;
use crate::AppState;

/// The scope every `/v1` route needs.
pub const CONSOLE_SCOPE: &str = "console";

pub fn check(state: &AppState, token: &Token) -> Result<(), ApiError> {
    if !resource::is_admin_api(state, token.family.audience.as_deref()) {
        return Err(ApiError::invalid_token(
            "This access token was issued for another resource server, not this admin API. \
             Sign in again without a resource, or for this API's address.",
        ));
    }
    if !token.scope().split_whitespace().any(|s| s == CONSOLE_SCOPE) {
        return Err(ApiError(Problem::new(
            ProblemCode::InsufficientScope,
            403,
            "Insufficient scope",
            format!(
                "This access token was granted '{}' but the admin API needs the '{CONSOLE_SCOPE}' \
                 scope. Sign in again asking for '{CONSOLE_SCOPE}'.",
                token.scope()
            ),
        )));
    }
    Ok(())
}
