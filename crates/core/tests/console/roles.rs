//! Role changes and the audit trail through the console core, against the emulator over real
//! sockets, with the real keyring and the encrypted cache.

use std::collections::{BTreeMap, BTreeSet};

use crate::common::dir::*;
use console_core::audit::AuditFilter;
use console_core::{DirectoryQuery, Error, ErrorCode, StaffRole, UserKind};

const MIA: &str = "usr_mia_member";

/// Every staff member's roles on the server, by id.
async fn staff_roles(h: &crate::common::Harness) -> BTreeMap<String, Vec<StaffRole>> {
    server_users(h)
        .await
        .into_iter()
        .filter(|u| u.kind == UserKind::Staff)
        .map(|u| (u.id, u.staff_roles))
        .collect()
}

/// Sets `id`'s roles to just `role`, at the version the server holds, and checks the server
/// refuses it (`Rejected`). Returns the person as they were.
async fn refused(h: &crate::common::Harness, id: &str, role: StaffRole) -> console_api::User {
    let user = h.console.server_user(&h.profile, id).await.unwrap();
    let e = h
        .console
        .set_roles(&h.profile, id, &[role], user.version, "testing")
        .await
        .unwrap_err();
    assert_eq!(e.code(), ErrorCode::Rejected, "{e}");
    user
}

#[tokio::test]
async fn an_owner_grants_a_role_and_the_cache_and_audit_follow() {
    let emu = platform().await;
    let h = signed_in_owner(&emu).await;
    sync(&h).await;
    let before = h.console.server_user(&h.profile, MIA).await.unwrap();
    assert_eq!(before.staff_roles, vec![StaffRole::Member]);

    // The dry run takes no reason (it records nothing; the window shows its verdict before the
    // person has written one), and changes nothing.
    let item = console_core::roles::item_for(
        MIA,
        &before.staff_roles,
        &[StaffRole::Member, StaffRole::Support],
        Some(before.version),
    );
    let verdict = h.console.preview_roles(&h.profile, item).await.unwrap();
    assert_eq!(verdict.problem, None, "{verdict:?}");
    assert!(!verdict.applied);
    assert_eq!(
        h.console.server_user(&h.profile, MIA).await.unwrap(),
        before
    );

    let updated = h
        .console
        .set_roles(
            &h.profile,
            MIA,
            &[StaffRole::Member, StaffRole::Support],
            before.version,
            "Covers the help desk in December",
        )
        .await
        .unwrap();
    assert_eq!(
        updated.staff_roles,
        vec![StaffRole::Member, StaffRole::Support]
    );
    assert!(
        updated.version > before.version,
        "a change is a new version"
    );

    // The cache learnt the change from the change feed, as the server stored it.
    let cache = h.console.cache(&h.profile).await.unwrap();
    assert_eq!(cache.user(MIA).await.unwrap().unwrap(), updated);

    let page = h
        .console
        .audit_events(
            &h.profile,
            &AuditFilter {
                target: Some(MIA.into()),
                ..AuditFilter::default()
            },
            None,
            50,
        )
        .await
        .unwrap();
    let event = page.events.first().expect("the change is audited");
    assert_eq!(event.actor_id, "usr_olivia_owner");
    assert_eq!(event.reason, "Covers the help desk in December");
    assert_eq!(event.before["roles"], serde_json::json!(["MEMBER"]));
    assert_eq!(
        event.after["roles"],
        serde_json::json!(["MEMBER", "SUPPORT"])
    );

    // The CSV export holds the same event, readable by a CSV reader.
    let (csv, count) = h
        .console
        .audit_csv(
            &h.profile,
            &AuditFilter {
                target: Some(MIA.into()),
                ..AuditFilter::default()
            },
        )
        .await
        .unwrap();
    assert_eq!(count, page.events.len() as u64);
    let mut reader = csv::Reader::from_reader(csv.as_bytes());
    let rows: Vec<_> = reader.records().map(|r| r.unwrap()).collect();
    assert_eq!(rows.len() as u64, count);
    assert_eq!(&rows[0][9], "Covers the help desk in December");
    h.sign_out().await;
}

#[tokio::test]
async fn a_refused_change_leaves_server_and_cache_as_they_were() {
    let emu = platform().await;
    let h = signed_in_owner(&emu).await;
    sync(&h).await;
    let cache = h.console.cache(&h.profile).await.unwrap();
    let cached_before = cache.all_users().await.unwrap();
    // The only owner taking OWNER away from herself: the server refuses, with its reason.
    let olivia = refused(&h, "usr_olivia_owner", StaffRole::Member).await;
    // A consumer holds no staff roles.
    refused(&h, "usr_pat_patient", StaffRole::Support).await;
    // No reason: refused before anything is sent.
    let e = h
        .console
        .set_roles(&h.profile, MIA, &[StaffRole::Support], 1, "  ")
        .await
        .unwrap_err();
    assert_eq!(e.code(), ErrorCode::InvalidInput);

    sync(&h).await;
    assert_eq!(cache.all_users().await.unwrap(), cached_before);
    assert_eq!(
        h.console
            .server_user(&h.profile, "usr_olivia_owner")
            .await
            .unwrap(),
        olivia
    );
    h.sign_out().await;
}

