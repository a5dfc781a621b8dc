//! `accessctl act-as` (issue 14): an OWNER runs one command as Sam Support, told on stderr who
//! acts for whom; the platform decides what Sam may do; acting always stops at the end.

use crate::common::*;

const SAM: &str = "usr_sam_support";
const PAT: &str = "usr_pat_patient";

#[tokio::test]
async fn act_as_runs_one_command_as_sam_says_who_acted_and_always_stops() {
    let emu = demo_emulator().await;
    let cli = Cli::new(&emu.base_url(), OWNER);
    let profile = cli.signed_in("act", &emu.base_url()).await;
    let act = |tail: &[&'static str]| {
        let mut args = vec![
            "act-as",
            SAM,
            "--reason",
            "Ticket 9: what Sam sees",
            "--minutes",
            "5",
            "--",
        ];
        args.extend_from_slice(tail);
        args
    };

    let r = cli.on(&profile, &act(&["whoami"])).await;
    assert_eq!(r.code, 0, "{}", r.stderr);
    assert!(
        r.stdout.contains("as Sam Support"),
        "whoami answers as Sam: {}",
        r.stdout
    );
    assert!(
        r.stdout
            .contains("acting:        Olivia Owner acting for Sam Support until"),
        "and says who acts: {}",
        r.stdout
    );
    assert!(
        r.stderr
            .contains("Olivia Owner acting for Sam Support until")
            && r.stderr.contains("reason: Ticket 9: what Sam sees"),
        "stderr says who acts for whom, until when and why: {}",
        r.stderr
    );
    assert!(
        r.stderr
            .contains("Olivia Owner stopped acting for Sam Support."),
        "{}",
        r.stderr
    );
    let own = cli.on(&profile, &["whoami"]).await;
    assert!(own.stdout.contains("as Olivia Owner"), "{}", own.stdout);
    assert!(!own.stdout.contains("acting:"), "stopped: {}", own.stdout);

    // Sam (SUPPORT) may not edit a patient's record: the platform refuses, with its words,
    // and the exit code is the inner command's. Acting stops all the same.
    let edit = [
        "users",
        "edit",
        PAT,
        "--name",
        "Pat Renamed",
        "--reason",
        "typo in the name",
    ];
    let r = cli.on(&profile, &act(&edit)).await;
    assert_eq!(r.code, 1, "refused for Sam: {}", r.stdout);
    assert!(
        r.stderr.contains("error: ") && r.stderr.contains("SUPPORT"),
        "the platform's refusal, naming Sam's role: {}",
        r.stderr
    );
    assert!(
        r.stderr.contains("stopped acting for Sam Support"),
        "{}",
        r.stderr
    );
    // Olivia herself may: what refused it was Sam's rights, not the command.
    let r = cli.on(&profile, &edit).await;
    assert_eq!(r.code, 0, "{}", r.stderr);

    // Sam's own timeline: Olivia started and stopped acting for him, and why.
    let r = cli.on(&profile, &["audit", "list", "--person", SAM]).await;
    assert_eq!(r.code, 0, "{}", r.stderr);
    let started = r.stdout.lines().find(|l| l.contains("acting.start"));
    assert!(
        started.is_some_and(|l| l.contains("Olivia Owner") && l.contains("Ticket 9")),
        "{}",
        r.stdout
    );
    assert!(r.stdout.contains("acting.stop"), "{}", r.stdout);

    // A typo after `--` is refused before any acting starts.
    let r = cli.on(&profile, &act(&["no-such-command"])).await;
    assert_ne!(r.code, 0);
    assert!(!r.stderr.contains("acting for"), "{}", r.stderr);
    let r = cli.on(&profile, &["logout"]).await;
    assert_eq!(r.code, 0, "{}", r.stderr);
}
