//! axum's `Json` and `Query` extractors, refused as problem+json: a bad body is 400
//! `invalid_request` naming `body`, a bad query string names `query string`, as every other
//! bad parameter is named (axum's own rejections are plain text). As in axum's
//! `customize-extractor-error` example.
//!
//! axum runs every extractor before the handler. A handler whose documented order puts a check
//! before the body's (a mutation answers 403 before 400) takes `Result<JsonBody<_>, ApiError>`
//! and applies `?` where that order says.

use axum::extract::rejection::{JsonRejection, QueryRejection};
use axum::extract::{FromRequest, FromRequestParts};

use crate::error::ApiError;

#[derive(FromRequest)]
#[from_request(via(axum::Json), rejection(ApiError))]
pub struct JsonBody<T>(pub T);

#[derive(FromRequestParts)]
#[from_request(via(axum::extract::Query), rejection(ApiError))]
pub struct Query<T>(pub T);

impl From<JsonRejection> for ApiError {
    fn from(e: JsonRejection) -> Self {
        ApiError::invalid_param("body", e.body_text())
    }
}

impl From<QueryRejection> for ApiError {
    fn from(e: QueryRejection) -> Self {
        ApiError::invalid_param("query string", e.body_text())
    }
}
