use console_core::DemoInfo;
use tauri::State;

use crate::state::AppState;

/// The demo accounts, when the app runs on its built-in demo platform.
#[tauri::command]
pub fn demo_info(state: State<'_, AppState>) -> Option<DemoInfo> {
    state.demo.clone()
}
