//! People as an OWNER creates, edits, suspends and removes them (admin API v1, users), the
//! person schema the forms validate from, and the calendar arithmetic of dates of birth that
//! both sides need (ages decide coming of age and what a guardian may see).

use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::{SettingField, UserKind};

/// What a guardian may see of a dependent, as the platform computes it from the dependent's
/// age and the organization's `guardian_access_12_17` setting: under 12 `full`, from 12 until
/// the age-out the setting's value, from the age-out on `none` (the record is the dependent's).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum GuardianAccess {
    Full,
    Limited,
    None,
}

impl GuardianAccess {
    pub fn parse(s: &str) -> Option<GuardianAccess> {
        match s {
            "full" => Some(GuardianAccess::Full),
            "limited" => Some(GuardianAccess::Limited),
            "none" => Some(GuardianAccess::None),
            _ => None,
        }
    }
}

/// `GET /v1/users/schema`: the rules of a person's fields, as data. `fields` uses the settings
/// field types, so the one interpreter (`check_setting`) checks a person's fields on both sides;
/// the keys are `display_name`, `email`, `phone` and `date_of_birth`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct PersonSchema {
    pub fields: Vec<SettingField>,
    /// The kinds `POST /v1/users` creates (staff join by invitation, not here).
    pub creatable_kinds: Vec<UserKind>,
    /// The organization's `dependent_leaves_guardian_at_age`: from this age a dependent may be
    /// made a primary consumer, and the guardian sees nothing more.
    pub dependent_leaves_guardian_at_age: u32,
    /// The organization's `guardian_access_12_17`.
    pub guardian_access_12_17: GuardianAccess,
    /// The organization's date today (`YYYY-MM-DD`, in its `time_zone`): ages are counted on it.
    pub today: String,
}

impl PersonSchema {
    pub fn field(&self, key: &str) -> Option<&SettingField> {
        self.fields.iter().find(|f| f.key == key)
    }
}

/// `POST /v1/users` (OWNER): a patient, HCP, guardian, or a dependent under `guardian_id`.
/// Answers 201 with the `User` and its ETag.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct NewPerson {
    pub kind: UserKind,
    pub display_name: String,
    #[serde(default)]
    #[ts(optional = nullable)]
    pub email: Option<String>,
    #[serde(default)]
    #[ts(optional = nullable)]
    pub phone: Option<String>,
    /// `YYYY-MM-DD`.
    #[serde(default)]
    #[ts(optional = nullable)]
    pub date_of_birth: Option<String>,
    #[serde(default)]
    #[ts(optional = nullable)]
    pub guardian_id: Option<String>,
    pub reason: String,
}

/// `PATCH /v1/users/{id}` with `If-Match`: the fields to change (absent: unchanged; an empty
/// email, phone or date of birth clears it). `guardian_id` moves a dependent to another
/// guardian; `kind: PATIENT` makes a dependent who has come of age a primary consumer.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct PersonPatch {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[ts(optional)]
    pub display_name: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[ts(optional)]
    pub email: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[ts(optional)]
    pub phone: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[ts(optional)]
    pub date_of_birth: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[ts(optional)]
    pub guardian_id: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[ts(optional)]
    pub kind: Option<UserKind>,
    pub reason: String,
}

/// Where a removed guardian's dependents go: `{"move_to": "<guardian id>"}` or `"remove"`
/// (removed with the guardian, each with its own tombstone and audit event).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum DependentsPlan {
    MoveTo(String),
    Remove,
}

/// The body of `DELETE /v1/users/{id}` with `If-Match`: a soft delete (the person is kept,
/// hidden from every listing, and a tombstone goes to the feed). A guardian with dependents is
/// refused (`has_dependents`) unless `dependents` says where they go.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct RemovePerson {
    pub reason: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[ts(optional)]
    pub dependents: Option<DependentsPlan>,
}

/// The answer of `DELETE /v1/users/{id}`: every id removed (dependents first) and every
/// dependent moved.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct Removal {
    pub removed: Vec<String>,
    pub moved: Vec<String>,
}

/// A calendar date, parsed from `YYYY-MM-DD` only. The calendar arithmetic is `jiff`'s.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub struct Date {
    pub year: i32,
    pub month: u32,
    pub day: u32,
}

impl Date {
    fn civil(self) -> jiff::civil::Date {
        // Every `Date` names a day that exists: it is made by `parse` or from a `jiff` date.
        jiff::civil::Date::new(self.year as i16, self.month as i8, self.day as i8)
            .expect("a Date names a day that exists")
    }

    fn of(d: jiff::civil::Date) -> Date {
        Date {
            year: i32::from(d.year()),
            month: d.month() as u32,
            day: d.day() as u32,
        }
    }

