//! Step-up authentication (RFC 9470): the platform's list of high-risk operations, and the
//! check that the person asking typed their password recently enough for them.
//!
//! A high-risk operation asked with an access token whose `auth_time` is older than
//! `EmulatorConfig::step_up_max_age_secs` answers 401 `insufficient_user_authentication` with
//! `WWW-Authenticate: Bearer error="insufficient_user_authentication", …, max_age=N` and a
//! problem+json whose `detail` names the operation. Handlers call [`Authentication::require`]
//! before they write anything, so a refused operation leaves the server unchanged.
//!
//! Service accounts cannot step up: an API key or a client-credentials token stands for no
//! person who could type a password again. They get 403 `forbidden` (not a 401 challenge, which
//! would send a client into a sign-in nobody can complete). Today they reach none of these
//! operations anyway (each needs an OWNER, and service accounts hold no staff roles); the rule
//! is here so that granting them more rights later does not open a way around step-up.

use axum::extract::FromRequestParts;
use axum::http::request::Parts;
use axum::http::{header, HeaderName, HeaderValue};
use console_api::{Problem, ProblemCode};

use crate::error::ApiError;
use crate::store::tokens;
use crate::{apikey, crypto, AppState};

/// The high-risk operations. The platform decides this list; the console only reads the
/// problem it answers (whose `detail` says which operation asked).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Operation {
    /// Giving someone OWNER who did not hold it (single and batch, not dry runs).
    GrantOwner,
    CreateApiKey,
    RotateApiKey,
    RotateClientSecret,
    RestoreSettings,
    /// Resetting a staff member's authenticator (TOTP).
    ResetMfa,
    /// Starting to act on behalf of a staff member (RFC 8693 delegation).
    ActFor,
}

pub const HIGH_RISK: &[Operation] = &[
    Operation::GrantOwner,
    Operation::CreateApiKey,
    Operation::RotateApiKey,
    Operation::RotateClientSecret,
    Operation::RestoreSettings,
    Operation::ResetMfa,
    Operation::ActFor,
];

impl Operation {
    /// What the person is doing, as the console shows it ("… needs you to confirm it is you").
    pub fn describe(self) -> &'static str {
        match self {
            Operation::GrantOwner => "Granting OWNER",
            Operation::CreateApiKey => "Creating an API key",
            Operation::RotateApiKey => "Rotating an API key",
            Operation::RotateClientSecret => "Rotating a client secret",
            Operation::RestoreSettings => "Restoring a settings version",
            Operation::ResetMfa => "Resetting someone's MFA",
            Operation::ActFor => "Acting for someone",
        }
    }
}

/// How the credential of this request authenticated a person. Never rejects: the `Caller`
/// extractor has already refused a bad credential, this only reads how recent it is.
pub enum Authentication {
    /// An access token from a person's sign-in, with when they typed their password.
    Person { auth_time: Option<i64> },
    /// An API key or a client-credentials token: no person stands behind it.
    ServiceAccount,
    /// A delegated token (acting for someone): its holder confirms nobody's identity, and a
    /// high-risk operation is for one's own account, not one made for someone else.
    Delegated,
}

const X_API_KEY: HeaderName = HeaderName::from_static("x-api-key");

impl FromRequestParts<AppState> for Authentication {
    type Rejection = ApiError;

