//! Checking settings values against a served `SettingsSchema`: the one interpreter of the
//! schema. The platform runs it on its own schema before it stores a change; the console runs
//! it on the schema it was served, so a field shows its problem as it is typed. Neither knows a
//! field's rules beyond what the schema says, so a platform whose rules differ needs no console
//! release. Every refused field is reported, not just the first, so one answer tells the person
//! everything to fix.

use std::collections::BTreeSet;

use regex::Regex;
use serde_json::{Map, Value};

use super::{FieldError, FieldErrorCode, FieldType, SettingField, SettingsSchema, TextRule};

type Refusal = (FieldErrorCode, String);

/// Whether `value` fits `field`; the error names the field and says what to fix.
pub fn check_setting(field: &SettingField, value: &Value) -> Result<(), FieldError> {
    check_value(&field.field_type, value).map_err(|(item, (code, message))| FieldError {
        key: field.key.clone(),
        code,
        message: format!("{}: {message}", field.label),
        item,
    })
}

/// Every key of `values` the schema refuses (unknown keys included), in the order given.
pub fn check_settings(schema: &SettingsSchema, values: &Map<String, Value>) -> Vec<FieldError> {
    values
        .iter()
        .filter_map(|(key, value)| match schema.field(key) {
            Some(field) => check_setting(field, value).err(),
            None => Some(FieldError {
                key: key.clone(),
                code: FieldErrorCode::UnknownField,
                message: format!("{key} is not a setting of this platform"),
                item: None,
            }),
        })
        .collect()
}

/// The keys of `changes` a config Member may not change, each with the schema's reason.
pub fn owner_only_settings(
    schema: &SettingsSchema,
    changes: &Map<String, Value>,
) -> Vec<FieldError> {
    changes
        .keys()
        .filter_map(|key| schema.field(key))
        .filter(|f| !f.member_editable)
        .map(|f| FieldError {
            key: f.key.clone(),
            code: FieldErrorCode::OwnerOnly,
            message: format!(
                "{} ({}): {}",
                f.label,
                f.key,
                f.owner_only_reason
                    .as_deref()
                    .unwrap_or("only a config Owner may change this")
            ),
            item: None,
        })
        .collect()
}

/// The refusal, with the index of the list entry it is about (`None`: the value as a whole).
fn check_value(field_type: &FieldType, value: &Value) -> Result<(), (Option<u32>, Refusal)> {
    use FieldErrorCode::*;
    let whole = |r: Refusal| (None, r);
    let text = || {
        value
            .as_str()
            .ok_or_else(|| whole((WrongType, format!("must be text, not {value}"))))
    };
    match field_type {
        FieldType::Integer { min, max } => {
            let n = value.as_i64().ok_or_else(|| {
                whole((WrongType, format!("must be a whole number, not {value}")))
            })?;
            if n < *min || n > *max {
                return Err(whole((
                    OutOfRange,
                    format!("must be from {min} to {max}, not {n}"),
                )));
            }
            Ok(())
        }
        FieldType::Boolean if value.is_boolean() => Ok(()),
        FieldType::Boolean => Err(whole((
            WrongType,
            format!("must be true or false, not {value}"),
        ))),
        FieldType::String {
            min_len,
            max_len,
            rules,
        } => {
            let s = text()?;
            check_length(s, *min_len, *max_len).map_err(whole)?;
            check_rules(s, rules).map_err(whole)
        }
        FieldType::Enum { values } => check_choice(text()?, values).map_err(whole),
        FieldType::Date { min, max } => check_date(text()?, min, max).map_err(whole),
        FieldType::TextList {
            max_items,
            max_len,
            item,
            rules,
        } => check_list(value, *max_items, *max_len, item, rules),
    }
}

fn check_list(
    value: &Value,
    max_items: u32,
    max_len: u32,
    item: &str,
    rules: &[TextRule],
) -> Result<(), (Option<u32>, Refusal)> {
    use FieldErrorCode::*;
    let items = value.as_array().ok_or((
        None,
        (WrongType, format!("must be a list of {item}s, not {value}")),
    ))?;
    if items.len() > max_items as usize {
        return Err((
            None,
            (
                BadLength,
                format!("at most {max_items} {item}s, not {}", items.len()),
            ),
        ));
    }
    let mut seen = BTreeSet::new();
    for (n, entry) in (0u32..).zip(items) {
        let at = |r: Refusal| (Some(n), r);
        let s = entry
            .as_str()
            .ok_or_else(|| at((WrongType, format!("each {item} must be text, not {entry}"))))?;
        check_length(s, 1, max_len).map_err(|(c, m)| at((c, format!("each {item}: {m}"))))?;
        check_rules(s, rules).map_err(at)?;
        if !seen.insert(s) {
            return Err(at((Duplicate, format!("{s} is listed twice"))));
        }
    }
    Ok(())
}

