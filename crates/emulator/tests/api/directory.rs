//! `GET /v1/users`, `/v1/users/{id}` and `/v1/users/{id}/dependents` over real sockets: filters,
//! pagination, ETags and parameter errors. Who sees what is in `visibility.rs`.

use std::collections::HashSet;

use crate::common::*;
use platform_emulator::directory::{self, UserPatch};
use platform_emulator::{DEMO_GENERATED_USERS, DEMO_ORG_ID, PERSONAS};
use serde_json::Value;

fn ids(items: &[Value]) -> Vec<&str> {
    items.iter().map(|u| u["id"].as_str().unwrap()).collect()
}

#[tokio::test]
async fn pagination_returns_every_user_exactly_once() {
    let env = env().await;
    let token = env.token_for(OWNER).await;
    let (status, first) = env.get_json("/v1/users?limit=250", &token).await;
    assert_eq!(status, 200, "{first}");
    let total = first["total"].as_i64().unwrap() as usize;
    // The demo is the personas, the named household and the generated population.
    assert!(total >= DEMO_GENERATED_USERS + PERSONAS.len(), "{total}");
    assert_eq!(first["items"].as_array().unwrap().len(), 250, "a full page");

    let all = env.list_all("/v1/users?limit=250", &token).await;
    let ids = ids(&all);
    // A sync client relies on this: every user once, none skipped at a page boundary.
    assert_eq!(ids.len(), total, "as many users as the first page's total");
    assert_eq!(
        ids.iter().collect::<HashSet<_>>().len(),
        total,
        "no repeats"
    );
    assert!(ids.windows(2).all(|w| w[0] < w[1]), "ordered by id");
    // The default page size is 500, so the default listing takes fewer pages but sees the same.
    let default_pages = env.list_all("/v1/users", &token).await;
    assert_eq!(default_pages.len(), total);
}

#[tokio::test]
async fn filters_by_kind_role_status_and_text() {
    let env = env().await;
    let token = env.token_for(OWNER).await;

    let staff = env
        .list_all("/v1/users?kind=STAFF&limit=1000", &token)
        .await;
    assert!(
        staff.iter().all(|u| u["kind"] == "STAFF"),
        "kind filter holds"
    );
    assert!(ids(&staff).contains(&"usr_olivia_owner"));
    // About 3% of the generated people are staff, plus the four staff personas.
    assert!((40..200).contains(&staff.len()), "{} staff", staff.len());

    let owners = env.list_all("/v1/users?role=OWNER", &token).await;
    assert!(ids(&owners).contains(&"usr_olivia_owner"));
    assert!(owners.iter().all(|u| u["staff_roles"]
        .as_array()
        .unwrap()
        .contains(&Value::from("OWNER"))));

    let suspended = env.list_all("/v1/users?status=suspended", &token).await;
    assert!(!suspended.is_empty(), "the generator suspends a few");
    assert!(suspended.iter().all(|u| u["status"] == "suspended"));

    // Filters combine: every item satisfies all of them.
    let both = env
        .list_all("/v1/users?kind=PATIENT&status=invited", &token)
        .await;
    assert!(!both.is_empty());
    assert!(both
        .iter()
        .all(|u| u["kind"] == "PATIENT" && u["status"] == "invited"));

    // Text: the console's search rules (console_api::search), so a console answers the same
    // while its copy fills: each word the start of a word of the name, email, phone, id or
    // roles; the start of an email or an id; a phone by any run of its digits.
    let by_name = env.list_all("/v1/users?q=jOhN%20gUaRdIaN", &token).await;
    assert!(ids(&by_name).contains(&"usr_john_guardian"));
    let by_email = env.list_all("/v1/users?q=PAT.PATIENT@mail", &token).await;
    assert_eq!(ids(&by_email), ["usr_pat_patient"]);
    let by_phone = env.list_all("/v1/users?q=0100142", &token).await;
    let found = ids(&by_phone);
    assert!(
        found.contains(&"usr_john_guardian") && found.contains(&"usr_emily_dependent"),
        "digits find '(555) 010-0142' for the guardian and the dependent sharing it: {found:?}"
    );
    // Once a case-insensitive substring; now, as in the console, a word must start with it.
    assert!(env.list_all("/v1/users?q=uardian", &token).await.is_empty());
    let by_id = env.list_all("/v1/users?q=usr_pat_pat", &token).await;
    assert_eq!(ids(&by_id), ["usr_pat_patient"], "the start of an id");
    let nothing = env.list_all("/v1/users?q=no-such-person-xyz", &token).await;
    assert!(nothing.is_empty(), "text that is not there finds nothing");
    // A LIKE wildcard typed by a person is a literal character, not "match anything".
    assert!(env.list_all("/v1/users?q=%25", &token).await.is_empty());
}

