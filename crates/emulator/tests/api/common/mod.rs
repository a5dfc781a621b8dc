//! Drives the emulator over real sockets the way a browser and an OAuth2 client would.

pub mod access;
pub mod accounts;
pub mod invitations;
pub mod write;

use std::sync::Arc;

use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use base64::Engine;
use platform_emulator::{
    persona, start, totp, totp_secret_for, Clock, EmulatorConfig, ManualClock, RunningEmulator,
};
use reqwest::redirect::Policy;
use serde_json::Value;
use sha2::{Digest, Sha256};

pub mod settings;

pub const OWNER: (&str, &str) = persona("Owner").login();
pub const SUPPORT: (&str, &str) = persona("Support").login();
pub const MEMBER: (&str, &str) = persona("Member").login();
pub const PROVIDER: (&str, &str) = persona("Provider").login();
pub const CONFIG_OWNER: (&str, &str) = persona("Config Owner").login();
pub const CONFIG_MEMBER: (&str, &str) = persona("Config Member").login();
pub const VERIFIER: &str = "a-very-long-pkce-verifier-of-at-least-43-characters-0123456789";
pub const REDIRECT: &str = "http://127.0.0.1:50123/callback";

pub fn challenge(verifier: &str) -> String {
    URL_SAFE_NO_PAD.encode(Sha256::digest(verifier.as_bytes()))
}

pub struct Env {
    pub emu: RunningEmulator,
    pub clock: Arc<ManualClock>,
    pub http: reqwest::Client,
}

pub async fn env() -> Env {
    env_with(EmulatorConfig::default()).await
}

/// The demo organization with `config`'s other settings (e.g. test mutations allowed).
pub async fn env_with(config: EmulatorConfig) -> Env {
    let clock = Arc::new(ManualClock::new());
    let emu = start(EmulatorConfig {
        demo_seed: true,
        clock: clock.clone(),
        ..config
    })
    .await
    .expect("emulator starts");
    let http = reqwest::Client::builder()
        .redirect(Policy::none())
        .build()
        .unwrap();
    Env { emu, clock, http }
}

impl Env {
    pub fn url(&self, path: &str) -> String {
        format!("{}{path}", self.emu.base_url())
    }

    pub async fn authorize(&self, params: &[(&str, &str)]) -> reqwest::Response {
        self.http
            .get(self.url("/oauth/authorize"))
            .query(params)
            .send()
            .await
            .unwrap()
    }

    /// The standard public-client request with PKCE S256.
    pub fn standard_params(challenge: &str) -> Vec<(&'static str, String)> {
        vec![
            ("client_id", "access-console".into()),
            ("redirect_uri", REDIRECT.into()),
            ("response_type", "code".into()),
            ("state", "state-123".into()),
            ("code_challenge", challenge.into()),
            ("code_challenge_method", "S256".into()),
            ("scope", "console offline_access".into()),
        ]
    }

    /// Shows the form, posts the credentials and, when the platform asks for it, the TOTP code
    /// (a persona's documented secret, or the one an enrolment page shows); returns the last
    /// answer (normally the redirect).
    pub async fn sign_in_form(
        &self,
        params: &[(&str, String)],
        login: (&str, &str),
    ) -> reqwest::Response {
        let response = self.password_step(params, login).await;
        if response.status() != 200 {
            return response;
        }
        let html = response.text().await.unwrap();
        let Some(step) = CodeStep::of(&html) else {
            panic!("neither a redirect nor the code step after the password: {html}");
        };
        let secret = step
            .enrol_secret
            .clone()
            .or_else(|| totp_secret_for(login.0).map(str::to_string))
            .expect("a staff persona with a documented TOTP secret, or an enrolment page");
        let response = self
            .answer_code(&step.request_id, &self.code_now(&secret))
            .await;
        if response.status() != 401 {
            return response;
        }
        // The code of this step already signed this person in (RFC 6238 §5.2): like a person,
        // wait for the next code, which on the test clock is moving it to the next step.
        let (status, headers) = (response.status(), response.headers().clone());
        let html = response.text().await.unwrap();
        if !html.contains("data-reason=\"code_used\"") {
            // Another refusal: handed back whole, as it came.
            let mut refused = axum::http::Response::new(html);
            *refused.status_mut() = status;
            *refused.headers_mut() = headers;
            return refused.into();
        }
        self.clock.advance(30 - self.clock.now().rem_euclid(30));
        self.answer_code(&step.request_id, &self.code_now(&secret))
            .await
    }

    /// The code an authenticator shows for `secret` on the emulator's clock.
    pub fn code_now(&self, secret: &str) -> String {
        totp::code_at(secret, self.clock.now()).unwrap()
    }

    /// Posts a code to the code step of `request_id`.
    pub async fn answer_code(&self, request_id: &str, code: &str) -> reqwest::Response {
        self.http
            .post(self.url("/oauth/authorize/code"))
            .form(&[("request_id", request_id), ("code", code)])
            .send()
            .await
            .unwrap()
    }

    /// Shows the form and posts the credentials only: the answer is the redirect, a refusal,
    /// or the code step.
    pub async fn password_step(
        &self,
        params: &[(&str, String)],
        login: (&str, &str),
    ) -> reqwest::Response {
        let p: Vec<(&str, &str)> = params.iter().map(|(k, v)| (*k, v.as_str())).collect();
        let page = self.authorize(&p).await;
        assert_eq!(page.status(), 200, "the sign-in form is shown");
        let html = page.text().await.unwrap();
        let request_id = html
            .split("name=\"request_id\" value=\"")
            .nth(1)
            .and_then(|s| s.split('"').next())
            .expect("form carries request_id")
            .to_string();
        self.http
            .post(self.url("/oauth/authorize"))
            .form(&[
                ("request_id", request_id.as_str()),
                ("email", login.0),
                ("password", login.1),
            ])
            .send()
            .await
            .unwrap()
    }

