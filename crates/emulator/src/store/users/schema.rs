//! The person schema (`GET /v1/users/schema`): the rules of a person's fields as data, in the
//! settings' field types, so the one interpreter (`console_api::check_setting`) checks them
//! here before every write and in the console as they are typed. The organization's age-out
//! and 12–17 guardian access come with it, read from its settings.

use console_api::{
    check_setting, Date, FieldError, FieldErrorCode, FieldType, GuardianAccess, PersonSchema,
    SettingField, TextRule, UserKind,
};
use serde_json::{json, Map, Value};
use sqlx::SqliteConnection;

use crate::store::settings::{self, keys};
use crate::Result;

/// Names are for people to read; longer ones are data entry mistakes.
const MAX_NAME: u32 = 200;
/// Nobody on record is older than this.
const MAX_AGE_YEARS: i32 = 130;

fn text(min_len: u32, max_len: u32, rules: Vec<TextRule>) -> FieldType {
    FieldType::String {
        min_len,
        max_len,
        rules,
    }
}

fn rule(pattern: &str, message: &str) -> TextRule {
    TextRule {
        pattern: pattern.into(),
        message: message.into(),
        code: FieldErrorCode::BadFormat,
    }
}

fn field(key: &str, label: &str, description: &str, field_type: FieldType) -> SettingField {
    SettingField {
        key: key.into(),
        group: "person".into(),
        label: label.into(),
        description: description.into(),
        field_type,
        unit: None,
        example: None,
        default: Value::Null,
        // A person's fields are edited by an organization OWNER; config roles play no part.
        member_editable: true,
        owner_only_reason: None,
    }
}

/// The schema on `today` under the organization's settings `values`.
pub fn build(today: Date, values: &Map<String, Value>) -> PersonSchema {
    let oldest = Date {
        year: today.year - MAX_AGE_YEARS,
        month: 1,
        day: 1,
    };
    let age_out = values
        .get(keys::DEPENDENT_LEAVES_GUARDIAN_AT_AGE)
        .and_then(Value::as_u64)
        .unwrap_or(18) as u32;
    let rule_12_17 = values
        .get(keys::GUARDIAN_ACCESS_12_17)
        .and_then(Value::as_str)
        .and_then(GuardianAccess::parse)
        .unwrap_or(GuardianAccess::Limited);
    let mut email = field(
        "email",
        "Email",
        "A dependent carries only its guardian's; patients, HCPs and guardians each one of their \
         own.",
        // Deliberately loose: one '@' with something before it and a dot after it. The
        // platform does not send mail, so stricter checks would only refuse real addresses.
        text(
            0,
            254,
            vec![rule(
                r"^[^@\s]+@\S*\.\S*$",
                "'{value}' is not an email address",
            )],
        ),
    );
    email.example = Some("jane.doe@mail.test".into());
    let mut phone = field(
        "phone",
        "Phone",
        "7 to 15 digits, written any way (spaces, dashes, brackets).",
        text(
            0,
            32,
            vec![rule(
                r"^\D*(\d\D*){7,15}$",
                "'{value}' is not a phone number (7 to 15 digits)",
            )],
        ),
    );
    phone.example = Some("(555) 010-0100".into());
    let mut dob = field(
        "date_of_birth",
        "Date of birth",
        "Decides when a dependent comes of age and what the guardian sees meanwhile.",
        FieldType::Date {
            min: oldest.to_string(),
            max: today.to_string(),
        },
    );
    dob.example = Some("2010-04-23".into());
    PersonSchema {
        fields: vec![
            field(
                "display_name",
                "Name",
                "As the person is addressed.",
                text(1, MAX_NAME, Vec::new()),
            ),
            email,
            phone,
            dob,
        ],
        creatable_kinds: vec![
            UserKind::Patient,
            UserKind::Hcp,
            UserKind::Guardian,
            UserKind::Dependent,
        ],
        dependent_leaves_guardian_at_age: age_out,
        guardian_access_12_17: rule_12_17,
        today: today.to_string(),
    }
}

/// The organization's schema now, as `conn` sees its settings (inside a write: the snapshot
/// the write sees).
pub async fn load(conn: &mut SqliteConnection, org_id: &str, now: i64) -> Result<PersonSchema> {
    let values = settings::values(conn, org_id).await?;
    // A birthday comes at midnight where the organization is: "today" is its date, in its
    // time zone (the `time_zone` setting), not the server's.
    let tz = values
        .get(keys::TIME_ZONE)
        .and_then(|v| v.as_str())
        .unwrap_or("UTC");
    Ok(build(Date::on(now, tz), &values))
}

/// Every field of a person the schema refuses; `fields` are (key, value) with `None` for a
/// field not given (which no field's rules require, except the name, which is always given).
pub fn refusals(schema: &PersonSchema, fields: &[(&str, Option<&str>)]) -> Vec<FieldError> {
    fields
        .iter()
        .filter_map(|(key, value)| {
            let field = schema.field(key)?;
            let value = (*value)?;
            check_setting(field, &json!(value)).err()
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn schema() -> PersonSchema {
        build(Date::parse("2026-12-01").unwrap(), &Map::new())
    }

    fn codes(fields: &[(&str, Option<&str>)]) -> Vec<(String, FieldErrorCode)> {
        refusals(&schema(), fields)
            .into_iter()
            .map(|e| (e.key, e.code))
            .collect()
    }

    #[test]
    fn the_served_rules_refuse_what_the_directory_always_refused() {
        use FieldErrorCode::*;
        assert!(codes(&[
            ("display_name", Some("Emily Guardian")),
            ("email", Some("a@b.c")),
            ("phone", Some("(555) 010-0142")),
            ("date_of_birth", Some("2017-03-04")),
        ])
        .is_empty());
        assert_eq!(
            codes(&[
                ("display_name", Some(" ")),
                ("email", Some("not-an-email")),
                ("phone", Some("12")),
                ("date_of_birth", Some("2026-12-02")),
            ]),
            [
                ("display_name".into(), BadLength),
                ("email".into(), BadFormat),
                ("phone".into(), BadFormat),
                ("date_of_birth".into(), OutOfRange),
            ]
        );
        assert_eq!(
            codes(&[
                ("email", Some("a b@c.d")),
                ("phone", Some("1234567890123456"))
            ]),
            [("email".into(), BadFormat), ("phone".into(), BadFormat)],
            "no spaces in an email, at most 15 digits"
        );
    }

    #[test]
    fn the_age_out_and_the_12_17_rule_come_from_the_settings() {
        assert_eq!(schema().dependent_leaves_guardian_at_age, 18);
        let values: Map<String, Value> = serde_json::from_value(json!({
            keys::DEPENDENT_LEAVES_GUARDIAN_AT_AGE: 21,
            keys::GUARDIAN_ACCESS_12_17: "none",
        }))
        .unwrap();
        let s = build(Date::parse("2026-12-01").unwrap(), &values);
        assert_eq!(s.dependent_leaves_guardian_at_age, 21);
        assert_eq!(s.guardian_access_12_17, GuardianAccess::None);
    }
}
