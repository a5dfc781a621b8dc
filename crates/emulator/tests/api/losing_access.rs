//! Losing access ends sessions at once: suspension, deletion and removal of a person's last
//! console-granting role revoke every sign-in of theirs; a refresh asks again; introspection
//! answers exactly `{"active":false}`. Each test pairs the person who loses access with one
//! who keeps it, so a platform that ended everyone's sessions would fail too.

use crate::common::write::{MIA, SAM};
use crate::common::*;
use console_api::UserStatus;
use platform_emulator::directory::{self, UserPatch};
use platform_emulator::{DEMO_ORG_ID, DEMO_RESOURCE_SERVER_CLIENT_ID, DEMO_RESOURCE_SERVER_SECRET};
use serde_json::{json, Value};

const RECORDS_API: (&str, &str) = (DEMO_RESOURCE_SERVER_CLIENT_ID, DEMO_RESOURCE_SERVER_SECRET);

fn tokens_of(signed_in: &Value) -> (String, String) {
    (
        signed_in["access_token"].as_str().unwrap().to_string(),
        signed_in["refresh_token"].as_str().unwrap().to_string(),
    )
}

/// The person's sign-in is over: refresh refused, both tokens exactly inactive, `/v1` refused.
async fn assert_ended(env: &Env, (access, refresh): &(String, String), who: &str) {
    for token in [access, refresh] {
        assert_eq!(
            env.introspect_as(token, RECORDS_API).await,
            (200, json!({"active": false})),
            "{who}: exactly {{\"active\":false}}, nothing about whose token it was"
        );
    }
    assert_eq!(env.me(access).await.0, 401, "{who}");
    let (status, body) = env.refresh(refresh).await;
    assert_eq!(
        (status, body["error"].as_str()),
        (400, Some("invalid_grant")),
        "{who}: {body}"
    );
}

/// The person's sign-in goes on.
async fn assert_alive(env: &Env, (access, _): &(String, String), who: &str) {
    let (status, seen) = env.introspect_as(access, RECORDS_API).await;
    assert_eq!((status, &seen["active"]), (200, &json!(true)), "{who}");
    assert_eq!(env.me(access).await.0, 200, "{who}");
}

#[tokio::test]
async fn a_suspended_persons_refresh_fails_and_introspection_says_inactive() {
    let env = env().await;
    let owner = env.token_for(OWNER).await;
    let mia = tokens_of(&env.signed_in(MEMBER).await);
    let sam = tokens_of(&env.signed_in(SUPPORT).await);
    assert_alive(&env, &mia, "Mia before").await;

    let answer = env.set_status(&owner, MIA, "suspended", "left").await;
    assert_eq!(answer.status, 200, "{}", answer.body);
    assert_ended(&env, &mia, "suspended Mia").await;
    assert_alive(&env, &sam, "Sam, not suspended").await;

    // Reactivated, Mia signs in again; the sign-in the suspension ended stays ended.
    let answer = env.set_status(&owner, MIA, "active", "back").await;
    assert_eq!(answer.status, 200, "{}", answer.body);
    assert_ended(&env, &mia, "Mia's old sign-in").await;
    let again = tokens_of(&env.signed_in(MEMBER).await);
    assert_alive(&env, &again, "Mia signed in again").await;
}

#[tokio::test]
async fn a_refresh_asks_again_even_when_the_suspension_came_by_another_path() {
    // A status written straight to the directory (as an import or the data generator would)
    // also ends the sign-in, and the refresh checks the person's status itself.
    let env = env().await;
    let mia = tokens_of(&env.signed_in(MEMBER).await);
    let state = &env.emu.state;
    let patch = UserPatch {
        status: Some(UserStatus::Suspended),
        ..Default::default()
    };
    directory::update(&state.pool, DEMO_ORG_ID, MIA, patch, state.now())
        .await
        .unwrap();
    assert_ended(&env, &mia, "Mia suspended in the directory").await;
}

#[tokio::test]
async fn removing_the_last_console_role_ends_the_session_but_a_lesser_role_does_not() {
    let env = env().await;
    let owner = env.token_for(OWNER).await;
    let mia = tokens_of(&env.signed_in(MEMBER).await);
    let sam = tokens_of(&env.signed_in(SUPPORT).await);

    // SUPPORT -> MEMBER still reaches the console: Sam's session goes on (rights shrink, and
    // the console rebuilds its copy from /v1/me).
    let answer = env.set_roles(&owner, SAM, &["MEMBER"], "moved").await;
    assert_eq!(answer.status, 200, "{}", answer.body);
    assert_alive(&env, &sam, "Sam, now MEMBER").await;

    // MEMBER -> FIELD_STAFF gives no permission at all: Mia's sign-in ends now. (A care role
    // such as PROVIDER would not: it updates patient records.)
    let answer = env
        .set_roles(&owner, MIA, &["FIELD_STAFF"], "field work only")
        .await;
    assert_eq!(answer.status, 200, "{}", answer.body);
    assert_ended(&env, &mia, "Mia, now FIELD_STAFF only").await;
}

#[tokio::test]
async fn a_deleted_persons_tokens_are_gone() {
    let env = env().await;
    let mia = tokens_of(&env.signed_in(MEMBER).await);
    let sam = tokens_of(&env.signed_in(SUPPORT).await);
    let state = &env.emu.state;
    let deleted = directory::delete(&state.pool, DEMO_ORG_ID, MIA, state.now())
        .await
        .expect("a person who has signed in can be deleted");
    assert_eq!(deleted, [MIA]);
    assert_ended(&env, &mia, "deleted Mia").await;
    assert_alive(&env, &sam, "Sam").await;
}