#[tokio::test]
async fn bad_parameters_are_problem_json_naming_the_parameter() {
    let env = env().await;
    let token = env.token_for(OWNER).await;
    for (query, param) in [
        ("limit=0", "limit"),
        ("limit=5001", "limit"),
        ("limit=ten", "limit"),
        ("kind=ALIEN", "kind"),
        ("role=ADMIN", "role"),
        ("status=gone", "status"),
        ("cursor=%21%21%21", "cursor"),
    ] {
        let r = env.get(&format!("/v1/users?{query}"), &token).await;
        assert_eq!(r.status(), 400, "{query}");
        assert_eq!(
            r.headers()["content-type"],
            "application/problem+json",
            "{query}"
        );
        let problem: Value = r.json().await.unwrap();
        assert_eq!(problem["code"], "invalid_request", "{query}");
        // The person fixing the request needs to know which parameter is wrong.
        assert!(
            problem["detail"].as_str().unwrap().starts_with(param),
            "{query}: {problem}"
        );
    }
    // The largest page is allowed.
    let (status, _) = env.get_json("/v1/users?limit=5000", &token).await;
    assert_eq!(status, 200);
}

#[tokio::test]
async fn a_user_carries_an_etag_and_if_none_match_saves_the_body() {
    let env = env().await;
    let token = env.token_for(OWNER).await;
    let r = env.get("/v1/users/usr_pat_patient", &token).await;
    assert_eq!(r.status(), 200);
    let etag = r.headers()["etag"].to_str().unwrap().to_string();
    let user: Value = r.json().await.unwrap();
    assert_eq!(
        etag,
        format!("\"{}\"", user["version"]),
        "ETag is the version"
    );
    assert_eq!(user["phone"], "(555) 010-0199");

    let cached = env
        .http
        .get(env.url("/v1/users/usr_pat_patient"))
        .bearer_auth(&token)
        .header("if-none-match", &etag)
        .send()
        .await
        .unwrap();
    // Unchanged: 304 and no body, so a client revalidates cheaply.
    assert_eq!(cached.status(), 304);
    assert_eq!(cached.headers()["etag"], etag.as_str());

    let state = &env.emu.state;
    directory::update(
        &state.pool,
        DEMO_ORG_ID,
        "usr_pat_patient",
        UserPatch {
            display_name: Some("Pat Patient-Smith".into()),
            ..UserPatch::default()
        },
        state.now(),
    )
    .await
    .unwrap();
    let changed = env
        .http
        .get(env.url("/v1/users/usr_pat_patient"))
        .bearer_auth(&token)
        .header("if-none-match", &etag)
        .send()
        .await
        .unwrap();
    // Changed: the old ETag no longer matches; the new version comes with the new body.
    assert_eq!(changed.status(), 200);
    assert_ne!(changed.headers()["etag"], etag.as_str());
    let user: Value = changed.json().await.unwrap();
    assert_eq!(user["display_name"], "Pat Patient-Smith");
    assert_eq!(user["version"], 2, "version grows by one per change");

    let (status, problem) = env.get_json("/v1/users/usr_nobody", &token).await;
    assert_eq!((status, problem["code"].as_str()), (404, Some("not_found")));
}

#[tokio::test]
async fn a_guardians_dependents() {
    let env = env().await;
    let token = env.token_for(SUPPORT).await;
    let (status, page) = env
        .get_json("/v1/users/usr_john_guardian/dependents", &token)
        .await;
    assert_eq!(status, 200, "{page}");
    let items = page["items"].as_array().unwrap();
    assert_eq!(ids(items), ["usr_emily_dependent"]);
    assert_eq!(items[0]["guardian_id"], "usr_john_guardian");
    // Emily may share John's contact details; that is the point of the household.
    assert_eq!(items[0]["email"], "john.guardian@mail.test");

    // Generated households: every listed dependent names the guardian asked about.
    let guardians = env
        .list_all("/v1/users?kind=GUARDIAN&limit=50", &token)
        .await;
    let mut seen_household = false;
    for g in guardians.iter().take(30) {
        let id = g["id"].as_str().unwrap();
        let deps = env
            .list_all(&format!("/v1/users/{id}/dependents"), &token)
            .await;
        assert!(deps.len() <= 4, "households have 0 to 4 dependents");
        assert!(deps
            .iter()
            .all(|d| d["guardian_id"] == id && d["kind"] == "DEPENDENT"));
        seen_household |= !deps.is_empty();
    }
    assert!(seen_household, "some generated guardians have dependents");

    let (status, _) = env
        .get_json("/v1/users/usr_nobody/dependents", &token)
        .await;
    assert_eq!(status, 404);
}
