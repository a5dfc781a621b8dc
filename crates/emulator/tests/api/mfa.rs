//! `mfa_required_for_staff` over real sockets: a staff sign-in needs a TOTP code after the
//! password, the first one after the setting is turned on enrols, wrong codes are refused and
//! throttled, the setting off asks for nothing; an OWNER's reset (step-up, audited) makes the
//! person enrol again. Time is the emulator's clock, and the codes are computed on it.

use platform_emulator::{persona, totp, Clock};
use reqwest::Method;
use serde_json::{json, Value};

use crate::common::write::{MIA, OLIVIA, PAT};
use crate::common::*;

const OWNER_SECRET: &str = match persona("Owner").totp_secret {
    Some(s) => s,
    None => panic!("the Owner persona comes enrolled"),
};

fn params() -> Vec<(&'static str, String)> {
    Env::standard_params(&challenge(VERIFIER))
}

fn location(r: &reqwest::Response) -> Option<String> {
    r.headers()
        .get("location")
        .map(|l| l.to_str().unwrap().to_string())
}

/// The password step's answer as the code step it must be.
async fn code_step(r: reqwest::Response) -> CodeStep {
    assert_eq!(r.status(), 200, "the code step is a page, not a redirect");
    assert!(location(&r).is_none());
    let html = r.text().await.unwrap();
    CodeStep::of(&html).unwrap_or_else(|| panic!("the code step: {html}"))
}

async fn reset(
    env: &Env,
    token: &str,
    id: &str,
    etag: Option<&str>,
    reason: &str,
) -> write::Answer {
    let body = json!({ "reason": reason });
    env.send(
        Method::DELETE,
        &format!("/v1/users/{id}/mfa"),
        token,
        etag,
        Some(body),
    )
    .await
}

async fn set_mfa_required(env: &Env, on: bool) {
    let config_owner = env.token_for(CONFIG_OWNER).await;
    env.change(
        &config_owner,
        json!({ "mfa_required_for_staff": on }),
        "MFA test",
    )
    .await;
}

#[tokio::test]
async fn a_staff_sign_in_gets_an_authorization_code_only_with_the_right_totp_code() {
    let env = env().await;
    // The password alone: a page asking for the code, and no code redirected anywhere.
    let step = code_step(env.password_step(&params(), OWNER).await).await;
    assert_eq!(
        step.enrol_secret, None,
        "Olivia is enrolled: no secret is shown again"
    );

    // A code of another step (five minutes ago) is wrong now.
    let stale = totp::code_at(OWNER_SECRET, env.clock.now() - 300).unwrap();
    let r = env.answer_code(&step.request_id, &stale).await;
    assert_eq!(r.status(), 401);
    assert!(location(&r).is_none(), "a wrong code redirects nowhere");
    let html = r.text().await.unwrap();
    assert!(html.contains("That code is not right"), "{html}");

    let r = env
        .answer_code(&step.request_id, &env.code_now(OWNER_SECRET))
        .await;
    assert_eq!(r.status(), 303);
    let location = url::Url::parse(&location(&r).unwrap()).unwrap();
    let code = location.query_pairs().find(|(k, _)| k == "code").unwrap().1;
    let (status, tokens) = env.exchange(&code, VERIFIER).await;
    assert_eq!(status, 200, "{tokens}");
    let (status, me) = env.me(tokens["access_token"].as_str().unwrap()).await;
    assert_eq!((status, me["user_id"].as_str()), (200, Some(OLIVIA)));
}

