use console_core::audit::{AuditFilter, AuditPage, ExportResult};
use console_core::IpcError;
use tauri::State;

use crate::state::AppState;

/// One page of the audit log, newest first.
#[tauri::command]
pub async fn audit_events(
    state: State<'_, AppState>,
    profile: String,
    filter: AuditFilter,
    cursor: Option<String>,
    limit: u32,
) -> Result<AuditPage, IpcError> {
    Ok(state
        .console
        .audit_events(&profile, &filter, cursor.as_deref(), limit)
        .await?)
}

/// Writes the filtered log as CSV to the Downloads folder and says where.
#[tauri::command]
pub async fn export_audit(
    state: State<'_, AppState>,
    profile: String,
    filter: AuditFilter,
) -> Result<ExportResult, IpcError> {
    Ok(state.console.export_audit(&profile, &filter).await?)
}
