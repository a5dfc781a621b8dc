//! Wire types of the platform's admin API v1.
//!
//! The emulator serves these and the console core consumes them, so both sides agree on one
//! definition. Types that reach the web view also derive TypeScript bindings (`ts-rs`).

mod accounts;
mod acting;
mod audit;
mod directory;
mod identity;
mod invitations;
mod people;
mod problem;
mod roles;
mod seal;
pub mod search;
mod settings;

/// The port the built-in demo platform listens on by default, and where a console looks for it.
pub const DEMO_PORT: u16 = 47800;

pub use accounts::{
    AccountStatus, ApiKey, CreatedClientSecret, CreatedKey, KeyStatus, NewApiKey,
    NewServiceAccount, RotateApiKey, ServiceAccount, ServiceAccountPatch,
};
pub use acting::{
    ActingEligibility, ActingSession, DelegatedToken, OnBehalf, StartActing, ACCESS_TOKEN_TYPE,
};
pub use audit::{actions, AuditEvent};
pub use directory::{Change, ChangeBatch, ChangeOp, Page, User, UserStatus};
pub use identity::{ConfigRole, Me, Organization, Permission, StaffRole, UserKind};
pub use invitations::{CreatedInvitation, Invitation, InvitationAction, NewInvitation};
pub use people::{
    guardian_access, Date, DependentsPlan, GuardianAccess, NewPerson, PersonPatch, PersonSchema,
    Removal, RemovePerson,
};
pub use problem::{Problem, ProblemCode};
pub use roles::{
    RoleBatch, RoleBatchResult, RoleChangeItem, RoleChangeOutcome, RoleInfo, RolesUpdate,
    StatusUpdate,
};
pub use seal::SealKey;
pub use search::{SearchKind, SearchQuery, StartsWith, Words};
pub use settings::{
    check_setting, check_settings, owner_only_settings, FieldError, FieldErrorCode, FieldType,
    SettingField, Settings, SettingsGroup, SettingsRestore, SettingsSchema, SettingsUpdate,
    SettingsVersion, TextRule,
};
