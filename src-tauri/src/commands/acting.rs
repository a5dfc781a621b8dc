//! Acting on behalf of a staff member (issue 14): start (a step-up operation: may answer
//! `step_up_required`) and stop. While acting, every other command answers as that person;
//! once the window closes they answer `acting_ended` and the window calls `stop_acting`.

use console_core::api::ActingEligibility;
use console_core::{IpcError, SessionView};
use tauri::State;

use crate::state::AppState;

/// Answers the subject's view (`me.acting` set); the window then syncs, as after a sign-in.
#[tauri::command]
pub async fn start_acting(
    state: State<'_, AppState>,
    profile: String,
    user_id: String,
    reason: String,
    minutes: u32,
) -> Result<SessionView, IpcError> {
    let console = &state.console;
    Ok(console
        .start_acting(&profile, &user_id, &reason, minutes)
        .await?)
}

/// Back to the signed-in person's own session and copy, without a new sign-in.
#[tauri::command]
pub async fn stop_acting(
    state: State<'_, AppState>,
    profile: String,
) -> Result<SessionView, IpcError> {
    Ok(state.console.stop_acting(&profile).await?)
}

/// Whether acting for `user_id` is offered, and if not why, as the platform decides.
#[tauri::command]
pub async fn acting_eligibility(
    state: State<'_, AppState>,
    profile: String,
    user_id: String,
) -> Result<ActingEligibility, IpcError> {
    Ok(state.console.acting_eligibility(&profile, &user_id).await?)
}
