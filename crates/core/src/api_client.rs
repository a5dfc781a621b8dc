//! Calls to the admin API v1. Problem+json answers become errors with the server's message.

use console_api::Problem;
use serde::de::DeserializeOwned;

use crate::{Error, Result, Secret};

pub enum Answer<T> {
    Ok(T),
    /// 401: the token was not accepted; the caller may refresh once and retry.
    Unauthorized(String),
}

pub async fn get_json<T: DeserializeOwned>(
    http: &reqwest::Client,
    api_base: &str,
    path: &str,
    token: &Secret,
) -> Result<Answer<T>> {
    let url = format!("{}{path}", api_base.trim_end_matches('/'));
    let response = http
        .get(&url)
        .bearer_auth(token.expose())
        .header(reqwest::header::ACCEPT, "application/json")
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
    let problem = response.json::<Problem>().await.ok();
    let detail = problem
        .as_ref()
        .map(|p| p.detail.clone().unwrap_or_else(|| p.title.clone()))
        .unwrap_or_else(|| format!("HTTP {status}"));
    if status == reqwest::StatusCode::UNAUTHORIZED {
        return Ok(Answer::Unauthorized(detail));
    }
    Err(Error::Http {
        status: status.as_u16(),
        problem: problem.map(|p| p.code),
        message: format!("{path}: {detail}"),
        retry_after,
    })
}
