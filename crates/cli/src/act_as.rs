//! `accessctl act-as USER --reason R --minutes N -- <command…>`: acts for a staff member for
//! one command (issue 14). Starting is a step-up operation; the inner command runs in this
//! process with the delegated session; acting always stops at the end, also when the inner
//! command failed, whose error (and exit code) is then the command's.

use console_core::api::OnBehalf;
use console_core::{Console, Error};

use crate::output::Output;

/// The time of day (UTC) a Unix time falls on, e.g. "14:32 UTC".
pub fn clock_time(secs: i64) -> String {
    let s = secs.rem_euclid(86_400);
    format!("{:02}:{:02} UTC", s / 3600, s % 3600 / 60)
}

/// "Olivia Owner acting for Sam Support until 14:32 UTC — reason: …".
pub fn describe(o: &OnBehalf) -> String {
    let mut text = format!("{} acting for {}", o.actor_name, o.subject_name);
    if let Some(until) = o.expires_at {
        text.push_str(&format!(" until {}", clock_time(until)));
    }
    if let Some(reason) = &o.reason {
        text.push_str(&format!(" — reason: {reason}"));
    }
    text
}

pub struct ActAs {
    pub user: String,
    pub reason: String,
    pub minutes: u32,
}

pub async fn run(
    console: &Console,
    profile: &str,
    act: ActAs,
    inner: crate::Command,
    out: &Output,
) -> Result<(), Error> {
    if matches!(inner, crate::Command::ActAs { .. }) {
        return Err(Error::InvalidInput(
            "act-as runs one command as the person; it cannot start acting again inside".into(),
        ));
    }
    let view = crate::step_up::retrying(console, profile, || {
        console.start_acting(profile, &act.user, &act.reason, act.minutes)
    })
    .await?;
    // Said on stderr, so stdout stays the inner command's answer for scripts.
    let acting = view.me.acting.clone();
    match &acting {
        Some(o) => eprintln!("{}", describe(o)),
        None => eprintln!("Acting for {}", view.me.display_name),
    }
    // Ctrl+C ends the inner command, not the acting: it still stops below.
    let result = tokio::select! {
        r = Box::pin(crate::dispatch(console, profile, inner, out)) => r,
        _ = tokio::signal::ctrl_c() => Err(Error::Cancelled),
    };
    let stopped = console.stop_acting(profile).await;
    if let Some(o) = &acting {
        eprintln!("{} stopped acting for {}.", o.actor_name, o.subject_name);
    }
    result?;
    stopped.map(drop)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn says_who_acts_for_whom_until_when_and_why() {
        let o = OnBehalf {
            subject_id: "usr_sam_support".into(),
            subject_name: "Sam Support".into(),
            actor_id: "usr_olivia_owner".into(),
            actor_name: "Olivia Owner".into(),
            actor_kind: console_core::UserKind::Staff,
            acting_id: Some("act_1".into()),
            reason: Some("ticket 42".into()),
            started_at: Some(0),
            // 1970-01-01T14:32:10Z
            expires_at: Some(14 * 3600 + 32 * 60 + 10),
        };
        assert_eq!(
            describe(&o),
            "Olivia Owner acting for Sam Support until 14:32 UTC — reason: ticket 42"
        );
    }
}
