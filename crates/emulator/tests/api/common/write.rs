//! Mutations over real sockets: PUT / POST with JSON, `If-Match` and extra headers; role and
//! status changes as a client that just read the person would make them; the audit trail.

use platform_emulator::persona;
use serde_json::Value;

use super::Env;

/// A mutation's answer: status, JSON body (resource or problem) and headers.
pub struct Answer {
    pub status: u16,
    pub body: Value,
    pub headers: reqwest::header::HeaderMap,
}

impl Answer {
    pub async fn of(r: reqwest::Response) -> Answer {
        let status = r.status().as_u16();
        let headers = r.headers().clone();
        Answer {
            status,
            body: r.json().await.unwrap_or(Value::Null),
            headers,
        }
    }

    /// The problem code of an error answer.
    pub fn code(&self) -> &str {
        self.body["code"].as_str().unwrap_or("")
    }

    pub fn header(&self, name: &str) -> Option<&str> {
        self.headers.get(name).and_then(|v| v.to_str().ok())
    }
}

pub const OLIVIA: &str = persona("Owner").id;
pub const SAM: &str = persona("Support").id;
pub const MIA: &str = persona("Member").id;
pub const PRIYA: &str = persona("Provider").id;
pub const PAT: &str = "usr_pat_patient";

impl Env {
    /// `PUT path` with a JSON body, an optional `If-Match` and optional extra headers.
    pub async fn put_json(
        &self,
        path: &str,
        token: &str,
        if_match: Option<&str>,
        body: &Value,
    ) -> Answer {
        self.put_json_with(path, token, if_match, &[], body).await
    }

    pub async fn put_json_with(
        &self,
        path: &str,
        token: &str,
        if_match: Option<&str>,
        headers: &[(&str, &str)],
        body: &Value,
    ) -> Answer {
        let mut request = self.http.put(self.url(path)).bearer_auth(token).json(body);
        if let Some(tag) = if_match {
            request = request.header("If-Match", tag);
        }
        for (name, value) in headers {
            request = request.header(*name, *value);
        }
        Answer::of(request.send().await.unwrap()).await
    }

    pub async fn post_json(&self, path: &str, token: &str, body: &Value) -> Answer {
        self.post_json_with(path, token, &[], body).await
    }

    pub async fn post_json_with(
        &self,
        path: &str,
        token: &str,
        headers: &[(&str, &str)],
        body: &Value,
    ) -> Answer {
        let mut request = self.http.post(self.url(path)).bearer_auth(token).json(body);
        for (name, value) in headers {
            request = request.header(*name, *value);
        }
        Answer::of(request.send().await.unwrap()).await
    }

    /// A user as the owner-visible directory has them now.
    pub async fn user(&self, id: &str, token: &str) -> Value {
        let (status, user) = self.get_json(&format!("/v1/users/{id}"), token).await;
        assert_eq!(status, 200, "{id}: {user}");
        user
    }

    /// The ETag of a user now (`"<version>"`).
    pub async fn etag(&self, id: &str, token: &str) -> String {
        format!("\"{}\"", self.user(id, token).await["version"])
    }

    /// Sets a user's roles with the current ETag, as a client that just read them would.
    pub async fn set_roles(&self, token: &str, id: &str, roles: &[&str], reason: &str) -> Answer {
        let tag = self.etag(id, token).await;
        let body = serde_json::json!({ "roles": roles, "reason": reason });
        self.put_json(&format!("/v1/users/{id}/roles"), token, Some(&tag), &body)
            .await
    }

    /// Sets a user's status with the current ETag.
    pub async fn set_status(&self, token: &str, id: &str, status: &str, reason: &str) -> Answer {
        let tag = self.etag(id, token).await;
        let body = serde_json::json!({ "status": status, "reason": reason });
        self.put_json(&format!("/v1/users/{id}/status"), token, Some(&tag), &body)
            .await
    }

    /// The demo organization's active owners other than Olivia (the generator makes a few).
    pub async fn other_active_owners(&self, token: &str) -> Vec<String> {
        self.list_all("/v1/users?role=OWNER&status=active", token)
            .await
            .iter()
            .map(|u| u["id"].as_str().unwrap().to_string())
            .filter(|id| id != OLIVIA)
            .collect()
    }

    /// Leaves Olivia the only active owner, by taking OWNER from everyone else over the API.
    pub async fn make_olivia_sole_owner(&self, token: &str) {
        for id in self.other_active_owners(token).await {
            let user = self.user(&id, token).await;
            let roles: Vec<&str> = user["staff_roles"]
                .as_array()
                .unwrap()
                .iter()
                .map(|r| r.as_str().unwrap())
                .filter(|r| *r != "OWNER")
                .collect();
            let answer = self.set_roles(token, &id, &roles, "test setup").await;
            assert_eq!(answer.status, 200, "{}", answer.body);
        }
        assert!(self.other_active_owners(token).await.is_empty());
    }

    /// The audit trail's newest events matching `query` (first page), and its total.
    pub async fn audit(&self, query: &str, token: &str) -> (Vec<Value>, i64) {
        let (status, page) = self.get_json(&format!("/v1/audit?{query}"), token).await;
        assert_eq!(status, 200, "{query}: {page}");
        (
            page["items"].as_array().unwrap().clone(),
            page["total"].as_i64().unwrap(),
        )
    }
}

impl Env {
    /// An access token of the demo service account (client credentials).
    pub async fn m2m_token(&self) -> String {
        let (status, tokens) = self
            .token(&[
                ("grant_type", "client_credentials"),
                ("client_id", platform_emulator::DEMO_M2M_CLIENT_ID),
                ("client_secret", platform_emulator::DEMO_M2M_CLIENT_SECRET),
            ])
            .await;
        assert_eq!(status, 200, "{tokens}");
        tokens["access_token"].as_str().unwrap().to_string()
    }
}
