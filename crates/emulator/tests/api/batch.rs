//! `POST /v1/roles/batch` over real sockets: a dry run changes nothing and tells the truth
//! about the real run, a real run applies exactly the valid items, items count in order, and a
//! reverse batch built from the outcomes restores everything.

use std::collections::BTreeMap;

use crate::common::write::*;
use crate::common::*;
use serde_json::{json, Value};

/// Every user of the demo organization by id, as the owner sees them.
async fn snapshot(env: &Env, token: &str) -> BTreeMap<String, Value> {
    env.list_all("/v1/users?limit=5000", token)
        .await
        .into_iter()
        .map(|u| (u["id"].as_str().unwrap().to_string(), u))
        .collect()
}

fn strings(value: &Value) -> Vec<String> {
    value
        .as_array()
        .unwrap()
        .iter()
        .map(|v| v.as_str().unwrap().to_string())
        .collect()
}

/// The problem code of each outcome (`None` for an item without a problem).
fn codes(result: &Value) -> Vec<Option<String>> {
    result["items"]
        .as_array()
        .unwrap()
        .iter()
        .map(|o| o["problem"]["code"].as_str().map(String::from))
        .collect()
}

fn applied(result: &Value) -> Vec<bool> {
    result["items"]
        .as_array()
        .unwrap()
        .iter()
        .map(|o| o["applied"].as_bool().unwrap())
        .collect()
}

fn some(code: &str) -> Option<String> {
    Some(code.to_string())
}

#[tokio::test]
async fn a_dry_run_changes_nothing_and_the_real_run_applies_only_valid_items() {
    let env = env().await;
    let owner = env.token_for(OWNER).await;
    let before = snapshot(&env, &owner).await;
    let mia_version = before[MIA]["version"].as_i64().unwrap();
    // A generated clinician who does not hold INTAKE_STAFF yet.
    let clinician = before
        .values()
        .find(|u| {
            let roles = strings(&u["staff_roles"]);
            roles.contains(&"NUTRITIONIST".to_string()) && !roles.contains(&"INTAKE_STAFF".into())
        })
        .expect("the generator makes nutritionists");
    let clinician_id = clinician["id"].as_str().unwrap();
    let items = json!([
        {"user_id": MIA, "add": ["SUPPORT"]},
        {"user_id": SAM, "add": ["DISPATCH"], "remove": ["SUPPORT"]},
        {"user_id": PAT, "add": ["MEMBER"]},
        {"user_id": "usr_nobody", "add": ["MEMBER"]},
        {"user_id": PRIYA, "add": ["ADMIN"]},
        {"user_id": OLIVIA, "add": ["SUPPORT"]},
        // Mia as she was before the batch: the first item changed her, so this is stale.
        {"user_id": MIA, "add": ["THERAPIST"], "expected_version": mia_version},
        // Removing a role she does not hold changes nothing, which is no error.
        {"user_id": PRIYA, "remove": ["MEMBER"]},
        {"user_id": clinician_id, "add": ["INTAKE_STAFF"], "expected_version": clinician["version"]},
    ]);
    let expected_codes = vec![
        None,
        None,
        some("not_staff"),
        some("not_found"),
        some("unknown_role"),
        some("self_change"),
        some("precondition_failed"),
        None,
        None,
    ];
    let head = env.feed_head(&owner).await;

    let plan = env
        .post_json(
            "/v1/roles/batch",
            &owner,
            &json!({"dry_run": true, "reason": "quarterly review", "items": items}),
        )
        .await;
    assert_eq!(plan.status, 200, "{}", plan.body);
    assert_eq!(plan.body["dry_run"], true);
    assert_eq!(codes(&plan.body), expected_codes, "{}", plan.body);
    assert!(
        applied(&plan.body).iter().all(|a| !a),
        "a dry run applies nothing"
    );
    let outcome = &plan.body["items"][1];
    assert_eq!(
        (strings(&outcome["before"]), strings(&outcome["after"])),
        (vec!["SUPPORT".into()], vec!["DISPATCH".into()]),
        "the plan shows what would change"
    );
    assert_eq!(outcome["display_name"], "Sam Support");
    // Nothing at all changed: every user, the feed, the audit trail.
    assert_eq!(snapshot(&env, &owner).await, before);
    assert_eq!(env.feed_head(&owner).await, head);
    assert_eq!(env.audit("", &owner).await.1, 0);

    let run = env
        .post_json(
            "/v1/roles/batch",
            &owner,
            &json!({"dry_run": false, "reason": "quarterly review", "items": items}),
        )
        .await;
    assert_eq!(run.status, 200, "{}", run.body);
    // The dry run told the truth: the same verdict for every item.
    assert_eq!(codes(&run.body), expected_codes);
    assert_eq!(
        applied(&run.body),
        [true, true, false, false, false, false, false, false, true]
    );
    let after = snapshot(&env, &owner).await;
    for (i, id) in [(0, MIA), (1, SAM), (8, clinician_id)] {
        let outcome = &run.body["items"][i];
        let user = &after[id];
        assert_eq!(
            strings(&user["staff_roles"]),
            strings(&outcome["after"]),
            "{id}"
        );
        assert_eq!(outcome["version"], user["version"], "{id}: the new ETag");
        assert_eq!(user["version"], before[id]["version"].as_i64().unwrap() + 1);
    }
    // Everyone else is exactly as before.
    let changed = [MIA, SAM, clinician_id];
    for (id, user) in &before {
        if !changed.contains(&id.as_str()) {
            assert_eq!(&after[id], user, "{id} untouched");
        }
    }
    // Three user upserts and three audit events, one batch request id.
    let (feed, _) = env.changes_after(head, &owner).await;
    assert_eq!(feed.len(), 6);
    let (events, total) = env.audit("", &owner).await;
    assert_eq!(total, 3);
    assert!(events
        .iter()
        .all(|e| e["reason"] == "quarterly review" && e["request_id"] == events[0]["request_id"]));

    // Undo: add what was removed, remove what was added, against the versions just handed out.
    let reverse: Vec<Value> = run.body["items"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|o| o["applied"] == true)
        .map(|o| {
            let (was, now) = (strings(&o["before"]), strings(&o["after"]));
            json!({
                "user_id": o["user_id"],
                "add": was.iter().filter(|r| !now.contains(r)).collect::<Vec<_>>(),
                "remove": now.iter().filter(|r| !was.contains(r)).collect::<Vec<_>>(),
                "expected_version": o["version"],
            })
        })
        .collect();
    let undo = env
        .post_json(
            "/v1/roles/batch",
            &owner,
            &json!({"dry_run": false, "reason": "undo", "items": reverse}),
        )
        .await;
    assert_eq!(undo.status, 200, "{}", undo.body);
    assert_eq!(applied(&undo.body), [true, true, true], "{}", undo.body);
    let restored = snapshot(&env, &owner).await;
    for (id, user) in &before {
        assert_eq!(restored[id]["staff_roles"], user["staff_roles"], "{id}");
    }
}

