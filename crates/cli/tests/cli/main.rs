//! The `accessctl` binary's tests, run as a person would run it: one test binary, a module per
//! area; `cargo test -p accessctl --test cli roles::` runs one area.

mod accounts;
mod acting;
mod cli;
mod common;
mod invitations;
mod mfa;
mod profiles;
mod roles;
mod settings;
mod step_up;
mod trace_journey;
mod users;
