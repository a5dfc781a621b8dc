//! Reading a value typed in a terminal (`KEY=VALUE`) as the value of a served field's type.
//! Whether the value is allowed is the schema's to say (`console_api::check_setting`).

use console_api::{FieldType, SettingField};
use serde_json::Value;

/// Reads `text` as typed in a terminal as a value of `field`'s type: numbers, `true`/`false`
/// (also yes/no, on/off), text and choices as they are, lists comma-separated (empty for none).
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
        // Text is taken as typed: the field's rules say if spaces at either end are unwelcome.
        FieldType::String { .. } | FieldType::Enum { .. } => Ok(Value::from(text)),
        // A date is text (`YYYY-MM-DD`); the schema says whether it is a real day in range.
        FieldType::Date { .. } => Ok(Value::from(t)),
        FieldType::TextList { .. } => Ok(Value::Array(
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

    fn field(field_type: FieldType) -> SettingField {
        SettingField {
            key: "k".into(),
            group: "g".into(),
            label: "K".into(),
            description: String::new(),
            field_type,
            unit: None,
            example: None,
            default: Value::Null,
            member_editable: true,
            owner_only_reason: None,
        }
    }

    #[test]
    fn terminal_input_is_read_by_the_field_type() {
        let int = field(FieldType::Integer { min: 0, max: 9 });
        assert_eq!(parse_input(&int, " 7 "), Ok(json!(7)));
        assert!(parse_input(&int, "seven").is_err());
        let b = field(FieldType::Boolean);
        assert_eq!(parse_input(&b, "false"), Ok(json!(false)));
        assert_eq!(parse_input(&b, "Yes"), Ok(json!(true)));
        assert!(parse_input(&b, "maybe").is_err());
        let list = field(FieldType::TextList {
            max_items: 5,
            max_len: 99,
            item: "URL".into(),
            rules: vec![],
        });
        assert_eq!(
            parse_input(&list, "https://a/cb, http://127.0.0.1/cb"),
            Ok(json!(["https://a/cb", "http://127.0.0.1/cb"]))
        );
        assert_eq!(parse_input(&list, ""), Ok(json!([])));
        let s = field(FieldType::String {
            min_len: 0,
            max_len: 9,
            rules: vec![],
        });
        assert_eq!(parse_input(&s, " Europe/Paris"), Ok(json!(" Europe/Paris")));
    }
}
