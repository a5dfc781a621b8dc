//! Organization settings for config users: the schema and the document, inline validation, the
//! difference a save makes, saving with `If-Match` (a conflict comes back with what changed on the
//! server meanwhile), history, the difference between any two versions, and restore.
//!
//! The settings screen is generated from the server's schema, so a field added on the server
//! appears without a console release. The server enforces every rule; the console checks first
//! only so that a person sees a mistake before sending it.

mod diff;
mod input;

pub use console_api::{check_setting, check_settings};
pub use diff::{diff, staged, SettingChange};
pub use input::parse_input;

use console_api::{
    owner_only_settings, FieldError, Page, Permission, Settings, SettingsRestore, SettingsSchema,
    SettingsUpdate, SettingsVersion,
};
use reqwest::Method;
use serde::{Deserialize, Serialize};
use serde_json::{Map, Value};
use ts_rs::TS;

use crate::api_client::{encode, require_reason, to_body, Call};
use crate::{Console, Error, Result};

/// What the signed-in person may do with the settings.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum SettingsRights {
    /// A config Owner: change every field, restore versions.
    Owner,
    /// A config Member: change the fields marked `member_editable`.
    Member,
    /// May read only.
    ReadOnly,
}

impl SettingsRights {
    pub fn of(permissions: &[Permission]) -> SettingsRights {
        if permissions.contains(&Permission::SettingsWrite) {
            SettingsRights::Owner
        } else if permissions.contains(&Permission::SettingsWriteMember) {
            SettingsRights::Member
        } else {
            SettingsRights::ReadOnly
        }
    }

    /// Whether these rights let a person change `field`.
    pub fn may_edit(self, field: &console_api::SettingField) -> bool {
        match self {
            SettingsRights::Owner => true,
            SettingsRights::Member => field.member_editable,
            SettingsRights::ReadOnly => false,
        }
    }
}

/// Everything the settings screen starts from.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct SettingsView {
    pub schema: SettingsSchema,
    pub settings: Settings,
    pub rights: SettingsRights,
    /// The keys this person may change; the others are shown read-only with the schema's
    /// `owner_only_reason`.
    pub editable: Vec<String>,
    pub can_restore: bool,
}

/// What saving staged changes would do, checked against the server's settings now.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct SettingsPreview {
    /// The version the changes were staged on.
    #[ts(type = "number")]
    pub base_version: i64,
    /// The server's version now; when it differs from `base_version` someone saved meanwhile.
    #[ts(type = "number")]
    pub current_version: i64,
    /// Field, old, new: only fields whose value would change.
    pub changes: Vec<SettingChange>,
    /// Every staged field that would be refused (bounds, type, or Owner-only for a Member).
    pub errors: Vec<FieldError>,
}

/// The result of a save or a restore.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
#[serde(tag = "outcome", rename_all = "snake_case")]
pub enum SettingsSaved {
    /// Stored (a new version, or the same one when nothing differed).
    Saved { settings: Settings },
    /// Someone saved since the version the change was based on; nothing was stored. `current`
    /// is the server's settings now, `server_changes` what changed between the base version and
    /// `current`.
    Conflict {
        message: String,
        current: Settings,
        server_changes: Vec<SettingChange>,
    },
}

/// The difference between two versions.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct SettingsDiff {
    #[ts(type = "number")]
    pub from: i64,
    #[ts(type = "number")]
    pub to: i64,
    pub changes: Vec<SettingChange>,
}

/// One page of the history, newest first.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct SettingsHistory {
    pub versions: Vec<SettingsVersion>,
    /// Pass back to get older versions; absent on the last page.
    pub next_cursor: Option<String>,
}

fn refused(errors: &[FieldError]) -> Error {
    let lines: Vec<&str> = errors.iter().map(|e| e.message.as_str()).collect();
    Error::InvalidInput(format!("Not saved: {}", lines.join("; ")))
}

impl Console {
    pub async fn settings_schema(&self, profile: &str) -> Result<SettingsSchema> {
        self.session(profile)?.get("/v1/settings/schema").await
    }

    /// The settings as the server has them now.
    pub async fn settings(&self, profile: &str) -> Result<Settings> {
        self.session(profile)?.get("/v1/settings").await
    }

    pub async fn settings_version(&self, profile: &str, version: i64) -> Result<SettingsVersion> {
        let path = format!("/v1/settings/versions/{version}");
        self.session(profile)?.get(&path).await
    }

    async fn settings_rights(&self, profile: &str) -> Result<SettingsRights> {
        Ok(SettingsRights::of(
            &self.session(profile)?.me().await?.permissions,
        ))
    }

