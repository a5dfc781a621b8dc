//! The seed rules, each refused with its own error, and what a refused write leaves behind
//! (nothing: no row, no change in the feed). Reads go over the socket as a client sees them.

use crate::common::*;
use console_api::{StaffRole, UserKind, UserStatus};
use platform_emulator::directory::{self, NewUser, RuleViolation, UserPatch};
use platform_emulator::{Error, DEMO_ORG_ID};

fn person(id: &str, kind: UserKind, email: Option<&str>, phone: Option<&str>) -> NewUser {
    NewUser {
        id: id.into(),
        org_id: DEMO_ORG_ID.into(),
        kind,
        display_name: format!("Test {id}"),
        email: email.map(str::to_string),
        phone: phone.map(str::to_string),
        status: UserStatus::Active,
        password_hash: None,
        config_role: None,
        guardian_id: None,
        staff_roles: if kind == UserKind::Staff {
            vec![StaffRole::Therapist]
        } else {
            vec![]
        },
        date_of_birth: None,
    }
}

fn dependent(id: &str, guardian: Option<&str>) -> NewUser {
    NewUser {
        guardian_id: guardian.map(str::to_string),
        ..person(
            id,
            UserKind::Dependent,
            Some("john.guardian@mail.test"),
            Some("(555) 010-0142"),
        )
    }
}

fn invalid(key: &str, message: &str) -> RuleViolation {
    RuleViolation::InvalidFields(vec![console_api::FieldError {
        key: key.into(),
        code: console_api::FieldErrorCode::BadFormat,
        message: message.into(),
        item: None,
    }])
}

fn refused(result: platform_emulator::Result<impl std::fmt::Debug>) -> RuleViolation {
    match result {
        Err(Error::Rule(rule)) => rule,
        other => panic!("expected a rule violation, got {other:?}"),
    }
}

#[tokio::test]
async fn each_seed_rule_is_refused_with_its_own_error_and_nothing_is_stored() {
    let env = env().await;
    let token = env.token_for(OWNER).await;
    let head = env.feed_head(&token).await;
    let pool = &env.emu.state.pool;
    let now = env.emu.state.now();
    use RuleViolation::*;
    let cases: Vec<(NewUser, RuleViolation)> = vec![
        // A primary consumer must be reachable.
        (
            person("usr_t1", UserKind::Patient, None, None),
            ContactRequired,
        ),
        // Emails are unique among patients, HCPs and guardians, whatever the case.
        (
            person("usr_t2", UserKind::Hcp, Some("PAT.Patient@mail.test"), None),
            ConsumerEmailTaken("PAT.Patient@mail.test".into()),
        ),
        // Phones are compared by digits, so another format of John's number is still his.
        (
            person("usr_t3", UserKind::Guardian, None, Some("555.010.0142")),
            ConsumerPhoneTaken("555.010.0142".into()),
        ),
        (dependent("usr_t4", None), GuardianRequired),
        (
            dependent("usr_t5", Some("usr_nobody")),
            GuardianNotFound("usr_nobody".into()),
        ),
        // Pat is a patient, not a guardian.
        (
            dependent("usr_t6", Some("usr_pat_patient")),
            NotAGuardian("usr_pat_patient".into()),
        ),
        (
            dependent("usr_t7", Some("usr_t7")),
            GuardianCycle("usr_t7".into()),
        ),
        (
            NewUser {
                guardian_id: Some("usr_john_guardian".into()),
                ..person("usr_t8", UserKind::Patient, Some("t8@mail.test"), None)
            },
            GuardianNotAllowed,
        ),
        // Staff emails are unique in the organization (case-insensitively) and required.
        (
            person(
                "usr_t9",
                UserKind::Staff,
                Some("Olivia.Owner@demo-clinic.test"),
                None,
            ),
            StaffEmailTaken("Olivia.Owner@demo-clinic.test".into()),
        ),
        (
            person("usr_t10", UserKind::Staff, None, None),
            StaffEmailRequired,
        ),
        (
            NewUser {
                staff_roles: vec![StaffRole::Owner],
                ..person("usr_t11", UserKind::Patient, Some("t11@mail.test"), None)
            },
            RolesOnlyForStaff,
        ),
        // The person schema's rules (GET /v1/users/schema), the same the console checks with.
        (
            person("usr_t12", UserKind::Patient, Some("not-an-email"), None),
            invalid("email", "Email: 'not-an-email' is not an email address"),
        ),
        (
            person("usr_t13", UserKind::Patient, None, Some("12")),
            invalid(
                "phone",
                "Phone: '12' is not a phone number (7 to 15 digits)",
            ),
        ),
        (
            person(
                "usr_pat_patient",
                UserKind::Patient,
                Some("t14@mail.test"),
                None,
            ),
            IdTaken("usr_pat_patient".into()),
        ),
    ];
    for (new, expected) in cases {
        let id = new.id.clone();
        assert_eq!(
            refused(directory::create(pool, new, now).await),
            expected,
            "{id}"
        );
        if id != "usr_pat_patient" {
            let (status, _) = env.get_json(&format!("/v1/users/{id}"), &token).await;
            assert_eq!(status, 404, "refused {id} was not stored");
        }
    }
    let (changes, latest) = env.changes_after(head, &token).await;
    assert!(
        changes.is_empty(),
        "refused writes leave no trace in the feed"
    );
    assert_eq!(latest, head);
}

