//! Step-up in the terminal: when the platform asks the person to confirm it is them before a
//! high-risk operation (granting OWNER, creating or rotating a key or client secret, restoring
//! settings), say why, run the browser sign-in for the same person, and retry once.

use std::future::Future;

use console_core::{Console, Error};

/// Runs `op`; after a step-up challenge, confirms in the browser and runs it exactly once more
/// (a second challenge is reported, not looped on). Messages go to stderr, so stdout stays the
/// operation's answer (a key, JSON) for scripts.
pub async fn retrying<T, F, Fut>(console: &Console, profile: &str, mut op: F) -> Result<T, Error>
where
    F: FnMut() -> Fut,
    Fut: Future<Output = Result<T, Error>>,
{
    let max_age = match op().await {
        Err(Error::StepUpRequired { max_age, reason }) => {
            eprintln!("{reason}");
            max_age
        }
        other => return other,
    };
    eprintln!(
        "Opening your browser to confirm it is you on profile '{profile}'… (Ctrl+C to cancel; \
         nothing is changed until you do)"
    );
    let view = tokio::select! {
        v = console.step_up(profile, max_age) => v?,
        _ = tokio::signal::ctrl_c() => return Err(Error::Cancelled),
    };
    eprintln!("Confirmed: {}. Trying again.", view.me.display_name);
    op().await
}
