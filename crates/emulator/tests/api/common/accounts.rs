//! Service accounts and their credentials over real sockets: PATCH / DELETE with `If-Match`,
//! an account and keys created as an owner's console would, and calls made with a key.

use serde_json::{json, Value};

use super::write::Answer;
use super::Env;

pub const DAY: i64 = 86_400;
pub const HOUR: i64 = 3_600;
pub const BOT: &str = "usr_reminder_bot";

/// A new key's secret (the whole key), from its 201 answer.
pub fn secret_of(answer: &Answer) -> String {
    assert_eq!(answer.status, 201, "{}", answer.body);
    answer.body["secret"].as_str().unwrap().to_string()
}

/// A new key's id, from its 201 answer.
pub fn key_id_of(answer: &Answer) -> String {
    answer.body["key"]["id"].as_str().unwrap().to_string()
}

/// An owner's token and a fresh account owned by Olivia, for the keys of one test.
pub async fn owner_and_account(env: &Env) -> (String, String) {
    let owner = env.token_for(super::OWNER).await;
    let account = env
        .new_account(&owner, "Reminders", super::write::OLIVIA)
        .await;
    (owner, account["id"].as_str().unwrap().to_string())
}

pub fn path(id: &str) -> String {
    format!("/v1/service-accounts/{id}")
}

pub fn keys_path(account: &str) -> String {
    format!("/v1/service-accounts/{account}/keys")
}

/// The ETag of an account as answered.
pub fn tag(account: &Value) -> String {
    format!("\"{}\"", account["version"])
}

/// A time as the platform writes it in messages.
pub fn rfc3339(t: i64) -> String {
    time::OffsetDateTime::from_unix_timestamp(t)
        .unwrap()
        .format(&time::format_description::well_known::Rfc3339)
        .unwrap()
}

impl Env {
    pub async fn patch_json(
        &self,
        path: &str,
        token: &str,
        if_match: Option<&str>,
        body: &Value,
    ) -> Answer {
        let mut request = self
            .http
            .patch(self.url(path))
            .bearer_auth(token)
            .json(body);
        if let Some(tag) = if_match {
            request = request.header("If-Match", tag);
        }
        Answer::of(request.send().await.unwrap()).await
    }

    pub async fn delete(&self, path: &str, token: &str, if_match: Option<&str>) -> Answer {
        let mut request = self.http.delete(self.url(path)).bearer_auth(token);
        if let Some(tag) = if_match {
            request = request.header("If-Match", tag);
        }
        Answer::of(request.send().await.unwrap()).await
    }

    /// A POST without a body, as the console sends key actions and client-secret requests.
    pub async fn post_empty(&self, path: &str, token: &str) -> Answer {
        let request = self.http.post(self.url(path)).bearer_auth(token);
        Answer::of(request.send().await.unwrap()).await
    }

    /// Creates an account owned by `owner_id`; asserts 201.
    pub async fn new_account(&self, token: &str, name: &str, owner_id: &str) -> Value {
        let body = json!({"name": name, "description": "for a test", "owner_id": owner_id});
        let answer = self.post_json("/v1/service-accounts", token, &body).await;
        assert_eq!(answer.status, 201, "{}", answer.body);
        answer.body
    }

    /// The account as a GET answers it now; asserts 200.
    pub async fn account(&self, id: &str, token: &str) -> Value {
        let (status, account) = self
            .get_json(&format!("/v1/service-accounts/{id}"), token)
            .await;
        assert_eq!(status, 200, "{account}");
        account
    }

    /// Creates a key expiring `days` from the platform's now; returns the whole answer.
    pub async fn create_key(&self, token: &str, account: &str, name: &str, days: i64) -> Answer {
        let body = json!({"name": name, "expires_at": self.emu.state.now() + days * DAY});
        self.post_json(
            &format!("/v1/service-accounts/{account}/keys"),
            token,
            &body,
        )
        .await
    }

    /// `POST .../keys/{key}/{action}` with no body, as the console sends it.
    pub async fn key_action(&self, token: &str, account: &str, key: &str, action: &str) -> Answer {
        let path = format!("/v1/service-accounts/{account}/keys/{key}/{action}");
        self.post_empty(&path, token).await
    }

    /// The account's keys, newest first.
    pub async fn keys(&self, token: &str, account: &str) -> Vec<Value> {
        let path = format!("/v1/service-accounts/{account}/keys");
        self.list_all(&path, token).await
    }

    /// The problem code (or, on success, the user id) `/v1/me` answers for a key.
    pub async fn key_outcome(&self, key: &str) -> (u16, String) {
        let (status, body) = self.me(key).await;
        let what = if status == 200 {
            &body["user_id"]
        } else {
            &body["code"]
        };
        (status, what.as_str().unwrap_or_default().to_string())
    }

    /// The `client_credentials` grant with a client id and secret: status and body.
    pub async fn client_grant(&self, client_id: &str, secret: &str) -> (u16, Value) {
        self.token(&[
            ("grant_type", "client_credentials"),
            ("client_id", client_id),
            ("client_secret", secret),
        ])
        .await
    }
}
