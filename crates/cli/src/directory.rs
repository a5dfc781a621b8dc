//! `sync`, `users search`, `users show` (the changes to people are in `people`, and
//! `users invite|invitations` in `invitations`).

use std::io::Write;

use clap::Subcommand;
use console_core::sync::{Progress, SyncOptions};
use console_core::{Console, DirectoryQuery, Error, User};

use crate::output::Output;

#[derive(Subcommand)]
pub enum UsersCommand {
    /// Search the local cache by name, email, phone (any formatting), id or role.
    Search {
        text: String,
        #[arg(long, default_value_t = 20)]
        limit: u32,
    },
    /// Show one person with their household.
    Show { id: String },
    #[command(flatten)]
    People(crate::people::PeopleCommand),
    /// Invite a staff member (OWNER only); prints the invitation link once.
    Invite(crate::invitations::InviteArgs),
    /// List the pending invitations, or re-send or withdraw one (OWNER only).
    Invitations(crate::invitations::InvitationsArgs),
    /// Reset a staff member's authenticator (OWNER; asks you to confirm it is you).
    MfaReset(crate::mfa::MfaReset),
}

pub async fn sync(console: &Console, profile: &str, out: &Output) -> Result<(), Error> {
    let json = out.json;
    let on_progress = move |p: Progress| {
        if !json {
            let total = p.total.map(|t| format!(" / {t}")).unwrap_or_default();
            eprint!(
                "\r{:?} sync: {}{total} ({:.0}/s)   ",
                p.phase, p.done, p.rate_per_sec
            );
            let _ = std::io::stderr().flush();
        }
    };
    let report = console
        .sync(profile, &SyncOptions::default(), &on_progress)
        .await?;
    if !json {
        eprintln!();
    }
    let count = console.cache(profile).await?.user_count().await?;
    if out.json {
        out.print_json(&serde_json::json!({
            "full": report.full, "upserted": report.upserted, "deleted": report.deleted,
            "as_of_seq": report.as_of_seq, "users": count,
        }));
    } else {
        let kind = if report.full { "full" } else { "delta" };
        println!(
            "Synced ({kind}): {} updated, {} removed; {count} users cached, as of change {}.",
            report.upserted, report.deleted, report.as_of_seq
        );
    }
    Ok(())
}

fn line(u: &User) -> String {
    let roles: Vec<&str> = u.staff_roles.iter().map(|r| r.as_str()).collect();
    format!(
        "{:<18} {:<28} {:<10} {:<34} {:<16} {}",
        u.id,
        u.display_name,
        u.kind.as_str(),
        u.email.as_deref().unwrap_or("-"),
        u.phone.as_deref().unwrap_or("-"),
        roles.join(",")
    )
}

pub async fn users(
    console: &Console,
    profile: &str,
    cmd: UsersCommand,
    out: &Output,
) -> Result<(), Error> {
    match cmd {
        UsersCommand::Invite(args) => {
            crate::invitations::invite(console, profile, args, out).await?
        }
        UsersCommand::Invitations(args) => {
            crate::invitations::invitations(console, profile, args, out).await?
        }
        UsersCommand::Search { text, limit } => {
            let page = console
                .search_users(profile, &DirectoryQuery::text(&text, limit))
                .await?;
            if out.json {
                out.print_json(&page);
            } else {
                for u in &page.rows {
                    println!("{}", line(u));
                }
                if let Some(why) = &page.platform_error {
                    eprintln!("{why}");
                }
                // Who answered: the platform while the local cache is still filling.
                if page.source == console_core::SearchSource::Platform {
                    println!(
                        "{}{} match(es) in {:.1} ms (from the platform: the local cache is still \
                         filling, {}%)",
                        page.total,
                        if page.more { "+" } else { "" },
                        page.took_ms,
                        page.filling_percent.unwrap_or(0)
                    );
                } else {
                    println!(
                        "{} match(es) in {:.1} ms (local cache)",
                        page.total, page.took_ms
                    );
                }
            }
        }
        UsersCommand::People(cmd) => crate::people::run(console, profile, cmd, out).await?,
        UsersCommand::MfaReset(args) => crate::mfa::reset(console, profile, args, out).await?,
        UsersCommand::Show { id } => {
            let detail = console.user_detail(profile, &id).await?.ok_or_else(|| {
                Error::InvalidInput(format!(
                    "No user '{id}' in the local cache. Run `accessctl sync` or check the id."
                ))
            })?;
            if out.json {
                out.print_json(&detail);
            } else {
                println!("{}", line(&detail.user));
                println!("  status: {}", detail.user.status.as_str());
                if let Some(enrolled) = detail.user.mfa_enrolled {
                    let mfa = if enrolled { "enrolled" } else { "not enrolled" };
                    println!("  mfa: {mfa}");
                }
                let h = &detail.household;
                if let Some(g) = &h.guardian {
                    println!("  guardian: {}", line(g));
                }
                for d in &h.dependents {
                    println!("  dependent: {}", line(d));
                }
                if h.shared_email || h.shared_phone {
                    let what: Vec<&str> = [(h.shared_email, "email"), (h.shared_phone, "phone")]
                        .iter()
                        .filter(|(b, _)| *b)
                        .map(|(_, w)| *w)
                        .collect();
                    println!("  shares {} within the household", what.join(" and "));
                }
            }
        }
    }
    Ok(())
}
