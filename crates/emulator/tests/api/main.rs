//! The platform emulator's integration tests, one binary (one link step) with a module per
//! area; `cargo test -p platform-emulator --test api tokens::` runs one area.

mod account_credentials;
mod accounts;
mod audit;
mod batch;
mod changes;
mod common;
mod directory;
mod generate;
mod introspection_access;
mod invitations;
mod key_secrets;
mod keys;
mod losing_access;
mod mfa;
mod oidc;
mod passwords;
mod people;
mod people_household;
mod people_rules;
mod pkce_flow;
mod problems;
mod redirect_uris;
mod roles;
mod rules;
mod rules_as_data;
mod scope_audience;
mod seal_key;
mod settings;
mod settings_act;
mod settings_history;
mod sign_in_page;
mod step_up;
mod tokens;
mod visibility;
