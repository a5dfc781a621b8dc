use console_core::{DemoInfo, IpcError};
use tauri::State;

use crate::state::AppState;

/// The demo accounts, when the app runs on its built-in demo platform.
#[tauri::command]
pub fn demo_info(state: State<'_, AppState>) -> Option<DemoInfo> {
    state.demo_info()
}

/// "Try the demo platform": starts it in this process (once), points the Demo profile at it
/// and selects that profile; the sign-in screen then lists the demo accounts.
#[tauri::command]
pub async fn start_demo(state: State<'_, AppState>) -> Result<DemoInfo, IpcError> {
    let info = state.ensure_demo().await.map_err(|e| {
        console_core::Error::Internal(format!("The demo platform could not start: {e}"))
    })?;
    state
        .console
        .select_profile(console_core::profiles::DEMO_PROFILE)?;
    Ok(info)
}
