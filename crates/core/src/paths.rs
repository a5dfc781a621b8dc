//! Where the console keeps its files (never secrets: those live in the OS keyring).

use std::path::PathBuf;

use crate::{Error, Result};

const APP_DIR: &str = "access-console";

/// The OS config directory for the console (`$XDG_CONFIG_HOME/access-console` on Linux).
pub fn config_dir() -> Result<PathBuf> {
    directories::BaseDirs::new()
        .map(|d| d.config_dir().join(APP_DIR))
        .ok_or_else(|| Error::Internal("no home directory to keep settings in".into()))
}

/// The OS data directory for the console (logs, later the cache).
pub fn data_dir() -> Result<PathBuf> {
    directories::BaseDirs::new()
        .map(|d| d.data_local_dir().join(APP_DIR))
        .ok_or_else(|| Error::Internal("no home directory to keep data in".into()))
}

/// Where the app writes its log (`console.log`): inside the data directory, so removing that one
/// folder removes the logs too.
pub fn log_dir() -> Result<PathBuf> {
    data_dir().map(|d| d.join("logs"))
}
