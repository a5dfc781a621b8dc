//! People through the console core, against the emulator over real sockets with the real
//! keyring and the encrypted cache: each write goes to the server with If-Match, the cache
//! follows from the feed, the served schema refuses bad fields before anything is sent, and
//! "coming of age" is read from the local copy of a generated organization.

use crate::common::dir::*;
use crate::common::*;
use console_api::{Date, DependentsPlan, GuardianAccess, NewPerson, PersonPatch};
use console_core::people::Need;
use console_core::{Error, ErrorCode, UserKind, UserStatus};

const JOHN: &str = "usr_john_guardian";
const PAT: &str = "usr_pat_patient";

fn new_person(kind: UserKind, name: &str, email: Option<&str>) -> NewPerson {
    NewPerson {
        kind,
        display_name: name.into(),
        email: email.map(str::to_string),
        phone: None,
        date_of_birth: None,
        guardian_id: None,
        reason: "front desk".into(),
    }
}

#[tokio::test]
async fn an_owner_adds_moves_and_removes_a_dependent_and_the_cache_follows() {
    let emu = platform().await;
    let h = signed_in_owner(&emu).await;
    sync(&h).await;
    let (c, p) = (&h.console, h.profile.as_str());
    let gina = NewPerson {
        phone: Some("(555) 333-4444".into()),
        ..new_person(UserKind::Guardian, "Gina Guardian", None)
    };
    let gina = c.create_person(p, gina).await.unwrap();
    let today = Date::from_unix(emu.state.now());
    let kid = NewPerson {
        guardian_id: Some(gina.id.clone()),
        phone: gina.phone.clone(),
        date_of_birth: Some(today.plus_years(-14).to_string()),
        ..new_person(UserKind::Dependent, "Kit Guardian", None)
    };
    let kid = c.create_person(p, kid).await.unwrap();
    assert_eq!(kid.guardian_access, Some(GuardianAccess::Limited));
    let cache = c.cache(p).await.unwrap();
    assert_eq!(
        cache.user(&kid.id).await.unwrap().as_ref(),
        Some(&kid),
        "the cache holds what the server confirmed, date of birth and access included"
    );

    // An edit against a version that is no longer current is a conflict with the fresh state.
    let rename = PersonPatch {
        display_name: Some("Kit G.".into()),
        reason: "nickname".into(),
        ..PersonPatch::default()
    };
    let e = c
        .edit_person(p, &kid.id, rename.clone(), kid.version - 1)
        .await
        .unwrap_err();
    assert!(
        matches!(
            e,
            Error::Conflict {
                current: Some(_),
                ..
            }
        ),
        "{e}"
    );
    let kid = c
        .edit_person(p, &kid.id, rename, kid.version)
        .await
        .unwrap();
    assert_eq!(kid.display_name, "Kit G.");

    // Moved to John's household, Kit shares John's phone (Gina's was the one Kit had).
    let moved = c
        .move_dependent(p, &kid.id, JOHN, kid.version, "Gina moves abroad")
        .await
        .unwrap();
    assert_eq!(moved.guardian_id.as_deref(), Some(JOHN));
    assert_eq!(moved.phone.as_deref(), Some("(555) 010-0142"));
    assert_eq!(cache.user(&kid.id).await.unwrap().unwrap(), moved);
    // Fourteen is too young to leave the household: the server says so with its own code.
    let e = c
        .convert_dependent(
            p,
            &kid.id,
            Some("kit@mail.test".into()),
            None,
            moved.version,
            "r",
        )
        .await
        .unwrap_err();
    assert_eq!(e.code(), ErrorCode::Rejected, "{e}");
    assert!(matches!(
        e,
        Error::Http {
            problem: Some(console_api::ProblemCode::NotOfAge),
            ..
        }
    ));

    // John leaves; his dependents go with him, and the cache loses all of them.
    let john = c.server_user(p, JOHN).await.unwrap();
    let e = c
        .remove_person(p, JOHN, None, john.version, "moved away")
        .await
        .unwrap_err();
    assert_eq!(e.code(), ErrorCode::Rejected, "has dependents: {e}");
    let removal = c
        .remove_person(
            p,
            JOHN,
            Some(DependentsPlan::Remove),
            john.version,
            "moved away",
        )
        .await
        .unwrap();
    assert!(removal.removed.contains(&kid.id) && removal.removed.contains(&JOHN.to_string()));
    assert_eq!(cache.user(JOHN).await.unwrap(), None);
    assert_eq!(cache.user(&kid.id).await.unwrap(), None);
    h.sign_out().await;
}

