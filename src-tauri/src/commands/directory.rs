use console_core::{DirectoryPage, DirectoryQuery, IpcError, SyncStatus, UserDetail};
use tauri::State;

use crate::state::AppState;

/// Searches the local cache (works offline).
#[tauri::command]
pub async fn search_users(
    state: State<'_, AppState>,
    profile: String,
    query: DirectoryQuery,
) -> Result<DirectoryPage, IpcError> {
    Ok(state.console.search_users(&profile, &query).await?)
}

#[tauri::command]
pub async fn get_user(
    state: State<'_, AppState>,
    profile: String,
    id: String,
) -> Result<Option<UserDetail>, IpcError> {
    Ok(state.console.user_detail(&profile, &id).await?)
}

/// Starts a background sync and returns at once; poll `sync_status` for progress.
#[tauri::command]
pub async fn sync_now(state: State<'_, AppState>, profile: String) -> Result<SyncStatus, IpcError> {
    state.console.start_sync(&profile);
    Ok(state.console.sync_status(&profile).await?)
}

#[tauri::command]
pub async fn sync_status(
    state: State<'_, AppState>,
    profile: String,
) -> Result<SyncStatus, IpcError> {
    Ok(state.console.sync_status(&profile).await?)
}
