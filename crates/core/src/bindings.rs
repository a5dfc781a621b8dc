//! The TypeScript bindings of every IPC type, and of the console's rule numbers the window
//! shows, generated into `ui/src/ipc/bindings.ts`.
//! The test fails when the committed file is stale; `UPDATE_BINDINGS=1 cargo test -p
//! console-core bindings` rewrites it.

use std::path::PathBuf;

use console_api::{
    AccountStatus, ApiKey, KeyStatus, NewApiKey, NewServiceAccount, RotateApiKey, ServiceAccount,
    ServiceAccountPatch,
};
use console_api::{ActingEligibility, ActingSession, OnBehalf};
use console_api::{
    AuditEvent, ConfigRole, FieldError, FieldErrorCode, FieldType, Me, Organization, Permission,
    ProblemCode, RoleBatchResult, RoleChangeItem, RoleChangeOutcome, SettingField, Settings,
    SettingsGroup, SettingsSchema, SettingsVersion, StaffRole, TextRule, User, UserKind,
    UserStatus,
};
use ts_rs::{Config, TS};

use crate::accounts::{
    AccessReview, KeyAction, OneTimeSecret, ReviewItem, ReviewKind, EXPIRING_DAYS, UNUSED_DAYS,
};
use crate::audit::{AuditFilter, AuditPage, ExportResult};
use crate::invitations::{InviteStaff, OneTimeInvitation};
use crate::ipc::{
    DemoInfo, DemoPersona, DirectoryPage, DirectoryQuery, ErrorCode, Household, IpcError,
    ProfilesView, SearchSource, SessionView, SortField, SyncPhase, SyncStatus, UserDetail,
};
use crate::overview::{
    AuditDay, HouseholdSize, KeyExpiry, KeyWeek, Overview, PeopleCount, PlatformOverview,
    RoleCount, AUDIT_DAYS, KEY_DAYS,
};
use crate::people::{ComingOfAge, ComingOfAgeItem, Need};
use crate::profiles::{
    Check, CheckStatus, ConnectionReport, FieldProblem, Profile, ProfileFile, ServerOffer,
};
use crate::roles::{BatchApplied, BatchPlan, RoleInfo};
use crate::settings::{
    SettingChange, SettingsDiff, SettingsHistory, SettingsPreview, SettingsRights, SettingsSaved,
    SettingsView,
};
use console_api::{DependentsPlan, GuardianAccess, NewPerson, PersonPatch, PersonSchema, Removal};

