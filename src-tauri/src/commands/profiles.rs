//! Profiles: pick, add, edit, test, remove, export and import. The rules are the core's
//! (`console_core::profiles`); file dialogs are opened from Rust, so the window holds no
//! dialog or file-system permission and can only ever touch the file the person picked.

use std::path::{Path, PathBuf};

use console_core::profiles::{
    parse_profile_file, ConnectionReport, FieldProblem, ProfileFile, DEMO_PROFILE,
    PROFILE_FILE_EXTENSION,
};
use console_core::{Error, IpcError, Profile, ProfilesView};
use tauri::{AppHandle, State};
use tauri_plugin_dialog::DialogExt;

use crate::state::AppState;

#[tauri::command]
pub fn list_profiles(state: State<'_, AppState>) -> Result<ProfilesView, IpcError> {
    Ok(state.console.list_profiles()?)
}

/// Picking the Demo profile outside demo mode starts the demo platform first.
#[tauri::command]
pub async fn select_profile(
    state: State<'_, AppState>,
    name: String,
) -> Result<ProfilesView, IpcError> {
    if name == DEMO_PROFILE {
        state
            .ensure_demo()
            .await
            .map_err(|e| Error::Internal(format!("The demo platform could not start: {e}")))?;
    }
    Ok(state.console.select_profile(&name)?)
}

/// First run: no demo platform asked for and no profiles file yet.
#[tauri::command]
pub fn first_run(state: State<'_, AppState>) -> bool {
    state.demo_info().is_none() && !state.console.profiles().has_file()
}

/// The editor's checks as the person types; `editing` is the name of the profile being edited.
#[tauri::command]
pub fn check_profile(
    state: State<'_, AppState>,
    profile: Profile,
    editing: Option<String>,
) -> Result<Vec<FieldProblem>, IpcError> {
    Ok(state.console.check_profile(&profile, editing.as_deref())?)
}

/// Adds a profile (from the editor or an imported file) and selects it.
#[tauri::command]
pub fn add_profile(state: State<'_, AppState>, profile: Profile) -> Result<ProfilesView, IpcError> {
    let name = profile.name.trim().to_string();
    state.console.add_profile(profile)?;
    Ok(state.console.select_profile(&name)?)
}

#[tauri::command]
pub async fn update_profile(
    state: State<'_, AppState>,
    old_name: String,
    profile: Profile,
) -> Result<ProfilesView, IpcError> {
    state.console.update_profile(&old_name, profile).await?;
    Ok(state.console.list_profiles()?)
}

/// Removes a profile (the window asks first, naming it).
#[tauri::command]
pub fn remove_profile(state: State<'_, AppState>, name: String) -> Result<ProfilesView, IpcError> {
    state.console.remove_profile(&name)?;
    Ok(state.console.list_profiles()?)
}

#[tauri::command]
pub async fn test_connection(
    state: State<'_, AppState>,
    profile: Profile,
) -> Result<ConnectionReport, IpcError> {
    Ok(state.console.test_connection(&profile).await)
}

/// Saves the profile's file where the person picks in the native save dialog; the path
/// written, or nothing when they cancelled.
#[tauri::command]
pub async fn export_profile(
    app: AppHandle,
    state: State<'_, AppState>,
    name: String,
) -> Result<Option<String>, IpcError> {
    let text = state.console.export_profile(&name)?;
    let file_name = format!("{}.{PROFILE_FILE_EXTENSION}", safe_file_name(&name));
    let picked = tauri::async_runtime::spawn_blocking(move || {
        app.dialog()
            .file()
            .set_title("Export profile")
            .set_file_name(file_name)
            .add_filter("Access Console profile", &[PROFILE_FILE_EXTENSION])
            .blocking_save_file()
    })
    .await
    .map_err(|e| Error::Internal(e.to_string()))?;
    let Some(path) = picked.and_then(|p| p.into_path().ok()) else {
        return Ok(None);
    };
    let path = with_extension(path);
    std::fs::write(&path, text).map_err(Error::from)?;
    tracing::info!(profile = %name, path = %path.display(), "profile exported");
    Ok(Some(path.display().to_string()))
}

/// Reads a profile file picked in the native open dialog, for the import confirmation (the
/// window adds it with `add_profile` once the person agrees); nothing when they cancelled.
#[tauri::command]
pub async fn import_profile(app: AppHandle) -> Result<Option<ProfileFile>, IpcError> {
    let picked = tauri::async_runtime::spawn_blocking(move || {
        app.dialog()
            .file()
            .set_title("Import profile")
            .add_filter("Access Console profile", &[PROFILE_FILE_EXTENSION])
            .blocking_pick_file()
    })
    .await
    .map_err(|e| Error::Internal(e.to_string()))?;
    match picked.and_then(|p| p.into_path().ok()) {
        Some(path) => Ok(Some(read_profile_file(&path)?)),
        None => Ok(None),
    }
}

/// The profile file the app was opened with, read for the import confirmation; asked once.
#[tauri::command]
pub fn pending_import(state: State<'_, AppState>) -> Result<Option<ProfileFile>, IpcError> {
    let path = state.pending_import.lock().expect("pending import").take();
    match path {
        Some(path) => Ok(Some(read_profile_file(&path)?)),
        None => Ok(None),
    }
}

/// A profile file is a few hundred bytes; the core refuses anything over 64 KB, so a bigger
/// file is not read into memory at all.
fn read_profile_file(path: &Path) -> Result<ProfileFile, Error> {
    let shown = path.display().to_string();
    let size = std::fs::metadata(path)
        .map_err(|e| Error::InvalidInput(format!("The file {shown} cannot be read ({e}).")))?
        .len();
    if size > 64 * 1024 {
        return Err(Error::InvalidInput(format!(
            "{shown} is too large to be an Access Console profile file. Nothing was imported."
        )));
    }
    let text = std::fs::read_to_string(path)
        .map_err(|e| Error::InvalidInput(format!("The file {shown} cannot be read ({e}).")))?;
    let profile =
        parse_profile_file(&text).map_err(|e| Error::InvalidInput(format!("{shown}: {e}")))?;
    Ok(ProfileFile {
        path: shown,
        profile,
    })
}

/// A profile name as a file name: characters file systems refuse become '-'.
fn safe_file_name(name: &str) -> String {
    name.chars()
        .map(|c| {
            if c.is_alphanumeric() || " -_.".contains(c) {
                c
            } else {
                '-'
            }
        })
        .collect::<String>()
        .trim_matches(|c| c == '.' || c == ' ')
        .to_string()
}

/// GTK's save dialog keeps whatever name was typed; the file is an `.acprofile` either way.
fn with_extension(path: PathBuf) -> PathBuf {
    if path
        .extension()
        .is_some_and(|e| e == PROFILE_FILE_EXTENSION)
    {
        path
    } else {
        let mut name = path.into_os_string();
        name.push(format!(".{PROFILE_FILE_EXTENSION}"));
        name.into()
    }
}
