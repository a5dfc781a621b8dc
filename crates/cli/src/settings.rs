//! `settings show|set|history|diff|restore`: the organization's settings for config users.

use clap::Subcommand;
use console_core::audit::iso8601;
use console_core::settings::{self, SettingChange, SettingsSaved};
use console_core::{Console, Error, SettingsSchema};
use serde_json::{Map, Value};

use crate::output::Output;

#[derive(Subcommand)]
pub enum SettingsCommand {
    /// Show the settings now (or as they were in an earlier version), grouped, with who may
    /// change each.
    Show {
        #[arg(long)]
        version: Option<i64>,
    },
    /// Change settings: KEY=VALUE pairs, each read as its field's type (numbers, true/false,
    /// lists comma-separated). Every value is checked before anything is sent.
    Set {
        #[arg(required = true, value_name = "KEY=VALUE")]
        pairs: Vec<String>,
        /// Why; recorded with the new version and in the audit trail.
        #[arg(long)]
        reason: String,
    },
    /// List the versions, newest first.
    History {
        #[arg(long, default_value_t = 50)]
        limit: u32,
    },
    /// What changed from version A to version B.
    Diff { from: i64, to: i64 },
    /// Make version N's values current again, as a new version (config Owner only).
    Restore {
        version: i64,
        #[arg(long)]
        reason: String,
    },
}

pub async fn run(
    console: &Console,
    profile: &str,
    cmd: SettingsCommand,
    out: &Output,
) -> Result<(), Error> {
    match cmd {
        SettingsCommand::Show { version } => show(console, profile, version, out).await,
        SettingsCommand::Set { pairs, reason } => {
            let schema = console.settings_schema(profile).await?;
            let changes = parse_pairs(&schema, &pairs)?;
            let current = console.settings(profile).await?;
            let diff = settings::staged(&schema, &current.values, &changes);
            if diff.is_empty() {
                if out.json {
                    out.print_json(&SettingsSaved::Saved { settings: current });
                } else {
                    println!("Nothing to change: the settings already hold these values.");
                }
                return Ok(());
            }
            let outcome = console
                .save_settings(profile, current.version, &changes, &reason)
                .await?;
            report(out, outcome, &diff, "Saved")
        }
        SettingsCommand::History { limit } => {
            let page = console.settings_history(profile, None, limit).await?;
            if out.json {
                out.print_json(&page);
                return Ok(());
            }
            for v in &page.versions {
                let restored = v
                    .restored_from
                    .map(|n| format!(" (restored version {n})"))
                    .unwrap_or_default();
                println!(
                    "{:>4}  {}  {:<22} {}{restored}  \"{}\"",
                    v.version,
                    iso8601(v.at),
                    v.actor_name,
                    if v.changed.is_empty() {
                        "-".to_string()
                    } else {
                        v.changed.join(", ")
                    },
                    v.reason
                );
            }
            if page.next_cursor.is_some() {
                println!("(older versions: raise --limit)");
            }
            Ok(())
        }
        SettingsCommand::Diff { from, to } => {
            let diff = console.settings_diff(profile, from, to).await?;
            if out.json {
                out.print_json(&diff);
            } else if diff.changes.is_empty() {
                println!("Versions {from} and {to} hold the same values.");
            } else {
                println!("From version {from} to version {to}:");
                print_changes(&diff.changes);
            }
            Ok(())
        }
        SettingsCommand::Restore { version, reason } => {
            let schema = console.settings_schema(profile).await?;
            let current = console.settings(profile).await?;
            let old = console.settings_version(profile, version).await?;
            let diff = settings::diff(&schema, &current.values, &old.values);
            let outcome = crate::step_up::retrying(console, profile, || {
                console.restore_settings(profile, version, current.version, &reason)
            })
            .await?;
            report(out, outcome, &diff, &format!("Restored version {version}"))
        }
    }
}