#[tokio::test]
async fn what_the_rules_allow() {
    let env = env().await;
    let pool = &env.emu.state.pool;
    let now = env.emu.state.now();
    // A dependent may share its guardian's email and phone.
    let emily2 = directory::create(pool, dependent("usr_t_sib", Some("usr_john_guardian")), now)
        .await
        .expect("a second child sharing John's contacts");
    assert_eq!(emily2.email.as_deref(), Some("john.guardian@mail.test"));
    assert_eq!(emily2.version, 1, "versions start at 1");
    // A phone alone is enough for a patient; staff may share a consumer's email.
    directory::create(
        pool,
        person("usr_t_ph", UserKind::Patient, None, Some("(555) 099-1234")),
        now,
    )
    .await
    .unwrap();
    directory::create(
        pool,
        person(
            "usr_t_st",
            UserKind::Staff,
            Some("pat.patient@mail.test"),
            None,
        ),
        now,
    )
    .await
    .unwrap();
    // A user keeps its own contacts when updated (it does not collide with itself).
    let pat = directory::update(
        pool,
        DEMO_ORG_ID,
        "usr_pat_patient",
        UserPatch {
            email: Some(Some("PAT.PATIENT@mail.test".into())),
            ..UserPatch::default()
        },
        now,
    )
    .await
    .unwrap();
    assert_eq!(pat.version, 2, "each change bumps the version");
}

#[tokio::test]
async fn updates_are_checked_too() {
    let env = env().await;
    let pool = &env.emu.state.pool;
    let now = env.emu.state.now();
    let update =
        |id: &'static str, patch: UserPatch| directory::update(pool, DEMO_ORG_ID, id, patch, now);
    // John becoming Emily's dependent would make the household its own guardian.
    let cycle = UserPatch {
        kind: Some(UserKind::Dependent),
        guardian_id: Some(Some("usr_emily_dependent".into())),
        ..UserPatch::default()
    };
    assert_eq!(
        refused(update("usr_john_guardian", cycle).await),
        RuleViolation::GuardianCycle("usr_emily_dependent".into())
    );
    // A guardian with dependents cannot stop being a guardian: Emily would be orphaned.
    let to_patient = UserPatch {
        kind: Some(UserKind::Patient),
        ..UserPatch::default()
    };
    assert_eq!(
        refused(update("usr_john_guardian", to_patient).await),
        RuleViolation::HasDependents("usr_john_guardian".into())
    );
    // Taking another primary consumer's phone is refused on update as on create.
    let steal = UserPatch {
        phone: Some(Some("(555) 010-0142".into())),
        ..UserPatch::default()
    };
    assert_eq!(
        refused(update("usr_pat_patient", steal).await),
        RuleViolation::ConsumerPhoneTaken("(555) 010-0142".into())
    );
    // Removing both contacts from a patient leaves them unreachable.
    let strip = UserPatch {
        email: Some(None),
        phone: Some(None),
        ..UserPatch::default()
    };
    assert_eq!(
        refused(update("usr_pat_patient", strip).await),
        RuleViolation::ContactRequired
    );
    // Staff cannot turn into consumers (their roles would dangle).
    let staff_to_patient = UserPatch {
        kind: Some(UserKind::Patient),
        ..UserPatch::default()
    };
    assert_eq!(
        refused(update("usr_mia_member", staff_to_patient).await),
        RuleViolation::KindChangeNotAllowed("STAFF", "PATIENT")
    );
    // Emily coming of age: a dependent becomes a patient at the age-out, not before...
    let grown = UserPatch {
        kind: Some(UserKind::Patient),
        guardian_id: Some(None),
        ..UserPatch::default()
    };
    assert!(matches!(
        refused(update("usr_emily_dependent", grown.clone()).await),
        RuleViolation::NotOfAge { .. }
    ));
    let eighteen = console_api::Date::from_unix(now)
        .plus_years(-18)
        .to_string();
    let grown = UserPatch {
        date_of_birth: Some(Some(eighteen)),
        ..grown
    };
    // ...and only with her own contacts.
    assert_eq!(
        refused(update("usr_emily_dependent", grown.clone()).await),
        RuleViolation::ConsumerEmailTaken("john.guardian@mail.test".into())
    );
    let own = UserPatch {
        email: Some(Some("emily@mail.test".into())),
        phone: Some(None),
        ..grown
    };
    let emily = update("usr_emily_dependent", own).await.unwrap();
    assert_eq!((emily.kind, emily.guardian_id), (UserKind::Patient, None));
}
