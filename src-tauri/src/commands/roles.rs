use console_core::roles::{BatchApplied, BatchPlan, RoleInfo};
use console_core::{DirectoryQuery, IpcError, RoleChangeItem, RoleChangeOutcome, StaffRole, User};
use tauri::State;

use crate::state::AppState;

/// The platform's role catalog: every staff role, its description and what it grants.
#[tauri::command]
pub async fn role_catalog(
    state: State<'_, AppState>,
    profile: String,
) -> Result<Vec<RoleInfo>, IpcError> {
    Ok(state.console.role_catalog(&profile).await?)
}

/// A person as the server has them now (the role editor starts from this, with its version).
#[tauri::command]
pub async fn server_user(
    state: State<'_, AppState>,
    profile: String,
    id: String,
) -> Result<User, IpcError> {
    Ok(state.console.server_user(&profile, &id).await?)
}

/// The server's dry-run verdict on one person's staged change.
#[tauri::command]
pub async fn preview_roles(
    state: State<'_, AppState>,
    profile: String,
    item: RoleChangeItem,
) -> Result<RoleChangeOutcome, IpcError> {
    Ok(state.console.preview_roles(&profile, item).await?)
}

#[tauri::command]
pub async fn set_roles(
    state: State<'_, AppState>,
    profile: String,
    id: String,
    roles: Vec<StaffRole>,
    expected_version: i64,
    reason: String,
) -> Result<User, IpcError> {
    Ok(state
        .console
        .set_roles(&profile, &id, &roles, expected_version, &reason)
        .await?)
}

/// Every staff member the query matches, with the server's dry-run plan.
#[tauri::command]
pub async fn plan_bulk_roles(
    state: State<'_, AppState>,
    profile: String,
    query: DirectoryQuery,
    add: Vec<StaffRole>,
    remove: Vec<StaffRole>,
    reason: String,
) -> Result<BatchPlan, IpcError> {
    Ok(state
        .console
        .plan_bulk_roles(&profile, &query, &add, &remove, &reason)
        .await?)
}

/// Applies a batch (a plan's items, or an undo plan) and returns the undo plan for it.
#[tauri::command]
pub async fn apply_role_batch(
    state: State<'_, AppState>,
    profile: String,
    items: Vec<RoleChangeItem>,
    reason: String,
) -> Result<BatchApplied, IpcError> {
    Ok(state
        .console
        .apply_role_batch(&profile, items, &reason)
        .await?)
}