    /// Exactly `YYYY-MM-DD` naming a day that exists (no 2023-02-29).
    pub fn parse(s: &str) -> Option<Date> {
        let b = s.as_bytes();
        // jiff also reads other ISO 8601 spellings; the wire has one.
        if b.len() != 10 || b[4] != b'-' || b[7] != b'-' {
            return None;
        }
        s.parse::<jiff::civil::Date>().ok().map(Date::of)
    }

    /// The date a Unix time falls on in the IANA time zone `tz` (UTC when `tz` is unknown).
    pub fn on(secs: i64, tz: &str) -> Date {
        let zone = jiff::tz::db().get(tz).unwrap_or(jiff::tz::TimeZone::UTC);
        let at = jiff::Timestamp::from_second(secs).unwrap_or(jiff::Timestamp::UNIX_EPOCH);
        Date::of(zone.to_datetime(at).date())
    }

    /// The UTC date of a Unix time.
    pub fn from_unix(secs: i64) -> Date {
        Date::on(secs, "UTC")
    }

    /// Days since 1970-01-01.
    pub fn to_days(self) -> i64 {
        let epoch = jiff::civil::date(1970, 1, 1);
        i64::from(
            epoch
                .until((jiff::Unit::Day, self.civil()))
                .expect("days between two civil dates")
                .get_days(),
        )
    }

    /// The date `years` later; 29 February becomes 28 February in a common year (the day a
    /// person born on it is treated as a year older).
    pub fn plus_years(self, years: i32) -> Date {
        let span = jiff::Span::new().years(i64::from(years));
        Date::of(self.civil().checked_add(span).unwrap_or(self.civil()))
    }

    /// Whole years from `self` (a birth date) to `on`. Someone born on 29 February is a year
    /// older on 28 February of a common year (the birthday `plus_years` gives), which jiff's own
    /// span would count a day later.
    pub fn age_on(self, on: Date) -> i32 {
        let years = on.year - self.year;
        if self.plus_years(years) > on {
            years - 1
        } else {
            years
        }
    }
}

impl std::fmt::Display for Date {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{:04}-{:02}-{:02}", self.year, self.month, self.day)
    }
}

/// What a guardian may see of a dependent born on `dob`, on `today`, under the organization's
/// age-out and 12–17 rule. A dependent without a date of birth is treated as a young child:
/// nothing says otherwise, and the household has always seen everything.
pub fn guardian_access(
    dob: Option<Date>,
    today: Date,
    age_out: u32,
    rule_12_17: GuardianAccess,
) -> GuardianAccess {
    let Some(dob) = dob else {
        return GuardianAccess::Full;
    };
    let age = dob.age_on(today);
    if age >= age_out as i32 {
        GuardianAccess::None
    } else if age >= 12 {
        rule_12_17
    } else {
        GuardianAccess::Full
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(s: &str) -> Date {
        Date::parse(s).unwrap_or_else(|| panic!("{s}"))
    }

    #[test]
    fn dates_parse_strictly_and_round_trip_through_days() {
        for bad in [
            "2023-02-29",
            "2024-13-01",
            "2024-1-01",
            "24-01-01",
            "2024-01-00",
            "x",
        ] {
            assert_eq!(Date::parse(bad), None, "{bad}");
        }
        assert_eq!(d("2024-02-29").to_string(), "2024-02-29");
        for s in ["1970-01-01", "2000-02-29", "1899-12-31", "2026-12-01"] {
            assert_eq!(Date::from_unix(d(s).to_days() * 86_400), d(s), "{s}");
        }
        assert_eq!(d("1970-01-02").to_days(), 1);
    }

    #[test]
    fn ages_count_whole_years_and_leap_days_turn_on_28_february() {
        assert_eq!(d("2008-12-02").age_on(d("2026-12-01")), 17);
        assert_eq!(d("2008-12-01").age_on(d("2026-12-01")), 18);
        assert_eq!(d("2008-02-29").age_on(d("2026-02-27")), 17);
        assert_eq!(d("2008-02-29").age_on(d("2026-02-28")), 18);
    }

    #[test]
    fn a_guardian_sees_all_then_the_rule_then_nothing() {
        let today = d("2026-12-01");
        let at = |dob: &str| guardian_access(Some(d(dob)), today, 18, GuardianAccess::Limited);
        assert_eq!(at("2014-12-02"), GuardianAccess::Full, "11");
        assert_eq!(at("2014-12-01"), GuardianAccess::Limited, "12");
        assert_eq!(at("2008-12-02"), GuardianAccess::Limited, "17");
        assert_eq!(at("2008-12-01"), GuardianAccess::None, "18");
        assert_eq!(
            guardian_access(None, today, 18, GuardianAccess::None),
            GuardianAccess::Full
        );
    }
}
