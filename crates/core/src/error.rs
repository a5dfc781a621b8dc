use crate::ipc::ErrorCode;

/// Everything that can go wrong in the core, each with a message a person can act on.
#[derive(Debug, thiserror::Error)]
pub enum Error {
    #[error("You are not signed in to profile '{0}'. Sign in first.")]
    NotSignedIn(String),
    #[error("Your session has ended ({0}). Sign in again.")]
    SessionExpired(String),
    #[error("Sign-in was cancelled.")]
    Cancelled,
    #[error(
        "Sign-in timed out: nothing came back from the browser within {0} minutes. Try again."
    )]
    Timeout(u64),
    #[error("Can't reach {url}: {reason}. Check the profile's address and your connection.")]
    Network { url: String, reason: String },
    #[error("Sign-in failed: {0}")]
    AuthFailed(String),
    #[error("The server answered with an error: {0}")]
    Server(String),
    /// An admin API answer other than 2xx/401, with what the problem document said.
    #[error("{message}")]
    Http {
        status: u16,
        problem: Option<console_api::ProblemCode>,
        message: String,
        retry_after: Option<u64>,
    },
    /// 412: someone changed the resource since it was read; `current` is the server's state now.
    #[error("Someone else changed this meanwhile: {message}")]
    Conflict {
        message: String,
        current: Option<serde_json::Value>,
    },
    /// 401 `insufficient_user_authentication` (RFC 9470): the operation needs a more recent
    /// sign-in of the same person. The session goes on; `Console::step_up` then a retry.
    #[error("{reason}")]
    StepUpRequired {
        /// The oldest sign-in the server accepts, in seconds, when it said.
        max_age: Option<u64>,
        /// Why it asks, from the server ("Granting OWNER needs you to confirm it is you …").
        reason: String,
    },
    /// The acting window closed (or the platform ended it): nothing more is done as the person,
    /// and nothing falls back to the actor's own session until `stop_acting`.
    #[error("Your time acting for {0} is over; you are back in your own session when you stop.")]
    ActingEnded(String),
    #[error("{0}")]
    InvalidInput(String),
    #[error("The OS keyring could not be used: {0}. On Linux a Secret Service (e.g. gnome-keyring) must be running and unlocked.")]
    Keyring(String),
    #[error("Internal error: {0}")]
    Internal(String),
}

pub type Result<T> = std::result::Result<T, Error>;

impl Error {
    pub fn code(&self) -> ErrorCode {
        match self {
            Error::NotSignedIn(_) => ErrorCode::NotSignedIn,
            Error::SessionExpired(_) => ErrorCode::SessionExpired,
            Error::Cancelled => ErrorCode::Cancelled,
            Error::Timeout(_) => ErrorCode::Timeout,
            Error::Network { .. } => ErrorCode::Network,
            Error::AuthFailed(_) => ErrorCode::AuthFailed,
            Error::Server(_) => ErrorCode::Server,
            Error::Conflict { .. } => ErrorCode::Conflict,
            Error::StepUpRequired { .. } => ErrorCode::StepUpRequired,
            Error::ActingEnded(_) => ErrorCode::ActingEnded,
            // Guardrails refuse this change, not the person: they may still make others.
            Error::Http {
                problem: Some(code),
                ..
            } if code.is_guardrail() => ErrorCode::Rejected,
            Error::Http { status: 403, .. } => ErrorCode::Forbidden,
            // The server refused the request as asked (a guardrail, a rule, bad input): the
            // message says why and the person can change what they asked for.
            Error::Http {
                status: 400 | 409 | 422 | 428,
                ..
            } => ErrorCode::Rejected,
            Error::Http { status: 404, .. } => ErrorCode::NotFound,
            Error::Http { .. } => ErrorCode::Server,
            Error::InvalidInput(_) => ErrorCode::InvalidInput,
            Error::Keyring(_) => ErrorCode::Keyring,
            Error::Internal(_) => ErrorCode::Internal,
        }
    }

    /// A transport failure talking to `url`. reqwest's own text can include the full URL with
    /// query parameters, so only its kind is kept.
    pub(crate) fn network(url: &str, e: &reqwest::Error) -> Error {
        let reason = if e.is_timeout() {
            "the request timed out"
        } else if e.is_connect() {
            "the connection was refused or the host is unreachable"
        } else if e.is_decode() {
            "the answer was not what the platform sends"
        } else {
            "the request failed"
        };
        Error::Network {
            url: url.to_string(),
            reason: reason.to_string(),
        }
    }
}

impl Error {
    /// Worth retrying after a pause: the network, rate limiting, or a server-side failure.
    pub fn is_transient(&self) -> bool {
        matches!(self, Error::Network { .. })
            || matches!(self, Error::Http { status, .. } if *status == 429 || *status >= 500)
    }
}

impl From<keyring::Error> for Error {
    fn from(e: keyring::Error) -> Self {
        Error::Keyring(e.to_string())
    }
}

impl From<std::io::Error> for Error {
    fn from(e: std::io::Error) -> Self {
        Error::Internal(e.to_string())
    }
}
