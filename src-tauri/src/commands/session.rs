use console_core::{IpcError, SessionView};
use tauri::State;

use crate::state::AppState;

#[tauri::command]
pub async fn current_session(
    state: State<'_, AppState>,
    profile: String,
) -> Result<Option<SessionView>, IpcError> {
    Ok(state.console.current_session(&profile).await?)
}

/// Resolves when the person has finished in the browser (or cancelled, or after 5 minutes).
#[tauri::command]
pub async fn sign_in(state: State<'_, AppState>, profile: String) -> Result<SessionView, IpcError> {
    Ok(state.console.sign_in(&profile).await?)
}

#[tauri::command]
pub fn cancel_sign_in(state: State<'_, AppState>) {
    state.console.cancel_sign_in();
}

/// With `wipe_cache`, also deletes the local directory cache (database files and key).
#[tauri::command]
pub async fn sign_out(
    state: State<'_, AppState>,
    profile: String,
    wipe_cache: Option<bool>,
) -> Result<(), IpcError> {
    let report = state
        .console
        .sign_out(&profile, wipe_cache.unwrap_or(false))
        .await?;
    tracing::info!(profile = %profile, revoked_at_server = report.revoked_at_server, "signed out");
    Ok(())
}

/// Locks after the idle time: tokens are dropped (and revoked), the cache is kept.
#[tauri::command]
pub async fn lock_session(state: State<'_, AppState>, profile: String) -> Result<(), IpcError> {
    state.console.lock(&profile).await?;
    Ok(())
}
