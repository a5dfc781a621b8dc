use axum::http::{header, HeaderValue, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::Json;
use console_api::{Problem, ProblemCode};
use serde::Serialize;

/// Internal failures of the emulator itself (storage, sockets, hashing).
#[derive(Debug, thiserror::Error)]
pub enum Error {
    #[error("database: {0}")]
    Db(#[from] sqlx::Error),
    #[error("migration: {0}")]
    Migrate(#[from] sqlx::migrate::MigrateError),
    #[error("io: {0}")]
    Io(#[from] std::io::Error),
    #[error("password hashing: {0}")]
    Hash(String),
    #[error("{0}")]
    Invalid(String),
    /// A write the seed rules (or the shape of a user) forbid; nothing was stored.
    #[error("{0}")]
    Rule(#[from] RuleViolation),
}

/// Why the directory refused a write. One variant per rule, so callers and tests can tell them
/// apart; the text is written for a person reading an error message.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum RuleViolation {
    #[error("a patient, HCP or guardian needs an email address or a phone number")]
    ContactRequired,
    #[error("{0} is already the email of another patient, HCP or guardian in this organization")]
    ConsumerEmailTaken(String),
    #[error(
        "{0} is already the phone number of another patient, HCP or guardian in this organization"
    )]
    ConsumerPhoneTaken(String),
    #[error("staff sign in with their email address, so staff need one")]
    StaffEmailRequired,
    #[error("{0} is already the email of another staff member in this organization")]
    StaffEmailTaken(String),
    #[error("a dependent belongs to a guardian: give guardian_id")]
    GuardianRequired,
    #[error("only a dependent has a guardian")]
    GuardianNotAllowed,
    #[error("there is no user {0} in this organization to be the guardian")]
    GuardianNotFound(String),
    #[error("{0} is not a guardian, so cannot have dependents")]
    NotAGuardian(String),
    #[error("making {0} the guardian would make a household its own guardian")]
    GuardianCycle(String),
    #[error("{0} still has dependents; move or delete them first")]
    HasDependents(String),
    #[error("only staff hold staff roles")]
    RolesOnlyForStaff,
    #[error("a {0} cannot become a {1}")]
    KindChangeNotAllowed(&'static str, &'static str),
    /// Fields the person schema refuses, every one of them.
    #[error("{}", .0.iter().map(|e| e.message.as_str()).collect::<Vec<_>>().join("; "))]
    InvalidFields(Vec<console_api::FieldError>),
    #[error(
        "{0} is not the guardian's: a dependent may carry only its own guardian's email and phone"
    )]
    NotGuardiansContact(String),
    #[error("{name} {age}: a dependent becomes a primary consumer at {age_out}, the organization's age-out")]
    NotOfAge {
        name: String,
        /// "is 15", or "has no date of birth on record".
        age: String,
        age_out: u32,
    },
    #[error("the id {0} is already taken")]
    IdTaken(String),
    #[error("there is no user {0} in this organization")]
    UserNotFound(String),
}

impl RuleViolation {
    /// The rule's own problem (code, status, title), with the rule's text as the detail.
    pub fn problem(self) -> Problem {
        use ProblemCode as C;
        use RuleViolation::*;
        let (code, status, title) = match &self {
            ContactRequired | StaffEmailRequired => (C::ContactRequired, 422, "Contact required"),
            ConsumerEmailTaken(_) | ConsumerPhoneTaken(_) => {
                (C::ContactTaken, 409, "Contact already taken")
            }
            StaffEmailTaken(_) => (C::StaffEmailTaken, 409, "Staff email already taken"),
            NotGuardiansContact(_) => (C::NotGuardiansContact, 422, "Not the guardian's contact"),
            GuardianRequired | GuardianNotAllowed | GuardianNotFound(_) | NotAGuardian(_)
            | GuardianCycle(_) => (C::InvalidGuardian, 422, "Invalid guardian"),
            HasDependents(_) => (C::HasDependents, 409, "Guardian has dependents"),
            RolesOnlyForStaff => (C::NotStaff, 422, "Not staff"),
            KindChangeNotAllowed(..) => (C::KindChangeNotAllowed, 422, "Kind cannot change"),
            NotOfAge { .. } => (C::NotOfAge, 409, "Not yet of age"),
            InvalidFields(_) => (C::InvalidPerson, 422, "Invalid person"),
            IdTaken(_) => (C::InvalidRequest, 422, "Refused by the directory's rules"),
            UserNotFound(_) => (C::NotFound, 404, "Not found"),
        };
        let mut problem = Problem::new(code, status, title, self.to_string());
        if let InvalidFields(errors) = self {
            problem.errors = Some(Box::new(errors));
        }
        problem
    }
}