fn generate() -> String {
    let cfg = Config::default();
    let decls = [
        Permission::decl(&cfg),
        StaffRole::decl(&cfg),
        ConfigRole::decl(&cfg),
        UserKind::decl(&cfg),
        Organization::decl(&cfg),
        OnBehalf::decl(&cfg),
        ActingSession::decl(&cfg),
        ActingEligibility::decl(&cfg),
        Me::decl(&cfg),
        Profile::decl(&cfg),
        ProfilesView::decl(&cfg),
        FieldProblem::decl(&cfg),
        CheckStatus::decl(&cfg),
        Check::decl(&cfg),
        ServerOffer::decl(&cfg),
        ConnectionReport::decl(&cfg),
        ProfileFile::decl(&cfg),
        SessionView::decl(&cfg),
        ErrorCode::decl(&cfg),
        IpcError::decl(&cfg),
        DemoPersona::decl(&cfg),
        DemoInfo::decl(&cfg),
        UserStatus::decl(&cfg),
        User::decl(&cfg),
        SortField::decl(&cfg),
        SearchSource::decl(&cfg),
        DirectoryQuery::decl(&cfg),
        DirectoryPage::decl(&cfg),
        Household::decl(&cfg),
        UserDetail::decl(&cfg),
        SyncPhase::decl(&cfg),
        SyncStatus::decl(&cfg),
        ProblemCode::decl(&cfg),
        RoleInfo::decl(&cfg),
        RoleChangeItem::decl(&cfg),
        RoleChangeOutcome::decl(&cfg),
        RoleBatchResult::decl(&cfg),
        BatchPlan::decl(&cfg),
        BatchApplied::decl(&cfg),
        AuditEvent::decl(&cfg),
        AuditFilter::decl(&cfg),
        AuditPage::decl(&cfg),
        ExportResult::decl(&cfg),
        AccountStatus::decl(&cfg),
        ServiceAccount::decl(&cfg),
        NewServiceAccount::decl(&cfg),
        ServiceAccountPatch::decl(&cfg),
        KeyStatus::decl(&cfg),
        ApiKey::decl(&cfg),
        NewApiKey::decl(&cfg),
        RotateApiKey::decl(&cfg),
        OneTimeSecret::decl(&cfg),
        KeyAction::decl(&cfg),
        console_api::Invitation::decl(&cfg),
        InviteStaff::decl(&cfg),
        OneTimeInvitation::decl(&cfg),
        ReviewKind::decl(&cfg),
        ReviewItem::decl(&cfg),
        AccessReview::decl(&cfg),
        TextRule::decl(&cfg),
        FieldType::decl(&cfg),
        SettingsGroup::decl(&cfg),
        SettingField::decl(&cfg),
        SettingsSchema::decl(&cfg),
        Settings::decl(&cfg),
        SettingsVersion::decl(&cfg),
        FieldErrorCode::decl(&cfg),
        FieldError::decl(&cfg),
        SettingsRights::decl(&cfg),
        SettingsView::decl(&cfg),
        SettingChange::decl(&cfg),
        SettingsPreview::decl(&cfg),
        SettingsSaved::decl(&cfg),
        SettingsDiff::decl(&cfg),
        SettingsHistory::decl(&cfg),
        GuardianAccess::decl(&cfg),
        PersonSchema::decl(&cfg),
        NewPerson::decl(&cfg),
        PersonPatch::decl(&cfg),
        DependentsPlan::decl(&cfg),
        Removal::decl(&cfg),
        Need::decl(&cfg),
        ComingOfAgeItem::decl(&cfg),
        ComingOfAge::decl(&cfg),
        PeopleCount::decl(&cfg),
        RoleCount::decl(&cfg),
        HouseholdSize::decl(&cfg),
        Overview::decl(&cfg),
        KeyWeek::decl(&cfg),
        KeyExpiry::decl(&cfg),
        AuditDay::decl(&cfg),
        PlatformOverview::decl(&cfg),
    ];
    let mut out = String::from(
        "// Generated from the Rust types by `cargo test -p console-core bindings`. Do not edit.\n",
    );
    for d in decls {
        out.push_str("export ");
        out.push_str(d.trim());
        out.push('\n');
    }
    for (name, doc, value) in constants() {
        out.push_str(&format!("/** {doc} */\nexport const {name} = {value};\n"));
    }
    out
}

/// Rules of the console that the window shows (a title, a badge) but must not restate: each is
/// the core constant itself, so changing it in Rust changes the window.
fn constants() -> [(&'static str, &'static str, String); 6] {
    [
        (
            "REVIEW_UNUSED_DAYS",
            "The access review lists a working key unused for this many days (core accounts::UNUSED_DAYS).",
            UNUSED_DAYS.to_string(),
        ),
        (
            "REVIEW_EXPIRING_DAYS",
            "The access review lists, and the window badges, a working key that stops within this many days (core accounts::EXPIRING_DAYS).",
            EXPIRING_DAYS.to_string(),
        ),
        (
            "OVERVIEW_KEY_DAYS",
            "The Overview's key timeline covers this many days ahead (core overview::KEY_DAYS).",
            KEY_DAYS.to_string(),
        ),
        (
            "OVERVIEW_AUDIT_DAYS",
            "The Overview's audit chart covers this many days, today included (core overview::AUDIT_DAYS).",
            AUDIT_DAYS.to_string(),
        ),
        (
            "PROFILE_DEFAULT_CLIENT_ID",
            "A new profile's client id until one is typed, as `accessctl profiles add` (core profiles::DEFAULT_CLIENT_ID).",
            serde_json::to_string(crate::profiles::DEFAULT_CLIENT_ID).expect("a string"),
        ),
        (
            "PROFILE_DEFAULT_SCOPES",
            "A new profile's scopes until others are chosen, as `accessctl profiles add` (core profiles::DEFAULT_SCOPES).",
            serde_json::to_string(crate::profiles::DEFAULT_SCOPES).expect("strings"),
        ),
    ]
}

#[test]
fn bindings_are_fresh() {
    let path = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../ui/src/ipc/bindings.ts");
    let generated = generate();
    if std::env::var_os("UPDATE_BINDINGS").is_some() {
        std::fs::write(&path, &generated).unwrap();
        return;
    }
    let committed = std::fs::read_to_string(&path).unwrap_or_default();
    assert!(
        committed == generated,
        "ui/src/ipc/bindings.ts is stale; run `UPDATE_BINDINGS=1 cargo test -p console-core bindings`"
    );
}
