//! `users create|edit|suspend|reactivate|remove|move|convert|coming-of-age`: an OWNER's changes
//! to people, each with a reason, sent with the version the server holds now (read just before,
//! so a change made meanwhile is refused, never overwritten).

use clap::{Args, Subcommand};
use console_core::api::{DependentsPlan, NewPerson, PersonPatch};
use console_core::{Console, Error, User, UserKind, UserStatus};

use crate::output::Output;

#[derive(Args)]
pub struct Reason {
    /// Why; recorded in the audit trail.
    #[arg(long)]
    pub reason: String,
}

#[derive(Subcommand)]
pub enum PeopleCommand {
    /// Add a patient, HCP, guardian, or a dependent under --guardian.
    Create {
        /// PATIENT, HCP, GUARDIAN or DEPENDENT.
        #[arg(long)]
        kind: String,
        #[arg(long)]
        name: String,
        #[arg(long)]
        email: Option<String>,
        #[arg(long)]
        phone: Option<String>,
        /// YYYY-MM-DD.
        #[arg(long)]
        born: Option<String>,
        /// The guardian's id (dependents only; they share the guardian's contact).
        #[arg(long)]
        guardian: Option<String>,
        #[command(flatten)]
        reason: Reason,
    },
    /// Change a person's name, email, phone or date of birth (an empty value clears it).
    Edit {
        id: String,
        #[arg(long)]
        name: Option<String>,
        #[arg(long)]
        email: Option<String>,
        #[arg(long)]
        phone: Option<String>,
        #[arg(long)]
        born: Option<String>,
        #[command(flatten)]
        reason: Reason,
    },
    /// Suspend anyone: their sessions end at once.
    Suspend {
        id: String,
        #[command(flatten)]
        reason: Reason,
    },
    Reactivate {
        id: String,
        #[command(flatten)]
        reason: Reason,
    },
    /// Remove a person (kept for the audit trail, hidden everywhere). A guardian with
    /// dependents needs --move-dependents-to ID or --remove-dependents.
    Remove {
        id: String,
        #[arg(long, conflicts_with = "remove_dependents")]
        move_dependents_to: Option<String>,
        #[arg(long)]
        remove_dependents: bool,
        #[command(flatten)]
        reason: Reason,
    },
    /// Move a dependent to another guardian.
    Move {
        id: String,
        #[arg(long)]
        to: String,
        #[command(flatten)]
        reason: Reason,
    },
    /// Make a dependent who has reached the age-out a patient with their own contact.
    Convert {
        id: String,
        #[arg(long)]
        email: Option<String>,
        #[arg(long)]
        phone: Option<String>,
        #[command(flatten)]
        reason: Reason,
    },
    /// Dependents reaching the age-out within --days, from the local cache.
    ComingOfAge {
        #[arg(long, default_value_t = 90)]
        days: u32,
        /// The list as CSV on stdout.
        #[arg(long)]
        csv: bool,
    },
}

fn kind(s: &str) -> Result<UserKind, Error> {
    UserKind::parse(&s.trim().to_ascii_uppercase()).ok_or_else(|| {
        Error::InvalidInput(format!(
            "{s} is not a kind of person; give PATIENT, HCP, GUARDIAN or DEPENDENT"
        ))
    })
}

fn print_user(out: &Output, what: &str, user: &User) {
    if out.json {
        return out.print_json(user);
    }
    println!(
        "{what} {} ({}): {} {}, version {}",
        user.display_name,
        user.id,
        user.status.as_str(),
        user.kind.as_str(),
        user.version
    );
}

pub async fn run(
    console: &Console,
    profile: &str,
    cmd: PeopleCommand,
    out: &Output,
) -> Result<(), Error> {
    let version = |id: String| async move {
        console
            .server_user(profile, &id)
            .await
            .map(|u| (id, u.version))
    };
    match cmd {
        PeopleCommand::Create {
            kind: k,
            name,
            email,
            phone,
            born,
            guardian,
            reason,
        } => {
            let new = NewPerson {
                kind: kind(&k)?,
                display_name: name,
                email,
                phone,
                date_of_birth: born,
                guardian_id: guardian,
                reason: reason.reason,
            };
            let user = console.create_person(profile, new).await?;
            print_user(out, "Created", &user);
        }
        PeopleCommand::Edit {
            id,
            name,
            email,
            phone,
            born,
            reason,
        } => {
            if name.is_none() && email.is_none() && phone.is_none() && born.is_none() {
                return Err(Error::InvalidInput(
                    "Nothing to change: give --name, --email, --phone or --born.".into(),
                ));
            }
            let (id, v) = version(id).await?;
            let patch = PersonPatch {
                display_name: name,
                email,
                phone,
                date_of_birth: born,
                reason: reason.reason,
                ..PersonPatch::default()
            };
            let user = console.edit_person(profile, &id, patch, v).await?;
            print_user(out, "Edited", &user);
        }
        PeopleCommand::Suspend { id, reason } => {
            let (id, v) = version(id).await?;
            let status = UserStatus::Suspended;
            let user = console
                .set_status(profile, &id, status, v, &reason.reason)
                .await?;
            print_user(out, "Suspended", &user);
        }
        PeopleCommand::Reactivate { id, reason } => {
            let (id, v) = version(id).await?;
            let status = UserStatus::Active;
            let user = console
                .set_status(profile, &id, status, v, &reason.reason)
                .await?;
            print_user(out, "Reactivated", &user);
        }
        PeopleCommand::Remove {
            id,
            move_dependents_to,
            remove_dependents,
            reason,
        } => {
            let plan = match (move_dependents_to, remove_dependents) {
                (Some(to), _) => Some(DependentsPlan::MoveTo(to)),
                (None, true) => Some(DependentsPlan::Remove),
                (None, false) => None,
            };
            let (id, v) = version(id).await?;
            let removal = console
                .remove_person(profile, &id, plan, v, &reason.reason)
                .await?;
            if out.json {
                out.print_json(&removal);
                return Ok(());
            }
            println!("Removed {}.", removal.removed.join(", "));
            if !removal.moved.is_empty() {
                println!("Moved {}.", removal.moved.join(", "));
            }
        }
        PeopleCommand::Move { id, to, reason } => {
            let (id, v) = version(id).await?;
            let user = console
                .move_dependent(profile, &id, &to, v, &reason.reason)
                .await?;
            print_user(out, "Moved", &user);
        }
        PeopleCommand::Convert {
            id,
            email,
            phone,
            reason,
        } => {
            let (id, v) = version(id).await?;
            let user = console
                .convert_dependent(profile, &id, email, phone, v, &reason.reason)
                .await?;
            print_user(out, "Converted", &user);
        }
        PeopleCommand::ComingOfAge { days, csv } => {
            let list = console.coming_of_age(profile, days).await?;
            if csv {
                print!("{}", console_core::people::to_csv(&list)?);
                return Ok(());
            }
            if out.json {
                out.print_json(&list);
                return Ok(());
            }
            for item in &list.items {
                println!(
                    "{:<18} {:<28} turns {} on {} (in {} days), guardian {}",
                    item.user.id,
                    item.user.display_name,
                    list.age_out,
                    item.turns_on,
                    item.days_left,
                    item.guardian_name.as_deref().unwrap_or("-")
                );
            }
            println!(
                "{} dependent(s) reach {} within {} days of {} (local cache)",
                list.items.len(),
                list.age_out,
                list.days,
                list.today
            );
        }
    }
    Ok(())
}