#[tokio::test]
async fn the_served_schema_refuses_bad_fields_before_anything_is_sent() {
    let emu = platform().await;
    let h = signed_in_owner(&emu).await;
    let (c, p) = (&h.console, h.profile.as_str());
    let before = server_users(&h).await.len();
    let bad = NewPerson {
        date_of_birth: Some("2023-02-29".into()),
        ..new_person(UserKind::Patient, " ", Some("not-an-email"))
    };
    let e = c.create_person(p, bad).await.unwrap_err();
    // InvalidInput is the console's own refusal; the server's would be Rejected.
    assert_eq!(e.code(), ErrorCode::InvalidInput, "{e}");
    let message = e.to_string();
    for field in ["Name", "Email", "Date of birth"] {
        assert!(message.contains(field), "{message}");
    }
    assert_eq!(server_users(&h).await.len(), before, "nothing was created");
    h.sign_out().await;
}

#[tokio::test]
async fn suspension_reaches_the_cache_and_a_member_may_not_suspend() {
    let emu = platform().await;
    let h = signed_in_owner(&emu).await;
    sync(&h).await;
    let (c, p) = (&h.console, h.profile.as_str());
    let pat = c.server_user(p, PAT).await.unwrap();
    let suspended = c
        .set_status(
            p,
            PAT,
            UserStatus::Suspended,
            pat.version,
            "billing dispute",
        )
        .await
        .unwrap();
    assert_eq!(suspended.status, UserStatus::Suspended);
    let cache = c.cache(p).await.unwrap();
    assert_eq!(
        cache.user(PAT).await.unwrap().unwrap().status,
        UserStatus::Suspended
    );
    let back = c
        .set_status(p, PAT, UserStatus::Active, suspended.version, "resolved")
        .await
        .unwrap();
    assert_eq!(back.status, UserStatus::Active);
    h.sign_out().await;

    let m = console(&emu.base_url(), as_person(MEMBER), WAIT, &["console"]);
    m.console.sign_in(&m.profile).await.unwrap();
    let mia = m
        .console
        .server_user(&m.profile, "usr_mia_member")
        .await
        .unwrap();
    let e = m
        .console
        .set_status(
            &m.profile,
            "usr_mia_member",
            UserStatus::Suspended,
            mia.version,
            "r",
        )
        .await
        .unwrap_err();
    assert_eq!(e.code(), ErrorCode::Forbidden, "{e}");
    m.sign_out().await;
}

#[tokio::test]
async fn coming_of_age_lists_generated_dependents_from_the_local_copy_and_exports_them() {
    let emu = platform().await;
    let h = signed_in_owner(&emu).await;
    sync(&h).await;
    let (c, p) = (&h.console, h.profile.as_str());
    let list = c.coming_of_age(p, 90).await.unwrap();
    assert_eq!((list.age_out, list.days), (18, 90));
    assert!(
        list.items.len() > 5,
        "a few thousand people hold some: {}",
        list.items.len()
    );
    let today = Date::parse(&list.today).unwrap();
    let next_month = (
        today.month % 12 + 1,
        today.year + i32::from(today.month == 12),
    );
    assert!(
        list.items.iter().any(|i| {
            let d = Date::parse(&i.turns_on).unwrap();
            (d.month, d.year) == next_month
        }),
        "someone turns 18 next month"
    );
    for item in &list.items {
        assert_eq!(item.user.kind, UserKind::Dependent);
        assert!((0..=90).contains(&item.days_left), "{item:?}");
        let born = Date::parse(item.user.date_of_birth.as_deref().unwrap()).unwrap();
        assert_eq!(born.plus_years(18).to_string(), item.turns_on);
        assert!(item.needs.contains(&Need::Consent));
        assert!(item.guardian_name.is_some(), "{item:?}");
    }
    assert!(list
        .items
        .windows(2)
        .all(|w| w[0].days_left <= w[1].days_left));
    // A shorter look ahead lists a subset.
    let soon = c.coming_of_age(p, 10).await.unwrap();
    assert!(soon.items.len() < list.items.len());
    let export = c.export_coming_of_age(p, 90).await.unwrap();
    assert_eq!(export.count, list.items.len() as u64);
    let csv = std::fs::read_to_string(&export.path).unwrap();
    assert_eq!(
        csv.lines().count(),
        list.items.len() + 1,
        "a header and a row each"
    );
    std::fs::remove_file(&export.path).unwrap();
    h.sign_out().await;
}
