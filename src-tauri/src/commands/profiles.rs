use console_core::{IpcError, ProfilesView};
use tauri::State;

use crate::state::AppState;

#[tauri::command]
pub fn list_profiles(state: State<'_, AppState>) -> Result<ProfilesView, IpcError> {
    Ok(state.console.list_profiles()?)
}

#[tauri::command]
pub fn select_profile(state: State<'_, AppState>, name: String) -> Result<ProfilesView, IpcError> {
    Ok(state.console.select_profile(&name)?)
}
