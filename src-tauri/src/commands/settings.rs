use console_core::api::{FieldError, SettingsSchema};
use console_core::settings::{
    self, SettingsDiff, SettingsHistory, SettingsPreview, SettingsSaved, SettingsView,
};
use console_core::IpcError;
use serde_json::{Map, Value};
use tauri::State;

use crate::state::AppState;

/// The schema, the current document and what this person may edit.
#[tauri::command]
pub async fn settings_view(
    state: State<'_, AppState>,
    profile: String,
) -> Result<SettingsView, IpcError> {
    Ok(state.console.settings_view(&profile).await?)
}

/// Every staged value the served `schema` refuses, checked as the person types: the same check
/// the platform runs, read from the rules it served. Nothing leaves the machine.
#[tauri::command]
pub fn check_settings(schema: SettingsSchema, changes: Map<String, Value>) -> Vec<FieldError> {
    settings::check_settings(&schema, &changes)
}

/// The difference staged changes would make, with every field the platform would refuse.
#[tauri::command]
pub async fn preview_settings(
    state: State<'_, AppState>,
    profile: String,
    base_version: i64,
    changes: Map<String, Value>,
) -> Result<SettingsPreview, IpcError> {
    Ok(state
        .console
        .preview_settings(&profile, base_version, &changes)
        .await?)
}

/// Saves with If-Match; a conflict comes back as an outcome with the server's changes.
#[tauri::command]
pub async fn save_settings(
    state: State<'_, AppState>,
    profile: String,
    base_version: i64,
    changes: Map<String, Value>,
    reason: String,
) -> Result<SettingsSaved, IpcError> {
    Ok(state
        .console
        .save_settings(&profile, base_version, &changes, &reason)
        .await?)
}

#[tauri::command]
pub async fn restore_settings(
    state: State<'_, AppState>,
    profile: String,
    version: i64,
    base_version: i64,
    reason: String,
) -> Result<SettingsSaved, IpcError> {
    Ok(state
        .console
        .restore_settings(&profile, version, base_version, &reason)
        .await?)
}

#[tauri::command]
pub async fn settings_history(
    state: State<'_, AppState>,
    profile: String,
    cursor: Option<String>,
    limit: u32,
) -> Result<SettingsHistory, IpcError> {
    Ok(state
        .console
        .settings_history(&profile, cursor.as_deref(), limit)
        .await?)
}

#[tauri::command]
pub async fn settings_diff(
    state: State<'_, AppState>,
    profile: String,
    from: i64,
    to: i64,
) -> Result<SettingsDiff, IpcError> {
    Ok(state.console.settings_diff(&profile, from, to).await?)
}
