//! Acting on behalf of someone (RFC 8693 delegation, issue 14): an OWNER starts acting for a
//! staff member with a reason and a duration, and until they stop (or the window closes)
//! every call of the profile's session goes out with the delegated token, and the directory
//! reads a temporary copy synced with it, so the console shows what that person sees.
//!
//! The owner's own session is held throughout: their tokens stay in the keyring, their copy is
//! closed (not deleted) and opens again at stop, without a new sign-in. The delegated token
//! lives in memory only, and the temporary copy's key too; both go at stop.

use std::time::{Duration, Instant};

use console_api::{ActingEligibility, ActingSession, DelegatedToken, StartActing};
use reqwest::Method;

use crate::api_client::{self, encode, require_reason, to_body, Answer, Call};
use crate::ipc::SessionView;
use crate::session::Session;
use crate::{Console, Error, Result, Secret};

/// The delegated credential of one acting session. Never written anywhere; `Debug` redacted.
pub(crate) struct Delegation {
    pub(crate) token: Secret,
    pub(crate) session: ActingSession,
    /// When the token stops working, on this machine's monotonic clock (from `expires_in`, so
    /// a skewed wall clock cannot stretch the window).
    deadline: Instant,
    /// The platform refused the token (ended early, or its clock says the window closed).
    pub(crate) over: bool,
}

impl std::fmt::Debug for Delegation {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Delegation")
            .field("token", &self.token)
            .field("session", &self.session)
            .field("over", &self.over)
            .finish()
    }
}

impl Delegation {
    pub(crate) fn new(token: DelegatedToken) -> Self {
        let secs = u64::try_from(token.expires_in).unwrap_or(0);
        Delegation {
            token: Secret::new(token.access_token),
            session: token.acting,
            deadline: Instant::now() + Duration::from_secs(secs),
            over: false,
        }
    }

    pub(crate) fn is_over(&self) -> bool {
        self.over || Instant::now() >= self.deadline
    }
}

impl Console {
    /// Whether the signed-in person may act for `user_id`, as the platform decides it (the
    /// window offers acting from this, and keeps no copy of the platform's rule).
    pub async fn acting_eligibility(
        &self,
        profile: &str,
        user_id: &str,
    ) -> Result<ActingEligibility> {
        self.session(profile)?
            .get(&format!("/v1/acting/eligibility/{}", encode(user_id)))
            .await
    }

    /// Starts acting for `user_id`: a high-risk operation made with the signed-in person's own
    /// token (it may answer `StepUpRequired`: `step_up`, then retry). Returns the subject's
    /// view (`me.acting` set). The caller then syncs, as after a sign-in: the temporary copy
    /// starts empty.
    pub async fn start_acting(
        &self,
        profile: &str,
        user_id: &str,
        reason: &str,
        minutes: u32,
    ) -> Result<SessionView> {
        let session = self.session(profile)?;
        if let Some(current) = session.acting() {
            return Err(Error::InvalidInput(format!(
                "You are acting for {} already; stop first, then start again.",
                current.subject_name
            )));
        }
        let body = to_body(&StartActing {
            user_id: user_id.to_string(),
            reason: require_reason(reason)?,
            minutes,
        })?;
        let call = Call {
            method: Method::POST,
            path: "/v1/acting",
            body: Some(body),
            if_match: None,
        };
        let token: DelegatedToken = session.own_call(&call).await?;
        // Nothing of the owner's copy stays open while the window shows someone else's view.
        self.copies().close(profile).await;
        self.reset_sync_status();
        let acting = token.acting.clone();
        session.begin_acting(Delegation::new(token));
        tracing::info!(
            profile,
            acting = %acting.id,
            subject = %acting.subject_id,
            "acting for someone else until {}",
            acting.expires_at
        );
        match session.me().await {
            Ok(me) => Ok(SessionView {
                profile: profile.to_string(),
                me,
                can_keep_copy: crate::local_copy::platform_can_seal(&session).await,
            }),
            Err(e) => {
                // Started but unusable: end it, rather than leave a window nobody watches.
                self.end_acting(profile, &session).await;
                Err(e)
            }
        }
    }

    /// Stops acting and returns the signed-in person's own view; their copy opens again with
    /// no new sign-in. When not acting, just that view.
    pub async fn stop_acting(&self, profile: &str) -> Result<SessionView> {
        let session = self.session(profile)?;
        self.end_acting(profile, &session).await;
        let view = self
            .current_session(profile)
            .await?
            .ok_or_else(|| Error::NotSignedIn(profile.to_string()))?;
        // The owner's copy opens again now, for the screens that read it next.
        if let Err(e) = self.cache(profile).await {
            tracing::info!(profile, "the own copy did not open again yet: {e}");
        }
        Ok(view)
    }

    /// Ends any acting on the profile: told to the platform when it can be (with the delegated
    /// token, or the own one once that expired), the temporary copy and the token gone either
    /// way. Never fails: the acting is over here whatever the platform answers.
    pub(crate) async fn end_acting(&self, profile: &str, session: &Session) {
        let Some(delegation) = session.end_acting() else {
            // A temporary copy left by a console that stopped while acting (its key is gone
            // with that process, so nobody can read it): removed as well.
            self.copies().end_acting(profile).await;
            return;
        };
        let path = format!("/v1/acting/{}", encode(&delegation.session.id));
        let call = Call {
            method: Method::DELETE,
            path: &path,
            body: None,
            if_match: None,
        };
        let told = match api_client::call_json::<ActingSession>(
            self.http(),
            &session.profile().api_base,
            &call,
            &delegation.token,
        )
        .await
        {
            Ok(Answer::Ok(_)) => Ok(()),
            // The window closed meanwhile: the actor's own token ends it.
            Ok(Answer::Unauthorized(_)) => session.own_call::<ActingSession>(&call).await.map(drop),
            Err(e) => Err(e),
        };
        if let Err(e) = told {
            tracing::warn!(
                profile,
                acting = %delegation.session.id,
                "acting ended here; the platform was not told: {e}"
            );
        }
        drop(delegation);
        self.copies().end_acting(profile).await;
        self.reset_sync_status();
        tracing::info!(profile, "acting stopped: back in the own session");
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn token(expires_in: i64) -> DelegatedToken {
        DelegatedToken {
            access_token: "dt_secret_value".into(),
            issued_token_type: console_api::ACCESS_TOKEN_TYPE.into(),
            token_type: "Bearer".into(),
            expires_in,
            scope: "console".into(),
            acting: ActingSession {
                id: "act_1".into(),
                subject_id: "usr_mia".into(),
                subject_name: "Mia Member".into(),
                actor_id: "usr_olivia".into(),
                actor_name: "Olivia Owner".into(),
                reason: "ticket 7".into(),
                started_at: 0,
                expires_at: expires_in,
                ended_at: None,
            },
        }
    }

    #[test]
    fn the_delegated_token_never_shows_in_debug_output() {
        let d = Delegation::new(token(300));
        let text = format!("{d:?}");
        assert!(!text.contains("dt_secret_value"), "{text}");
        assert!(
            text.contains("act_1"),
            "the session is still described: {text}"
        );
    }

    #[test]
    fn the_window_is_over_at_its_end_or_when_the_platform_says_so() {
        assert!(
            Delegation::new(token(0)).is_over(),
            "expires_in 0 is already over"
        );
        let mut d = Delegation::new(token(300));
        assert!(!d.is_over());
        d.over = true;
        assert!(d.is_over(), "a refused token ends the window early");
    }
}
