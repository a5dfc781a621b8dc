//! Settings requests and values made from the schema, shared by the settings test files.

use std::collections::BTreeSet;

use serde_json::{json, Value};

use super::write::Answer;
use super::Env;

impl Env {
    pub async fn send(
        &self,
        method: reqwest::Method,
        path: &str,
        token: &str,
        if_match: Option<&str>,
        body: Option<Value>,
    ) -> Answer {
        let mut request = self.http.request(method, self.url(path)).bearer_auth(token);
        if let Some(tag) = if_match {
            request = request.header("If-Match", tag);
        }
        if let Some(body) = body {
            request = request.json(&body);
        }
        Answer::of(request.send().await.unwrap()).await
    }

    pub async fn settings(&self, token: &str) -> Answer {
        self.send(reqwest::Method::GET, "/v1/settings", token, None, None)
            .await
    }

    pub async fn patch_settings(&self, token: &str, if_match: Option<&str>, body: Value) -> Answer {
        self.send(
            reqwest::Method::PATCH,
            "/v1/settings",
            token,
            if_match,
            Some(body),
        )
        .await
    }

    /// Changes `changes` against whatever is current; asserts the change is accepted.
    pub async fn change(&self, token: &str, changes: Value, reason: &str) -> Value {
        let current = self.settings(token).await;
        let a = self
            .patch_settings(
                token,
                current.header("etag"),
                json!({"changes": changes, "reason": reason}),
            )
            .await;
        assert_eq!(a.status, 200, "{changes} accepted: {}", a.body);
        a.body
    }

    pub async fn schema_fields(&self, token: &str) -> Vec<Value> {
        let (status, schema) = self.get_json("/v1/settings/schema", token).await;
        assert_eq!(status, 200, "{schema}");
        schema["fields"].as_array().unwrap().clone()
    }
}

pub fn keys(errors: &Value) -> BTreeSet<String> {
    errors
        .as_array()
        .expect("errors listed")
        .iter()
        .map(|e| e["key"].as_str().unwrap().to_string())
        .collect()
}

/// A value of `field`'s type that breaks its bounds (or its type).
pub fn invalid_value(field: &Value) -> Value {
    let t = &field["type"];
    match t["kind"].as_str().unwrap() {
        "integer" => json!(t["max"].as_i64().unwrap() + 1),
        "boolean" => json!("yes"),
        "string" => json!("x".repeat(t["max_len"].as_u64().unwrap() as usize + 1)),
        "enum" => json!("not-one-of-them"),
        "text_list" => json!(["http://apps.example.com/callback"]),
        other => panic!("a field type the test does not know: {other}"),
    }
}

/// A valid value of `field`'s type that differs from `current`, at a bound where there is one.
pub fn other_valid_value(field: &Value, current: &Value) -> Value {
    let t = &field["type"];
    match t["kind"].as_str().unwrap() {
        "integer" => {
            let (min, max) = (t["min"].as_i64().unwrap(), t["max"].as_i64().unwrap());
            json!(if current.as_i64() == Some(max) {
                min
            } else {
                max
            })
        }
        "boolean" => json!(!current.as_bool().unwrap()),
        "string" => match field["key"].as_str().unwrap() {
            "support_email" => json!("frontdesk@demo-clinic.test"),
            _ => json!("é".repeat(t["max_len"].as_u64().unwrap() as usize)),
        },
        "enum" => t["values"]
            .as_array()
            .unwrap()
            .iter()
            .find(|v| *v != current)
            .unwrap()
            .clone(),
        "text_list" => json!([
            "https://apps.demo-clinic.test/callback",
            "http://127.0.0.1/cb"
        ]),
        other => panic!("a field type the test does not know: {other}"),
    }
}

pub const OWNER_ONLY: [&str; 6] = [
    "max_api_key_lifetime_days",
    "idle_sign_out_minutes",
    "password_min_length",
    "dependent_leaves_guardian_at_age",
    "mfa_required_for_staff",
    "max_acting_minutes",
];
