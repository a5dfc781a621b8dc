//! "Coming of age": the dependents of the local copy who reach the organization's age-out in the
//! next N days, each with what must happen before they become a patient of their own, and its
//! CSV export. The age-out and "today" are the platform's (from the person schema), the people
//! the local copy's.

use console_api::{Date, User};
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::audit::ExportResult;
use crate::{Console, Error, Result};

/// What must happen before a dependent who comes of age can be converted.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum Need {
    /// They carry only their guardian's contact (or none): a primary consumer needs their own.
    OwnContact,
    /// Their record becomes theirs and the guardian's access ends: they consent to it.
    Consent,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct ComingOfAgeItem {
    pub user: User,
    pub guardian_name: Option<String>,
    /// The day they reach the age-out (`YYYY-MM-DD`).
    pub turns_on: String,
    /// Days from today to `turns_on` (0: today).
    #[ts(type = "number")]
    pub days_left: i64,
    pub needs: Vec<Need>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct ComingOfAge {
    /// The platform's date today.
    pub today: String,
    /// The organization's `dependent_leaves_guardian_at_age`.
    pub age_out: u32,
    pub days: u32,
    /// Soonest first.
    pub items: Vec<ComingOfAgeItem>,
}

/// A year is the longest window that still means "coming of age", not a census.
const MAX_DAYS: u32 = 366;

/// The dependents of `dependents` who reach `age_out` from `today` to `days` later, soonest
/// first (ties by name). `guardian` finds a dependent's guardian.
pub fn within(
    dependents: Vec<User>,
    guardian: impl Fn(&str) -> Option<User>,
    today: Date,
    age_out: u32,
    days: u32,
) -> Vec<ComingOfAgeItem> {
    let mut items: Vec<ComingOfAgeItem> = dependents
        .into_iter()
        .filter_map(|user| {
            let born = Date::parse(user.date_of_birth.as_deref()?)?;
            let turns_on = born.plus_years(age_out as i32);
            let days_left = turns_on.to_days() - today.to_days();
            if !(0..=i64::from(days)).contains(&days_left) {
                return None;
            }
            let guardian = user.guardian_id.as_deref().and_then(&guardian);
            let shared = |mine: &Option<String>, theirs: Option<&Option<String>>| {
                mine.is_none() || theirs.is_some_and(|t| t == mine)
            };
            let own_contact = !(shared(&user.email, guardian.as_ref().map(|g| &g.email))
                && shared(&user.phone, guardian.as_ref().map(|g| &g.phone)));
            let mut needs = Vec::new();
            if !own_contact {
                needs.push(Need::OwnContact);
            }
            needs.push(Need::Consent);
            Some(ComingOfAgeItem {
                guardian_name: guardian.map(|g| g.display_name),
                turns_on: turns_on.to_string(),
                days_left,
                needs,
                user,
            })
        })
        .collect();
    items.sort_by(|a, b| {
        (a.days_left, &a.user.display_name).cmp(&(b.days_left, &b.user.display_name))
    });
    items
}

/// One row per dependent.
pub fn to_csv(list: &ComingOfAge) -> Result<String> {
    let mut w = csv::Writer::from_writer(Vec::new());
    let fail = |e: csv::Error| Error::Internal(e.to_string());
    w.write_record([
        "id",
        "name",
        "date_of_birth",
        "turns_on",
        "days_left",
        "guardian",
        "email",
        "phone",
        "needs",
    ])
    .map_err(fail)?;
    for item in &list.items {
        let needs: Vec<&str> = item
            .needs
            .iter()
            .map(|n| match n {
                Need::OwnContact => "own contact",
                Need::Consent => "consent",
            })
            .collect();
        w.write_record([
            item.user.id.as_str(),
            &item.user.display_name,
            item.user.date_of_birth.as_deref().unwrap_or(""),
            &item.turns_on,
            &item.days_left.to_string(),
            item.guardian_name.as_deref().unwrap_or(""),
            item.user.email.as_deref().unwrap_or(""),
            item.user.phone.as_deref().unwrap_or(""),
            &needs.join("; "),
        ])
        .map_err(fail)?;
    }
    let bytes = w.into_inner().map_err(|e| Error::Internal(e.to_string()))?;
    String::from_utf8(bytes).map_err(|e| Error::Internal(e.to_string()))
}

impl Console {
    /// The dependents of the local copy reaching the organization's age-out within `days`.
    pub async fn coming_of_age(&self, profile: &str, days: u32) -> Result<ComingOfAge> {
        if days == 0 || days > MAX_DAYS {
            return Err(Error::InvalidInput(format!(
                "Look 1 to {MAX_DAYS} days ahead, not {days}."
            )));
        }
        let schema = self.person_schema(profile).await?;
        let today = Date::parse(&schema.today)
            .ok_or_else(|| Error::Server(format!("the platform's today '{}'", schema.today)))?;
        let age_out = schema.dependent_leaves_guardian_at_age;
        let cache = self.cache(profile).await?;
        let dependents = cache.dependents_with_birth_dates().await?;
        let mut guardians = std::collections::HashMap::new();
        for id in dependents.iter().filter_map(|d| d.guardian_id.clone()) {
            if let std::collections::hash_map::Entry::Vacant(slot) = guardians.entry(id) {
                let found = cache.user(slot.key()).await?;
                slot.insert(found);
            }
        }
        let items = within(
            dependents,
            |id| guardians.get(id).cloned().flatten(),
            today,
            age_out,
            days,
        );
        Ok(ComingOfAge {
            today: schema.today,
            age_out,
            days,
            items,
        })
    }

    /// Writes the list as CSV into the Downloads folder and says where.
    pub async fn export_coming_of_age(&self, profile: &str, days: u32) -> Result<ExportResult> {
        let list = self.coming_of_age(profile, days).await?;
        let csv = to_csv(&list)?;
        self.write_export("coming-of-age", &csv, list.items.len() as u64)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use console_api::{UserKind, UserStatus};

    fn person(id: &str, kind: UserKind, dob: Option<&str>, email: Option<&str>) -> User {
        User {
            id: id.into(),
            kind,
            display_name: id.into(),
            email: email.map(str::to_string),
            phone: None,
            status: UserStatus::Active,
            staff_roles: vec![],
            guardian_id: (kind == UserKind::Dependent).then(|| "g".into()),
            date_of_birth: dob.map(str::to_string),
            guardian_access: None,
            mfa_enrolled: None,
            created_at: 0,
            updated_at: 0,
            version: 1,
        }
    }

    #[test]
    fn only_those_reaching_the_age_out_in_the_window_soonest_first_with_what_they_need() {
        let today = Date::parse("2026-12-01").unwrap();
        let d = |id, dob, email| person(id, UserKind::Dependent, Some(dob), email);
        let guardian = person("g", UserKind::Guardian, None, Some("g@mail.test"));
        let people = vec![
            d("today", "2008-12-01", Some("g@mail.test")),
            d("in_90", "2009-03-01", None),
            d("in_91", "2009-03-02", None),
            d("past", "2008-11-30", None),
            d("own", "2008-12-15", Some("own@mail.test")),
        ];
        let items = within(people, |_| Some(guardian.clone()), today, 18, 90);
        let ids: Vec<(&str, i64)> = items
            .iter()
            .map(|i| (i.user.id.as_str(), i.days_left))
            .collect();
        assert_eq!(ids, [("today", 0), ("own", 14), ("in_90", 90)]);
        assert_eq!(items[0].needs, [Need::OwnContact, Need::Consent]);
        assert_eq!(
            items[1].needs,
            [Need::Consent],
            "has a contact of their own"
        );
        assert_eq!(items[0].guardian_name.as_deref(), Some("g"));
        let list = ComingOfAge {
            today: "2026-12-01".into(),
            age_out: 18,
            days: 90,
            items,
        };
        let csv = to_csv(&list).unwrap();
        assert!(csv.starts_with("id,name,date_of_birth,turns_on"), "{csv}");
        assert!(
            csv.contains("today,today,2008-12-01,2026-12-01,0,g,g@mail.test,,own contact; consent")
        );
    }
}
