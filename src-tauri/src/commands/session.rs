use console_core::{IpcError, LocalCopy, SessionView};
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

/// Step-up (RFC 9470): the signed-in person confirms it is them in the browser (`prompt=login`,
/// `max_age=0`); a different person answering is refused and the session stays as it was.
/// Resolves like `sign_in`; the UI then retries the operation that asked, once.
#[tauri::command]
pub async fn step_up(state: State<'_, AppState>, profile: String) -> Result<SessionView, IpcError> {
    Ok(state.console.step_up(&profile, None).await?)
}

#[tauri::command]
pub fn cancel_sign_in(state: State<'_, AppState>) {
    state.console.cancel_sign_in();
}

/// Deletes the local directory copy unless `keep_copy`, in which case it is sealed. Answers
/// why a copy to be kept was deleted instead, if it was.
#[tauri::command]
pub async fn sign_out(
    state: State<'_, AppState>,
    profile: String,
    keep_copy: Option<bool>,
) -> Result<Option<String>, IpcError> {
    let copy = if keep_copy.unwrap_or(false) {
        LocalCopy::Keep
    } else {
        LocalCopy::Delete
    };
    let report = state.console.sign_out(&profile, copy).await?;
    tracing::info!(profile = %profile, revoked_at_server = report.revoked_at_server, copy_kept = report.copy_kept, "signed out");
    Ok(report.copy_note)
}

/// Locks after the idle time: tokens are dropped (and revoked), the copy is sealed.
#[tauri::command]
pub async fn lock_session(state: State<'_, AppState>, profile: String) -> Result<(), IpcError> {
    state.console.lock(&profile).await?;
    Ok(())
}
