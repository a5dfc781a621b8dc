//! The Overview against the emulator: the counts from the local copy equal what the platform
//! holds (its own `GET /v1/users?kind=…&status=…` and `?role=…` totals), and the platform parts
//! (keys by expiry, audit per day) appear for an OWNER and not for SUPPORT.

use std::collections::BTreeMap;

use crate::common::dir::*;
use crate::common::*;
use console_core::api::{
    NewApiKey, NewServiceAccount, Page, StaffRole, User, UserKind, UserStatus,
};
use console_core::token_store::now;

const DAY: i64 = 86_400;

/// The platform's own count of users matching `query` (its first-page `total`).
async fn server_total(h: &Harness, query: &str) -> i64 {
    let session = h.console.session(&h.profile).unwrap();
    let page: Page<User> = session
        .get(&format!("/v1/users?limit=1&{query}"))
        .await
        .unwrap();
    page.total.expect("a first page carries its total")
}

/// Every day of the Overview's audit activity equals the platform's own count of that day.
async fn equal_to_the_platforms_days(h: &Harness, audit: &[console_core::overview::AuditDay]) {
    let session = h.console.session(&h.profile).unwrap();
    for day in audit {
        let page: Page<console_core::AuditEvent> = session
            .get(&format!(
                "/v1/audit?limit=1&from={}&to={}",
                day.day,
                day.day + DAY
            ))
            .await
            .unwrap();
        assert_eq!(Some(day.events), page.total, "day {}", day.day);
    }
}

#[tokio::test]
async fn people_staff_and_households_equal_the_platforms_own_totals() {
    let emu = platform().await;
    let h = signed_in_owner(&emu).await;
    sync(&h).await;
    let overview = h.console.overview(&h.profile).await.unwrap();
    assert!(!overview.loading, "the copy is complete after a sync");
    assert!(overview.as_of.is_some());

    let kinds = [
        UserKind::Patient,
        UserKind::Hcp,
        UserKind::Guardian,
        UserKind::Dependent,
        UserKind::Staff,
    ];
    let statuses = [
        UserStatus::Active,
        UserStatus::Invited,
        UserStatus::Suspended,
    ];
    let mut checked = 0;
    for kind in kinds {
        for status in statuses {
            let ours = overview
                .people
                .iter()
                .find(|c| c.kind == kind && c.status == status)
                .map_or(0, |c| c.count);
            let theirs = server_total(
                &h,
                &format!("kind={}&status={}", kind.as_str(), status.as_str()),
            )
            .await;
            assert_eq!(ours, theirs, "{kind:?} {status:?}");
            checked += theirs;
        }
        let of_kind: i64 = overview
            .people
            .iter()
            .filter(|c| c.kind == kind)
            .map(|c| c.count)
            .sum();
        assert_eq!(
            of_kind,
            server_total(&h, &format!("kind={}", kind.as_str())).await
        );
    }
    assert!(checked > 1000, "the demo seed has thousands of people");

    for role in StaffRole::ALL {
        let ours = overview
            .staff_roles
            .iter()
            .find(|c| c.role == role)
            .map_or(0, |c| c.count);
        assert_eq!(
            ours,
            server_total(&h, &format!("role={}", role.as_str())).await,
            "{role:?}"
        );
    }
    assert!(overview
        .staff_roles
        .iter()
        .any(|c| c.role == StaffRole::Owner));

    // Households from the platform's full listing: each guardian's dependents, 4+ together.
    let users = server_users(&h).await;
    let mut dependents: BTreeMap<&str, i64> = users
        .iter()
        .filter(|u| u.kind == UserKind::Guardian)
        .map(|u| (u.id.as_str(), 0))
        .collect();
    for u in &users {
        if let Some(n) = u.guardian_id.as_deref().and_then(|g| dependents.get_mut(g)) {
            *n += 1;
        }
    }
    let mut expected = [0i64; 5];
    for n in dependents.values() {
        expected[(*n).min(4) as usize] += 1;
    }
    let ours: Vec<i64> = overview.households.iter().map(|s| s.guardians).collect();
    assert_eq!(ours, expected.to_vec());
    assert!(
        expected[1..].iter().sum::<i64>() > 0,
        "some guardians have dependents"
    );
    h.sign_out().await;
}

