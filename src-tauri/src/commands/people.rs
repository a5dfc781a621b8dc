use console_core::audit::ExportResult;
use console_core::people::ComingOfAge;
use console_core::{api, IpcError, User, UserStatus};
use tauri::State;

use crate::state::AppState;

/// The rules of a person's fields, the age-out and the 12–17 guardian access, as served.
#[tauri::command]
pub async fn person_schema(
    state: State<'_, AppState>,
    profile: String,
) -> Result<api::PersonSchema, IpcError> {
    Ok(state.console.person_schema(&profile).await?)
}

/// Every value of a person form the served `schema` refuses, checked as the person types.
#[tauri::command]
pub fn check_person(
    schema: api::PersonSchema,
    form: serde_json::Map<String, serde_json::Value>,
) -> Vec<api::FieldError> {
    console_core::people::check_person_form(&schema, &form)
}

#[tauri::command]
pub async fn create_person(
    state: State<'_, AppState>,
    profile: String,
    person: api::NewPerson,
) -> Result<User, IpcError> {
    Ok(state.console.create_person(&profile, person).await?)
}

#[tauri::command]
pub async fn edit_person(
    state: State<'_, AppState>,
    profile: String,
    id: String,
    patch: api::PersonPatch,
    expected_version: i64,
) -> Result<User, IpcError> {
    Ok(state
        .console
        .edit_person(&profile, &id, patch, expected_version)
        .await?)
}

#[tauri::command]
pub async fn move_dependent(
    state: State<'_, AppState>,
    profile: String,
    id: String,
    guardian_id: String,
    expected_version: i64,
    reason: String,
) -> Result<User, IpcError> {
    Ok(state
        .console
        .move_dependent(&profile, &id, &guardian_id, expected_version, &reason)
        .await?)
}

#[tauri::command]
pub async fn convert_dependent(
    state: State<'_, AppState>,
    profile: String,
    id: String,
    email: Option<String>,
    phone: Option<String>,
    expected_version: i64,
    reason: String,
) -> Result<User, IpcError> {
    Ok(state
        .console
        .convert_dependent(&profile, &id, email, phone, expected_version, &reason)
        .await?)
}

/// Suspends or reactivates anyone (suspension ends their sessions on the server).
#[tauri::command]
pub async fn set_user_status(
    state: State<'_, AppState>,
    profile: String,
    id: String,
    status: UserStatus,
    expected_version: i64,
    reason: String,
) -> Result<User, IpcError> {
    Ok(state
        .console
        .set_status(&profile, &id, status, expected_version, &reason)
        .await?)
}

/// Removes a person; a guardian with dependents needs `dependents` (moved or removed too).
#[tauri::command]
pub async fn remove_person(
    state: State<'_, AppState>,
    profile: String,
    id: String,
    dependents: Option<api::DependentsPlan>,
    expected_version: i64,
    reason: String,
) -> Result<api::Removal, IpcError> {
    Ok(state
        .console
        .remove_person(&profile, &id, dependents, expected_version, &reason)
        .await?)
}

/// Dependents reaching the age-out within `days`, from the local copy.
#[tauri::command]
pub async fn coming_of_age(
    state: State<'_, AppState>,
    profile: String,
    days: u32,
) -> Result<ComingOfAge, IpcError> {
    Ok(state.console.coming_of_age(&profile, days).await?)
}

#[tauri::command]
pub async fn export_coming_of_age(
    state: State<'_, AppState>,
    profile: String,
    days: u32,
) -> Result<ExportResult, IpcError> {
    Ok(state.console.export_coming_of_age(&profile, days).await?)
}
