//! People from creation to departure over real sockets: an OWNER creates, edits, moves,
//! converts, suspends and removes people with If-Match, a reason, audit and the feed; people who
//! may only read are refused; each rule of the guide is refused with its own problem code
//! (`people_rules.rs`).

use crate::common::write::*;
use crate::common::*;
use reqwest::Method;
use serde_json::{json, Value};

pub const JOHN: &str = "usr_john_guardian";
pub const EMILY: &str = "usr_emily_dependent";

impl Env {
    /// `POST /v1/users` as `token`.
    pub async fn create_person(&self, token: &str, body: Value) -> Answer {
        self.post_json("/v1/users", token, &body).await
    }

    /// `PATCH /v1/users/{id}` with the current ETag.
    pub async fn edit_person(&self, token: &str, id: &str, body: Value) -> Answer {
        let tag = self.etag(id, token).await;
        self.send(
            Method::PATCH,
            &format!("/v1/users/{id}"),
            token,
            Some(&tag),
            Some(body),
        )
        .await
    }

    /// `DELETE /v1/users/{id}` with the current ETag.
    pub async fn remove_person(&self, token: &str, id: &str, body: Value) -> Answer {
        let tag = self.etag(id, token).await;
        self.send(
            Method::DELETE,
            &format!("/v1/users/{id}"),
            token,
            Some(&tag),
            Some(body),
        )
        .await
    }

    /// The newest audit event about `id`.
    pub async fn last_event(&self, token: &str, id: &str) -> Value {
        let (events, _) = self.audit(&format!("target={id}"), token).await;
        events.first().cloned().unwrap_or(Value::Null)
    }

    /// The feed entries after `after` that are about `id`.
    pub async fn feed_about(&self, token: &str, after: i64, id: &str) -> Vec<Value> {
        let (changes, _) = self.changes_after(after, token).await;
        changes.into_iter().filter(|c| c["id"] == id).collect()
    }
}

/// A date of birth `years` ago today (by the emulator's clock), `days` later.
pub fn born(env: &Env, years: i32, days: i64) -> String {
    let today = console_api::Date::from_unix(env.emu.state.now());
    console_api::Date::from_unix((today.to_days() + days) * 86_400)
        .plus_years(-years)
        .to_string()
}

#[tokio::test]
async fn an_owner_creates_a_patient_with_audit_and_feed_and_readers_are_refused() {
    let env = env().await;
    let owner = env.token_for(OWNER).await;
    let body = json!({
        "kind": "PATIENT", "display_name": "Nora New", "email": "nora.new@mail.test",
        "date_of_birth": "1990-05-06", "reason": "walked in today"
    });
    // People who may only read learn that first, and nothing is created.
    for login in [SUPPORT, MEMBER, CONFIG_OWNER] {
        let token = env.token_for(login).await;
        let a = env.create_person(&token, body.clone()).await;
        assert_eq!((a.status, a.code()), (403, "read_only_role"), "{login:?}");
    }
    let head = env.feed_head(&owner).await;
    let a = env.create_person(&owner, body.clone()).await;
    assert_eq!(a.status, 201, "{}", a.body);
    let id = a.body["id"].as_str().unwrap().to_string();
    assert_eq!(a.header("etag"), Some("\"1\""));
    assert_eq!(a.body["date_of_birth"], "1990-05-06");
    assert_eq!(env.user(&id, &owner).await, a.body, "what a GET sees");
    let event = env.last_event(&owner, &id).await;
    assert_eq!(
        (&event["action"], &event["reason"]),
        (&json!("user.create"), &json!("walked in today"))
    );
    assert_eq!(event["after"]["email"], "nora.new@mail.test");
    let feed = env.feed_about(&owner, head, &id).await;
    assert_eq!(feed.len(), 1);
    assert_eq!(feed[0]["op"], "upsert");
    // Staff join by invitation: POST /v1/users does not make them.
    let staff = json!({"kind": "STAFF", "display_name": "S", "email": "s@demo-clinic.test",
                       "reason": "r"});
    let a = env.create_person(&owner, staff).await;
    assert_eq!((a.status, a.code()), (422, "invalid_request"), "{}", a.body);
    // A reason is required, as for every change.
    let a = env
        .create_person(
            &owner,
            json!({"kind": "PATIENT", "display_name": "X", "email": "x@y.z"}),
        )
        .await;
    assert_eq!((a.status, a.code()), (422, "reason_required"));
}