    /// The schema, the settings and what this person may change, for the settings screen.
    pub async fn settings_view(&self, profile: &str) -> Result<SettingsView> {
        let schema = self.settings_schema(profile).await?;
        let settings = self.settings(profile).await?;
        let rights = self.settings_rights(profile).await?;
        let editable = schema
            .fields
            .iter()
            .filter(|f| rights.may_edit(f))
            .map(|f| f.key.clone())
            .collect();
        Ok(SettingsView {
            schema,
            settings,
            rights,
            editable,
            can_restore: rights == SettingsRights::Owner,
        })
    }

    /// What saving `changes` (staged on `base_version`) would change, and what would be
    /// refused, without saving.
    pub async fn preview_settings(
        &self,
        profile: &str,
        base_version: i64,
        changes: &Map<String, Value>,
    ) -> Result<SettingsPreview> {
        let schema = self.settings_schema(profile).await?;
        let current = self.settings(profile).await?;
        let rights = self.settings_rights(profile).await?;
        let mut errors = match rights {
            SettingsRights::Owner => Vec::new(),
            _ => owner_only_settings(&schema, changes),
        };
        errors.extend(check_settings(&schema, changes));
        Ok(SettingsPreview {
            base_version,
            current_version: current.version,
            changes: staged(&schema, &current.values, changes),
            errors,
        })
    }

    /// Saves `changes` if the settings are still at `base_version`. Values are checked against
    /// the schema first, so nothing invalid is sent. A 412 comes back as `Conflict`, with what
    /// changed on the server since `base_version`.
    pub async fn save_settings(
        &self,
        profile: &str,
        base_version: i64,
        changes: &Map<String, Value>,
        reason: &str,
    ) -> Result<SettingsSaved> {
        let reason = require_reason(reason)?;
        if changes.is_empty() {
            return Err(Error::InvalidInput("There are no changes to save.".into()));
        }
        let schema = self.settings_schema(profile).await?;
        let errors = check_settings(&schema, changes);
        if !errors.is_empty() {
            return Err(refused(&errors));
        }
        let body = to_body(&SettingsUpdate {
            changes: changes.clone(),
            reason,
        })?;
        let call = Call {
            method: Method::PATCH,
            path: "/v1/settings",
            body: Some(body),
            if_match: Some(base_version),
        };
        self.settings_write(profile, &schema, base_version, &call)
            .await
    }

    /// Makes the values of `version` current again, as a new version (config Owner only).
    pub async fn restore_settings(
        &self,
        profile: &str,
        version: i64,
        base_version: i64,
        reason: &str,
    ) -> Result<SettingsSaved> {
        let body = to_body(&SettingsRestore {
            reason: require_reason(reason)?,
        })?;
        let schema = self.settings_schema(profile).await?;
        let path = format!("/v1/settings/versions/{version}/restore");
        let call = Call {
            method: Method::POST,
            path: &path,
            body: Some(body),
            if_match: Some(base_version),
        };
        self.settings_write(profile, &schema, base_version, &call)
            .await
    }

    async fn settings_write(
        &self,
        profile: &str,
        schema: &SettingsSchema,
        base_version: i64,
        call: &Call<'_>,
    ) -> Result<SettingsSaved> {
        match self.session(profile)?.call::<Settings>(call).await {
            Ok(settings) => Ok(SettingsSaved::Saved { settings }),
            Err(Error::Conflict { message, current }) => {
                let current: Settings = current
                    .and_then(|c| serde_json::from_value(c).ok())
                    .ok_or_else(|| Error::Server("a conflict came without the settings".into()))?;
                let base = self.settings_version(profile, base_version).await?;
                Ok(SettingsSaved::Conflict {
                    message,
                    server_changes: diff(schema, &base.values, &current.values),
                    current,
                })
            }
            Err(e) => Err(e),
        }
    }

    /// Up to `limit` versions, newest first, after `cursor` (from the previous page).
    pub async fn settings_history(
        &self,
        profile: &str,
        cursor: Option<&str>,
        limit: u32,
    ) -> Result<SettingsHistory> {
        let mut path = format!("/v1/settings/versions?limit={}", limit.clamp(1, 500));
        if let Some(c) = cursor {
            let c = encode(c);
            path.push_str(&format!("&cursor={c}"));
        }
        let page: Page<SettingsVersion> = self.session(profile)?.get(&path).await?;
        Ok(SettingsHistory {
            versions: page.items,
            next_cursor: page.next_cursor,
        })
    }

    /// What changed from version `from` to version `to` (either order).
    pub async fn settings_diff(&self, profile: &str, from: i64, to: i64) -> Result<SettingsDiff> {
        let schema = self.settings_schema(profile).await?;
        let a = self.settings_version(profile, from).await?;
        let b = self.settings_version(profile, to).await?;
        Ok(SettingsDiff {
            from,
            to,
            changes: diff(&schema, &a.values, &b.values),
        })
    }
}
