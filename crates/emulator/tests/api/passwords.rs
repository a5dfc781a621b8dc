//! "Use strong, unique passwords" where a password is set at the platform: the organization's
//! minimum length, zxcvbn's verdict and advice on the page, no reuse after an OWNER's reset.

use crate::common::invitations::*;
use crate::common::*;
use serde_json::json;

const QUENTIN: &str = "quentin.harbor@demo-clinic.test";

/// Olivia's token and a fresh invitation's code and invited person's id.
async fn invited(env: &Env) -> (String, String, String) {
    let olivia = env.token_for(OWNER).await;
    let created = env.invite(&olivia, "Quentin Harbor", QUENTIN).await;
    assert_eq!(created.status, 201, "{}", created.body);
    let (code, _) = code_and_link(&created);
    let user_id = created.body["invitation"]["user_id"].as_str().unwrap();
    (olivia, code, user_id.to_string())
}

#[tokio::test]
async fn a_weak_password_is_refused_with_zxcvbns_own_advice_on_the_page() {
    let env = env().await;
    let (olivia, code, user_id) = invited(&env).await;
    let weak = "password1234";
    let page = env.set_password(&code, weak, weak).await;
    assert_eq!(page.status, 422, "{}", page.html);
    // The library's words, exactly (escaped as the page escapes text).
    let estimate = zxcvbn::zxcvbn(weak, &[]);
    let feedback = estimate
        .feedback()
        .expect("zxcvbn explains a weak password");
    let warning = feedback.warning().expect("a warning").to_string();
    assert!(page.html.contains(&warning), "{warning} in {}", page.html);
    for suggestion in feedback.suggestions() {
        let text = suggestion.to_string().replace('\'', "&#39;");
        assert!(page.html.contains(&text), "{text} in {}", page.html);
    }
    assert!(page.html.contains("name=\"password\""), "the form again");
    assert_eq!(env.user(&user_id, &olivia).await["status"], "invited");

    // Long enough and unguessable to a stranger, but made of the person's own name.
    let own_name = "QuentinHarbor2026";
    let page = env.set_password(&code, own_name, own_name).await;
    assert_eq!(
        page.status, 422,
        "the person's name counts against it: {}",
        page.html
    );
}

#[tokio::test]
async fn the_minimum_length_is_the_organizations_setting() {
    let env = env().await;
    let (olivia, code, user_id) = invited(&env).await;
    // Strong (zxcvbn's top score) but 11 characters: under the default of 12.
    let short = "Tr0ub4dor&3";
    assert_eq!(zxcvbn::zxcvbn(short, &[]).score(), zxcvbn::Score::Four);
    let page = env.set_password(&code, short, short).await;
    assert_eq!(page.status, 422);
    assert!(page.html.contains("at least 12"), "{}", page.html);

    env.configure(json!({"password_min_length": 8})).await;
    let (_, link) = (
        code.clone(),
        env.url(&format!("/invitations/accept?code={code}")),
    );
    assert!(
        env.open_link(&link).await.html.contains("at least 8"),
        "the page says the new rule"
    );
    let page = env.set_password(&code, short, short).await;
    assert_eq!(page.status, 200, "accepted at 8: {}", page.html);
    assert_eq!(env.user(&user_id, &olivia).await["status"], "active");
}

#[tokio::test]
async fn after_a_reset_the_person_cannot_set_a_password_they_used_before() {
    let env = env().await;
    env.without_mfa().await;
    let (olivia, code, user_id) = invited(&env).await;
    assert_eq!(env.set_password(&code, STRONG, STRONG).await.status, 200);
    let session = env.token_for((QUENTIN, STRONG)).await;

    // An OWNER issues a reset: If-Match and a reason, as every change.
    let path = format!("/v1/users/{user_id}/password-reset");
    let body = json!({"reason": "forgot their password"});
    let no_tag = env.post_json(&path, &olivia, &body).await;
    assert_eq!(no_tag.status, 428);
    let tag = env.etag(&user_id, &olivia).await;
    let reset = env
        .post_json_with(&path, &olivia, &[("If-Match", &tag)], &body)
        .await;
    assert_eq!(reset.status, 201, "{}", reset.body);
    let (reset_code, link) = code_and_link(&reset);
    let page = env.open_link(&link).await;
    assert!(page.html.contains("Set a new password"), "{}", page.html);
    assert!(
        env.invitations(&olivia).await.is_empty(),
        "a reset is no invitation"
    );

    let reused = env.set_password(&reset_code, STRONG, STRONG).await;
    assert_eq!(reused.status, 422);
    assert!(
        reused.html.contains("used this password before"),
        "{}",
        reused.html
    );
    let done = env
        .set_password(&reset_code, ANOTHER_STRONG, ANOTHER_STRONG)
        .await;
    assert_eq!(done.status, 200, "{}", done.html);
    assert!(env.can_sign_in(QUENTIN, ANOTHER_STRONG).await);
    assert!(
        !env.can_sign_in(QUENTIN, STRONG).await,
        "the old one is gone"
    );
    let (status, _) = env.me(&session).await;
    assert_eq!(
        status, 401,
        "a new password ends the sessions of the old one"
    );

    // And the first password stays remembered: a second reset refuses it too.
    let tag = env.etag(&user_id, &olivia).await;
    let again = env
        .post_json_with(&path, &olivia, &[("If-Match", &tag)], &body)
        .await;
    let (again_code, _) = code_and_link(&again);
    let page = env.set_password(&again_code, STRONG, STRONG).await;
    assert_eq!(page.status, 422, "{}", page.html);
    let (events, _) = env.audit(&format!("target={user_id}"), &olivia).await;
    assert!(events.iter().any(|e| e["action"] == "user.password.reset"));
    assert!(!serde_json::Value::from(events)
        .to_string()
        .contains(&reset_code));
}

#[tokio::test]
async fn only_an_owner_resets_and_only_active_staff() {
    let env = env().await;
    let sam = env.token_for(SUPPORT).await;
    let olivia = env.token_for(OWNER).await;
    let mia = platform_emulator::persona("Member").id;
    let body = json!({"reason": "r"});
    let path = format!("/v1/users/{mia}/password-reset");
    let refused = env
        .post_json_with(&path, &sam, &[("If-Match", "*")], &body)
        .await;
    assert_eq!((refused.status, refused.code()), (403, "read_only_role"));
    let pat = "/v1/users/usr_pat_patient/password-reset";
    let patient = env
        .post_json_with(pat, &olivia, &[("If-Match", "*")], &body)
        .await;
    assert_eq!(
        patient.status, 404,
        "consumers have no staff password: {}",
        patient.body
    );
}
