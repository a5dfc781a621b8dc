//! Log targets that are never written, whatever level a person asks for (`RUST_LOG=trace`,
//! `ACCESS_CONSOLE_LOG=trace`): each prints payloads that can hold secrets or patient data.
//! The app and the CLI add these after the person's own filter, so nothing turns them on.

/// Each target, with why it stays off.
pub const NEVER_LOGGED: &[&str] = &[
    // sqlx prints a statement's text at debug level and again at warn when it is slow: the
    // cache's connect-time PRAGMA batch holds its key, and the platform's migrations name
    // seeded people. The pools turn both off too; this keeps any future pool quiet.
    "sqlx::query",
    // reqwest's `connection_verbose` prints every byte on the wire at trace level: the
    // Authorization header, token requests and token responses.
    "reqwest::connect::verbose",
    // With tauri's `tracing` feature, IPC spans carry each command's arguments and answer
    // (an API key shown once, a client secret) as fields of every event logged inside them.
    "tauri::ipc",
];

/// [`NEVER_LOGGED`] as filter directives (`target=off`).
pub fn off_directives() -> impl Iterator<Item = String> {
    NEVER_LOGGED.iter().map(|t| format!("{t}=off"))
}
