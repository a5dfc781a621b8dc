//! Who may read which part of the directory: OWNER and SUPPORT everything in their
//! organization, MEMBER staff only, everyone else nothing; never another organization.

use crate::common::*;
use console_api::{UserKind, UserStatus};
use platform_emulator::directory::{self, NewUser};
use platform_emulator::{DEMO_M2M_CLIENT_ID, DEMO_M2M_CLIENT_SECRET};

#[tokio::test]
async fn owner_and_support_see_consumers_and_staff() {
    let env = env().await;
    for login in [OWNER, SUPPORT] {
        let token = env.token_for(login).await;
        let (status, page) = env.get_json("/v1/users?kind=DEPENDENT", &token).await;
        assert_eq!(status, 200, "{}: {page}", login.0);
        assert!(page["total"].as_i64().unwrap() > 0, "dependents visible");
        for id in ["usr_pat_patient", "usr_emily_dependent", "usr_mia_member"] {
            let (status, _) = env.get_json(&format!("/v1/users/{id}"), &token).await;
            assert_eq!(status, 200, "{} sees {id}", login.0);
        }
    }
}

#[tokio::test]
async fn member_sees_staff_only() {
    let env = env().await;
    let token = env.token_for(MEMBER).await;
    // Without a kind filter a MEMBER simply gets the staff directory.
    let all = env.list_all("/v1/users?limit=1000", &token).await;
    assert!(!all.is_empty());
    assert!(all.iter().all(|u| u["kind"] == "STAFF"), "no consumer data");
    let (status, _) = env.get_json("/v1/users?kind=STAFF", &token).await;
    assert_eq!(status, 200);

    // Asking for consumers is refused outright, with a reason a person understands.
    let (status, problem) = env.get_json("/v1/users?kind=PATIENT", &token).await;
    assert_eq!((status, problem["code"].as_str()), (403, Some("forbidden")));
    assert!(problem["detail"]
        .as_str()
        .unwrap()
        .contains("staff directory only"));

    // A consumer looked up by id is as good as absent, so ids reveal nothing.
    let (status, _) = env.get_json("/v1/users/usr_pat_patient", &token).await;
    assert_eq!(status, 404);
    let (status, _) = env
        .get_json("/v1/users/usr_john_guardian/dependents", &token)
        .await;
    assert_eq!(status, 404);
    let (status, _) = env.get_json("/v1/users/usr_olivia_owner", &token).await;
    assert_eq!(status, 200, "staff are visible by id");
}

#[tokio::test]
async fn roles_without_console_access_are_told_so() {
    let env = env().await;
    let (status, tokens) = env
        .token(&[
            ("grant_type", "client_credentials"),
            ("client_id", DEMO_M2M_CLIENT_ID),
            ("client_secret", DEMO_M2M_CLIENT_SECRET),
        ])
        .await;
    assert_eq!(status, 200);
    let m2m = tokens["access_token"].as_str().unwrap().to_string();
    let cases = [
        (env.token_for(PROVIDER).await, "PROVIDER"),
        (env.token_for(CONFIG_OWNER).await, "configuration user"),
        (m2m, "service account"),
    ];
    for (token, who) in cases {
        for path in [
            "/v1/users",
            "/v1/users?kind=STAFF",
            "/v1/users/usr_olivia_owner",
            "/v1/changes",
        ] {
            let (status, problem) = env.get_json(path, &token).await;
            assert_eq!(status, 403, "{who} {path}");
            assert_eq!(problem["code"], "forbidden");
            // The message names what the caller is and that it gives no directory access.
            let detail = problem["detail"].as_str().unwrap();
            assert!(
                detail.contains(who) && detail.contains("no access to the directory"),
                "{detail}"
            );
        }
    }
    let (status, _) = env.get_json("/v1/users", "not-a-token").await;
    assert_eq!(status, 401, "no token, no directory");
}

#[tokio::test]
async fn another_organizations_users_are_never_visible() {
    let env = env().await;
    let pool = &env.emu.state.pool;
    let owner = env.token_for(OWNER).await;
    let head = env.feed_head(&owner).await;
    directory::ensure_org(pool, "org_other", "Other Clinic")
        .await
        .unwrap();
    for (id, kind, email) in [
        (
            "usr_other_patient",
            UserKind::Patient,
            "pat.patient@mail.test",
        ),
        (
            "usr_other_staff",
            UserKind::Staff,
            "olivia.owner@demo-clinic.test",
        ),
    ] {
        // The same emails as in the demo org: the uniqueness rules are per organization.
        directory::create(
            pool,
            NewUser {
                id: id.into(),
                org_id: "org_other".into(),
                kind,
                display_name: "Other Person".into(),
                email: Some(email.into()),
                phone: None,
                status: UserStatus::Active,
                password_hash: None,
                config_role: None,
                guardian_id: None,
                staff_roles: if kind == UserKind::Staff {
                    vec![console_api::StaffRole::Support]
                } else {
                    vec![]
                },
                date_of_birth: None,
            },
            env.emu.state.now(),
        )
        .await
        .unwrap();
    }
    for login in [OWNER, MEMBER] {
        let token = env.token_for(login).await;
        let all = env.list_all("/v1/users?limit=5000", &token).await;
        assert!(
            all.iter()
                .all(|u| !u["id"].as_str().unwrap().contains("other")),
            "{} lists only its own organization",
            login.0
        );
        let found = env.list_all("/v1/users?q=Other%20Person", &token).await;
        assert!(found.is_empty(), "search stays in the organization");
        for id in ["usr_other_patient", "usr_other_staff"] {
            let (status, _) = env.get_json(&format!("/v1/users/{id}"), &token).await;
            assert_eq!(status, 404, "{} must not see {id}", login.0);
        }
    }
    // Sequence numbers are per organization: another organization's writes neither appear in
    // this feed nor move its position.
    let (changes, latest) = env.changes_after(head, &owner).await;
    assert!(changes.is_empty());
    assert_eq!(latest, head);
}