fn check_length(s: &str, min_len: u32, max_len: u32) -> Result<(), Refusal> {
    let len = s.chars().count();
    if len > max_len as usize {
        return Err((
            FieldErrorCode::BadLength,
            format!("at most {max_len} characters, not {len}"),
        ));
    }
    if s.trim().chars().count() < min_len as usize {
        return Err((
            FieldErrorCode::BadLength,
            if min_len == 1 {
                "must not be empty".to_string()
            } else {
                format!("at least {min_len} characters")
            },
        ));
    }
    Ok(())
}

/// The first rule that non-empty `s` breaks. A rule whose pattern does not compile refuses
/// everything, saying so: a typo in the served schema must not let every value through.
fn check_rules(s: &str, rules: &[TextRule]) -> Result<(), Refusal> {
    if s.is_empty() {
        return Ok(());
    }
    for rule in rules {
        match Regex::new(&rule.pattern) {
            Ok(re) if re.is_match(s) => {}
            Ok(_) => return Err((rule.code, rule.message.replace("{value}", s))),
            Err(_) => {
                return Err((
                    FieldErrorCode::BadFormat,
                    format!(
                        "the platform's rule /{}/ cannot be read; tell the platform's operators",
                        rule.pattern
                    ),
                ))
            }
        }
    }
    Ok(())
}

/// A real day within `min..=max`. ISO dates of one width compare as text, but parsing first
/// refuses 2023-02-29, which compares fine.
fn check_date(s: &str, min: &str, max: &str) -> Result<(), Refusal> {
    if s.is_empty() {
        return Ok(());
    }
    let Some(date) = crate::Date::parse(s) else {
        return Err((
            FieldErrorCode::BadFormat,
            format!("'{s}' is not a date written YYYY-MM-DD"),
        ));
    };
    let (lo, hi) = (crate::Date::parse(min), crate::Date::parse(max));
    if lo.is_some_and(|lo| date < lo) || hi.is_some_and(|hi| date > hi) {
        return Err((
            FieldErrorCode::OutOfRange,
            format!("must be from {min} to {max}, not {s}"),
        ));
    }
    Ok(())
}

/// One of `values`; a value that differs only in case is named, so a typo is one step from right.
fn check_choice(s: &str, values: &[String]) -> Result<(), Refusal> {
    if values.iter().any(|v| v == s) {
        return Ok(());
    }
    let message = match values.iter().find(|v| v.eq_ignore_ascii_case(s)) {
        Some(v) => format!("write it as {v}, not '{s}'"),
        None if values.len() <= 10 => format!("must be one of {}, not '{s}'", values.join(", ")),
        None => format!("'{s}' is not one of the {} allowed values", values.len()),
    };
    Err((FieldErrorCode::NotAllowed, message))
}

#[cfg(test)]
mod tests {
    //! The interpreter on types and rules these tests invent: nothing here is a rule of the
    //! platform (those are the emulator's, tested there).
    use super::*;
    use serde_json::json;
    use FieldErrorCode::*;

    fn field(key: &str, field_type: FieldType, member_editable: bool) -> SettingField {
        SettingField {
            key: key.into(),
            group: "g".into(),
            label: key.into(),
            description: String::new(),
            field_type,
            unit: None,
            example: None,
            default: Value::Null,
            member_editable,
            owner_only_reason: (!member_editable).then(|| "security".into()),
        }
    }

    fn refusal(t: FieldType, v: Value) -> Option<(FieldErrorCode, String)> {
        check_setting(&field("k", t, true), &v)
            .err()
            .map(|e| (e.code, e.message))
    }

    fn code(t: FieldType, v: Value) -> Option<FieldErrorCode> {
        refusal(t, v).map(|(c, _)| c)
    }

    fn rule(pattern: &str, message: &str) -> TextRule {
        TextRule {
            pattern: pattern.into(),
            message: message.into(),
            code: BadFormat,
        }
    }

    #[test]
    fn integers_are_whole_numbers_within_both_bounds() {
        let t = || FieldType::Integer { min: -3, max: 9 };
        assert_eq!(code(t(), json!(-3)), None);
        assert_eq!(code(t(), json!(9)), None);
        assert_eq!(code(t(), json!(-4)), Some(OutOfRange));
        assert_eq!(code(t(), json!(10)), Some(OutOfRange));
        assert_eq!(code(t(), json!(1.5)), Some(WrongType));
        assert_eq!(code(t(), json!("7")), Some(WrongType));
        assert_eq!(
            refusal(t(), json!(10)).unwrap().1,
            "k: must be from -3 to 9, not 10"
        );
    }

    #[test]
    fn booleans_and_choices_take_only_their_values() {
        assert_eq!(code(FieldType::Boolean, json!(true)), None);
        assert_eq!(code(FieldType::Boolean, json!(0)), Some(WrongType));
        let e = || FieldType::Enum {
            values: vec!["red".into(), "green".into()],
        };
        assert_eq!(code(e(), json!("green")), None);
        assert_eq!(code(e(), json!(1)), Some(WrongType));
        assert_eq!(
            refusal(e(), json!("Green")).unwrap().1,
            "k: write it as green, not 'Green'"
        );
        assert_eq!(
            refusal(e(), json!("blue")).unwrap().1,
            "k: must be one of red, green, not 'blue'"
        );
        let many = FieldType::Enum {
            values: (0..50).map(|n| format!("v{n}")).collect(),
        };
        assert_eq!(
            refusal(many, json!("x")).unwrap().1,
            "k: 'x' is not one of the 50 allowed values"
        );
    }

