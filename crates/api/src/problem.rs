use serde::{Deserialize, Serialize};

/// Stable problem codes of the admin API. Clients branch on `code`, never on the text.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ProblemCode {
    InvalidToken,
    Forbidden,
    NotFound,
    InvalidRequest,
    ResyncRequired,
    Internal,
    #[serde(other)]
    Unknown,
}

impl ProblemCode {
    pub fn as_str(self) -> &'static str {
        match self {
            ProblemCode::InvalidToken => "invalid_token",
            ProblemCode::Forbidden => "forbidden",
            ProblemCode::NotFound => "not_found",
            ProblemCode::InvalidRequest => "invalid_request",
            ProblemCode::ResyncRequired => "resync_required",
            ProblemCode::Internal => "internal",
            ProblemCode::Unknown => "unknown",
        }
    }
}

/// An RFC 9457 problem details document (`application/problem+json`), with the stable `code`
/// extension member.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Problem {
    #[serde(rename = "type")]
    pub type_uri: String,
    pub title: String,
    pub status: u16,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub detail: Option<String>,
    pub code: ProblemCode,
}

impl Problem {
    pub const CONTENT_TYPE: &'static str = "application/problem+json";

    pub fn new(code: ProblemCode, status: u16, title: &str, detail: impl Into<String>) -> Self {
        Problem {
            type_uri: format!("urn:access-console:problem:{}", code.as_str()),
            title: title.to_string(),
            status,
            detail: Some(detail.into()),
            code,
        }
    }
}
