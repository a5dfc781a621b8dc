//! Entity tags: every versioned resource (a user, a service account, the settings) is tagged
//! `"<version>"`. Reads answer with the tag (and 304 to a matching `If-None-Match`); writes
//! need `If-Match` with it and answer with the new one.

use axum::http::{header, HeaderMap, HeaderValue, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::Json;
use serde::Serialize;

use crate::error::ApiError;

pub fn etag(version: i64) -> String {
    format!("\"{version}\"")
}

fn header_value(version: i64) -> HeaderValue {
    HeaderValue::from_str(&etag(version)).expect("a number in quotes is a header value")
}

/// `body` with `status` and the ETag of `version`.
pub fn with_etag<T: Serialize>(status: StatusCode, version: i64, body: &T) -> Response {
    (status, [(header::ETAG, header_value(version))], Json(body)).into_response()
}

/// A read: 304 when `If-None-Match` names `version` already, otherwise 200 with `body`.
pub fn read<T: Serialize>(headers: &HeaderMap, version: i64, body: &T) -> Response {
    if none_match(headers, &etag(version)) {
        return (
            StatusCode::NOT_MODIFIED,
            [(header::ETAG, header_value(version))],
        )
            .into_response();
    }
    with_etag(StatusCode::OK, version, body)
}

/// RFC 9110 §13.1.2: `If-None-Match` is `*` or a list of entity tags, compared weakly.
fn none_match(headers: &HeaderMap, etag: &str) -> bool {
    headers
        .get_all(header::IF_NONE_MATCH)
        .iter()
        .filter_map(|v| v.to_str().ok())
        .flat_map(|v| v.split(','))
        .map(|t| t.trim())
        .any(|t| t == "*" || t.strip_prefix("W/").unwrap_or(t) == etag)
}

/// The entity tags of `If-Match` (RFC 9110 §13.1.1).
#[derive(Debug, Clone)]
pub struct IfMatch(Vec<String>);

/// `If-Match` is required: without it a client could overwrite a change it never saw.
pub fn if_match(headers: &HeaderMap) -> Result<IfMatch, ApiError> {
    let tags: Vec<String> = headers
        .get_all(header::IF_MATCH)
        .iter()
        .filter_map(|v| v.to_str().ok())
        .flat_map(|v| v.split(','))
        .map(|t| t.trim().to_string())
        .filter(|t| !t.is_empty())
        .collect();
    if tags.is_empty() {
        return Err(ApiError::precondition_required(
            "Send If-Match with the ETag you last read (If-Match: \"<version>\"), so that a \
             change someone made meanwhile is not overwritten unseen.",
        ));
    }
    Ok(IfMatch(tags))
}

impl IfMatch {
    /// Strong comparison: `"<version>"` matches that version only, `*` any; a weak tag
    /// (`W/"3"`) never matches, as RFC 9110 requires for `If-Match`.
    pub fn matches(&self, version: i64) -> bool {
        let etag = etag(version);
        self.0.iter().any(|t| t == "*" || *t == etag)
    }

    /// What the client said it saw, for the 412 message.
    pub fn describe(&self) -> String {
        self.0.join(", ")
    }
}
