//! `roles show|set|apply` and `audit list`.

use std::collections::BTreeSet;
use std::path::PathBuf;

use clap::Subcommand;
use console_core::audit::{self, AuditFilter};
use console_core::roles::{self, BatchApplied, RoleInfo};
use console_core::{Console, Error, RoleBatchResult, RoleChangeOutcome, StaffRole};

use crate::output::Output;

#[derive(Subcommand)]
pub enum RolesCommand {
    /// Show a staff member's roles as the server has them now, with what each role means.
    Show { id: String },
    /// Add and remove roles of one staff member. The server checks every guardrail.
    Set {
        id: String,
        /// A role to add (repeatable), e.g. --add SUPPORT.
        #[arg(long)]
        add: Vec<String>,
        /// A role to remove (repeatable).
        #[arg(long)]
        remove: Vec<String>,
        /// Why; recorded in the audit trail.
        #[arg(long)]
        reason: String,
        /// Ask the server what would happen, change nothing.
        #[arg(long)]
        dry_run: bool,
    },
    /// Apply a batch from a CSV (user_id,add,remove,expected_version) or JSON file. Dry run
    /// unless --apply; after a real run the undo batch is written next to the file.
    Apply {
        file: PathBuf,
        #[arg(long)]
        reason: String,
        /// Make the changes (without it, only the plan is shown).
        #[arg(long)]
        apply: bool,
    },
}

#[derive(Subcommand)]
pub enum AuditCommand {
    /// List audit events, newest first.
    List {
        /// Who made the change (user id).
        #[arg(long)]
        actor: Option<String>,
        /// Whom it changed (user id).
        #[arg(long)]
        target: Option<String>,
        /// e.g. user.roles.update
        #[arg(long)]
        action: Option<String>,
        /// Unix seconds, inclusive.
        #[arg(long)]
        from: Option<i64>,
        /// Unix seconds, exclusive.
        #[arg(long)]
        to: Option<i64>,
        /// A person's own timeline (user id): what was done to them or on their behalf.
        #[arg(long)]
        person: Option<String>,
        #[arg(long, default_value_t = 50)]
        limit: u32,
        /// Every matching event as CSV on stdout.
        #[arg(long, conflicts_with = "limit")]
        csv: bool,
    },
}

/// The role named `s` (any case) in the platform's catalog.
fn parse_role(catalog: &[RoleInfo], s: &str) -> Result<StaffRole, Error> {
    let name = s.trim().to_ascii_uppercase();
    catalog
        .iter()
        .find(|r| r.role.as_str() == name)
        .map(|r| r.role)
        .ok_or_else(|| {
            let names: Vec<&str> = catalog.iter().map(|r| r.role.as_str()).collect();
            Error::InvalidInput(format!(
                "{s} is not a staff role of this platform; the roles are {}",
                names.join(", ")
            ))
        })
}

fn parse_roles(catalog: &[RoleInfo], names: &[String]) -> Result<Vec<StaffRole>, Error> {
    names.iter().map(|s| parse_role(catalog, s)).collect()
}

fn list(roles: &[StaffRole]) -> String {
    if roles.is_empty() {
        "(none)".into()
    } else {
        roles
            .iter()
            .map(|r| r.as_str())
            .collect::<Vec<_>>()
            .join(", ")
    }
}

pub async fn roles(
    console: &Console,
    profile: &str,
    cmd: RolesCommand,
    out: &Output,
) -> Result<(), Error> {
    match cmd {
        RolesCommand::Show { id } => {
            let user = console.server_user(profile, &id).await?;
            if out.json {
                out.print_json(&user);
                return Ok(());
            }
            println!(
                "{} ({}), {} {}, version {}",
                user.display_name,
                user.id,
                user.status.as_str(),
                user.kind.as_str(),
                user.version
            );
            if user.staff_roles.is_empty() {
                println!("  no staff roles");
            }
            let catalog = console.role_catalog(profile).await?;
            for r in &user.staff_roles {
                let description = catalog.iter().find(|c| c.role == *r);
                let description = description.map_or("", |c| c.description.as_str());
                println!("  {:<30} {description}", r.as_str());
            }
        }
        RolesCommand::Set {
            id,
            add,
            remove,
            reason,
            dry_run,
        } => {
            if add.is_empty() && remove.is_empty() {
                return Err(Error::InvalidInput(
                    "Nothing to change: give --add ROLE and/or --remove ROLE.".into(),
                ));
            }
            let catalog = console.role_catalog(profile).await?;
            let (add, remove) = (
                parse_roles(&catalog, &add)?,
                parse_roles(&catalog, &remove)?,
            );
            let user = console.server_user(profile, &id).await?;
            let mut next: BTreeSet<StaffRole> = user.staff_roles.iter().copied().collect();
            next.extend(add.iter().copied());
            for r in &remove {
                next.remove(r);
            }
            let next: Vec<StaffRole> = next.into_iter().collect();
            if dry_run {
                let item = roles::item_for(&id, &user.staff_roles, &next, Some(user.version));
                let outcome = console.preview_roles(profile, item).await?;
                if out.json {
                    out.print_json(&outcome);
                    return Ok(());
                }
                print_outcome(&outcome);
                println!("Dry run: nothing was changed.");
                return Ok(());
            }
            let updated = crate::step_up::retrying(console, profile, || {
                console.set_roles(profile, &id, &next, user.version, &reason)
            })
            .await?;
            if out.json {
                out.print_json(&updated);
                return Ok(());
            }
            println!(
                "{}: {} -> {} (version {})",
                updated.display_name,
                list(&user.staff_roles),
                list(&updated.staff_roles),
                updated.version
            );
        }
        RolesCommand::Apply {
            file,
            reason,
            apply,
        } => {
            let text = std::fs::read_to_string(&file)
                .map_err(|e| Error::InvalidInput(format!("cannot read {}: {e}", file.display())))?;
            let catalog = console.role_catalog(profile).await?;
            let items = roles::parse_batch_file(&file.display().to_string(), &text, &catalog)?;
            if !apply {
                let plan = console.role_batch(profile, items, &reason, true).await?;
                if out.json {
                    out.print_json(&plan);
                    return Ok(());
                }
                print_result(&plan);
                println!(
                    "Dry run: nothing was changed. Run again with --apply to make these changes."
                );
                return Ok(());
            }
            let applied = crate::step_up::retrying(console, profile, || {
                console.apply_role_batch(profile, items.clone(), &reason)
            })
            .await?;
            let undo_path = undo_file(&file);
            if !applied.undo.is_empty() {
                let json = serde_json::to_string_pretty(&applied.undo)
                    .map_err(|e| Error::Internal(e.to_string()))?;
                std::fs::write(&undo_path, json)?;
            }
            if out.json {
                out.print_json(&applied);
                return Ok(());
            }
            report_applied(&applied, &undo_path);
        }
    }
    Ok(())
}

