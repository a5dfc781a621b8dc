//! Acting on behalf (issue 14) through the console core, against the emulator over real
//! sockets, the real keyring and the scripted browser. An OWNER acts for Mia (MEMBER): the
//! console then sees what Mia sees, from a temporary copy; stop returns to the owner's own
//! session and copy with no new sign-in; the delegated token is never written anywhere; after
//! the window closes nothing more is done as Mia.

use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::Arc;

use console_core::audit::AuditFilter;
use console_core::{DirectoryQuery, Error, ErrorCode, KeyringStore, TokenStore};
use platform_emulator::{persona, start, EmulatorConfig, ManualClock, RunningEmulator};

use crate::common::acting::*;
use crate::common::dir::{fast, WAIT};
use crate::common::*;

const OLIVIA: &str = persona("Owner").id;
const MIA: &str = persona("Member").id;
const SAM: &str = persona("Support").id;

#[tokio::test]
async fn an_owner_sees_what_mia_sees_and_returns_to_her_own_copy_without_signing_in() {
    let emu = crate::common::dir::platform().await;
    let proxy = recorder(emu.base_url()).await;
    let opener = Arc::new(Counting {
        inner: as_person(OWNER),
        opened: AtomicUsize::new(0),
    });
    let h = console_at(&proxy.url, &emu.base_url(), opener.clone());
    let (c, p) = (&h.console, h.profile.as_str());
    c.sign_in(p).await.unwrap();
    c.sync(p, &fast(), &|_| {}).await.unwrap();
    let owner_sees = c.search_users(p, &consumers()).await.unwrap();
    assert!(!owner_sees.rows.is_empty(), "an OWNER sees consumers");
    let own_copy = files_named(h.data_dir.path(), |n| n == format!("{OLIVIA}.sqlite"));
    assert_eq!(own_copy.len(), 1, "the owner's copy: {own_copy:?}");

    let reason = "Ticket 7: Mia cannot find the staff list";
    let view = c.start_acting(p, MIA, reason, 10).await.unwrap();
    assert_eq!(view.me.user_id, MIA, "the session now answers as Mia");
    let acting = view.me.acting.clone().expect("me.acting is set");
    assert_eq!(acting.actor_id, OLIVIA);
    assert_eq!(acting.reason.as_deref(), Some(reason));
    c.sync(p, &fast(), &|_| {}).await.unwrap();
    // A MEMBER reads the staff directory only: the copy read now is made with Mia's rights.
    let mia_sees = c.search_users(p, &consumers()).await.unwrap();
    assert!(
        mia_sees.rows.is_empty(),
        "Mia sees no consumer: {:?}",
        mia_sees.rows
    );
    let staff = c
        .search_users(p, &DirectoryQuery::text("Sam", 20))
        .await
        .unwrap();
    assert!(
        staff.rows.iter().any(|u| u.id == SAM),
        "Mia sees her colleagues"
    );
    assert!(
        own_copy[0].exists(),
        "the owner's copy is kept, closed, while acting"
    );
    let temporary = files_named(h.data_dir.path(), |n| n.starts_with("acting~"));
    assert!(
        temporary.iter().any(|f| f.to_string_lossy().contains(MIA)),
        "a separate temporary copy, named after Mia: {temporary:?}"
    );
    // Asking who is signed in while acting is not someone else's sign-in: nothing is adopted
    // or deleted, and the answer is Mia's view.
    let current = c.current_session(p).await.unwrap().expect("held");
    assert_eq!(current.me.user_id, MIA);
    assert_eq!(c.whoami(p).await.unwrap().me.user_id, MIA);
    assert!(own_copy[0].exists());

    // The delegated token is in memory only: not in the keyring, not in any file.
    let delegated = proxy.delegated.lock().unwrap().clone();
    assert_eq!(delegated.len(), 1, "one delegated token was issued");
    let token = &delegated[0];
    let own = KeyringStore.get(&h.account()).unwrap().expect("own tokens");
    let keyring = keyring_dump();
    assert!(
        keyring.contains(own.access_token.expose()),
        "the dump lists the stored secrets (else the next check proves nothing)"
    );
    assert!(
        !keyring.contains(token.as_str()),
        "the delegated token reached the keyring"
    );
    for dir in [h.data_dir.path(), h.config_dir.path()] {
        assert_eq!(any_file_contains(dir, token), None, "written to a file");
    }

    // Mia's timeline says who acted for her and why.
    let filter = AuditFilter {
        person: Some(MIA.into()),
        ..AuditFilter::default()
    };
    let stopped = c.stop_acting(p).await.unwrap();
    assert_eq!(
        stopped.me.user_id, OLIVIA,
        "back in the owner's own session"
    );
    assert!(stopped.me.acting.is_none());
    let timeline = c.audit_events(p, &filter, None, 50).await.unwrap();
    let did = |action: &str| {
        timeline
            .events
            .iter()
            .find(|e| e.action == action && e.actor_id == OLIVIA && e.target_id == MIA)
    };
    let started = did(console_core::api::actions::ACTING_START).expect("acting.start");
    assert_eq!(started.reason, reason, "Mia's own timeline says why");
    assert!(
        did(console_core::api::actions::ACTING_STOP).is_some(),
        "and when it ended: {:?}",
        timeline.events
    );
    let again = c.search_users(p, &consumers()).await.unwrap();
    assert_eq!(
        again.rows, owner_sees.rows,
        "the owner's own copy answers again"
    );
    assert_eq!(
        opener.opened.load(Ordering::SeqCst),
        1,
        "no new browser sign-in"
    );
    assert!(
        files_named(h.data_dir.path(), |n| n.starts_with("acting~")).is_empty(),
        "the temporary copy is deleted"
    );
    assert_eq!(c.whoami(p).await.unwrap().me.user_id, OLIVIA);
    h.sign_out().await;
}

