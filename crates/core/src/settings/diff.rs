//! Differences between two sets of settings values, field by field, in the schema's order.

use console_api::SettingsSchema;
use serde::{Deserialize, Serialize};
use serde_json::{Map, Value};
use ts_rs::TS;

/// One field whose value differs: what it was and what it becomes.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct SettingChange {
    pub key: String,
    /// The schema's label, or the key for a field the schema no longer has.
    pub label: String,
    /// `null` when the field was absent.
    #[ts(type = "unknown")]
    pub old: Value,
    #[ts(type = "unknown")]
    pub new: Value,
}

/// Every field whose value differs between `old` and `new`: the schema's fields in its order,
/// then any other keys in name order.
pub fn diff(
    schema: &SettingsSchema,
    old: &Map<String, Value>,
    new: &Map<String, Value>,
) -> Vec<SettingChange> {
    let known = schema
        .fields
        .iter()
        .map(|f| (f.key.as_str(), f.label.as_str()));
    let mut others: Vec<&str> = old
        .keys()
        .chain(new.keys())
        .map(String::as_str)
        .filter(|k| schema.field(k).is_none())
        .collect();
    others.sort();
    others.dedup();
    known
        .chain(others.into_iter().map(|k| (k, k)))
        .filter_map(|(key, label)| {
            let (o, n) = (old.get(key), new.get(key));
            (o != n).then(|| SettingChange {
                key: key.to_string(),
                label: label.to_string(),
                old: o.cloned().unwrap_or(Value::Null),
                new: n.cloned().unwrap_or(Value::Null),
            })
        })
        .collect()
}

/// What saving `staged` over `current` would change: staged values equal to the current ones
/// are no change.
pub fn staged(
    schema: &SettingsSchema,
    current: &Map<String, Value>,
    staged: &Map<String, Value>,
) -> Vec<SettingChange> {
    let mut after = current.clone();
    after.extend(staged.iter().map(|(k, v)| (k.clone(), v.clone())));
    diff(schema, current, &after)
}

#[cfg(test)]
mod tests {
    use super::*;
    use console_api::{FieldType, SettingField};
    use serde_json::json;

    fn schema() -> SettingsSchema {
        let field = |key: &str, label: &str| SettingField {
            key: key.into(),
            group: "g".into(),
            label: label.into(),
            description: String::new(),
            field_type: FieldType::Boolean,
            unit: None,
            example: None,
            default: Value::Null,
            member_editable: true,
            owner_only_reason: None,
        };
        SettingsSchema {
            groups: vec![],
            // Schema order, deliberately not alphabetical.
            fields: vec![field("zeta", "Zeta"), field("alpha", "Alpha")],
        }
    }

    fn map(v: Value) -> Map<String, Value> {
        serde_json::from_value(v).unwrap()
    }

    #[test]
    fn only_differing_fields_in_schema_order_then_unknown_keys() {
        let old = map(json!({"alpha": 1, "zeta": true, "same": 3, "gone": 1}));
        let new = map(json!({"alpha": 2, "zeta": false, "same": 3, "added": [1]}));
        let d = diff(&schema(), &old, &new);
        let keys: Vec<&str> = d.iter().map(|c| c.key.as_str()).collect();
        assert_eq!(keys, vec!["zeta", "alpha", "added", "gone"]);
        assert_eq!(d[0].label, "Zeta");
        assert_eq!((d[1].old.clone(), d[1].new.clone()), (json!(1), json!(2)));
        assert_eq!(
            (d[2].old.clone(), d[2].new.clone()),
            (Value::Null, json!([1]))
        );
    }

    #[test]
    fn staging_the_current_value_is_no_change() {
        let current = map(json!({"alpha": 1, "zeta": true}));
        let d = staged(
            &schema(),
            &current,
            &map(json!({"alpha": 1, "zeta": false})),
        );
        assert_eq!(d.len(), 1);
        assert_eq!(d[0].key, "zeta");
        assert!(staged(&schema(), &current, &map(json!({"alpha": 1}))).is_empty());
    }
}