#[tokio::test]
async fn edits_need_the_current_etag_and_a_reason_and_are_audited() {
    let env = env().await;
    let owner = env.token_for(OWNER).await;
    let path = format!("/v1/users/{PAT}");
    let body = json!({"display_name": "Pat Patient-Smith", "reason": "married"});
    let a = env
        .send(Method::PATCH, &path, &owner, None, Some(body.clone()))
        .await;
    assert_eq!((a.status, a.code()), (428, "precondition_required"));
    let a = env
        .send(
            Method::PATCH,
            &path,
            &owner,
            Some("\"0\""),
            Some(body.clone()),
        )
        .await;
    assert_eq!((a.status, a.code()), (412, "precondition_failed"));
    assert_eq!(
        a.body["current"]["display_name"], "Pat Patient",
        "the fresh state"
    );
    let member = env.token_for(MEMBER).await;
    let a = env.edit_person(&member, MIA, body.clone()).await;
    assert_eq!((a.status, a.code()), (403, "read_only_role"));
    let a = env.edit_person(&owner, PAT, body).await;
    assert_eq!(a.status, 200, "{}", a.body);
    assert_eq!(a.body["display_name"], "Pat Patient-Smith");
    let event = env.last_event(&owner, PAT).await;
    assert_eq!(event["action"], "user.update");
    assert_eq!(event["before"]["display_name"], "Pat Patient");
    assert_eq!(event["after"]["display_name"], "Pat Patient-Smith");
    // The same again changes nothing: no version, no event.
    let again = json!({"display_name": "Pat Patient-Smith", "reason": "again"});
    let b = env.edit_person(&owner, PAT, again).await;
    assert_eq!(b.body["version"], a.body["version"]);
    assert_eq!(env.last_event(&owner, PAT).await["id"], event["id"]);
}

#[tokio::test]
async fn a_dependent_becomes_a_patient_at_the_age_out_and_not_before() {
    let env = env().await;
    let owner = env.token_for(OWNER).await;
    let convert = json!({"kind": "PATIENT", "email": "emily@mail.test", "phone": "",
                         "reason": "came of age"});
    // Emily is 9.
    let a = env.edit_person(&owner, EMILY, convert.clone()).await;
    assert_eq!((a.status, a.code()), (409, "not_of_age"), "{}", a.body);
    assert!(a.body["detail"].as_str().unwrap().contains("at 18"));
    // A day short of 18 is still too young.
    let dob = json!({"date_of_birth": born(&env, 18, 1), "reason": "birth certificate"});
    assert_eq!(env.edit_person(&owner, EMILY, dob).await.status, 200);
    let a = env.edit_person(&owner, EMILY, convert.clone()).await;
    assert_eq!(a.code(), "not_of_age");
    let dob = json!({"date_of_birth": born(&env, 18, 0), "reason": "birth certificate"});
    assert_eq!(env.edit_person(&owner, EMILY, dob).await.status, 200);
    // Of age, but a primary consumer needs a contact of her own: John's is his.
    let a = env
        .edit_person(
            &owner,
            EMILY,
            json!({"kind": "PATIENT", "reason": "came of age"}),
        )
        .await;
    assert_eq!((a.status, a.code()), (409, "contact_taken"), "{}", a.body);
    let a = env.edit_person(&owner, EMILY, convert).await;
    assert_eq!(a.status, 200, "{}", a.body);
    assert_eq!(
        (&a.body["kind"], &a.body["guardian_id"], &a.body["email"]),
        (&json!("PATIENT"), &Value::Null, &json!("emily@mail.test"))
    );
    assert_eq!(
        env.last_event(&owner, EMILY).await["action"],
        "user.convert"
    );
    // A guardian is not converted into anything by this route.
    let a = env
        .edit_person(&owner, JOHN, json!({"kind": "HCP", "reason": "r"}))
        .await;
    assert_eq!((a.status, a.code()), (422, "kind_change_not_allowed"));
}

#[tokio::test]
async fn suspension_ends_the_sessions_of_staff_and_consumers_alike() {
    let env = env().await;
    let owner = env.token_for(OWNER).await;
    let sam = env.token_for(SUPPORT).await;
    assert_eq!(env.me(&sam).await.0, 200);
    let a = env
        .set_status(&owner, SAM, "suspended", "left the team")
        .await;
    assert_eq!(a.status, 200, "{}", a.body);
    assert_eq!(
        env.me(&sam).await.0,
        401,
        "Sam's token ends with the suspension"
    );
    // Consumers are suspended and reactivated too, each change audited.
    let a = env
        .set_status(&owner, PAT, "suspended", "fraud check")
        .await;
    assert_eq!((a.status, &a.body["status"]), (200, &json!("suspended")));
    let a = env.set_status(&owner, PAT, "active", "cleared").await;
    assert_eq!((a.status, &a.body["status"]), (200, &json!("active")));
    assert_eq!(
        env.last_event(&owner, PAT).await["action"],
        "user.status.update"
    );
    // A MEMBER may not suspend anyone.
    let mia = env.token_for(MEMBER).await;
    let tag = env.etag(PAT, &owner).await;
    let body = json!({"status": "suspended", "reason": "r"});
    let a = env
        .put_json(&format!("/v1/users/{PAT}/status"), &mia, Some(&tag), &body)
        .await;
    assert_eq!((a.status, a.code()), (403, "read_only_role"));
    // The last active OWNER is neither suspended nor removed.
    env.make_olivia_sole_owner(&owner).await;
    let a = env.set_status(&owner, OLIVIA, "suspended", "r").await;
    assert_eq!((a.status, a.code()), (409, "last_owner"));
    let a = env
        .remove_person(&owner, OLIVIA, json!({"reason": "r"}))
        .await;
    assert_eq!((a.status, a.code()), (409, "last_owner"));
}