#[tokio::test]
async fn a_code_is_taken_once_and_the_next_code_signs_in_again() {
    let env = env().await;
    let code = env.code_now(OWNER_SECRET);
    let first = code_step(env.password_step(&params(), OWNER).await).await;
    let r = env.answer_code(&first.request_id, &code).await;
    assert_eq!(r.status(), 303, "the code signs Olivia in once");

    // A second sign-in (another window, or someone who saw the code) with the same code.
    let second = code_step(env.password_step(&params(), OWNER).await).await;
    let used = |html: &str| {
        assert!(
            html.contains(
                "That code was already used to sign in. Wait for the next code: a new one \
                 appears every 30 seconds."
            ),
            "{html}"
        );
        assert!(html.contains("data-reason=\"code_used\""), "{html}");
    };
    // Refused every time, and never counted as a guess: five wrong codes start a wait.
    for attempt in 1..=6 {
        let r = env.answer_code(&second.request_id, &code).await;
        assert_eq!(r.status(), 401, "attempt {attempt}");
        assert!(location(&r).is_none(), "no authorization code is issued");
        assert!(
            r.headers().get("retry-after").is_none(),
            "attempt {attempt}"
        );
        used(&r.text().await.unwrap());
    }
    // In the next step the used code is still within the drift window: still refused.
    env.clock.advance(30 - env.clock.now().rem_euclid(30));
    let r = env.answer_code(&second.request_id, &code).await;
    assert_eq!(r.status(), 401);
    used(&r.text().await.unwrap());

    let next = env.code_now(OWNER_SECRET);
    assert_ne!(next, code);
    let r = env.answer_code(&second.request_id, &next).await;
    assert_eq!(r.status(), 303, "the next step's code signs in");
    assert!(location(&r).unwrap().contains("code="));
}

#[tokio::test]
async fn config_users_are_not_asked_for_a_code() {
    let env = env().await;
    let r = env.password_step(&params(), CONFIG_OWNER).await;
    assert_eq!(
        r.status(),
        303,
        "the setting names staff; config users sign in as before"
    );
}

#[tokio::test]
async fn wrong_codes_are_throttled_like_passwords() {
    let env = env().await;
    let step = code_step(env.password_step(&params(), OWNER).await).await;
    for attempt in 1..=4 {
        let r = env.answer_code(&step.request_id, "000000").await;
        assert_eq!(r.status(), 401, "attempt {attempt}");
        assert!(
            r.headers().get("retry-after").is_none(),
            "attempt {attempt} is free"
        );
    }
    let r = env.answer_code(&step.request_id, "000000").await;
    assert_eq!(r.headers()["retry-after"], "30", "the fifth starts a wait");
    // During the wait no code is checked, the right one included.
    let r = env
        .answer_code(&step.request_id, &env.code_now(OWNER_SECRET))
        .await;
    assert_eq!(r.status(), 429);
    assert!(r.text().await.unwrap().contains("Wait 30 seconds"));
    // The wait holds for the password too: it is the account's count.
    let again = env.password_step(&params(), OWNER).await;
    assert_eq!(again.status(), 429);

    env.clock.advance(30);
    let r = env
        .answer_code(&step.request_id, &env.code_now(OWNER_SECRET))
        .await;
    assert_eq!(r.status(), 303, "after the wait the right code signs in");
}

#[tokio::test]
async fn the_setting_decides_whether_staff_are_asked_and_turning_it_on_enrols_at_next_sign_in() {
    let env = env().await;
    set_mfa_required(&env, false).await;
    let r = env.password_step(&params(), OWNER).await;
    assert_eq!(r.status(), 303, "setting off: the password is enough");

    // Mia has no authenticator yet (an OWNER reset hers while the setting was off).
    let owner = env.token_for(OWNER).await;
    let etag = env.etag(MIA, &owner).await;
    let a = reset(&env, &owner, MIA, Some(&etag), "new phone").await;
    assert_eq!(
        (a.status, &a.body["mfa_enrolled"]),
        (200, &json!(false)),
        "{}",
        a.body
    );
    let r = env.password_step(&params(), MEMBER).await;
    assert_eq!(r.status(), 303, "setting off: nobody enrols");

    set_mfa_required(&env, true).await;
    let step = code_step(env.password_step(&params(), MEMBER).await).await;
    let secret = step
        .enrol_secret
        .clone()
        .expect("the first sign-in shows an enrolment");
    let html = env
        .password_step(&params(), MEMBER)
        .await
        .text()
        .await
        .unwrap();
    assert!(html.contains("<svg"), "a QR code");
    assert!(html.contains("otpauth://totp/"), "and the URI it encodes");

    // That second page started a new enrolment: the first page's secret is no longer it.
    let step = CodeStep::of(&html).unwrap();
    let newest = step.enrol_secret.clone().unwrap();
    assert_ne!(newest, secret, "each enrolment page has a fresh secret");
    let r = env
        .answer_code(&step.request_id, &env.code_now(&secret))
        .await;
    assert_eq!(r.status(), 401, "a code of the replaced secret is wrong");
    assert!(
        r.text().await.unwrap().contains(&newest),
        "the page shows the same secret again"
    );
    let r = env
        .answer_code(&step.request_id, &env.code_now(&newest))
        .await;
    assert_eq!(r.status(), 303, "the right code enrols and signs in");

    let (_, mia) = env.get_json(&format!("/v1/users/{MIA}"), &owner).await;
    assert_eq!(mia["mfa_enrolled"], json!(true));
    let (events, _) = env
        .audit(&format!("action=user.mfa.enrol&target={MIA}"), &owner)
        .await;
    assert_eq!(
        events.len(),
        1,
        "the enrolment is in the audit trail: {events:?}"
    );
    // The next sign-in asks for a code of that authenticator, not for a new enrolment (and,
    // the code that enrolled being used, the next code of it).
    let step = code_step(env.password_step(&params(), MEMBER).await).await;
    assert_eq!(step.enrol_secret, None);
    env.clock.advance(30);
    let r = env
        .answer_code(&step.request_id, &env.code_now(&newest))
        .await;
    assert_eq!(r.status(), 303);
}