    /// Signs in and returns the authorization code from the redirect.
    pub async fn code_for(&self, login: (&str, &str), verifier: &str) -> String {
        let response = self
            .sign_in_form(&Self::standard_params(&challenge(verifier)), login)
            .await;
        assert_eq!(response.status(), 303);
        let location = url::Url::parse(response.headers()["location"].to_str().unwrap()).unwrap();
        location
            .query_pairs()
            .find(|(k, _)| k == "code")
            .map(|(_, v)| v.into_owned())
            .expect("code in redirect")
    }

    pub async fn token(&self, form: &[(&str, &str)]) -> (u16, Value) {
        let r = self
            .http
            .post(self.url("/oauth/token"))
            .form(form)
            .send()
            .await
            .unwrap();
        let status = r.status().as_u16();
        (status, r.json().await.unwrap_or(Value::Null))
    }

    pub async fn exchange(&self, code: &str, verifier: &str) -> (u16, Value) {
        self.token(&[
            ("grant_type", "authorization_code"),
            ("code", code),
            ("redirect_uri", REDIRECT),
            ("code_verifier", verifier),
            ("client_id", "access-console"),
        ])
        .await
    }

    pub async fn refresh(&self, refresh_token: &str) -> (u16, Value) {
        self.token(&[
            ("grant_type", "refresh_token"),
            ("refresh_token", refresh_token),
            ("client_id", "access-console"),
        ])
        .await
    }

    pub async fn me(&self, access_token: &str) -> (u16, Value) {
        let r = self
            .http
            .get(self.url("/v1/me"))
            .bearer_auth(access_token)
            .send()
            .await
            .unwrap();
        (r.status().as_u16(), r.json().await.unwrap_or(Value::Null))
    }

    pub async fn signed_in(&self, login: (&str, &str)) -> Value {
        let code = self.code_for(login, VERIFIER).await;
        let (status, tokens) = self.exchange(&code, VERIFIER).await;
        assert_eq!(status, 200, "{tokens}");
        tokens
    }
}

/// The code step of a sign-in as its page shows it.
#[derive(Debug, Clone)]
pub struct CodeStep {
    pub request_id: String,
    /// The secret an enrolment page shows (`None` when the person is enrolled already).
    pub enrol_secret: Option<String>,
}

impl CodeStep {
    pub fn of(html: &str) -> Option<CodeStep> {
        if !html.contains("action=\"/oauth/authorize/code\"") {
            return None;
        }
        let attr = |name: &str| {
            html.split(&format!("{name}=\""))
                .nth(1)
                .and_then(|s| s.split('"').next())
                .map(str::to_string)
        };
        Some(CodeStep {
            request_id: html
                .split("name=\"request_id\" value=\"")
                .nth(1)
                .and_then(|s| s.split('"').next())
                .expect("the code form carries request_id")
                .to_string(),
            enrol_secret: attr("data-secret"),
        })
    }
}

impl Env {
    /// An access token for a demo persona.
    pub async fn token_for(&self, login: (&str, &str)) -> String {
        self.signed_in(login).await["access_token"]
            .as_str()
            .expect("access token")
            .to_string()
    }

    pub async fn get(&self, path: &str, token: &str) -> reqwest::Response {
        self.http
            .get(self.url(path))
            .bearer_auth(token)
            .send()
            .await
            .unwrap()
    }

    /// Status and JSON body (problem or resource) of a GET.
    pub async fn get_json(&self, path: &str, token: &str) -> (u16, Value) {
        let r = self.get(path, token).await;
        (r.status().as_u16(), r.json().await.unwrap_or(Value::Null))
    }

    /// Every user visible at `path` (a listing), following cursors; asserts each page is OK.
    pub async fn list_all(&self, path: &str, token: &str) -> Vec<Value> {
        let sep = if path.contains('?') { '&' } else { '?' };
        let mut items = Vec::new();
        let mut cursor: Option<String> = None;
        loop {
            let url = match &cursor {
                Some(c) => format!("{path}{sep}cursor={c}"),
                None => path.to_string(),
            };
            let (status, page) = self.get_json(&url, token).await;
            assert_eq!(status, 200, "{url}: {page}");
            items.extend(page["items"].as_array().unwrap().iter().cloned());
            match page["next_cursor"].as_str() {
                Some(c) => cursor = Some(c.to_string()),
                None => return items,
            }
        }
    }

    /// The feed from `after` to its end, following `has_more`.
    pub async fn changes_after(&self, after: i64, token: &str) -> (Vec<Value>, i64) {
        let mut after = after;
        let mut all = Vec::new();
        loop {
            let (status, batch) = self
                .get_json(&format!("/v1/changes?after={after}&limit=100"), token)
                .await;
            assert_eq!(status, 200, "{batch}");
            let changes = batch["changes"].as_array().unwrap();
            if let Some(last) = changes.last() {
                after = last["seq"].as_i64().unwrap();
            }
            all.extend(changes.iter().cloned());
            if !batch["has_more"].as_bool().unwrap() {
                return (all, batch["latest_seq"].as_i64().unwrap());
            }
        }
    }

    /// Where the demo organization's feed starts (the floor raised by the generated users).
    pub async fn feed_head(&self, token: &str) -> i64 {
        let (_, batch) = self.get_json("/v1/changes?after=999999999", token).await;
        batch["latest_seq"].as_i64().unwrap()
    }
}
