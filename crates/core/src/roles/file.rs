//! Batch files for `roles apply`: CSV (`user_id,add,remove,expected_version`, roles separated by
//! `;` or spaces) or JSON (a list of items, or `{"items": [...]}`). Mistakes are reported with
//! the line or item they are on, before anything is sent.

use console_api::{RoleChangeItem, RoleInfo};
use serde::Deserialize;

use crate::{Error, Result};

#[derive(Deserialize)]
#[serde(untagged)]
enum JsonBatch {
    List(Vec<RoleChangeItem>),
    Wrapped { items: Vec<RoleChangeItem> },
}

#[derive(Deserialize)]
struct CsvRow {
    user_id: String,
    #[serde(default)]
    add: String,
    #[serde(default)]
    remove: String,
    #[serde(default)]
    expected_version: Option<i64>,
}

/// Parses a batch file; `name` decides the format (`.json` or anything else as CSV). Role names
/// are checked against `catalog`, the platform's (`Console::role_catalog`).
pub fn parse_batch_file(
    name: &str,
    text: &str,
    catalog: &[RoleInfo],
) -> Result<Vec<RoleChangeItem>> {
    let items = if name.to_ascii_lowercase().ends_with(".json") {
        let batch: JsonBatch = serde_json::from_str(text)
            .map_err(|e| Error::InvalidInput(format!("{name} is not a batch in JSON: {e}")))?;
        match batch {
            JsonBatch::List(items) | JsonBatch::Wrapped { items } => items,
        }
    } else {
        parse_csv(name, text)?
    };
    for (n, item) in items.iter().enumerate() {
        let at = format!("{name}, item {} ({})", n + 1, item.user_id);
        if item.user_id.trim().is_empty() {
            return Err(Error::InvalidInput(format!("{at}: user_id is empty")));
        }
        if item.add.is_empty() && item.remove.is_empty() {
            return Err(Error::InvalidInput(format!(
                "{at}: nothing to add or remove"
            )));
        }
        for role in item.add.iter().chain(&item.remove) {
            if !catalog.iter().any(|r| r.role.as_str() == role) {
                let names: Vec<&str> = catalog.iter().map(|r| r.role.as_str()).collect();
                return Err(Error::InvalidInput(format!(
                    "{at}: {role} is not a staff role of this platform (the roles are {})",
                    names.join(", ")
                )));
            }
        }
    }
    if items.is_empty() {
        return Err(Error::InvalidInput(format!("{name} holds no items")));
    }
    Ok(items)
}

fn parse_csv(name: &str, text: &str) -> Result<Vec<RoleChangeItem>> {
    let mut reader = csv::ReaderBuilder::new()
        .trim(csv::Trim::All)
        .from_reader(text.as_bytes());
    let mut items = Vec::new();
    for row in reader.deserialize::<CsvRow>() {
        let row = row.map_err(|e| {
            let line = e.position().map(|p| p.line()).unwrap_or(0);
            Error::InvalidInput(format!(
                "{name}, line {line}: {e} (expected columns user_id,add,remove,expected_version)"
            ))
        })?;
        items.push(RoleChangeItem {
            user_id: row.user_id,
            add: split(&row.add),
            remove: split(&row.remove),
            expected_version: row.expected_version,
        });
    }
    Ok(items)
}

fn split(roles: &str) -> Vec<String> {
    roles
        .split([';', ' ', '|'])
        .map(|r| r.trim().to_ascii_uppercase())
        .filter(|r| !r.is_empty())
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use console_api::StaffRole;

    /// A catalog these tests invent: the file's roles are checked against what was served.
    fn catalog() -> Vec<RoleInfo> {
        [
            StaffRole::Support,
            StaffRole::Dispatch,
            StaffRole::Member,
            StaffRole::Therapist,
            StaffRole::Owner,
        ]
        .into_iter()
        .map(|role| RoleInfo {
            role,
            description: String::new(),
            grants: vec![],
            sensitive: false,
            provider: false,
        })
        .collect()
    }

    #[test]
    fn csv_rows_become_items() {
        let text = "user_id,add,remove,expected_version\n\
                    usr_a,SUPPORT;dispatch,,3\n\
                    usr_b,,MEMBER,\n";
        let items = parse_batch_file("plan.csv", text, &catalog()).unwrap();
        assert_eq!(items.len(), 2);
        assert_eq!(items[0].add, vec!["SUPPORT", "DISPATCH"]);
        assert_eq!(items[0].expected_version, Some(3));
        assert_eq!(items[1].remove, vec!["MEMBER"]);
        assert_eq!(items[1].expected_version, None);
    }

    #[test]
    fn json_lists_and_wrapped_lists_are_accepted() {
        let list = r#"[{"user_id":"usr_a","add":["THERAPIST"]}]"#;
        let wrapped = r#"{"items":[{"user_id":"usr_a","remove":["OWNER"],"expected_version":2}]}"#;
        assert_eq!(
            parse_batch_file("a.json", list, &catalog()).unwrap()[0].add,
            vec!["THERAPIST"]
        );
        assert_eq!(
            parse_batch_file("b.JSON", wrapped, &catalog()).unwrap()[0].expected_version,
            Some(2)
        );
    }

    #[test]
    fn mistakes_name_where_they_are() {
        let e = parse_batch_file("p.csv", "user_id,add\nusr_a,ADMIN\n", &catalog()).unwrap_err();
        assert!(
            e.to_string()
                .contains("item 1 (usr_a): ADMIN is not a staff role of this platform"),
            "{e}"
        );
        // A role of the wire format that this platform's catalog does not serve.
        let e = parse_batch_file("p.csv", "user_id,add\nusr_a,PROVIDER\n", &catalog()).unwrap_err();
        assert!(
            e.to_string()
                .contains("the roles are SUPPORT, DISPATCH, MEMBER, THERAPIST, OWNER"),
            "{e}"
        );
        let e = parse_batch_file("p.csv", "user_id,add\nusr_a,\n", &catalog()).unwrap_err();
        assert!(e.to_string().contains("nothing to add or remove"), "{e}");
        let e = parse_batch_file("p.json", "{", &catalog()).unwrap_err();
        assert!(e.to_string().contains("not a batch in JSON"), "{e}");
        let e = parse_batch_file("p.csv", "user_id,add\n", &catalog()).unwrap_err();
        assert!(e.to_string().contains("holds no items"), "{e}");
    }
}
