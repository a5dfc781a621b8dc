use console_core::accounts::{AccessReview, KeyAction, OneTimeSecret};
use console_core::api::{
    ApiKey, NewApiKey, NewServiceAccount, RotateApiKey, ServiceAccount, ServiceAccountPatch,
};
use console_core::audit::ExportResult;
use console_core::IpcError;
use tauri::State;

use crate::state::AppState;

#[tauri::command]
pub async fn service_accounts(
    state: State<'_, AppState>,
    profile: String,
) -> Result<Vec<ServiceAccount>, IpcError> {
    Ok(state.console.service_accounts(&profile).await?)
}

#[tauri::command]
pub async fn create_service_account(
    state: State<'_, AppState>,
    profile: String,
    account: NewServiceAccount,
) -> Result<ServiceAccount, IpcError> {
    Ok(state
        .console
        .create_service_account(&profile, &account)
        .await?)
}

#[tauri::command]
pub async fn update_service_account(
    state: State<'_, AppState>,
    profile: String,
    id: String,
    patch: ServiceAccountPatch,
    expected_version: i64,
) -> Result<ServiceAccount, IpcError> {
    Ok(state
        .console
        .update_service_account(&profile, &id, &patch, expected_version)
        .await?)
}

#[tauri::command]
pub async fn api_keys(
    state: State<'_, AppState>,
    profile: String,
    account_id: String,
) -> Result<Vec<ApiKey>, IpcError> {
    Ok(state.console.api_keys(&profile, &account_id).await?)
}

/// The one answer that carries the new key: the dialog shows it once and forgets it.
#[tauri::command]
pub async fn create_api_key(
    state: State<'_, AppState>,
    profile: String,
    account_id: String,
    key: NewApiKey,
) -> Result<OneTimeSecret, IpcError> {
    let created = state
        .console
        .create_api_key(&profile, &account_id, &key)
        .await?;
    Ok(created.reveal())
}

#[tauri::command]
pub async fn rotate_api_key(
    state: State<'_, AppState>,
    profile: String,
    account_id: String,
    key_id: String,
    rotate: RotateApiKey,
) -> Result<OneTimeSecret, IpcError> {
    let created = state
        .console
        .rotate_api_key(&profile, &account_id, &key_id, &rotate)
        .await?;
    Ok(created.reveal())
}

#[tauri::command]
pub async fn key_action(
    state: State<'_, AppState>,
    profile: String,
    account_id: String,
    key_id: String,
    action: KeyAction,
) -> Result<ApiKey, IpcError> {
    Ok(state
        .console
        .key_action(&profile, &account_id, &key_id, action)
        .await?)
}

#[tauri::command]
pub async fn rotate_client_secret(
    state: State<'_, AppState>,
    profile: String,
    account_id: String,
) -> Result<OneTimeSecret, IpcError> {
    let created = state
        .console
        .rotate_client_secret(&profile, &account_id)
        .await?;
    Ok(created.reveal())
}

#[tauri::command]
pub async fn access_review(
    state: State<'_, AppState>,
    profile: String,
) -> Result<AccessReview, IpcError> {
    Ok(state.console.access_review(&profile).await?)
}

/// Writes the access review as CSV to the Downloads folder and says where.
#[tauri::command]
pub async fn export_access_review(
    state: State<'_, AppState>,
    profile: String,
) -> Result<ExportResult, IpcError> {
    Ok(state.console.export_access_review(&profile).await?)
}