    #[test]
    fn text_has_length_bounds_and_follows_its_rules_in_order() {
        let t = || FieldType::String {
            min_len: 1,
            max_len: 5,
            rules: vec![
                rule("^[a-zé]*$", "'{value}' has more than small letters"),
                rule("^x", "'{value}' does not start with x"),
            ],
        };
        assert_eq!(code(t(), json!("xéllo")), None, "characters, not bytes");
        assert_eq!(code(t(), json!("xtoolong")), Some(BadLength));
        assert_eq!(code(t(), json!("  ")), Some(BadLength));
        assert_eq!(
            refusal(t(), json!("Xy")).unwrap().1,
            "k: 'Xy' has more than small letters"
        );
        assert_eq!(
            refusal(t(), json!("ab")).unwrap().1,
            "k: 'ab' does not start with x"
        );
        let optional = FieldType::String {
            min_len: 0,
            max_len: 5,
            rules: vec![rule("^x", "no")],
        };
        assert_eq!(code(optional, json!("")), None, "rules apply to text only");
        let broken = FieldType::String {
            min_len: 0,
            max_len: 5,
            rules: vec![rule("(", "never said")],
        };
        let (c, m) = refusal(broken, json!("a")).unwrap();
        assert_eq!(c, BadFormat);
        assert!(m.contains("cannot be read"), "{m}");
    }

    #[test]
    fn dates_are_real_days_within_both_bounds() {
        let t = || FieldType::Date {
            min: "1900-01-01".into(),
            max: "2026-12-01".into(),
        };
        assert_eq!(code(t(), json!("")), None, "not given");
        assert_eq!(code(t(), json!("2026-12-01")), None);
        assert_eq!(code(t(), json!("1900-01-01")), None);
        assert_eq!(code(t(), json!("2026-12-02")), Some(OutOfRange));
        assert_eq!(code(t(), json!("1899-12-31")), Some(OutOfRange));
        assert_eq!(code(t(), json!("2023-02-29")), Some(BadFormat));
        assert_eq!(code(t(), json!("1.1.2000")), Some(BadFormat));
        assert_eq!(code(t(), json!(20001010)), Some(WrongType));
    }

    #[test]
    fn lists_are_bounded_distinct_and_each_item_follows_the_rules() {
        let t = || FieldType::TextList {
            max_items: 2,
            max_len: 6,
            item: "code".into(),
            rules: vec![TextRule {
                pattern: "^[A-Z]+$".into(),
                message: "{value} is not in capitals".into(),
                code: BadUrl,
            }],
        };
        assert_eq!(code(t(), json!([])), None);
        assert_eq!(code(t(), json!(["AB", "CD"])), None);
        assert_eq!(
            refusal(t(), json!(["AB", "cd"])).unwrap(),
            (BadUrl, "k: cd is not in capitals".into()),
            "the rule's own code"
        );
        assert_eq!(code(t(), json!(["AB", "AB"])), Some(Duplicate));
        let at = |v: Value| check_setting(&field("k", t(), true), &v).unwrap_err().item;
        assert_eq!(at(json!(["AB", "x"])), Some(1), "the entry refused");
        assert_eq!(at(json!(["AB", "AB"])), Some(1), "the second of two");
        assert_eq!(at(json!(["A", "B", "C"])), None, "the list as a whole");
        assert_eq!(code(t(), json!(["A", "B", "C"])), Some(BadLength));
        assert_eq!(code(t(), json!(["TOOLONGX"])), Some(BadLength));
        assert_eq!(code(t(), json!([""])), Some(BadLength));
        assert_eq!(code(t(), json!("AB")), Some(WrongType));
        assert_eq!(
            refusal(t(), json!("AB")).unwrap().1,
            "k: must be a list of codes, not \"AB\""
        );
    }

    #[test]
    fn every_bad_field_is_reported_and_owner_only_fields_are_named() {
        let schema = SettingsSchema {
            groups: vec![],
            fields: vec![
                field("days", FieldType::Integer { min: 1, max: 9 }, false),
                field("on", FieldType::Boolean, true),
            ],
        };
        let changes: Map<String, Value> =
            serde_json::from_value(json!({"days": 10, "on": "x", "nope": 1})).unwrap();
        let errors = check_settings(&schema, &changes);
        let keys: Vec<&str> = errors.iter().map(|e| e.key.as_str()).collect();
        assert_eq!(keys, vec!["days", "nope", "on"]);
        assert_eq!(errors[1].code, UnknownField);
        let locked = owner_only_settings(&schema, &changes);
        assert_eq!(locked.len(), 1);
        assert_eq!(
            (locked[0].key.as_str(), locked[0].code),
            ("days", OwnerOnly)
        );
        assert_eq!(locked[0].message, "days (days): security");
    }
}
