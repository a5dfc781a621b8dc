//! Invitations of staff. The invite and re-send answers carry the link, shown once.

use console_core::api::Invitation;
use console_core::invitations::{InviteStaff, OneTimeInvitation};
use console_core::IpcError;
use tauri::State;

use crate::state::AppState;

/// The one answer that carries the new link: the dialog shows it once and forgets it.
#[tauri::command]
pub async fn invite_staff(
    state: State<'_, AppState>,
    profile: String,
    invite: InviteStaff,
) -> Result<OneTimeInvitation, IpcError> {
    Ok(state
        .console
        .invite_staff(&profile, &invite)
        .await?
        .reveal())
}

#[tauri::command]
pub async fn invitations(
    state: State<'_, AppState>,
    profile: String,
) -> Result<Vec<Invitation>, IpcError> {
    Ok(state.console.invitations(&profile).await?)
}

#[tauri::command]
pub async fn resend_invitation(
    state: State<'_, AppState>,
    profile: String,
    id: String,
    expected_version: i64,
    reason: String,
) -> Result<OneTimeInvitation, IpcError> {
    let link = state
        .console
        .resend_invitation(&profile, &id, expected_version, &reason)
        .await?;
    Ok(link.reveal())
}

#[tauri::command]
pub async fn withdraw_invitation(
    state: State<'_, AppState>,
    profile: String,
    id: String,
    expected_version: i64,
    reason: String,
) -> Result<Invitation, IpcError> {
    Ok(state
        .console
        .withdraw_invitation(&profile, &id, expected_version, &reason)
        .await?)
}
