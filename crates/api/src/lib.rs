//! Wire types of the platform's admin API v1.
//!
//! The emulator serves these and the console core consumes them, so both sides agree on one
//! definition. Types that reach the web view also derive TypeScript bindings (`ts-rs`).

mod accounts;
mod audit;
mod directory;
mod identity;
mod problem;
mod roles;
mod seal;
mod settings;

pub use accounts::{
    AccountStatus, ApiKey, CreatedClientSecret, CreatedKey, KeyStatus, NewApiKey,
    NewServiceAccount, RotateApiKey, ServiceAccount, ServiceAccountPatch,
};
pub use audit::{actions, AuditEvent};
pub use directory::{Change, ChangeBatch, ChangeOp, Page, User, UserStatus};
pub use identity::{ConfigRole, Me, Organization, Permission, StaffRole, UserKind};
pub use problem::{Problem, ProblemCode};
pub use roles::{
    RoleBatch, RoleBatchResult, RoleChangeItem, RoleChangeOutcome, RolesUpdate, StatusUpdate,
};
pub use seal::SealKey;
pub use settings::{
    FieldError, FieldErrorCode, FieldType, SettingField, Settings, SettingsGroup, SettingsRestore,
    SettingsSchema, SettingsUpdate, SettingsVersion, StringFormat,
};
