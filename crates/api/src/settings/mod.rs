//! Organization settings (admin API v1, settings): one typed document per organization, the
//! schema that describes it, and its versions.
//!
//! The schema is served by the platform, so a field added on the server appears in the console
//! without a console release: the console renders and validates from `SettingsSchema` alone.

use serde::{Deserialize, Serialize};
use serde_json::{Map, Value};
use ts_rs::TS;

mod check;
pub use check::{check_setting, check_settings, owner_only_settings};

/// A rule that text must follow, beyond its length: a regular expression the whole text must
/// match, and what to answer when it does not. Rules are data the platform serves, so a console
/// checks text by them without knowing what they stand for (an email address, a redirect URI).
/// The pattern is in the syntax of the Rust `regex` crate; it applies to non-empty text only
/// (whether text may be empty is `min_len`'s business).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct TextRule {
    pub pattern: String,
    /// The refusal, e.g. `'{value}' is not an email address`; `{value}` stands for the text.
    pub message: String,
    /// The code a refusal carries.
    #[serde(default = "bad_format")]
    pub code: FieldErrorCode,
}

fn bad_format() -> FieldErrorCode {
    FieldErrorCode::BadFormat
}

/// A field's type with its bounds, rules or allowed values.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum FieldType {
    /// A whole number from `min` to `max`, both included.
    Integer {
        #[ts(type = "number")]
        min: i64,
        #[ts(type = "number")]
        max: i64,
    },
    Boolean,
    /// Text of `min_len` (not counting spaces at either end) to `max_len` characters (Unicode
    /// scalar values) that follows every rule.
    String {
        min_len: u32,
        max_len: u32,
        #[serde(default)]
        rules: Vec<TextRule>,
    },
    /// A calendar date written `YYYY-MM-DD`, from `min` to `max` (both `YYYY-MM-DD`, both
    /// included); empty text means "not given".
    Date {
        min: String,
        max: String,
    },
    /// One of `values`.
    Enum {
        values: Vec<String>,
    },
    /// At most `max_items` distinct texts of 1 to `max_len` characters, each following every
    /// rule; `item` names one of them in messages (e.g. `URL`).
    TextList {
        max_items: u32,
        max_len: u32,
        item: String,
        #[serde(default)]
        rules: Vec<TextRule>,
    },
}

/// A group of fields, in display order.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct SettingsGroup {
    pub id: String,
    pub label: String,
}

/// One setting: what it is, its type and bounds, its default, and who may change it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct SettingField {
    pub key: String,
    /// The `id` of its `SettingsGroup`.
    pub group: String,
    pub label: String,
    pub description: String,
    #[serde(rename = "type")]
    pub field_type: FieldType,
    /// A unit for numbers, e.g. `days`, `hours`, `minutes`.
    #[serde(default)]
    pub unit: Option<String>,
    /// A sample value for an empty input to show, e.g. `https://app.example.org/callback`.
    #[serde(default)]
    pub example: Option<String>,
    #[ts(type = "unknown")]
    pub default: Value,
    /// Whether a config Member may change it; a config Owner may change every field.
    pub member_editable: bool,
    /// Why a Member may not (shown next to the locked field); `None` when they may.
    #[serde(default)]
    pub owner_only_reason: Option<String>,
}

/// `GET /v1/settings/schema`: every field, grouped, in display order.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct SettingsSchema {
    pub groups: Vec<SettingsGroup>,
    pub fields: Vec<SettingField>,
}

impl SettingsSchema {
    pub fn field(&self, key: &str) -> Option<&SettingField> {
        self.fields.iter().find(|f| f.key == key)
    }
}

/// `GET /v1/settings` (ETag `"<version>"`): the organization's settings now. `values` holds
/// every field of the schema, by key.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct Settings {
    #[ts(type = "number")]
    pub version: i64,
    #[ts(type = "Record<string, unknown>")]
    pub values: Map<String, Value>,
    /// Unix seconds.
    #[ts(type = "number")]
    pub updated_at: i64,
    /// Who made this version (user id).
    pub updated_by: String,
    pub updated_by_name: String,
}

/// `PATCH /v1/settings` with `If-Match: "<version>"`: the fields to change and why. Fields not
/// named keep their values.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct SettingsUpdate {
    pub changes: Map<String, Value>,
    pub reason: String,
}

/// `POST /v1/settings/versions/{n}/restore` with `If-Match` (the current version): makes the
/// values of version `n` current again, as a new version.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct SettingsRestore {
    pub reason: String,
}

/// One version of the settings, as `GET /v1/settings/versions` (newest first) and
/// `GET /v1/settings/versions/{n}` answer it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct SettingsVersion {
    #[ts(type = "number")]
    pub version: i64,
    /// Unix seconds.
    #[ts(type = "number")]
    pub at: i64,
    pub actor_id: String,
    pub actor_name: String,
    pub reason: String,
    /// The keys whose values differ from the version before.
    pub changed: Vec<String>,
    /// For a restore: the version whose values were restored.
    #[ts(type = "number | null")]
    pub restored_from: Option<i64>,
    /// Every field's value in this version.
    #[ts(type = "Record<string, unknown>")]
    pub values: Map<String, Value>,
}

/// Why one field's value was refused.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum FieldErrorCode {
    /// No field of the schema has this key.
    UnknownField,
    /// A number where text was expected, or the like.
    WrongType,
    /// A number outside `min..=max`.
    OutOfRange,
    /// Text shorter than `min_len` or longer than `max_len`, or a list longer than `max_items`.
    BadLength,
    /// Text that breaks one of its field's rules.
    BadFormat,
    /// Not one of an enum's values.
    NotAllowed,
    /// A list names the same text twice.
    Duplicate,
    /// A URL a rule refuses (the code of the platform's redirect-URI rules).
    BadUrl,
    /// A config Member may not change this field.
    OwnerOnly,
}

/// One refused field of a settings change: `invalid_settings` (422) lists every one of them,
/// `owner_only_field` (403) every field a Member may not change.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct FieldError {
    pub key: String,
    pub code: FieldErrorCode,
    pub message: String,
    /// For a list: the index of the entry refused (`None`: the value as a whole).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[ts(optional)]
    pub item: Option<u32>,
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn field_types_are_tagged_by_kind_on_the_wire() {
        // The console renders an editor per `kind`; the tag and bounds must stay as documented.
        let t = FieldType::Integer { min: 1, max: 730 };
        assert_eq!(
            serde_json::to_value(&t).unwrap(),
            json!({"kind": "integer", "min": 1, "max": 730})
        );
        let back: FieldType = serde_json::from_value(json!({
            "kind": "string", "min_len": 0, "max_len": 64,
            "rules": [{"pattern": "^a", "message": "starts with a"}]
        }))
        .unwrap();
        let FieldType::String { rules, .. } = back else {
            panic!("{back:?}")
        };
        assert_eq!(rules[0].code, FieldErrorCode::BadFormat, "the default code");
        let back: FieldType = serde_json::from_value(
            json!({"kind": "text_list", "max_items": 3, "max_len": 9, "item": "URL"}),
        )
        .unwrap();
        assert!(
            matches!(back, FieldType::TextList { max_items: 3, ref rules, .. } if rules.is_empty())
        );
    }
}
