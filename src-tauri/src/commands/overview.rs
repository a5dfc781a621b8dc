use console_core::overview::{Overview, PlatformOverview};
use console_core::IpcError;
use tauri::State;

use crate::state::AppState;

/// People, staff roles and households counted in the local copy (milliseconds, no network).
#[tauri::command]
pub async fn overview(state: State<'_, AppState>, profile: String) -> Result<Overview, IpcError> {
    Ok(state.console.overview(&profile).await?)
}

/// Key expiry and audit activity from the platform, as far as the person's rights allow; audit
/// days start at the window's local midnight (`utc_offset` seconds east of UTC).
#[tauri::command]
pub async fn platform_overview(
    state: State<'_, AppState>,
    profile: String,
    utc_offset: i64,
) -> Result<PlatformOverview, IpcError> {
    Ok(state
        .console
        .platform_overview(&profile, utc_offset)
        .await?)
}