fn undo_file(file: &std::path::Path) -> PathBuf {
    let stem = file
        .file_stem()
        .map(|s| s.to_string_lossy().to_string())
        .unwrap_or_else(|| "batch".into());
    file.with_file_name(format!("{stem}.undo.json"))
}

fn print_outcome(o: &RoleChangeOutcome) {
    let verdict = match (&o.problem, o.applied, o.before == o.after) {
        (Some(p), _, _) => format!(
            "REFUSED ({}): {}",
            p.code.as_str(),
            p.detail.as_deref().unwrap_or(&p.title)
        ),
        (None, true, _) => "applied".into(),
        (None, false, true) => "no change".into(),
        (None, false, false) => "ok".into(),
    };
    let who = if o.display_name.is_empty() {
        o.user_id.clone()
    } else {
        format!("{} ({})", o.display_name, o.user_id)
    };
    println!(
        "{who}\n  before: {}\n  after:  {}\n  {verdict}",
        list(&o.before),
        list(&o.after)
    );
}

fn print_result(result: &RoleBatchResult) {
    for o in &result.items {
        print_outcome(o);
    }
    let refused = result.items.iter().filter(|o| o.problem.is_some()).count();
    let applied = result.items.iter().filter(|o| o.applied).count();
    println!(
        "{} item(s): {applied} applied, {refused} refused.",
        result.items.len()
    );
}

fn report_applied(applied: &BatchApplied, undo_path: &std::path::Path) {
    print_result(&applied.result);
    if applied.undo.is_empty() {
        println!("Nothing was applied, so there is nothing to undo.");
    } else {
        println!(
            "Undo plan written to {} (accessctl roles apply {} --reason \"undo\" --apply).",
            undo_path.display(),
            undo_path.display()
        );
    }
}

pub async fn audit(
    console: &Console,
    profile: &str,
    cmd: AuditCommand,
    out: &Output,
) -> Result<(), Error> {
    let AuditCommand::List {
        actor,
        target,
        action,
        from,
        to,
        person,
        limit,
        csv,
    } = cmd;
    let filter = AuditFilter {
        actor,
        target,
        action,
        from,
        to,
        person,
    };
    if csv {
        let (text, _) = console.audit_csv(profile, &filter).await?;
        print!("{text}");
        return Ok(());
    }
    let page = console.audit_events(profile, &filter, None, limit).await?;
    if out.json {
        out.print_json(&page);
        return Ok(());
    }
    for e in &page.events {
        let who = who_acted(e);
        println!(
            "{}  {:<20} {:<20} {} -> {}  {}  \"{}\"",
            audit::iso8601(e.at),
            e.action,
            who,
            e.target_name,
            e.after,
            e.target_id,
            e.reason
        );
    }
    println!(
        "{} event(s){}",
        page.events.len(),
        if page.next_cursor.is_some() {
            " (more: raise --limit or use --csv)"
        } else {
            ""
        }
    );
    Ok(())
}

/// Who took the action, and for whom when it was taken on someone's behalf.
fn who_acted(e: &console_core::AuditEvent) -> String {
    match &e.on_behalf {
        Some(o) => format!("{} on behalf of {}", e.actor_name, o.subject_name),
        None => e.actor_name.clone(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_action_taken_for_someone_names_both() {
        let mut e = console_core::AuditEvent {
            id: "aud_1".into(),
            at: 0,
            actor_id: "sa_reminders".into(),
            actor_name: "Appointment reminder bot".into(),
            action: "user.update".into(),
            target_type: "user".into(),
            target_id: "usr_pat".into(),
            target_name: "Pat".into(),
            before: serde_json::json!({}),
            after: serde_json::json!({}),
            reason: "new phone".into(),
            request_id: "req".into(),
            on_behalf: None,
        };
        assert_eq!(who_acted(&e), "Appointment reminder bot");
        e.on_behalf = Some(console_core::api::OnBehalf {
            subject_id: "usr_priya_provider".into(),
            subject_name: "Dr. Priya Provider".into(),
            actor_id: "sa_reminders".into(),
            actor_name: "Appointment reminder bot".into(),
            actor_kind: console_core::UserKind::ServiceAccount,
            acting_id: None,
            reason: None,
            started_at: None,
            expires_at: None,
        });
        assert_eq!(
            who_acted(&e),
            "Appointment reminder bot on behalf of Dr. Priya Provider"
        );
    }
}