async fn clocked() -> (Arc<ManualClock>, RunningEmulator) {
    let clock = Arc::new(ManualClock::new());
    let emu = start(EmulatorConfig {
        demo_seed: true,
        clock: clock.clone(),
        ..EmulatorConfig::default()
    })
    .await
    .unwrap();
    (clock, emu)
}

#[tokio::test]
async fn starting_is_a_step_up_and_after_the_window_nothing_is_done_as_the_person() {
    let (clock, emu) = clocked().await;
    let opener = Arc::new(Counting {
        inner: as_person(OWNER),
        opened: AtomicUsize::new(0),
    });
    let h = console(
        &emu.base_url(),
        opener.clone(),
        WAIT,
        &["console", "offline_access"],
    );
    let (c, p) = (&h.console, h.profile.as_str());
    c.sign_in(p).await.unwrap();
    // An old sign-in: starting asks the owner to confirm it is them, as other high-risk steps.
    clock.advance(3600);
    let why = "Sam's key rotation is stuck";
    match c.start_acting(p, SAM, why, 1).await {
        Err(Error::StepUpRequired { .. }) => {}
        other => panic!("expected StepUpRequired, got {other:?}"),
    }
    assert!(
        c.whoami(p).await.unwrap().me.acting.is_none(),
        "nothing started"
    );
    c.step_up(p, None).await.unwrap();
    let view = c.start_acting(p, SAM, why, 1).await.unwrap();
    assert_eq!(view.me.user_id, SAM);
    assert_eq!(c.whoami(p).await.unwrap().me.user_id, SAM);

    // The platform's clock passes the end of the window: the delegated token is refused, and
    // the console says so instead of carrying on with the owner's own token.
    clock.advance(61);
    let ended = c.whoami(p).await.unwrap_err();
    assert_eq!(ended.code(), ErrorCode::ActingEnded, "{ended}");
    assert!(ended.to_string().contains("Sam Support"), "{ended}");
    let local = c.search_users(p, &DirectoryQuery::text("Sam", 5)).await;
    assert!(
        matches!(local, Err(Error::ActingEnded(_))),
        "Sam's copy is not read after the window either: {local:?}"
    );
    assert!(matches!(
        c.current_session(p).await,
        Err(Error::ActingEnded(_))
    ));

    let back = c.stop_acting(p).await.unwrap();
    assert_eq!(back.me.user_id, OLIVIA);
    assert!(back.me.acting.is_none());
    assert_eq!(c.whoami(p).await.unwrap().me.user_id, OLIVIA);
    // Idempotent: not acting, stop just answers the owner's view.
    assert_eq!(c.stop_acting(p).await.unwrap().me.user_id, OLIVIA);
    assert_eq!(
        opener.opened.load(Ordering::SeqCst),
        2,
        "the sign-in and the step-up only"
    );
    h.sign_out().await;
}