#[tokio::test]
async fn removal_hides_the_person_keeps_the_row_and_leaves_a_tombstone() {
    let env = env().await;
    let owner = env.token_for(OWNER).await;
    let head = env.feed_head(&owner).await;
    let a = env
        .remove_person(&owner, PAT, json!({"reason": "moved away"}))
        .await;
    assert_eq!(a.status, 200, "{}", a.body);
    assert_eq!(a.body["removed"], json!([PAT]));
    let (status, _) = env.get_json(&format!("/v1/users/{PAT}"), &owner).await;
    assert_eq!(status, 404);
    assert!(env
        .list_all("/v1/users?q=Pat%20Patient", &owner)
        .await
        .is_empty());
    let feed = env.feed_about(&owner, head, PAT).await;
    assert_eq!(feed.last().unwrap()["op"], "delete", "{feed:?}");
    let event = env.last_event(&owner, PAT).await;
    assert_eq!(
        (&event["action"], &event["reason"]),
        (&json!("user.remove"), &json!("moved away"))
    );
    let kept: Option<i64> = sqlx::query_scalar("SELECT removed_at FROM users WHERE id = ?")
        .bind(PAT)
        .fetch_one(&env.emu.state.pool)
        .await
        .unwrap();
    assert!(kept.is_some(), "the row is kept, marked removed");
    // Her email is free for someone new.
    let new = json!({"kind": "PATIENT", "display_name": "New Pat", "email": "pat.patient@mail.test",
                     "reason": "new patient"});
    assert_eq!(env.create_person(&owner, new).await.status, 201);
}

#[tokio::test]
async fn a_guardian_with_dependents_is_removed_only_with_a_plan_for_them() {
    let env = env().await;
    let owner = env.token_for(OWNER).await;
    let a = env
        .remove_person(&owner, JOHN, json!({"reason": "r"}))
        .await;
    assert_eq!((a.status, a.code()), (409, "has_dependents"), "{}", a.body);
    assert_eq!(
        env.user(EMILY, &owner).await["guardian_id"],
        JOHN,
        "nothing changed"
    );
    let g = env
        .create_person(
            &owner,
            json!({"kind": "GUARDIAN", "display_name": "Gina", "phone": "(555) 222-3333",
                   "reason": "r"}),
        )
        .await;
    let gina = g.body["id"].as_str().unwrap().to_string();
    let plan = json!({"reason": "John moved abroad", "dependents": {"move_to": gina}});
    let a = env.remove_person(&owner, JOHN, plan).await;
    assert_eq!(a.status, 200, "{}", a.body);
    assert_eq!(a.body, json!({"removed": [JOHN], "moved": [EMILY]}));
    assert_eq!(env.user(EMILY, &owner).await["phone"], "(555) 222-3333");
    // Removing the dependents along with their guardian removes each of them.
    let plan = json!({"reason": "household left", "dependents": "remove"});
    let a = env.remove_person(&owner, &gina, plan).await;
    assert_eq!(a.body, json!({"removed": [EMILY, gina], "moved": []}));
    let (status, _) = env.get_json(&format!("/v1/users/{EMILY}"), &owner).await;
    assert_eq!(status, 404);
}

/// The `time_zone` setting acts: a birthday comes at midnight where the organization is, so the
/// day a dependent may become a patient of their own is the organization's date, not the
/// server's.
#[tokio::test]
async fn the_organizations_time_zone_decides_the_day_a_dependent_comes_of_age() {
    let env = env().await;
    let owner = env.token_for(OWNER).await;
    let cora = env.token_for(CONFIG_OWNER).await;
    let today_in = |tz: &'static str| {
        let (env, owner, cora) = (&env, &owner, &cora);
        async move {
            env.change(cora, json!({"time_zone": tz}), "moved").await;
            let (_, schema) = env.get_json("/v1/users/schema", owner).await;
            schema["today"].as_str().unwrap().to_string()
        }
    };
    // 25 hours apart: at every moment it is a later day on Kiritimati (UTC+14) than in Pago
    // Pago (UTC-11).
    let east = today_in("Pacific/Kiritimati").await;
    let west = today_in("Pacific/Pago_Pago").await;
    assert!(east > west, "{east} is after {west}");
    // Emily turns 18 today on Kiritimati; in Pago Pago that day has not come yet.
    let born = console_api::Date::parse(&east).unwrap().plus_years(-18);
    let dob = json!({"date_of_birth": born.to_string(), "reason": "birth certificate"});
    assert_eq!(env.edit_person(&owner, EMILY, dob).await.status, 200);
    let convert = json!({"kind": "PATIENT", "email": "emily@mail.test", "phone": "",
                         "reason": "came of age"});
    let a = env.edit_person(&owner, EMILY, convert.clone()).await;
    assert_eq!((a.status, a.code()), (409, "not_of_age"), "{}", a.body);
    today_in("Pacific/Kiritimati").await;
    let a = env.edit_person(&owner, EMILY, convert).await;
    assert_eq!(a.status, 200, "{}", a.body);
}
