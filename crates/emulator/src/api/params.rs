//! Query parameters of the directory endpoints, parsed by hand so that every bad value is a
//! problem+json 400 that names the parameter (axum's own rejections are plain text).

use std::collections::HashMap;

use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use base64::Engine;

use crate::error::ApiError;

pub type Params = HashMap<String, String>;

/// `limit`: `default` when absent, otherwise 1..=`max`.
pub fn limit(params: &Params, default: i64, max: i64) -> Result<i64, ApiError> {
    match params.get("limit") {
        None => Ok(default),
        Some(raw) => match raw.parse::<i64>() {
            Ok(n) if (1..=max).contains(&n) => Ok(n),
            _ => Err(ApiError::invalid_param(
                "limit",
                format!("must be a whole number from 1 to {max}, not '{raw}'"),
            )),
        },
    }
}

/// Parses an optional enumerated parameter with `parse`, listing the accepted values on error.
pub fn choice<T>(
    params: &Params,
    name: &str,
    parse: impl Fn(&str) -> Option<T>,
    accepted: &str,
) -> Result<Option<T>, ApiError> {
    match params.get(name).filter(|v| !v.is_empty()) {
        None => Ok(None),
        Some(raw) => parse(raw).map(Some).ok_or_else(|| {
            ApiError::invalid_param(name, format!("'{raw}' is not one of {accepted}"))
        }),
    }
}

/// The cursor is opaque to clients; it is the base64url of the last id served.
pub fn encode_cursor(last_id: &str) -> String {
    URL_SAFE_NO_PAD.encode(last_id.as_bytes())
}

pub fn cursor(params: &Params) -> Result<Option<String>, ApiError> {
    let Some(raw) = params.get("cursor").filter(|v| !v.is_empty()) else {
        return Ok(None);
    };
    URL_SAFE_NO_PAD
        .decode(raw.as_bytes())
        .ok()
        .and_then(|bytes| String::from_utf8(bytes).ok())
        .map(Some)
        .ok_or_else(|| {
            ApiError::invalid_param("cursor", "not a cursor this server handed out; start over")
        })
}

/// A cursor that is a number (a sequence number or rowid), for the listings that page
/// backwards through one.
pub fn numeric_cursor(params: &Params) -> Result<Option<i64>, ApiError> {
    match cursor(params)? {
        None => Ok(None),
        Some(raw) => raw.parse::<i64>().map(Some).map_err(|_| {
            ApiError::invalid_param("cursor", "not a cursor this server handed out; start over")
        }),
    }
}

/// Cuts `rows`, read with `limit + 1`, to `limit`; the extra row only tells that there is a next
/// page, whose cursor is then `last_id` of the last row kept.
pub fn next_cursor<T>(
    rows: &mut Vec<T>,
    limit: i64,
    last_id: impl Fn(&T) -> String,
) -> Option<String> {
    if rows.len() as i64 <= limit {
        return None;
    }
    rows.truncate(limit as usize);
    rows.last().map(|row| encode_cursor(&last_id(row)))
}

/// A non-negative integer parameter (the change feed's `after`), 0 when absent.
pub fn position(params: &Params, name: &str) -> Result<i64, ApiError> {
    match params.get(name) {
        None => Ok(0),
        Some(raw) => raw.parse::<i64>().ok().filter(|n| *n >= 0).ok_or_else(|| {
            ApiError::invalid_param(
                name,
                format!("must be a sequence number (0 or more), not '{raw}'"),
            )
        }),
    }
}