#[tokio::test]
async fn signing_out_while_acting_stops_acting_and_leaves_no_copy() {
    let emu = crate::common::dir::platform().await;
    let h = console(
        &emu.base_url(),
        as_person(OWNER),
        WAIT,
        &["console", "offline_access"],
    );
    let (c, p) = (&h.console, h.profile.as_str());
    c.sign_in(p).await.unwrap();
    let view = c
        .start_acting(p, MIA, "Checking Mia's view", 5)
        .await
        .unwrap();
    let acting_id = view
        .me
        .acting
        .and_then(|a| a.acting_id)
        .expect("an acting id");
    c.sync(p, &fast(), &|_| {}).await.unwrap();
    assert!(!files_named(h.data_dir.path(), |n| n.starts_with("acting~")).is_empty());

    h.sign_out().await;
    assert!(
        files_named(h.data_dir.path(), |n| n.ends_with(".sqlite")).is_empty(),
        "neither the temporary copy nor the owner's outlives the sign-out"
    );
    // The platform was told: the acting session ended before the sign-out revoked anything.
    let other = console(
        &emu.base_url(),
        as_person(OWNER),
        WAIT,
        &["console", "offline_access"],
    );
    other.console.sign_in(&other.profile).await.unwrap();
    let session = other.console.session(&other.profile).unwrap();
    let ended: console_core::api::ActingSession = session
        .get(&format!("/v1/acting/{acting_id}"))
        .await
        .unwrap();
    assert!(ended.ended_at.is_some(), "ended at the server: {ended:?}");
    other.sign_out().await;
}

#[tokio::test]
async fn an_edit_made_for_priya_is_audited_with_both_names_why_and_when() {
    const PRIYA: &str = persona("Provider").id;
    const PAT: &str = "usr_pat_patient";
    let emu = crate::common::dir::platform().await;
    let h = console(
        &emu.base_url(),
        as_person(OWNER),
        WAIT,
        &["console", "offline_access"],
    );
    let (c, p) = (&h.console, h.profile.as_str());
    c.sign_in(p).await.unwrap();
    // The version is read as the owner: a provider has no directory to read it from.
    let pat = c.server_user(p, PAT).await.unwrap();
    let why = "Pat called: the name is misspelt";
    c.start_acting(p, PRIYA, why, 5).await.unwrap();
    let patch = console_core::api::PersonPatch {
        display_name: Some("Pat Patiently".into()),
        reason: "as Pat asked on the phone".into(),
        ..Default::default()
    };
    let edited = c.edit_person(p, PAT, patch, pat.version).await.unwrap();
    assert_eq!(edited.display_name, "Pat Patiently");
    c.stop_acting(p).await.unwrap();

    let filter = AuditFilter {
        target: Some(PAT.into()),
        ..AuditFilter::default()
    };
    let page = c.audit_events(p, &filter, None, 10).await.unwrap();
    let event = page
        .events
        .iter()
        .find(|e| e.action == console_core::api::actions::USER_UPDATE)
        .expect("the edit is audited");
    // Who took it (Olivia), for whom (Priya), why and within which window.
    assert_eq!(event.actor_id, OLIVIA);
    let on_behalf = event.on_behalf.as_ref().expect("on behalf of Priya");
    assert_eq!(on_behalf.subject_id, PRIYA);
    assert_eq!(on_behalf.reason.as_deref(), Some(why));
    assert!(on_behalf.started_at.is_some() && on_behalf.expires_at.is_some());
    let (csv, _) = c.audit_csv(p, &filter).await.unwrap();
    let mut reader = csv::Reader::from_reader(csv.as_bytes());
    let column = reader
        .headers()
        .unwrap()
        .iter()
        .position(|h| h == "on_behalf_of")
        .expect("an on_behalf_of column");
    let rows: Vec<_> = reader.records().map(|r| r.unwrap()).collect();
    assert!(
        rows.iter().any(|r| r[2] == *"Olivia Owner"
            && r[column]
                .starts_with("Dr. Priya Provider (usr_priya_provider); reason: Pat called")),
        "the export names both: {rows:?}"
    );
    h.sign_out().await;
}

