//! `users mfa-reset USER --reason R`: an OWNER resets a staff member's authenticator (TOTP).
//! The platform asks for a recent sign-in (step-up, answered in the browser and retried once),
//! records the reason, and signs the person out; they set up a new authenticator at their next
//! sign-in.

use clap::Args;
use console_core::{Console, Error};

use crate::output::Output;

#[derive(Args)]
pub struct MfaReset {
    /// The staff member's id, e.g. usr_mia_member.
    pub id: String,
    /// Why; recorded in the audit trail.
    #[arg(long)]
    pub reason: String,
}

pub async fn reset(
    console: &Console,
    profile: &str,
    args: MfaReset,
    out: &Output,
) -> Result<(), Error> {
    // The person as the server has them now: the reset applies to this version only.
    let user = console.server_user(profile, &args.id).await?;
    let updated = crate::step_up::retrying(console, profile, || {
        console.reset_mfa(profile, &args.id, user.version, &args.reason)
    })
    .await?;
    if out.json {
        out.print_json(&updated);
    } else {
        println!(
            "{}: MFA reset (version {}). They are signed out and set up a new authenticator at \
             their next sign-in.",
            updated.display_name, updated.version
        );
    }
    Ok(())
}