#[tokio::test]
async fn an_owner_sees_keys_by_expiry_and_audit_per_day_and_support_sees_neither() {
    let emu = platform().await;
    let h = signed_in_owner(&emu).await;
    let before = h.console.platform_overview(&h.profile, 0).await.unwrap();
    let account = h
        .console
        .create_service_account(
            &h.profile,
            &NewServiceAccount {
                name: "Overview reminders".into(),
                description: "Counts on the key timeline".into(),
                owner_id: "usr_mia_member".into(),
                acts_for_id: None,
            },
        )
        .await
        .unwrap();
    h.console
        .create_api_key(
            &h.profile,
            &account.id,
            &NewApiKey {
                name: "in ten days".into(),
                expires_at: now() + 10 * DAY,
            },
        )
        .await
        .unwrap();
    let after = h.console.platform_overview(&h.profile, 0).await.unwrap();
    let keys = after.keys.as_ref().expect("an OWNER sees keys");
    let was = before.keys.as_ref().unwrap();
    assert_eq!(keys.weeks.len(), 13);
    assert_eq!(
        keys.weeks[1].keys,
        was.weeks[1].keys + 1,
        "a key expiring in 10 days is in the second week"
    );

    let audit = after.audit.as_ref().expect("an OWNER sees audit activity");
    assert_eq!(audit.len(), 30);
    let today = audit.last().unwrap();
    assert_eq!(
        today.events,
        before.audit.as_ref().unwrap().last().unwrap().events + 2,
        "the account and the key were audited today"
    );
    equal_to_the_platforms_days(&h, audit).await;
    h.sign_out().await;

    let support = console(
        &emu.base_url(),
        as_person(SUPPORT),
        WAIT,
        &["console", "offline_access"],
    );
    support.console.sign_in(&support.profile).await.unwrap();
    let theirs = support
        .console
        .platform_overview(&support.profile, 0)
        .await
        .unwrap();
    assert!(theirs.keys.is_none() && theirs.audit.is_none());
    sync(&support).await;
    let people = support.console.overview(&support.profile).await.unwrap();
    assert!(people.people.iter().any(|c| c.kind == UserKind::Patient));
    support.sign_out().await;
}

/// More than one page (1,000) of events in the window: the Overview reads each day's total
/// instead of counting one page, so today is not cut off at the page size.
#[tokio::test]
async fn a_busy_month_is_counted_per_day_not_cut_off_at_one_page() {
    let emu = platform().await;
    let h = signed_in_owner(&emu).await;
    let before = h.console.platform_overview(&h.profile, 0).await.unwrap();
    let today_before = before.audit.as_ref().unwrap().last().unwrap().events;
    // Service accounts are the cheapest audited change (one request, one event each).
    let extra = 1_001 - today_before.min(1_000);
    for n in 0..extra {
        h.console
            .create_service_account(
                &h.profile,
                &NewServiceAccount {
                    name: format!("Busy month {n}"),
                    description: String::new(),
                    owner_id: "usr_mia_member".into(),
                    acts_for_id: None,
                },
            )
            .await
            .unwrap();
    }
    let after = h.console.platform_overview(&h.profile, 0).await.unwrap();
    let audit = after.audit.as_ref().unwrap();
    assert_eq!(audit.len(), 30);
    let today = audit.last().unwrap();
    assert_eq!(
        today.events,
        today_before + extra,
        "every event of today is counted"
    );
    assert!(today.events > 1_000, "more than one page of events");
    equal_to_the_platforms_days(&h, audit).await;
    h.sign_out().await;
}
