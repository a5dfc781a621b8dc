use console_core::{IpcError, User};
use tauri::State;

use crate::state::AppState;

/// An OWNER resets a staff member's authenticator (step-up: may answer `step_up_required`).
#[tauri::command]
pub async fn reset_mfa(
    state: State<'_, AppState>,
    profile: String,
    id: String,
    expected_version: i64,
    reason: String,
) -> Result<User, IpcError> {
    Ok(state
        .console
        .reset_mfa(&profile, &id, expected_version, &reason)
        .await?)
}
