//! The console core's integration tests against the emulator, the real OS keyring and the
//! scripted browser: one binary (one link step), a module per area;
//! `cargo test -p console-core --test console signin::` runs one area.

mod accounts;
mod acting;
mod cache_file;
mod cache_logs;
mod common;
mod directory;
mod hygiene;
mod interop_oidc;
mod invitations;
mod local_copy;
mod lock;
mod mfa;
mod oidc_signin;
mod overview;
mod people;
mod profiles;
mod roles;
mod search_platform;
mod settings;
mod signin;
mod step_up;
mod two_clients;
