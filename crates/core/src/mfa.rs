//! Staff MFA (TOTP) as the console manages it: the platform serves each staff member's state
//! (`User::mfa_enrolled`), and an OWNER resets it when an authenticator is lost. The platform
//! decides who may (OWNER), asks for a recent sign-in (step-up, answered as
//! `Error::StepUpRequired`) and records the reset; the console only sends it.

use console_api::User;
use reqwest::Method;
use serde_json::json;

use crate::api_client::{encode, require_reason, Call};
use crate::sync::SyncOptions;
use crate::{Console, Result};

impl Console {
    /// Resets `id`'s authenticator if they are still at `expected_version`: they are signed out
    /// and set up a new one at their next sign-in. A 412 comes back as `Error::Conflict` with
    /// the server's current state.
    pub async fn reset_mfa(
        &self,
        profile: &str,
        id: &str,
        expected_version: i64,
        reason: &str,
    ) -> Result<User> {
        let body = json!({ "reason": require_reason(reason)? });
        let path = format!("/v1/users/{}/mfa", encode(id));
        let user: User = self
            .session(profile)?
            .call(&Call {
                method: Method::DELETE,
                path: &path,
                body: Some(body),
                if_match: Some(expected_version),
            })
            .await?;
        // The server's change reaches the cache through the feed; a failure here leaves the
        // reset done, and the next sync catches up.
        if let Err(e) = self.sync(profile, &SyncOptions::default(), &|_| {}).await {
            tracing::warn!(profile = %profile, "the reset is saved, but the cache did not catch up yet: {e}");
        }
        Ok(user)
    }
}
