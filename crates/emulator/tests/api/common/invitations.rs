//! Invitations over real sockets: an OWNER's requests, and the invited person's browser on the
//! platform's set-password page.

use serde_json::{json, Value};

use super::write::Answer;
use super::{Env, CONFIG_OWNER};

/// A strong password nobody in the demo uses.
pub const STRONG: &str = "plum-sextant-harbor-quietly-47";
pub const ANOTHER_STRONG: &str = "zebra-mailbox-1982x-lantern";

/// A set-password page: status and HTML.
pub struct Page {
    pub status: u16,
    pub html: String,
}

impl Env {
    /// `POST /v1/invitations` for a MEMBER.
    pub async fn invite(&self, token: &str, name: &str, email: &str) -> Answer {
        self.invite_as(token, name, email, &["MEMBER"]).await
    }

    pub async fn invite_as(&self, token: &str, name: &str, email: &str, roles: &[&str]) -> Answer {
        let body = json!({"display_name": name, "email": email, "roles": roles,
                          "reason": "joins the front desk"});
        self.post_json("/v1/invitations", token, &body).await
    }

    /// `POST /v1/invitations/{id}/{action}` (resend, withdraw) with `If-Match`.
    pub async fn invitation_action(
        &self,
        token: &str,
        id: &str,
        action: &str,
        if_match: Option<&str>,
    ) -> Answer {
        let mut request = self
            .http
            .post(self.url(&format!("/v1/invitations/{id}/{action}")))
            .bearer_auth(token)
            .json(&json!({"reason": format!("{action} it")}));
        if let Some(tag) = if_match {
            request = request.header("If-Match", tag);
        }
        Answer::of(request.send().await.unwrap()).await
    }

    /// The pending invitations, as an OWNER lists them.
    pub async fn invitations(&self, token: &str) -> Vec<Value> {
        let (status, list) = self.get_json("/v1/invitations", token).await;
        assert_eq!(status, 200, "{list}");
        list.as_array().unwrap().clone()
    }

    /// What the person's browser shows at the link.
    pub async fn open_link(&self, link: &str) -> Page {
        let r = self.http.get(link).send().await.unwrap();
        Page {
            status: r.status().as_u16(),
            html: r.text().await.unwrap(),
        }
    }

    /// The set-password form posted as a browser posts it.
    pub async fn set_password(&self, code: &str, password: &str, confirm: &str) -> Page {
        let r = self
            .http
            .post(self.url("/invitations/accept"))
            .form(&[("code", code), ("password", password), ("confirm", confirm)])
            .send()
            .await
            .unwrap();
        Page {
            status: r.status().as_u16(),
            html: r.text().await.unwrap(),
        }
    }

    /// A config Owner changes organization settings.
    pub async fn configure(&self, changes: Value) {
        let cora = self.token_for(CONFIG_OWNER).await;
        self.change(&cora, changes, "test setup").await;
    }

    /// Staff sign-in with a password only: the organization's MFA requirement is turned off,
    /// so these tests prove the password part whatever MFA the platform enforces.
    pub async fn without_mfa(&self) {
        self.configure(json!({"mfa_required_for_staff": false}))
            .await;
    }

    /// Whether the form signs this person in (303 to the client) or refuses them (401).
    pub async fn can_sign_in(&self, email: &str, password: &str) -> bool {
        let params = Env::standard_params(&super::challenge(super::VERIFIER));
        let r = self.sign_in_form(&params, (email, password)).await;
        match r.status().as_u16() {
            303 => true,
            401 => false,
            other => panic!("sign-in answered {other}"),
        }
    }
}

/// The code and the link of a created (or re-sent) invitation.
pub fn code_and_link(created: &Answer) -> (String, String) {
    (
        created.body["code"].as_str().expect("the code").to_string(),
        created.body["accept_url"]
            .as_str()
            .expect("the link")
            .to_string(),
    )
}