pub type Result<T> = std::result::Result<T, Error>;

/// An admin API error, answered as RFC 9457 problem+json.
#[derive(Debug)]
pub struct ApiError(pub Problem);

impl ApiError {
    pub fn invalid_token(detail: &str) -> Self {
        ApiError(Problem::new(
            ProblemCode::InvalidToken,
            401,
            "Not signed in",
            detail,
        ))
    }
}

impl ApiError {
    pub fn forbidden(detail: impl Into<String>) -> Self {
        ApiError(Problem::new(
            ProblemCode::Forbidden,
            403,
            "Forbidden",
            detail,
        ))
    }

    pub fn not_found(detail: impl Into<String>) -> Self {
        ApiError(Problem::new(
            ProblemCode::NotFound,
            404,
            "Not found",
            detail,
        ))
    }

    /// A bad request parameter; the detail names it so the caller knows what to fix.
    pub fn invalid_param(name: &str, detail: impl std::fmt::Display) -> Self {
        ApiError(Problem::new(
            ProblemCode::InvalidRequest,
            400,
            "Invalid request",
            format!("{name}: {detail}"),
        ))
    }

    pub fn resync_required(detail: impl Into<String>) -> Self {
        ApiError(Problem::new(
            ProblemCode::ResyncRequired,
            410,
            "Full sync required",
            detail,
        ))
    }

    /// 428: a mutation without `If-Match`.
    pub fn precondition_required(detail: impl Into<String>) -> Self {
        ApiError(Problem::new(
            ProblemCode::PreconditionRequired,
            428,
            "If-Match required",
            detail,
        ))
    }

    /// 412: `If-Match` names a version that is no longer current; `current` is the resource as
    /// it is now, so the client can show what changed without another request.
    pub fn precondition_failed(detail: impl Into<String>, current: serde_json::Value) -> Self {
        let mut problem = Problem::new(
            ProblemCode::PreconditionFailed,
            412,
            "Changed meanwhile",
            detail,
        );
        problem.current = Some(current);
        ApiError(problem)
    }

    pub fn reason_required() -> Self {
        ApiError(Problem::new(
            ProblemCode::ReasonRequired,
            422,
            "Reason required",
            "Say why: every change needs a reason, which the audit trail records.",
        ))
    }

    /// 401: an API key that is not accepted; `code` says why (`key_invalid`, `key_revoked`,
    /// `key_disabled`, `key_expired`).
    pub fn key_refused(code: ProblemCode, detail: impl Into<String>) -> Self {
        let title = match code {
            ProblemCode::KeyRevoked => "API key revoked",
            ProblemCode::KeyDisabled => "API key disabled",
            ProblemCode::KeyExpired => "API key expired",
            _ => "Not a valid API key",
        };
        ApiError(Problem::new(code, 401, title, detail))
    }

    /// 409: the request conflicts with the resource's state (`code` names the state or rule).
    pub fn conflict(code: ProblemCode, title: &str, detail: impl Into<String>) -> Self {
        ApiError(Problem::new(code, 409, title, detail))
    }