#[tokio::test]
async fn two_owners_editing_at_once_one_wins_the_other_sees_the_fresh_state() {
    let emu = platform().await;
    let a = signed_in_owner(&emu).await;
    let b = signed_in_owner(&emu).await;
    let seen = a.console.server_user(&a.profile, MIA).await.unwrap();
    let (ra, rb) = tokio::join!(
        a.console.set_roles(
            &a.profile,
            MIA,
            &[StaffRole::Member, StaffRole::Dispatch],
            seen.version,
            "dispatch cover",
        ),
        b.console.set_roles(
            &b.profile,
            MIA,
            &[StaffRole::Member, StaffRole::Therapist],
            seen.version,
            "therapy cover",
        ),
    );
    let (winner, loser, loser_h, loser_roles) = match (ra, rb) {
        (Ok(w), Err(l)) => (w, l, &b, [StaffRole::Member, StaffRole::Therapist]),
        (Err(l), Ok(w)) => (w, l, &a, [StaffRole::Member, StaffRole::Dispatch]),
        other => panic!("exactly one of two edits of the same version must win: {other:?}"),
    };
    let Error::Conflict { current, .. } = &loser else {
        panic!("the loser must get a conflict, got {loser}");
    };
    // The conflict carries the winner's state, so the console can show what changed.
    let current: console_api::User = serde_json::from_value(current.clone().unwrap()).unwrap();
    assert_eq!(current, winner);

    // The loser re-applies on top of the fresh state and succeeds.
    let mut merged: BTreeSet<StaffRole> = current.staff_roles.iter().copied().collect();
    merged.extend(loser_roles);
    let merged: Vec<StaffRole> = merged.into_iter().collect();
    let after = loser_h
        .console
        .set_roles(
            &loser_h.profile,
            MIA,
            &merged,
            current.version,
            "re-applied",
        )
        .await
        .unwrap();
    assert_eq!(after.staff_roles, merged);
    a.sign_out().await;
    b.sign_out().await;
}

#[tokio::test]
async fn a_bulk_change_plans_every_match_applies_the_valid_ones_and_undoes() {
    let emu = platform().await;
    let h = signed_in_owner(&emu).await;
    sync(&h).await;
    let original = staff_roles(&h).await;
    let query = DirectoryQuery {
        limit: 50,
        ..DirectoryQuery::text("", 50)
    };

    let plan = h
        .console
        .plan_bulk_roles(
            &h.profile,
            &query,
            &[StaffRole::HealthCoach],
            &[],
            "Health coaching pilot",
        )
        .await
        .unwrap();
    // Select-all means every matching staff member in the cache, not just a page of 50.
    assert_eq!(plan.items.len(), original.len());
    assert!(
        plan.items.len() > 50,
        "the demo organization has more staff than a page"
    );
    let refused: Vec<_> = plan
        .result
        .items
        .iter()
        .filter(|o| o.problem.is_some())
        .collect();
    // The owner is in the selection and may not change her own roles.
    assert!(refused.iter().any(|o| o.user_id == "usr_olivia_owner"));
    assert_eq!(staff_roles(&h).await, original, "a dry run changes nothing");

    let applied = h
        .console
        .apply_role_batch(&h.profile, plan.items.clone(), "Health coaching pilot")
        .await
        .unwrap();
    let now = staff_roles(&h).await;
    for o in &applied.result.items {
        let had = &original[&o.user_id];
        if o.applied {
            assert!(now[&o.user_id].contains(&StaffRole::HealthCoach));
        } else {
            assert_eq!(&now[&o.user_id], had, "{} was not applied", o.user_id);
        }
        // Exactly the valid items changed: refused ones and people who already coached did not.
        let valid_change = o.problem.is_none() && !had.contains(&StaffRole::HealthCoach);
        assert_eq!(o.applied, valid_change, "{}", o.user_id);
    }

    let undone = h
        .console
        .apply_role_batch(
            &h.profile,
            applied.undo.clone(),
            "Undo: Health coaching pilot",
        )
        .await
        .unwrap();
    assert!(undone.result.items.iter().all(|o| o.applied));
    assert_eq!(
        staff_roles(&h).await,
        original,
        "the undo plan restores every person"
    );
    h.sign_out().await;
}
