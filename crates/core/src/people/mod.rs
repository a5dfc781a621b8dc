//! People from creation to departure: an OWNER adds, edits, moves, converts, suspends,
//! reactivates and removes people. Each field is checked against the person schema the platform
//! serves (the one settings interpreter) before anything is sent; the server enforces every rule
//! again and refuses with its own problem code. Writes carry `If-Match` with the version the
//! caller read. As with roles, nothing is written to the cache here: after the server confirms,
//! a delta sync brings the change in from the feed.

mod coming_of_age;

pub use coming_of_age::{to_csv, ComingOfAge, ComingOfAgeItem, Need};

use console_api::{
    check_setting, DependentsPlan, FieldError, NewPerson, PersonPatch, PersonSchema, Removal,
    RemovePerson, StatusUpdate, User, UserKind, UserStatus,
};
use reqwest::Method;
use serde_json::json;

use crate::api_client::{encode, require_reason, to_body, Call};
use crate::{Console, Error, Result};

/// Every field the schema refuses; `fields` are (key, value), `None` for a field not given.
pub fn check_person(schema: &PersonSchema, fields: &[(&str, Option<&str>)]) -> Vec<FieldError> {
    fields
        .iter()
        .filter_map(|(key, value)| {
            let field = schema.field(key)?;
            check_setting(field, &json!((*value)?)).err()
        })
        .collect()
}

/// Every value of a form the served `schema` refuses, checked as the person types (the same
/// check the platform runs, from the rules it served; nothing leaves the machine). A `null` is a
/// field not given; a key the schema does not have is refused by name.
pub fn check_person_form(
    schema: &PersonSchema,
    form: &serde_json::Map<String, serde_json::Value>,
) -> Vec<FieldError> {
    form.iter()
        .filter(|(_, value)| !value.is_null())
        .filter_map(|(key, value)| match schema.field(key) {
            Some(field) => check_setting(field, value).err(),
            None => Some(FieldError {
                key: key.clone(),
                code: console_api::FieldErrorCode::UnknownField,
                message: format!("{key} is not a field of a person on this platform"),
                item: None,
            }),
        })
        .collect()
}

/// Refuses before sending when the served schema refuses a field, naming each one.
fn refuse(errors: Vec<FieldError>) -> Result<()> {
    if errors.is_empty() {
        return Ok(());
    }
    let lines: Vec<String> = errors.iter().map(|e| e.message.clone()).collect();
    Err(Error::InvalidInput(lines.join("\n")))
}

impl Console {
    /// `GET /v1/users/schema`: the rules of a person's fields, the organization's age-out and
    /// 12–17 guardian access, and the kinds that may be created.
    pub async fn person_schema(&self, profile: &str) -> Result<PersonSchema> {
        self.session(profile)?.get("/v1/users/schema").await
    }

    /// Adds a patient, HCP, guardian, or a dependent under `guardian_id`.
    pub async fn create_person(&self, profile: &str, new: NewPerson) -> Result<User> {
        let schema = self.person_schema(profile).await?;
        if !schema.creatable_kinds.contains(&new.kind) {
            return Err(Error::InvalidInput(format!(
                "{} is not created here; the platform creates {}.",
                new.kind.as_str(),
                kinds(&schema.creatable_kinds)
            )));
        }
        refuse(check_person(
            &schema,
            &[
                ("display_name", Some(new.display_name.as_str())),
                ("email", new.email.as_deref()),
                ("phone", new.phone.as_deref()),
                ("date_of_birth", new.date_of_birth.as_deref()),
            ],
        ))?;
        let body = to_body(&NewPerson {
            reason: require_reason(&new.reason)?,
            ..new
        })?;
        let user = self
            .write(profile, Method::POST, "/v1/users", body, None)
            .await?;
        self.catch_up(profile).await;
        Ok(user)
    }

    /// Changes the fields `patch` names of a person still at `expected_version`. A 412 comes
    /// back as [`Error::Conflict`] with the server's current state.
    pub async fn edit_person(
        &self,
        profile: &str,
        id: &str,
        patch: PersonPatch,
        expected_version: i64,
    ) -> Result<User> {
        match self.person_schema(profile).await {
            Ok(schema) => refuse(check_person(
                &schema,
                &[
                    ("display_name", patch.display_name.as_deref()),
                    ("email", patch.email.as_deref()),
                    ("phone", patch.phone.as_deref()),
                    ("date_of_birth", patch.date_of_birth.as_deref()),
                ],
            ))?,
            // Patient-record rights without the directory (a provider, or acting for one):
            // the rules are not served to read, so the platform checks them on the write.
            Err(Error::Http { status: 403, .. }) => {}
            Err(e) => return Err(e),
        }
        let body = to_body(&PersonPatch {
            reason: require_reason(&patch.reason)?,
            ..patch
        })?;
        let path = format!("/v1/users/{}", encode(id));
        let user = self
            .write(profile, Method::PATCH, &path, body, Some(expected_version))
            .await?;
        self.catch_up(profile).await;
        Ok(user)
    }

    /// Moves a dependent to another guardian (whose contact it then shares).
    pub async fn move_dependent(
        &self,
        profile: &str,
        id: &str,
        guardian_id: &str,
        expected_version: i64,
        reason: &str,
    ) -> Result<User> {
        let patch = PersonPatch {
            guardian_id: Some(guardian_id.to_string()),
            reason: reason.to_string(),
            ..PersonPatch::default()
        };
        self.edit_person(profile, id, patch, expected_version).await
    }