#[tokio::test]
async fn the_idle_lock_while_acting_stops_it_and_seals_the_owners_own_copy() {
    let emu = crate::common::dir::platform().await;
    let h = console(
        &emu.base_url(),
        as_person(OWNER),
        WAIT,
        &["console", "offline_access"],
    );
    let (c, p) = (&h.console, h.profile.as_str());
    c.sign_in(p).await.unwrap();
    c.sync(p, &fast(), &|_| {}).await.unwrap();
    let owner_sees = c.search_users(p, &consumers()).await.unwrap();
    c.start_acting(p, MIA, "Checking Mia's view", 5)
        .await
        .unwrap();
    c.sync(p, &fast(), &|_| {}).await.unwrap();

    let report = c.lock(p).await.unwrap();
    assert!(
        report.copy_kept,
        "the owner's copy is sealed: {:?}",
        report.copy_note
    );
    assert!(
        files_named(h.data_dir.path(), |n| n.starts_with("acting~")).is_empty(),
        "what was read as Mia is gone"
    );
    // Signing in again resumes the owner's own copy, not Mia's view.
    c.sign_in(p).await.unwrap();
    let me = c.whoami(p).await.unwrap().me;
    assert_eq!(me.user_id, OLIVIA);
    assert!(me.acting.is_none());
    let again = c.search_users(p, &consumers()).await.unwrap();
    assert_eq!(again.rows, owner_sees.rows);
    h.sign_out().await;
}

#[tokio::test]
async fn acting_logs_no_delegated_token_even_at_trace_level() {
    if !crate::common::alone_in_a_process(
        "acting::acting_logs_no_delegated_token_even_at_trace_level",
    ) {
        return;
    }
    let out = crate::common::capture_trace();
    let emu = crate::common::dir::platform().await;
    let proxy = recorder(emu.base_url()).await;
    let h = console_at(&proxy.url, &emu.base_url(), as_person(OWNER));
    let (c, p) = (&h.console, h.profile.as_str());
    c.sign_in(p).await.unwrap();
    c.start_acting(p, MIA, "Checking Mia's view", 5)
        .await
        .unwrap();
    c.sync(p, &fast(), &|_| {}).await.unwrap();
    c.whoami(p).await.unwrap();
    c.stop_acting(p).await.unwrap();
    h.sign_out().await;

    let token = proxy
        .delegated
        .lock()
        .unwrap()
        .first()
        .cloned()
        .expect("issued");
    let log = String::from_utf8(out.0.lock().unwrap().clone()).unwrap();
    // Not vacuous: the acting was logged, with its id, at this level.
    assert!(log.contains("acting for someone else until"), "{log}");
    assert!(!log.contains(&token), "the delegated token reached the log");
}
