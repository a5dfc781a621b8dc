//! Helpers for the access-decision tests: sign-ins with other scopes or resources,
//! introspection by a chosen client, and the sign-in form driven step by step.

use serde_json::Value;

use super::{challenge, Env, VERIFIER};

impl Env {
    /// Signs in with the standard request, `overrides` replacing or adding parameters
    /// (e.g. `scope`, `resource`), and exchanges the code. Returns status and token response.
    pub async fn signed_in_with(
        &self,
        login: (&str, &str),
        overrides: &[(&'static str, &str)],
    ) -> (u16, Value) {
        let mut params = Self::standard_params(&challenge(VERIFIER));
        for (key, value) in overrides {
            params.retain(|(k, _)| k != key);
            params.push((key, value.to_string()));
        }
        let response = self.sign_in_form(&params, login).await;
        assert_eq!(response.status(), 303, "signed in");
        let location = url::Url::parse(response.headers()["location"].to_str().unwrap()).unwrap();
        let code = location
            .query_pairs()
            .find(|(k, _)| k == "code")
            .map(|(_, v)| v.into_owned())
            .expect("code in redirect");
        self.exchange(&code, VERIFIER).await
    }

    /// RFC 7662 introspection, authenticated as `client` (id, secret).
    pub async fn introspect_as(&self, token: &str, client: (&str, &str)) -> (u16, Value) {
        let r = self
            .http
            .post(self.url("/oauth/introspect"))
            .basic_auth(client.0, Some(client.1))
            .form(&[("token", token)])
            .send()
            .await
            .unwrap();
        (r.status().as_u16(), r.json().await.unwrap_or_default())
    }

    /// Opens the sign-in form of a standard request and returns its `request_id`.
    pub async fn open_sign_in_form(&self) -> String {
        let params = Self::standard_params(&challenge(VERIFIER));
        let p: Vec<(&str, &str)> = params.iter().map(|(k, v)| (*k, v.as_str())).collect();
        let page = self.authorize(&p).await;
        assert_eq!(page.status(), 200, "the sign-in form is shown");
        let html = page.text().await.unwrap();
        html.split("name=\"request_id\" value=\"")
            .nth(1)
            .and_then(|s| s.split('"').next())
            .expect("form carries request_id")
            .to_string()
    }

    /// Submits the sign-in form of `request_id`.
    pub async fn submit_password(
        &self,
        request_id: &str,
        email: &str,
        password: &str,
    ) -> reqwest::Response {
        self.http
            .post(self.url("/oauth/authorize"))
            .form(&[
                ("request_id", request_id),
                ("email", email),
                ("password", password),
            ])
            .send()
            .await
            .unwrap()
    }

    /// How many authorization requests are pending in the platform's store.
    pub async fn pending_requests(&self) -> i64 {
        sqlx::query_scalar("SELECT count(*) FROM auth_requests")
            .fetch_one(&self.emu.state.pool)
            .await
            .unwrap()
    }
}