    /// Makes a dependent who has reached the organization's age-out a patient of their own,
    /// with their own contact (an empty one clears the guardian's that they carried).
    pub async fn convert_dependent(
        &self,
        profile: &str,
        id: &str,
        email: Option<String>,
        phone: Option<String>,
        expected_version: i64,
        reason: &str,
    ) -> Result<User> {
        if email.as_deref().unwrap_or("").trim().is_empty()
            && phone.as_deref().unwrap_or("").trim().is_empty()
        {
            return Err(Error::InvalidInput(
                "A patient of their own needs their own email or phone: give at least one.".into(),
            ));
        }
        let patch = PersonPatch {
            kind: Some(UserKind::Patient),
            email: Some(email.unwrap_or_default()),
            phone: Some(phone.unwrap_or_default()),
            reason: reason.to_string(),
            ..PersonPatch::default()
        };
        self.edit_person(profile, id, patch, expected_version).await
    }

    /// Suspends (ending every session of theirs at once) or reactivates anyone.
    pub async fn set_status(
        &self,
        profile: &str,
        id: &str,
        status: UserStatus,
        expected_version: i64,
        reason: &str,
    ) -> Result<User> {
        if status == UserStatus::Invited {
            return Err(Error::InvalidInput(
                "A person is suspended or reactivated (active); invited is not set by hand.".into(),
            ));
        }
        let body = to_body(&StatusUpdate {
            status,
            reason: require_reason(reason)?,
        })?;
        let path = format!("/v1/users/{}/status", encode(id));
        let user = self
            .write(profile, Method::PUT, &path, body, Some(expected_version))
            .await?;
        self.catch_up(profile).await;
        Ok(user)
    }

    /// Removes a person (a soft delete: hidden everywhere, a tombstone in the feed). A guardian
    /// with dependents needs `dependents`: moved to another guardian, or removed too.
    pub async fn remove_person(
        &self,
        profile: &str,
        id: &str,
        dependents: Option<DependentsPlan>,
        expected_version: i64,
        reason: &str,
    ) -> Result<Removal> {
        let body = to_body(&RemovePerson {
            reason: require_reason(reason)?,
            dependents,
        })?;
        let path = format!("/v1/users/{}", encode(id));
        let removal = self
            .write(profile, Method::DELETE, &path, body, Some(expected_version))
            .await?;
        self.catch_up(profile).await;
        Ok(removal)
    }

    async fn write<T: serde::de::DeserializeOwned>(
        &self,
        profile: &str,
        method: Method,
        path: &str,
        body: serde_json::Value,
        if_match: Option<i64>,
    ) -> Result<T> {
        self.session(profile)?
            .call(&Call {
                method,
                path,
                body: Some(body),
                if_match,
            })
            .await
    }
}

fn kinds(kinds: &[UserKind]) -> String {
    kinds
        .iter()
        .map(|k| k.as_str())
        .collect::<Vec<_>>()
        .join(", ")
}

#[cfg(test)]
mod tests {
    use super::*;
    use console_api::{FieldType, GuardianAccess, SettingField};

    fn schema(email_pattern: &str) -> PersonSchema {
        let field = |key: &str, field_type| SettingField {
            key: key.into(),
            group: "person".into(),
            label: key.into(),
            description: String::new(),
            field_type,
            unit: None,
            example: None,
            default: serde_json::Value::Null,
            member_editable: true,
            owner_only_reason: None,
        };
        PersonSchema {
            fields: vec![
                field(
                    "email",
                    FieldType::String {
                        min_len: 0,
                        max_len: 50,
                        rules: vec![console_api::TextRule {
                            pattern: email_pattern.into(),
                            message: "'{value}' is refused".into(),
                            code: console_api::FieldErrorCode::BadFormat,
                        }],
                    },
                ),
                field(
                    "date_of_birth",
                    FieldType::Date {
                        min: "1900-01-01".into(),
                        max: "2026-12-01".into(),
                    },
                ),
            ],
            creatable_kinds: vec![UserKind::Patient],
            dependent_leaves_guardian_at_age: 18,
            guardian_access_12_17: GuardianAccess::Limited,
            today: "2026-12-01".into(),
        }
    }

    #[test]
    fn fields_are_checked_by_whatever_rules_were_served() {
        // The console knows no email rule of its own: a platform whose rule differs is obeyed.
        let strict = schema("^[a-z]+@clinic\\.test$");
        let loose = schema(".");
        let fields = [("email", Some("Jo@mail.test")), ("phone", Some("x"))];
        assert_eq!(check_person(&strict, &fields).len(), 1);
        assert!(
            check_person(&loose, &fields).is_empty(),
            "phone: no rule served"
        );
        let late = [("date_of_birth", Some("2027-01-01"))];
        assert_eq!(check_person(&loose, &late)[0].key, "date_of_birth");
        assert!(
            check_person(&strict, &[("email", None)]).is_empty(),
            "not given"
        );
    }

    #[test]
    fn a_form_is_checked_field_by_field_as_typed() {
        let form: serde_json::Map<String, serde_json::Value> = serde_json::from_value(json!({
            "email": "Jo@mail.test", "date_of_birth": null, "shoe_size": "44"
        }))
        .unwrap();
        let errors = check_person_form(&schema("^[a-z]+@clinic\\.test$"), &form);
        let keys: Vec<(&str, console_api::FieldErrorCode)> =
            errors.iter().map(|e| (e.key.as_str(), e.code)).collect();
        assert_eq!(
            keys,
            [
                ("email", console_api::FieldErrorCode::BadFormat),
                ("shoe_size", console_api::FieldErrorCode::UnknownField)
            ]
        );
    }
}
