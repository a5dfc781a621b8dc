//! About: which build this is and where it keeps its files, and opening the log folder.
//!
//! The folder is opened here, through the opener plugin's Rust API, so the window holds no
//! opener permission at all: it can ask for this one folder and nothing else, never a path or
//! URL of its choosing.

use std::path::PathBuf;

use console_core::{ErrorCode, IpcError};
use serde::Serialize;
use tauri::AppHandle;
use tauri_plugin_opener::OpenerExt;

/// What About shows. Mirrored by hand in ui/src/ipc/app.ts (this type is the shell's own, not
/// one of core's generated bindings).
#[derive(Debug, Clone, Serialize)]
pub struct AppInfo {
    /// The workspace version (Cargo.toml `[workspace.package]`).
    pub version: String,
    /// Git's short hash of the commit built, or "unknown" for a build without git.
    pub commit: String,
    /// That commit's date (YYYY-MM-DD), or "unknown".
    pub commit_date: String,
    pub data_dir: String,
    pub config_dir: String,
    pub log_dir: String,
}

impl AppInfo {
    pub fn current() -> Result<Self, IpcError> {
        let shown = |p: PathBuf| p.display().to_string();
        Ok(AppInfo {
            version: env!("CARGO_PKG_VERSION").to_string(),
            commit: env!("ACCESS_CONSOLE_COMMIT").to_string(),
            commit_date: env!("ACCESS_CONSOLE_COMMIT_DATE").to_string(),
            data_dir: shown(console_core::paths::data_dir()?),
            config_dir: shown(console_core::paths::config_dir()?),
            log_dir: shown(crate::logging::dir()),
        })
    }
}

#[tauri::command]
pub fn app_info() -> Result<AppInfo, IpcError> {
    AppInfo::current()
}

/// Opens the log folder in the desktop's file manager.
#[tauri::command]
pub fn open_log_folder(app: AppHandle) -> Result<(), IpcError> {
    let dir = crate::logging::dir();
    // The log file is created at start, but someone may have removed the folder since.
    std::fs::create_dir_all(&dir).map_err(|e| internal(format!("{}: {e}", dir.display())))?;
    app.opener()
        .open_path(dir.display().to_string(), None::<&str>)
        .map_err(|e| internal(format!("the log folder could not be opened: {e}")))
}

/// The window's first meaningful screen (sign-in, first run or the directory) is painted: the
/// startup trace's last mark. Takes nothing from the window, so nothing it sends can reach the
/// trace file; without the trace variable it does nothing.
#[tauri::command]
pub fn first_screen_painted() {
    crate::startup_trace::mark("first-screen");
}

fn internal(message: String) -> IpcError {
    IpcError {
        code: ErrorCode::Internal,
        message,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const WORKSPACE_MANIFEST: &str = include_str!("../../../Cargo.toml");

    /// `version = "…"` under `[workspace.package]` in the workspace's Cargo.toml.
    fn workspace_version() -> String {
        let section = WORKSPACE_MANIFEST
            .split("[workspace.package]")
            .nth(1)
            .expect("Cargo.toml has a [workspace.package] section");
        let section = section.split("\n[").next().unwrap();
        let line = section
            .lines()
            .find(|l| l.trim_start().starts_with("version"))
            .expect("[workspace.package] sets a version");
        line.split('"').nth(1).unwrap().to_string()
    }

    #[test]
    fn about_shows_the_workspace_version() {
        assert_eq!(AppInfo::current().unwrap().version, workspace_version());
    }

    #[test]
    fn the_build_is_a_short_commit_hash_and_date_or_unknown() {
        let info = AppInfo::current().unwrap();
        let hash = info.commit.chars().all(|c| c.is_ascii_hexdigit()) && info.commit.len() >= 7;
        assert!(hash || info.commit == "unknown", "commit {:?}", info.commit);
        let date = info.commit_date.len() == 10 && info.commit_date.as_bytes()[4] == b'-';
        assert!(
            date || info.commit_date == "unknown",
            "date {:?}",
            info.commit_date
        );
        // Built inside a git checkout, the hash is the real one, not the fallback.
        let in_checkout = std::process::Command::new("git")
            .args(["rev-parse", "HEAD"])
            .current_dir(env!("CARGO_MANIFEST_DIR"))
            .output()
            .is_ok_and(|o| o.status.success());
        if in_checkout {
            assert_ne!(
                info.commit, "unknown",
                "in a git checkout the build names its commit"
            );
        }
    }

    #[test]
    fn the_log_folder_is_inside_the_data_folder() {
        // Removing the data folder removes the logs too (README "Install").
        let info = AppInfo::current().unwrap();
        assert!(info.log_dir.starts_with(&info.data_dir), "{info:?}");
    }
}
