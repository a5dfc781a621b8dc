//! Slows down password guessing at the sign-in form: per account and per source address, a
//! few failures are free, then each further failure doubles the wait before the next try.
//!
//! While a wait runs the form does not check passwords at all (the right one is refused too),
//! so guessing costs time whatever is guessed. Time is the emulator's clock, so tests move past
//! a wait without sleeping.

use std::net::{IpAddr, SocketAddr};

use axum::extract::{ConnectInfo, FromRequestParts};
use axum::http::request::Parts;
use axum::http::{header, HeaderValue, StatusCode};
use axum::response::Response;

use crate::crypto;
use crate::store::sign_in_failures as failures;
use crate::{AppState, Result};

/// Failures of one account that cost nothing; the next failure starts a wait.
pub const ACCOUNT_FREE: i64 = 5;
/// An address signs in for many people (a clinic behind one NAT), so it gets more.
pub const ADDRESS_FREE: i64 = 20;
/// The first wait, doubled with each further failure, up to `MAX_WAIT`.
pub const FIRST_WAIT_SECS: i64 = 30;
const MAX_WAIT_SECS: i64 = 60 * 60;
/// A count with no failure for this long (and no wait running) starts again.
const RESET_AFTER_SECS: i64 = 60 * 60;

/// The address a request came from (the socket's peer; no forwarding header is trusted, as
/// nothing sits in front of the platform).
pub struct Source(pub Option<IpAddr>);

impl<S: Send + Sync> FromRequestParts<S> for Source {
    type Rejection = std::convert::Infallible;

    async fn from_request_parts(
        parts: &mut Parts,
        _: &S,
    ) -> std::result::Result<Self, Self::Rejection> {
        let peer = parts.extensions.get::<ConnectInfo<SocketAddr>>();
        Ok(Source(peer.map(|ConnectInfo(addr)| addr.ip())))
    }
}

/// What one sign-in attempt is counted against.
pub struct Subjects {
    account: String,
    address: Option<String>,
}

impl Subjects {
    pub fn new(email: &str, source: &Source) -> Self {
        Subjects {
            account: crypto::token_hash(&format!("account:{}", email.trim().to_lowercase())),
            address: source
                .0
                .map(|ip| crypto::token_hash(&format!("address:{ip}"))),
        }
    }

    fn all(&self) -> Vec<String> {
        std::iter::once(self.account.clone())
            .chain(self.address.clone())
            .collect()
    }
}

/// Seconds left before this attempt may be checked, if a wait is running.
pub async fn wait(state: &AppState, subjects: &Subjects) -> Result<Option<i64>> {
    let now = state.now();
    let until = failures::blocked_until(&state.pool, &subjects.all(), now).await?;
    Ok(until.map(|u| u - now))
}

/// Counts a failed attempt; returns the wait it starts, if any.
pub async fn failed(state: &AppState, subjects: &Subjects) -> Result<Option<i64>> {
    let now = state.now();
    let mut longest = None;
    let counted = [
        (Some(&subjects.account), ACCOUNT_FREE),
        (subjects.address.as_ref(), ADDRESS_FREE),
    ];
    for (subject, free) in counted {
        let Some(subject) = subject else { continue };
        let count = failures::count_failure(&state.pool, subject, now, RESET_AFTER_SECS).await?;
        if let Some(secs) = wait_after(count, free) {
            failures::block(&state.pool, subject, now + secs).await?;
            longest = longest.max(Some(secs));
        }
    }
    Ok(longest)
}

/// The account's owner got in: its count starts again. The address's does not, or one good
/// password would reset a spray across many accounts.
pub async fn succeeded(state: &AppState, subjects: &Subjects) -> Result<()> {
    failures::clear(&state.pool, &subjects.account).await
}

/// Forgets counts that have lapsed, so the table stays bounded.
pub async fn purge(state: &AppState) -> Result<u64> {
    failures::purge_stale(&state.pool, state.now(), RESET_AFTER_SECS).await
}

/// The wait after the `count`th failure in a row when `free` are free: none until `free`,
/// then `FIRST_WAIT_SECS`, doubling, at most `MAX_WAIT_SECS`.
pub fn wait_after(count: i64, free: i64) -> Option<i64> {
    let over = count - free;
    if over < 0 {
        return None;
    }
    let doublings = over.min(20) as u32;
    Some((FIRST_WAIT_SECS << doublings).min(MAX_WAIT_SECS))
}

/// A wait as a person reads it: "30 seconds", "2 minutes", "1 hour".
pub fn in_words(secs: i64) -> String {
    let plural = |n: i64, unit: &str| format!("{n} {unit}{}", if n == 1 { "" } else { "s" });
    if secs < 60 {
        plural(secs.max(1), "second")
    } else if secs < 3600 {
        plural((secs + 59) / 60, "minute")
    } else {
        let minutes = (secs + 59) / 60;
        match (minutes / 60, minutes % 60) {
            (h, 0) => plural(h, "hour"),
            (h, m) => format!("{} {}", plural(h, "hour"), plural(m, "minute")),
        }
    }
}

/// What the form says while a wait runs.
pub fn message(secs: i64) -> String {
    format!(
        "Too many sign-in attempts failed. Wait {} and try again; until then no password is \
         checked.",
        in_words(secs)
    )
}

/// Marks a sign-in page as throttled: 429 with `Retry-After` in seconds (RFC 9110 §10.2.3).
pub fn throttled(page: Response, secs: i64) -> Response {
    let mut page = with_retry_after(page, secs);
    *page.status_mut() = StatusCode::TOO_MANY_REQUESTS;
    page
}

/// Adds `Retry-After` (seconds) to a page.
pub fn with_retry_after(mut page: Response, secs: i64) -> Response {
    let value = HeaderValue::from(secs.max(1));
    page.headers_mut().insert(header::RETRY_AFTER, value);
    page
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn five_failures_are_free_then_each_doubles_the_wait() {
        assert_eq!(wait_after(4, ACCOUNT_FREE), None);
        assert_eq!(wait_after(5, ACCOUNT_FREE), Some(30));
        assert_eq!(wait_after(6, ACCOUNT_FREE), Some(60));
        assert_eq!(wait_after(7, ACCOUNT_FREE), Some(120));
        // Capped, and no overflow however long someone keeps guessing.
        assert_eq!(wait_after(1_000, ACCOUNT_FREE), Some(3600));
    }

    #[test]
    fn waits_read_as_words() {
        assert_eq!(in_words(30), "30 seconds");
        assert_eq!(in_words(1), "1 second");
        assert_eq!(in_words(60), "1 minute");
        assert_eq!(in_words(61), "2 minutes");
        assert_eq!(in_words(3600), "1 hour");
        assert_eq!(in_words(3660), "1 hour 1 minute");
    }
}