#[tokio::test]
async fn only_an_owner_resets_mfa() {
    let env = env().await;
    let owner = env.token_for(OWNER).await;
    let etag = env.etag(MIA, &owner).await;
    for login in [SUPPORT, MEMBER, CONFIG_OWNER] {
        let token = env.token_for(login).await;
        let a = reset(&env, &token, MIA, Some(&etag), "not mine to do").await;
        assert_eq!(
            (a.status, a.code()),
            (403, "read_only_role"),
            "{}: {}",
            login.0,
            a.body
        );
    }
    let (_, mia) = env.get_json(&format!("/v1/users/{MIA}"), &owner).await;
    assert_eq!(mia["mfa_enrolled"], json!(true), "nothing was reset");
    // Only staff have an authenticator; consumers carry no MFA state at all.
    let (_, pat) = env.get_json(&format!("/v1/users/{PAT}"), &owner).await;
    assert_eq!(pat["mfa_enrolled"], Value::Null);
    let etag = env.etag(PAT, &owner).await;
    let a = reset(&env, &owner, PAT, Some(&etag), "wrong person").await;
    assert_eq!(a.status, 422, "{}", a.body);
}

#[tokio::test]
async fn a_reset_needs_if_match_a_reason_and_a_recent_sign_in_and_is_audited() {
    let env = env().await;
    let owner = env.token_for(OWNER).await;
    let mia = env.token_for(MEMBER).await;
    let etag = env.etag(MIA, &owner).await;
    assert_eq!(
        reset(&env, &owner, MIA, None, "lost phone").await.status,
        428
    );
    let a = reset(&env, &owner, MIA, Some(&etag), " ").await;
    assert_eq!((a.status, a.code()), (422, "reason_required"));
    assert_eq!(
        reset(&env, &owner, MIA, Some("\"999\""), "lost phone")
            .await
            .status,
        412
    );

    env.clock.advance(301);
    let a = reset(&env, &owner, MIA, Some(&etag), "lost phone").await;
    assert_eq!(
        (a.status, a.code()),
        (401, "insufficient_user_authentication")
    );
    assert!(a
        .header("www-authenticate")
        .unwrap()
        .contains("max_age=300"));

    let owner = env.token_for(OWNER).await;
    let a = reset(&env, &owner, MIA, Some(&etag), "lost phone").await;
    assert_eq!(a.status, 200, "{}", a.body);
    assert_eq!(a.body["mfa_enrolled"], json!(false));
    assert_ne!(a.header("etag"), Some(etag.as_str()), "a new version");
    let (events, _) = env
        .audit(&format!("action=user.mfa.reset&target={MIA}"), &owner)
        .await;
    assert_eq!(events.len(), 1, "{events:?}");
    assert_eq!(
        (events[0]["actor_id"].as_str(), events[0]["reason"].as_str()),
        (Some(OLIVIA), Some("lost phone"))
    );
    // The old authenticator's sessions are over, and the next sign-in enrols again.
    assert_eq!(env.me(&mia).await.0, 401);
    let step = code_step(env.password_step(&params(), MEMBER).await).await;
    let secret = step.enrol_secret.expect("Mia enrols again");
    assert_ne!(Some(secret.as_str()), persona("Member").totp_secret);
    let r = env
        .answer_code(&step.request_id, &env.code_now(&secret))
        .await;
    assert_eq!(r.status(), 303);
}