async fn show(
    console: &Console,
    profile: &str,
    version: Option<i64>,
    out: &Output,
) -> Result<(), Error> {
    let (values, heading) = match version {
        Some(n) => {
            let v = console.settings_version(profile, n).await?;
            if out.json {
                out.print_json(&v);
                return Ok(());
            }
            let heading = format!(
                "Settings version {} by {} at {}: \"{}\"",
                v.version,
                v.actor_name,
                iso8601(v.at),
                v.reason
            );
            (v.values, heading)
        }
        None => {
            let s = console.settings(profile).await?;
            if out.json {
                out.print_json(&s);
                return Ok(());
            }
            let heading = format!(
                "Settings version {} (current), by {} at {}",
                s.version,
                s.updated_by_name,
                iso8601(s.updated_at)
            );
            (s.values, heading)
        }
    };
    let schema = console.settings_schema(profile).await?;
    println!("{heading}");
    for group in &schema.groups {
        println!("\n{}", group.label);
        for f in schema.fields.iter().filter(|f| f.group == group.id) {
            let value = values.get(&f.key).map(text).unwrap_or_default();
            let unit = f
                .unit
                .as_deref()
                .map(|u| format!(" {u}"))
                .unwrap_or_default();
            let lock = if f.member_editable {
                ""
            } else {
                "  [Owner only]"
            };
            println!(
                "  {:<34} {value}{unit}{lock}",
                format!("{} ({})", f.label, f.key)
            );
        }
    }
    Ok(())
}

/// `KEY=VALUE` pairs read by the schema's types and checked against it, every problem at once.
fn parse_pairs(schema: &SettingsSchema, pairs: &[String]) -> Result<Map<String, Value>, Error> {
    let mut changes = Map::new();
    let mut problems = Vec::new();
    for pair in pairs {
        let Some((key, raw)) = pair.split_once('=') else {
            problems.push(format!("'{pair}' is not KEY=VALUE"));
            continue;
        };
        let key = key.trim();
        let Some(field) = schema.field(key) else {
            let known: Vec<&str> = schema.fields.iter().map(|f| f.key.as_str()).collect();
            problems.push(format!(
                "{key} is not a setting; the settings are {}",
                known.join(", ")
            ));
            continue;
        };
        match settings::parse_input(field, raw) {
            Ok(value) => match settings::check_setting(field, &value) {
                Ok(()) => {
                    changes.insert(key.to_string(), value);
                }
                Err(e) => problems.push(e.message),
            },
            Err(e) => problems.push(e),
        }
    }
    if !problems.is_empty() {
        return Err(Error::InvalidInput(format!(
            "Nothing was changed:\n  {}",
            problems.join("\n  ")
        )));
    }
    Ok(changes)
}

fn text(value: &Value) -> String {
    match value {
        Value::String(s) if s.is_empty() => "(empty)".into(),
        Value::String(s) => s.clone(),
        Value::Array(items) if items.is_empty() => "(none)".into(),
        Value::Array(items) => items.iter().map(text).collect::<Vec<_>>().join(", "),
        Value::Null => "(not set)".into(),
        other => other.to_string(),
    }
}

fn print_changes(changes: &[SettingChange]) {
    for c in changes {
        println!(
            "  {} ({}): {} -> {}",
            c.label,
            c.key,
            text(&c.old),
            text(&c.new)
        );
    }
}

fn report(
    out: &Output,
    outcome: SettingsSaved,
    diff: &[SettingChange],
    done: &str,
) -> Result<(), Error> {
    match outcome {
        SettingsSaved::Saved { settings } => {
            if out.json {
                out.print_json(&SettingsSaved::Saved { settings });
            } else {
                print_changes(diff);
                println!("{done} as version {}.", settings.version);
            }
            Ok(())
        }
        SettingsSaved::Conflict {
            message,
            current,
            server_changes,
        } => {
            eprintln!(
                "Changed on the server meanwhile (now version {}):",
                current.version
            );
            for c in &server_changes {
                eprintln!(
                    "  {} ({}): {} -> {}",
                    c.label,
                    c.key,
                    text(&c.old),
                    text(&c.new)
                );
            }
            Err(Error::Conflict {
                message: format!("{message} Nothing was changed; run the command again."),
                current: None,
            })
        }
    }
}
