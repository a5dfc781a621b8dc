//! `X-Request-Id`: every response carries one, either the caller's own (so a client can match
//! its logs with the server's audit trail) or a fresh one. Handlers read it with the `RequestId`
//! extractor; the audit trail stores it with every change.

use std::convert::Infallible;

use axum::extract::{FromRequestParts, Request};
use axum::http::request::Parts;
use axum::http::{HeaderName, HeaderValue};
use axum::middleware::Next;
use axum::response::Response;

pub const HEADER: HeaderName = HeaderName::from_static("x-request-id");

/// Long enough for any id scheme in use (UUIDs, trace ids), short enough to store with every
/// audit event.
const MAX_LEN: usize = 128;

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RequestId(pub String);

impl RequestId {
    fn fresh() -> Self {
        RequestId(format!("req_{}", uuid::Uuid::new_v4().simple()))
    }

    /// The caller's id when it is printable ASCII of a sane length; anything else is replaced
    /// rather than refused, since a request id must never make a request fail.
    fn from_header(value: Option<&HeaderValue>) -> Self {
        value
            .and_then(|v| v.to_str().ok())
            .map(str::trim)
            .filter(|v| !v.is_empty() && v.len() <= MAX_LEN)
            .filter(|v| v.bytes().all(|b| b.is_ascii_graphic()))
            .map(|v| RequestId(v.to_string()))
            .unwrap_or_else(RequestId::fresh)
    }
}

/// The middleware (`axum::middleware::from_fn`), installed on the whole app.
pub async fn layer(mut request: Request, next: Next) -> Response {
    let id = RequestId::from_header(request.headers().get(&HEADER));
    request.extensions_mut().insert(id.clone());
    let mut response = next.run(request).await;
    let value = HeaderValue::from_str(&id.0).expect("printable ASCII is a header value");
    response.headers_mut().insert(HEADER, value);
    response
}

impl<S: Send + Sync> FromRequestParts<S> for RequestId {
    type Rejection = Infallible;

    async fn from_request_parts(parts: &mut Parts, _: &S) -> Result<Self, Self::Rejection> {
        // Without the middleware (a router tested on its own) there is still an id to record.
        Ok(parts
            .extensions
            .get::<RequestId>()
            .cloned()
            .unwrap_or_else(RequestId::fresh))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_callers_id_is_kept_unless_it_is_unfit_to_store() {
        let given = HeaderValue::from_static("client-42/abc");
        assert_eq!(RequestId::from_header(Some(&given)).0, "client-42/abc");
        for unfit in ["", "has space", &"x".repeat(MAX_LEN + 1)] {
            let value = HeaderValue::from_str(unfit).unwrap();
            let id = RequestId::from_header(Some(&value)).0;
            assert!(id.starts_with("req_") && id != unfit, "{unfit:?} replaced");
        }
        assert!(RequestId::from_header(None).0.starts_with("req_"));
    }
}