#[tokio::test]
async fn earlier_items_count_for_later_ones() {
    let env = env().await;
    let owner = env.token_for(OWNER).await;
    let others = env.other_active_owners(&owner).await;
    assert!(!others.is_empty(), "the demo has more owners than Olivia");
    // Take OWNER from every other owner, then from Olivia herself. Judged against the state
    // before the batch, Olivia's item would be a self_change (other owners still exist); judged
    // in order, she is the last owner by then, which is what must be reported.
    let mut items: Vec<Value> = others
        .iter()
        .map(|id| json!({"user_id": id, "remove": ["OWNER"]}))
        .collect();
    items.push(json!({"user_id": OLIVIA, "remove": ["OWNER"]}));
    let mut expected: Vec<Option<String>> = others.iter().map(|_| None).collect();
    expected.push(some("last_owner"));
    for dry_run in [true, false] {
        let body = json!({"dry_run": dry_run, "reason": "consolidate", "items": items});
        let result = env.post_json("/v1/roles/batch", &owner, &body).await;
        assert_eq!(result.status, 200, "{}", result.body);
        assert_eq!(codes(&result.body), expected, "dry run {dry_run}");
        let remaining = env.other_active_owners(&owner).await;
        if dry_run {
            assert_eq!(remaining, others, "the dry run counted but kept them");
        } else {
            assert!(remaining.is_empty());
        }
    }
    let olivia = env.user(OLIVIA, &owner).await;
    assert_eq!(strings(&olivia["staff_roles"]), ["OWNER"]);
}

#[tokio::test]
async fn a_batch_is_refused_whole_when_the_request_is_wrong() {
    let env = env().await;
    let owner = env.token_for(OWNER).await;
    let one = json!([{"user_id": MIA, "add": ["SUPPORT"]}]);
    for login in [SUPPORT, MEMBER, PROVIDER] {
        let token = env.token_for(login).await;
        let body = json!({"dry_run": true, "reason": "r", "items": one});
        let answer = env.post_json("/v1/roles/batch", &token, &body).await;
        assert_eq!(
            (answer.status, answer.code()),
            (403, "read_only_role"),
            "{}",
            login.0
        );
    }
    for reason in [json!(null), json!(" ")] {
        let body = json!({"dry_run": false, "reason": reason, "items": one});
        let answer = env.post_json("/v1/roles/batch", &owner, &body).await;
        assert_eq!((answer.status, answer.code()), (422, "reason_required"));
        // A dry run records nothing, so a console may preview before the reason is typed.
        let body = json!({"dry_run": true, "reason": reason, "items": one});
        let answer = env.post_json("/v1/roles/batch", &owner, &body).await;
        assert_eq!(answer.status, 200, "{}", answer.body);
    }
    let many: Vec<Value> = (0..5001)
        .map(|_| json!({"user_id": MIA, "add": ["SUPPORT"]}))
        .collect();
    let body = json!({"dry_run": false, "reason": "r", "items": many});
    let answer = env.post_json("/v1/roles/batch", &owner, &body).await;
    assert_eq!((answer.status, answer.code()), (400, "invalid_request"));
    assert!(answer.body["detail"].as_str().unwrap().contains("5000"));
    assert_eq!(
        strings(&env.user(MIA, &owner).await["staff_roles"]),
        ["MEMBER"]
    );
}