    async fn from_request_parts(parts: &mut Parts, state: &AppState) -> Result<Self, ApiError> {
        let bearer = parts
            .headers
            .get(header::AUTHORIZATION)
            .and_then(|v| v.to_str().ok())
            .and_then(|v| v.strip_prefix("Bearer "))
            .map(str::trim);
        let Some(token) = bearer else {
            // No bearer: the caller used X-API-Key (the only other credential `Caller` takes).
            let via_key = parts.headers.contains_key(X_API_KEY);
            return Ok(if via_key {
                Authentication::ServiceAccount
            } else {
                Authentication::Person { auth_time: None }
            });
        };
        if apikey::looks_like_key(token) {
            return Ok(Authentication::ServiceAccount);
        }
        let hash = crypto::token_hash(token);
        match tokens::find_token(&state.pool, &hash).await? {
            Some(t) if t.family.actor_id.is_some() => Ok(Authentication::Delegated),
            // Client credentials: the family has no auth_time because no one signed in.
            Some(t) if t.family.auth_time.is_none() && is_service_family(state, &t).await? => {
                Ok(Authentication::ServiceAccount)
            }
            _ => Ok(Authentication::Person {
                auth_time: tokens::auth_time_of_access_token(&state.pool, &hash).await?,
            }),
        }
    }
}

async fn is_service_family(state: &AppState, token: &tokens::Token) -> Result<bool, ApiError> {
    let client = crate::store::clients::find(&state.pool, &token.family.client_id).await?;
    Ok(client.is_some_and(|c| c.service_account_id.is_some()))
}

impl Authentication {
    /// Ok when the person signed in within `max_age`; the refusal otherwise.
    pub fn require(&self, state: &AppState, op: Operation) -> Result<(), ApiError> {
        debug_assert!(HIGH_RISK.contains(&op));
        let max_age = state.config.step_up_max_age_secs;
        let auth_time = match self {
            Authentication::ServiceAccount => {
                return Err(ApiError::forbidden(format!(
                    "{} needs a person who signed in within the last {}: an API key or client \
                     credentials cannot confirm who they are. Sign in as an OWNER in the console \
                     to do it.",
                    op.describe(),
                    minutes(max_age)
                )))
            }
            Authentication::Delegated => {
                return Err(super::on_behalf::not_allowed(format!(
                    "{} is not done while acting for someone: stop acting, then do it with your \
                     own sign-in.",
                    op.describe()
                )))
            }
            Authentication::Person { auth_time } => *auth_time,
        };
        let now = state.now();
        let age = auth_time.map(|t| now - t);
        if age.is_some_and(|age| age <= max_age) {
            return Ok(());
        }
        let when = match age {
            Some(age) => format!("your last sign-in was {} ago", minutes(age)),
            None => "the platform does not know when you last signed in".to_string(),
        };
        let mut problem = Problem::new(
            ProblemCode::InsufficientUserAuthentication,
            401,
            "Confirm it is you",
            format!(
                "{} needs you to confirm it is you ({when}; this needs a sign-in within the last \
                 {}). Sign in again, then repeat the operation.",
                op.describe(),
                minutes(max_age)
            ),
        );
        // Beyond 18 hours (u16) is no step-up window; a larger setting is announced as the most.
        problem.max_age = Some(u16::try_from(max_age).unwrap_or(u16::MAX));
        Err(ApiError(problem))
    }
}

/// `5 minutes`, `1 minute`, `40 seconds`: a duration as a person reads it.
fn minutes(secs: i64) -> String {
    match secs {
        s if s < 60 => format!("{s} seconds"),
        s if s < 120 => "1 minute".to_string(),
        s => format!("{} minutes", s / 60),
    }
}

/// The RFC 9470 §3 challenge for a step-up problem. `error_description` is a quoted-string:
/// only printable ASCII without `"` or `\` goes into it.
pub fn challenge(problem: &Problem) -> HeaderValue {
    let description: String = problem
        .detail
        .as_deref()
        .unwrap_or("A more recent sign-in is required.")
        .chars()
        .filter(|c| c.is_ascii_graphic() && *c != '"' && *c != '\\' || *c == ' ')
        .collect();
    let value = format!(
        "Bearer error=\"insufficient_user_authentication\", error_description=\"{description}\", \
         max_age={}",
        problem.max_age.unwrap_or_default()
    );
    HeaderValue::from_str(&value).unwrap_or_else(|_| {
        HeaderValue::from_static("Bearer error=\"insufficient_user_authentication\"")
    })
}
