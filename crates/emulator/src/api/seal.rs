//! `GET /v1/me/seal-key`: the signed-in person's key for sealing a kept local copy.

use axum::extract::State;
use axum::http::header;
use axum::response::{IntoResponse, Response};
use axum::routing;
use axum::Json;
use axum::Router;
use console_api::{Permission, SealKey, UserKind};

use super::auth::Caller;
use super::permissions;
use crate::error::ApiError;
use crate::store::seal_keys;
use crate::AppState;

pub fn router() -> Router<AppState> {
    Router::new().route("/v1/me/seal-key", routing::get(get))
}

pub async fn get(
    State(state): State<AppState>,
    Caller(user): Caller,
) -> Result<Response, ApiError> {
    // Only people keep copies of the directory; a service account's key never gets one.
    if user.kind == UserKind::ServiceAccount {
        return Err(ApiError::forbidden(
            "Service accounts keep no local copy, so they get no seal key.",
        ));
    }
    // The copy key is the person's own: nobody acting for them gets it.
    super::on_behalf::only_the_person(&user, "Getting the key of the local copy")?;
    let rights = permissions::of(&mut *state.pool.acquire().await?, &user).await?;
    if !rights
        .iter()
        .any(|p| matches!(p, Permission::DirectoryRead | Permission::StaffRead))
    {
        return Err(ApiError::forbidden(
            "Your roles give no directory access, so there is no local copy to seal.",
        ));
    }
    let (key_id, key) = seal_keys::get_or_create(&state.pool, &user.id, state.now()).await?;
    Ok((
        // Never kept by a cache between the platform and the person.
        [(header::CACHE_CONTROL, "no-store")],
        Json(SealKey { key_id, key }),
    )
        .into_response())
}
