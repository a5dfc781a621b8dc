//! The sign-in page: throttled password guessing (per account and per source address),
//! pending requests that expire and are purged, anti-framing headers, and error pages that
//! say what happened in words. Time moves on the emulator's clock, never by sleeping.

use crate::common::*;
use platform_emulator::purge_pending_sign_ins;

async fn page_text(r: reqwest::Response) -> String {
    r.text().await.unwrap()
}

#[tokio::test]
async fn the_sixth_wrong_password_is_throttled_and_the_right_one_after_the_wait_works() {
    let env = env().await;
    let request = env.open_sign_in_form().await;
    // A config user signs in with a password alone, so the right one redirects at once (staff
    // go on to the code step, whose guesses are throttled the same way: mfa.rs).
    let (email, password) = CONFIG_OWNER;
    for attempt in 1..=4 {
        let r = env.submit_password(&request, email, "wrong-password").await;
        assert_eq!(
            r.status(),
            401,
            "attempt {attempt} is refused as a wrong password"
        );
        assert!(
            r.headers().get("retry-after").is_none(),
            "attempt {attempt} is free"
        );
    }
    // The fifth is checked and refused too, and says the wait it starts.
    let r = env.submit_password(&request, email, "wrong-password").await;
    assert_eq!(
        (
            r.status().as_u16(),
            r.headers()["retry-after"].to_str().unwrap()
        ),
        (401, "30")
    );

    let r = env.submit_password(&request, email, "wrong-password").await;
    assert_eq!(r.status(), 429, "the sixth in a row waits");
    assert_eq!(r.headers()["retry-after"], "30");
    let html = page_text(r).await;
    assert!(
        html.contains("Wait 30 seconds"),
        "the wait in words: {html}"
    );

    // During the wait no password is checked, the right one included.
    let r = env.submit_password(&request, email, password).await;
    assert_eq!(r.status(), 429);
    env.clock.advance(29);
    let r = env.submit_password(&request, email, password).await;
    assert_eq!(
        (
            r.status().as_u16(),
            r.headers()["retry-after"].to_str().unwrap()
        ),
        (429, "1")
    );

    env.clock.advance(1);
    let r = env.submit_password(&request, email, password).await;
    assert_eq!(
        r.status(),
        303,
        "after the wait the right password signs in"
    );

    // That sign-in cleared the account's count: a later typo is not throttled.
    let request = env.open_sign_in_form().await;
    let r = env.submit_password(&request, email, "typo").await;
    assert_eq!(r.status(), 401);
    assert!(
        r.headers().get("retry-after").is_none(),
        "a first failure again, starting no wait"
    );
}

#[tokio::test]
async fn many_accounts_guessed_from_one_address_are_throttled_too() {
    let env = env().await;
    let request = env.open_sign_in_form().await;
    // Each account fails once only, so only the address's count can stop this spray.
    for n in 1..=20 {
        let r = env
            .submit_password(&request, &format!("guess{n}@demo-clinic.test"), "password1")
            .await;
        assert_eq!(r.status(), 401, "guess {n}");
        let starts_a_wait = r.headers().contains_key("retry-after");
        assert_eq!(
            starts_a_wait,
            n == 20,
            "guess {n}: only the 20th starts the address's wait"
        );
    }
    let r = env
        .submit_password(&request, "guess21@demo-clinic.test", "password1")
        .await;
    assert_eq!(r.status(), 429, "the address waits");
    // A real account from that address waits as well, until the wait is over (a config user:
    // no code step after the password).
    let r = env
        .submit_password(&request, CONFIG_OWNER.0, CONFIG_OWNER.1)
        .await;
    assert_eq!(r.status(), 429);
    env.clock.advance(30);
    let r = env
        .submit_password(&request, CONFIG_OWNER.0, CONFIG_OWNER.1)
        .await;
    assert_eq!(r.status(), 303);
}

#[tokio::test]
async fn expired_authorization_requests_are_gone_after_a_purge() {
    let env = env().await;
    let first = env.open_sign_in_form().await;
    env.open_sign_in_form().await;
    env.open_sign_in_form().await;
    assert_eq!(env.pending_requests().await, 3);

    env.clock.advance(10 * 60);
    // The expired page says so in words, and the request is not usable.
    let r = env.submit_password(&first, OWNER.0, OWNER.1).await;
    assert_eq!(r.status(), 400);
    assert!(page_text(r).await.contains("This sign-in page has expired"));

    // Every new request purges the expired ones: only the new one is left.
    env.open_sign_in_form().await;
    assert_eq!(env.pending_requests().await, 1);
    // And the purge can be run on its own.
    env.clock.advance(10 * 60);
    purge_pending_sign_ins(&env.emu.state).await.unwrap();
    assert_eq!(env.pending_requests().await, 0);
}

fn assert_not_frameable(r: &reqwest::Response, what: &str) {
    let csp = r.headers()["content-security-policy"].to_str().unwrap();
    assert!(csp.contains("frame-ancestors 'none'"), "{what}: {csp}");
    assert_eq!(r.headers()["x-frame-options"], "DENY", "{what}");
}

#[tokio::test]
async fn the_sign_in_page_and_error_pages_cannot_be_framed() {
    let env = env().await;
    let params = Env::standard_params(&challenge(VERIFIER));
    let p: Vec<(&str, &str)> = params.iter().map(|(k, v)| (*k, v.as_str())).collect();
    let form = env.authorize(&p).await;
    assert_eq!(form.status(), 200);
    assert_not_frameable(&form, "the sign-in form");

    let unknown = env
        .authorize(&[("client_id", "nobody"), ("redirect_uri", REDIRECT)])
        .await;
    assert_eq!(unknown.status(), 400);
    assert_not_frameable(&unknown, "an error page");

    let request = env.open_sign_in_form().await;
    let wrong = env.submit_password(&request, OWNER.0, "wrong").await;
    assert_eq!(wrong.status(), 401);
    assert_not_frameable(&wrong, "the form after a wrong password");
}

#[tokio::test]
async fn an_internal_failure_is_told_in_words_without_internal_text() {
    let env = env().await;
    // Nothing the platform relies on works any more: the next page is an internal failure.
    env.emu.state.pool.close().await;
    let params = Env::standard_params(&challenge(VERIFIER));
    let p: Vec<(&str, &str)> = params.iter().map(|(k, v)| (*k, v.as_str())).collect();
    let r = env.authorize(&p).await;
    assert_eq!(r.status(), 500);
    assert_not_frameable(&r, "the internal error page");
    let html = page_text(r).await.to_lowercase();
    assert!(
        html.contains("start signing in again"),
        "what to do: {html}"
    );
    for internal in ["database", "pool", "sqlx", "connection"] {
        assert!(
            !html.contains(internal),
            "no internal text ({internal}): {html}"
        );
    }
}