    /// 422: a well-formed request the platform will not carry out as asked.
    pub fn unprocessable(detail: impl Into<String>) -> Self {
        ApiError(Problem::new(
            ProblemCode::InvalidRequest,
            422,
            "Cannot be done",
            detail,
        ))
    }
}

/// A problem found by a pure rule (the guardrails), answered as it is.
impl From<Problem> for ApiError {
    fn from(problem: Problem) -> Self {
        ApiError(problem)
    }
}

impl From<Error> for ApiError {
    fn from(e: Error) -> Self {
        if let Error::Rule(rule) = e {
            // A refused write is the caller's to fix, not a server failure.
            return ApiError(rule.problem());
        }
        tracing::error!("internal error: {e}");
        ApiError(Problem::new(
            ProblemCode::Internal,
            500,
            "Internal error",
            "The platform failed to answer; try again.",
        ))
    }
}

impl From<sqlx::Error> for ApiError {
    fn from(e: sqlx::Error) -> Self {
        ApiError::from(Error::from(e))
    }
}

impl IntoResponse for ApiError {
    fn into_response(self) -> Response {
        let status =
            StatusCode::from_u16(self.0.status).unwrap_or(StatusCode::INTERNAL_SERVER_ERROR);
        let mut response = (status, Json(&self.0)).into_response();
        let headers = response.headers_mut();
        headers.insert(
            header::CONTENT_TYPE,
            HeaderValue::from_static(Problem::CONTENT_TYPE),
        );
        // Every refused credential, access token or API key alike (RFC 6750 §3.1); a step-up
        // challenge says so instead (RFC 9470 §3), so a client does not end the session.
        if self.0.status == 401 {
            let challenge = match self.0.code {
                ProblemCode::InsufficientUserAuthentication => {
                    crate::api::step_up::challenge(&self.0)
                }
                _ => HeaderValue::from_static("Bearer error=\"invalid_token\""),
            };
            headers.insert(header::WWW_AUTHENTICATE, challenge);
        }
        if self.0.code == ProblemCode::InsufficientScope {
            // RFC 6750 §3.1: say which scope would do, so a client can ask for it.
            headers.insert(
                header::WWW_AUTHENTICATE,
                HeaderValue::from_static("Bearer error=\"insufficient_scope\", scope=\"console\""),
            );
        }
        response
    }
}

/// An OAuth2 token / revocation / introspection endpoint error in the RFC 6749 §5.2 format,
/// which every OAuth2 client library parses (problem+json would break them).
#[derive(Debug, Serialize)]
pub struct OAuthError {
    #[serde(skip)]
    pub status: StatusCode,
    pub error: &'static str,
    pub error_description: String,
}

impl OAuthError {
    pub fn new(error: &'static str, description: impl Into<String>) -> Self {
        let status = match error {
            "invalid_client" => StatusCode::UNAUTHORIZED,
            "server_error" => StatusCode::INTERNAL_SERVER_ERROR,
            _ => StatusCode::BAD_REQUEST,
        };
        OAuthError {
            status,
            error,
            error_description: description.into(),
        }
    }
}

impl From<Error> for OAuthError {
    fn from(e: Error) -> Self {
        tracing::error!("internal error: {e}");
        OAuthError::new(
            "server_error",
            "The authorization server failed; try again.",
        )
    }
}

impl From<sqlx::Error> for OAuthError {
    fn from(e: sqlx::Error) -> Self {
        OAuthError::from(Error::from(e))
    }
}

impl IntoResponse for OAuthError {
    fn into_response(self) -> Response {
        let mut response = (self.status, Json(&self)).into_response();
        let headers = response.headers_mut();
        headers.insert(header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
        if self.status == StatusCode::UNAUTHORIZED {
            headers.insert(
                header::WWW_AUTHENTICATE,
                HeaderValue::from_static("Basic realm=\"platform\""),
            );
        }
        response
    }
}
