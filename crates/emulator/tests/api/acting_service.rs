//! A service account that acts for a provider (its `acts_for_id`) over real sockets: its calls
//! are the provider's, capped at what a service account may do (patient records), audited as
//! "on behalf of" the provider, and they lose what the provider loses. And the care roles'
//! own `patient_records_write`.

use crate::acting::RECORDS_API;
use crate::common::accounts::*;
use crate::common::write::{Answer, OLIVIA, PAT, PRIYA, SAM};
use crate::common::*;
use serde_json::json;

impl Env {
    /// `PATCH /v1/users/{id}` with `credential` (a token or an API key), the current ETag read
    /// by `owner`.
    pub async fn patch_record(
        &self,
        owner: &str,
        credential: &str,
        id: &str,
        patch: serde_json::Value,
    ) -> Answer {
        let tag = self.etag(id, owner).await;
        self.patch_json(&format!("/v1/users/{id}"), credential, Some(&tag), &patch)
            .await
    }
}

#[tokio::test]
async fn the_reminder_bot_acts_for_priya_and_loses_what_she_loses() {
    let env = env().await;
    let owner = env.token_for(OWNER).await;
    let key = secret_of(&env.create_key(&owner, BOT, "reminders", 30).await);

    let (status, me) = env.me(&key).await;
    assert_eq!(status, 200, "{me}");
    assert_eq!(me["user_id"], PRIYA, "the bot's calls are Priya's");
    assert_eq!(me["permissions"], json!(["patient_records_write"]));
    assert_eq!(me["acting"]["actor_id"], BOT);
    assert_eq!(me["acting"]["actor_name"], "Appointment reminder bot");
    assert_eq!(me["acting"]["actor_kind"], "SERVICE_ACCOUNT");
    assert!(me["acting"].get("acting_id").is_none(), "{me}");

    let phone = json!({"phone": "(555) 010-0143", "reason": "patient replied with a new number"});
    let done = env.patch_record(&owner, &key, PAT, phone.clone()).await;
    assert_eq!(done.status, 200, "{}", done.body);
    assert_eq!(done.body["phone"], "(555) 010-0143");
    let (events, _) = env
        .audit(&format!("target={PAT}&action=user.update"), &owner)
        .await;
    let event = &events[0];
    assert_eq!(
        (event["actor_id"].as_str(), event["actor_name"].as_str()),
        (Some(BOT), Some("Appointment reminder bot"))
    );
    assert_eq!(event["on_behalf"]["subject_id"], PRIYA);
    assert_eq!(event["on_behalf"]["subject_name"], "Dr. Priya Provider");
    assert_eq!(event["on_behalf"]["actor_kind"], "SERVICE_ACCOUNT");
    let (timeline, _) = env.audit(&format!("person={PRIYA}"), &owner).await;
    assert_eq!(timeline[0]["id"], event["id"], "in Priya's timeline");

    // Only a patient's record, only names, contact and date of birth.
    let staff = env
        .patch_record(
            &owner,
            &key,
            SAM,
            json!({"phone": "(555) 010-0144", "reason": "x"}),
        )
        .await;
    assert_eq!(
        staff.status, 404,
        "staff are not the bot's to see: {}",
        staff.body
    );
    let kind = env
        .patch_record(&owner, &key, PAT, json!({"kind": "HCP", "reason": "x"}))
        .await;
    assert_eq!(
        (kind.status, kind.code()),
        (403, "read_only_role"),
        "{}",
        kind.body
    );
    // Never beyond the service-account ceiling, though Priya... holds no more either; the
    // directory stays closed.
    assert_eq!(env.get_json("/v1/users?limit=1", &key).await.0, 403);

    // Priya's care roles replaced: she keeps no record right, so neither does the bot.
    let moved = env
        .set_roles(&owner, PRIYA, &["FIELD_STAFF"], "moved to the field")
        .await;
    assert_eq!(moved.status, 200, "{}", moved.body);
    let refused = env.patch_record(&owner, &key, PAT, phone.clone()).await;
    assert_eq!(
        (refused.status, refused.code()),
        (403, "read_only_role"),
        "{}",
        refused.body
    );
    let back = env
        .set_roles(&owner, PRIYA, &["PROVIDER"], "back in the clinic")
        .await;
    assert_eq!(back.status, 200, "{}", back.body);
    let phone2 = json!({"phone": "(555) 010-0145", "reason": "again"});
    assert_eq!(
        env.patch_record(&owner, &key, PAT, phone2.clone())
            .await
            .status,
        200
    );

    // Priya suspended: the bot acts for nobody, and says so.
    let suspended = env.set_status(&owner, PRIYA, "suspended", "on leave").await;
    assert_eq!(suspended.status, 200, "{}", suspended.body);
    let refused = env.patch_record(&owner, &key, PAT, phone2).await;
    assert_eq!(
        (refused.status, refused.code()),
        (403, "forbidden"),
        "{}",
        refused.body
    );
    let detail = refused.body["detail"].as_str().unwrap();
    assert!(
        detail.contains("acts for Dr. Priya Provider, whose account is suspended"),
        "{detail}"
    );
}

