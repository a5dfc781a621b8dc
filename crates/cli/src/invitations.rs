//! `users invite` and `users invitations [resend|withdraw]`. A new invitation link goes to
//! stdout alone (so it can be piped to whatever sends it); what it is goes to stderr. With
//! `--json` the one answer is the invitation with its code and link. The link is shown once.

use clap::{Args, Subcommand};
use console_core::api::{Invitation, StaffRole};
use console_core::audit::iso8601;
use console_core::invitations::{InviteStaff, NewInvitationLink};
use console_core::{Console, Error};

use crate::output::Output;

#[derive(Args)]
pub struct InviteArgs {
    /// The person's name as colleagues see it.
    #[arg(long)]
    name: String,
    /// Where the person receives the link, and what they will sign in with.
    #[arg(long)]
    email: String,
    /// A staff role to give (repeatable), e.g. --role MEMBER.
    #[arg(long = "role")]
    roles: Vec<String>,
    /// Why; recorded in the audit trail.
    #[arg(long)]
    reason: String,
}

#[derive(Args)]
pub struct InvitationsArgs {
    #[command(subcommand)]
    action: Option<InvitationAction>,
}

#[derive(Subcommand)]
enum InvitationAction {
    /// Send a new link; the old one stops working. Prints the new link once.
    Resend {
        id: String,
        #[arg(long)]
        reason: String,
    },
    /// Withdraw the invitation; the invited person, who never accepted, is removed.
    Withdraw {
        id: String,
        #[arg(long)]
        reason: String,
    },
}

fn roles(names: &[String]) -> Result<Vec<StaffRole>, Error> {
    names
        .iter()
        .map(|n| {
            StaffRole::parse(&n.trim().to_uppercase()).ok_or_else(|| {
                let valid: Vec<&str> = StaffRole::ALL.iter().map(|r| r.as_str()).collect();
                Error::InvalidInput(format!(
                    "'{n}' is not a staff role. The staff roles are {}.",
                    valid.join(", ")
                ))
            })
        })
        .collect()
}

fn line(i: &Invitation) -> String {
    let roles: Vec<&str> = i.roles.iter().map(|r| r.as_str()).collect();
    format!(
        "{:<26} {:<24} {:<34} {:<20} invited by {}, expires {}",
        i.id,
        i.display_name,
        i.email,
        roles.join(","),
        i.invited_by_name,
        iso8601(i.expires_at)
    )
}

/// The link alone on stdout (or the one JSON answer); what it is, on stderr.
fn reveal(link: NewInvitationLink, out: &Output) {
    let shown = link.reveal();
    if out.json {
        return out.print_json(&shown);
    }
    eprintln!(
        "Invitation {} for {} <{}>, valid until {}. Send this link to them now: it is not \
         shown again.",
        shown.invitation.id,
        shown.invitation.display_name,
        shown.invitation.email,
        iso8601(shown.invitation.expires_at)
    );
    println!("{}", shown.accept_url);
}

pub async fn invite(
    console: &Console,
    profile: &str,
    args: InviteArgs,
    out: &Output,
) -> Result<(), Error> {
    let invite = InviteStaff {
        display_name: args.name,
        email: args.email,
        roles: roles(&args.roles)?,
        reason: args.reason,
    };
    reveal(console.invite_staff(profile, &invite).await?, out);
    Ok(())
}

/// The version an action needs in `If-Match`, as the server has it now.
async fn version(console: &Console, profile: &str, id: &str) -> Result<i64, Error> {
    let pending = console.invitations(profile).await?;
    pending
        .iter()
        .find(|i| i.id == id)
        .map(|i| i.version)
        .ok_or_else(|| {
            Error::InvalidInput(format!(
                "No pending invitation '{id}'. `accessctl users invitations` lists them."
            ))
        })
}

pub async fn invitations(
    console: &Console,
    profile: &str,
    args: InvitationsArgs,
    out: &Output,
) -> Result<(), Error> {
    match args.action {
        None => {
            let pending = console.invitations(profile).await?;
            if out.json {
                out.print_json(&pending);
            } else {
                for i in &pending {
                    println!("{}", line(i));
                }
                println!("{} pending invitation(s)", pending.len());
            }
        }
        Some(InvitationAction::Resend { id, reason }) => {
            let v = version(console, profile, &id).await?;
            reveal(
                console.resend_invitation(profile, &id, v, &reason).await?,
                out,
            );
        }
        Some(InvitationAction::Withdraw { id, reason }) => {
            let v = version(console, profile, &id).await?;
            let withdrawn = console
                .withdraw_invitation(profile, &id, v, &reason)
                .await?;
            if out.json {
                out.print_json(&withdrawn);
            } else {
                println!(
                    "Withdrew the invitation of {} <{}>; they were removed.",
                    withdrawn.display_name, withdrawn.email
                );
            }
        }
    }
    Ok(())
}
