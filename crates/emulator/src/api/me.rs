use axum::extract::State;
use axum::routing;
use axum::Json;
use axum::Router;
use console_api::{Me, Organization, Permission};

use super::auth::Caller;
use super::permissions;
use crate::error::ApiError;
use crate::store::{settings, users};
use crate::AppState;

pub fn router() -> Router<AppState> {
    Router::new().route("/v1/me", routing::get(me))
}

pub async fn me(State(state): State<AppState>, Caller(user): Caller) -> Result<Json<Me>, ApiError> {
    // With a delegated credential this describes the person acted for, with what both may do
    // and who acts (`acting`), so the console shows what that person would see.
    let mut conn = state.pool.acquire().await?;
    let staff_roles = users::staff_roles(&mut *conn, &user.id).await?;
    let permissions = permissions::of(&mut conn, &user).await?;
    drop(conn);
    // The longest an OWNER may act for someone: for those who may start acting.
    let max_acting_minutes = if permissions.contains(&Permission::ActOnBehalf) {
        Some(settings::max_acting_minutes(&state.pool, &user.org_id).await?)
    } else {
        None
    };
    // For everyone who signs in: the console locks itself after this many idle minutes.
    let idle_sign_out_minutes = settings::idle_sign_out_minutes(&state.pool, &user.org_id).await?;
    // The default a rotation offers, so the setting acts wherever keys are rotated.
    let overlap = settings::key_rotation_overlap_hours(&state.pool, &user.org_id).await?;
    // The organization as it presents itself: the settings' display name and support address.
    let (org_name, support_email) = settings::presentation(&state.pool, &user.org_id).await?;
    Ok(Json(Me {
        user_id: user.id,
        display_name: user.display_name,
        email: user.email,
        kind: user.kind,
        organization: Organization {
            id: user.org_id,
            name: org_name,
            support_email,
        },
        staff_roles,
        config_role: user.config_role,
        permissions,
        idle_sign_out_minutes: Some(idle_sign_out_minutes),
        key_rotation_overlap_hours: u32::try_from(overlap).ok(),
        max_acting_minutes,
        acting: user.on_behalf,
    }))
}