#[tokio::test]
async fn a_client_credentials_token_of_the_bot_introspects_as_priya_acted_for_by_the_bot() {
    let env = env().await;
    let token = env.m2m_token().await;
    let (status, seen) = env.introspect_as(&token, RECORDS_API).await;
    assert_eq!(status, 200);
    assert_eq!(
        (seen["active"].as_bool(), seen["sub"].as_str()),
        (Some(true), Some(PRIYA)),
        "{seen}"
    );
    assert_eq!(seen["act"], json!({"sub": BOT}));
    let (_, me) = env.me(&token).await;
    assert_eq!(
        (me["user_id"].as_str(), me["acting"]["actor_id"].as_str()),
        (Some(PRIYA), Some(BOT))
    );
    // A service account acting for nobody is itself, with no actor.
    let owner = env.token_for(OWNER).await;
    let account = env.new_account(&owner, "Exports", OLIVIA).await;
    let key = secret_of(
        &env.create_key(&owner, account["id"].as_str().unwrap(), "k", 30)
            .await,
    );
    let (_, me) = env.me(&key).await;
    assert_eq!(me["user_id"], account["id"]);
    assert!(me.get("acting").is_none(), "{me}");
    assert_eq!(me["permissions"], json!([]));
}

#[tokio::test]
async fn care_staff_update_a_patients_record_but_not_staff_nor_the_household() {
    let env = env().await;
    let owner = env.token_for(OWNER).await;
    let priya = env.token_for(PROVIDER).await;
    let (_, me) = env.me(&priya).await;
    assert_eq!(me["permissions"], json!(["patient_records_write"]));
    let done = env
        .patch_record(
            &owner,
            &priya,
            PAT,
            json!({"email": "pat.new@mail.test", "reason": "moved"}),
        )
        .await;
    assert_eq!(done.status, 200, "{}", done.body);
    let (events, _) = env
        .audit(&format!("target={PAT}&action=user.update"), &owner)
        .await;
    assert_eq!(events[0]["actor_id"], PRIYA);
    assert!(
        events[0].get("on_behalf").is_none(),
        "her own change: {}",
        events[0]
    );
    let staff = env
        .patch_record(
            &owner,
            &priya,
            SAM,
            json!({"phone": "(555) 010-0146", "reason": "x"}),
        )
        .await;
    assert_eq!(staff.status, 404, "{}", staff.body);
    // The contact rules still hold: a malformed email is refused as for anyone.
    let bad = env
        .patch_record(
            &owner,
            &priya,
            PAT,
            json!({"email": "not-an-email", "reason": "x"}),
        )
        .await;
    assert_eq!(bad.status / 100, 4, "{}", bad.body);
    assert_ne!(bad.status, 200);
    // And she still has no console directory.
    assert_eq!(env.get_json("/v1/users?limit=1", &priya).await.0, 403);
}

#[tokio::test]
async fn the_reminder_bot_reads_the_record_it_edits_but_never_the_directory() {
    let env = env().await;
    let owner = env.token_for(OWNER).await;
    let key = secret_of(&env.create_key(&owner, BOT, "reminders", 30).await);

    // The one record, with its version for If-Match: read and edited by the bot alone.
    let (status, record) = env.get_json(&format!("/v1/users/{PAT}"), &key).await;
    assert_eq!(status, 200, "{record}");
    let tag = format!("\"{}\"", record["version"]);
    let patch = json!({"phone": "(555) 010-0145", "reason": "reminder bounced"});
    let done = env
        .patch_json(&format!("/v1/users/{PAT}"), &key, Some(&tag), &patch)
        .await;
    assert_eq!(done.status, 200, "{}", done.body);

    // Never the directory, never staff.
    let (status, listing) = env.get_json("/v1/users", &key).await;
    assert_eq!(status, 403, "{listing}");
    let (status, staff) = env.get_json(&format!("/v1/users/{SAM}"), &key).await;
    assert_eq!(status, 403, "{staff}");
    let (status, unknown) = env.get_json("/v1/users/usr_nobody", &key).await;
    assert_eq!(
        (status, &unknown["detail"]),
        (403, &staff["detail"]),
        "no existence is told"
    );

    // Without patient-record rights the directory's own refusal is what a caller hears.
    let mia = env.token_for(MEMBER).await;
    let (status, refused) = env.get_json(&format!("/v1/users/{PAT}"), &mia).await;
    assert_eq!(status, 404, "Mia sees staff only: {refused}");
}
