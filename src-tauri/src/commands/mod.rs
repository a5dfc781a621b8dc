//! Tauri commands, grouped by domain. Each is a few lines that delegate to the core; errors
//! cross IPC as `{ code, message }`.

pub mod accounts;
pub mod acting;
pub mod app;
pub mod audit;
pub mod clipboard;
pub mod demo;
pub mod directory;
pub mod invitations;
pub mod mfa;
pub mod overview;
pub mod people;
pub mod profiles;
pub mod roles;
pub mod session;
pub mod settings;
