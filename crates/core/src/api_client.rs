//! Calls to the admin API v1. Problem+json answers become errors with the server's message.

use console_api::{Problem, ProblemCode};
use reqwest::Method;
use serde::de::DeserializeOwned;
use serde::Serialize;

use crate::{Error, Result, Secret};

pub enum Answer<T> {
    Ok(T),
    /// 401: the token was not accepted; the caller may refresh once and retry.
    Unauthorized(String),
}

/// One admin API request: a method, a path (with its query), an optional JSON body and an
/// optional `If-Match` version (sent as the ETag `"<version>"`).
#[derive(Debug, Clone)]
pub struct Call<'a> {
    pub method: Method,
    pub path: &'a str,
    pub body: Option<serde_json::Value>,
    pub if_match: Option<i64>,
}

impl<'a> Call<'a> {
    pub fn get(path: &'a str) -> Self {
        Call {
            method: Method::GET,
            path,
            body: None,
            if_match: None,
        }
    }
}

pub async fn call_json<T: DeserializeOwned>(
    http: &reqwest::Client,
    api_base: &str,
    call: &Call<'_>,
    token: &Secret,
) -> Result<Answer<T>> {
    let path = call.path;
    let url = format!("{}{path}", api_base.trim_end_matches('/'));
    let mut request = http
        .request(call.method.clone(), &url)
        .bearer_auth(token.expose())
        .header(reqwest::header::ACCEPT, "application/json");
    if let Some(version) = call.if_match {
        request = request.header(reqwest::header::IF_MATCH, format!("\"{version}\""));
    }
    if let Some(body) = &call.body {
        request = request.json(body);
    }
    let response = request
        .send()
        .await
        .map_err(|e| Error::network(api_base, &e))?;
    let status = response.status();
    if status.is_success() {
        return response.json::<T>().await.map(Answer::Ok).map_err(|_| {
            Error::Server(format!(
                "{path} answered with data the console does not understand"
            ))
        });
    }
    let retry_after = response
        .headers()
        .get(reqwest::header::RETRY_AFTER)
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.trim().parse::<u64>().ok());
    let challenge = step_up_challenge(response.headers());
    let problem = response.json::<Problem>().await.ok();
    let detail = problem
        .as_ref()
        .map(|p| {
            let mut text = p.detail.clone().unwrap_or_else(|| p.title.clone());
            // Per-field refusals (settings): each field and what to fix, in the message.
            for e in p.errors.iter().flat_map(|errors| errors.iter()) {
                text.push_str(&format!("\n  {}: {}", e.key, e.message));
            }
            text
        })
        .unwrap_or_else(|| format!("HTTP {status}"));
    if status == reqwest::StatusCode::UNAUTHORIZED {
        // A step-up challenge is not a dead token: refreshing would not help (a refresh is no
        // new authentication) and ending the session would be wrong. Told apart first.
        let by_problem =
            matches!(&problem, Some(p) if p.code == ProblemCode::InsufficientUserAuthentication);
        if let Some(max_age) = challenge.or(by_problem.then_some(None)) {
            let max_age = max_age.or_else(|| {
                let p = problem.as_ref()?;
                p.max_age.map(u64::from)
            });
            return Err(Error::StepUpRequired {
                max_age,
                reason: detail,
            });
        }
        return Ok(Answer::Unauthorized(detail));
    }
    if let Some(p) = &problem {
        if p.code == ProblemCode::PreconditionFailed {
            return Err(Error::Conflict {
                message: detail,
                current: p.current.clone(),
            });
        }
    }
    Err(Error::Http {
        status: status.as_u16(),
        problem: problem.map(|p| p.code),
        message: if call.method == Method::GET {
            format!("{path}: {detail}")
        } else {
            detail
        },
        retry_after,
    })
}

/// `Some(max_age)` when `WWW-Authenticate` is an RFC 9470 step-up challenge (any server's,
/// not only the emulator's: the header is the standard, the problem body our extension).
fn step_up_challenge(headers: &reqwest::header::HeaderMap) -> Option<Option<u64>> {
    let value = headers
        .get_all(reqwest::header::WWW_AUTHENTICATE)
        .iter()
        .filter_map(|v| v.to_str().ok())
        .find(|v| v.contains("error=\"insufficient_user_authentication\""))?;
    let max_age = value.split(',').find_map(|part| {
        let (k, v) = part.trim().split_once('=')?;
        (k.trim() == "max_age")
            .then(|| v.trim().trim_matches('"').parse().ok())
            .flatten()
    });
    Some(max_age)
}

/// A path segment or query value, percent-encoded.
pub(crate) fn encode(segment: &str) -> String {
    url::form_urlencoded::byte_serialize(segment.as_bytes()).collect()
}

/// A request body as JSON.
pub(crate) fn to_body<T: Serialize>(value: &T) -> Result<serde_json::Value> {
    serde_json::to_value(value).map_err(|e| Error::Internal(e.to_string()))
}

/// Every change the platform records carries a reason; refused here before anything is sent.
pub(crate) fn require_reason(reason: &str) -> Result<String> {
    let reason = reason.trim();
    if reason.is_empty() {
        return Err(Error::InvalidInput(
            "Give a reason for the change; it is recorded in the audit trail.".into(),
        ));
    }
    Ok(reason.to_string())
}
