//! Access Console core: everything the app does that needs no window.
//!
//! Profiles, OAuth2 authorization code + PKCE sign-in through the system browser, the token
//! store (OS keyring only), single-flight refresh, and the admin API client. The desktop shell
//! and the CLI are thin layers over [`Console`].

pub mod accounts;
mod acting;
mod api_client;
pub mod audit;
mod browser;
pub mod cache;
mod console;
mod directory;
mod directory_search;
mod error;
pub mod invitations;
pub mod ipc;
mod local_copy;
pub mod logs;
mod mfa;
pub mod oauth;
pub mod overview;
pub mod paths;
pub mod people;
pub mod profiles;
pub mod roles;
mod secret;
mod session;
pub mod settings;
mod step_up;
pub mod sync;
pub mod token_store;

#[cfg(test)]
mod bindings;

pub use api_client::Call;
pub use browser::{BrowserOpener, SystemBrowser};
pub use console::{Console, ConsoleConfig, LocalCopy, SignOutReport};
/// The platform's wire types, for the shell's commands.
pub use console_api as api;
pub use error::{Error, Result};
pub use ipc::{
    has_console_access, DemoInfo, DemoPersona, DirectoryPage, DirectoryQuery, ErrorCode, Household,
    IpcError, ProfilesView, SearchSource, SessionView, SortField, SyncPhase, SyncStatus,
    UserDetail,
};
pub use profiles::Profile;
pub use secret::Secret;
pub use session::Session;
pub use token_store::{Client, KeyringStore, TokenSet, TokenStore};

pub use console_api::{
    AuditEvent, ConfigRole, FieldError, FieldErrorCode, FieldType, Me, Organization, Permission,
    RoleBatchResult, RoleChangeItem, RoleChangeOutcome, SettingField, Settings, SettingsSchema,
    SettingsVersion, StaffRole, TextRule, User, UserKind, UserStatus,
};
