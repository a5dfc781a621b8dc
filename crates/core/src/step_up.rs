//! Step-up (RFC 9470): when an operation answers `Error::StepUpRequired`, the person confirms
//! it is them with a fresh browser sign-in (`prompt=login`, `max_age`), and the caller retries
//! the operation once.
//!
//! The new tokens are checked before they replace the stored ones: `/v1/me` with the new
//! access token must name the person whose session this is. Someone else answering the browser
//! (a colleague at a shared workstation, a browser signed in to another account) is refused,
//! their new tokens are revoked at once, and the original session goes on untouched. When the
//! same person confirmed, the new tokens are stored and the old ones revoked, so no sign-in
//! that nobody holds stays valid.

use console_api::Me;

use crate::api_client::{self, Answer, Call};
use crate::ipc::SessionView;
use crate::oauth::{self, OAuthClient};
use crate::token_store::TokenSet;
use crate::{Console, Error, Result};

/// When the server did not say how recent the sign-in must be: `max_age=0` asks for a new
/// authentication whatever the server's session (OIDC Core §3.1.2.1), as `prompt=login` does.
const DEFAULT_MAX_AGE: u64 = 0;

impl Console {
    /// Confirms that the signed-in person is still at the keyboard: a browser sign-in of the
    /// same person, whose tokens then replace the session's. `max_age` is the challenge's.
    pub async fn step_up(&self, profile: &str, max_age: Option<u64>) -> Result<SessionView> {
        let session = self.session(profile)?;
        // A delegated token is never renewed: a newer sign-in of the actor would not make it
        // any more recent, so confirming here could only mislead.
        if let Some(acting) = session.acting() {
            return Err(Error::InvalidInput(format!(
                "You are acting for {}; stop acting, then confirm it is you and try again in \
                 your own session.",
                acting.subject_name
            )));
        }
        let old = session
            .tokens()
            .await?
            .ok_or_else(|| Error::NotSignedIn(profile.to_string()))?;
        let me = session.me().await?;
        let metadata = session.metadata().await?.clone();
        let (_cancel, mut options) = self.begin_browser_sign_in();
        options.max_age = Some(max_age.unwrap_or(DEFAULT_MAX_AGE));
        let p = session.profile().clone();
        let signed_in = oauth::sign_in(&p, &metadata, self.http().clone(), options).await;
        self.end_browser_sign_in();
        let oauth::SignedIn {
            tokens: fresh,
            identity,
        } = signed_in?;
        let client = OAuthClient::new(&p, &metadata, self.http().clone())?;

        let answered = who_answered(self, &p.api_base, &fresh).await;
        let refuse = |why: String| async {
            if let Err(e) = client.revoke_all(&fresh).await {
                tracing::warn!(
                    profile,
                    "could not revoke the refused step-up's tokens: {e}"
                );
            }
            Err(Error::AuthFailed(why))
        };
        let answered = match answered {
            Ok(a) => a,
            Err(e) => return refuse(format!("the new sign-in could not be checked ({e})")).await,
        };
        if answered.user_id != me.user_id {
            return refuse(format!(
                "{} signed in, but this session is {}'s. Only {} can confirm it is them; \
                 {}'s session goes on unchanged, and the new sign-in was revoked.",
                answered.display_name, me.display_name, me.display_name, me.display_name
            ))
            .await;
        }
        // OIDC: the new sign-in's validated ID token must name the same person as well (the
        // API answering for someone else than the ID token is a substituted token).
        if identity.as_ref().is_some_and(|i| i.subject != me.user_id) {
            return refuse(format!(
                "the new sign-in's ID token names another person than {}; {}'s session goes \
                 on unchanged, and the new sign-in was revoked.",
                me.display_name, me.display_name
            ))
            .await;
        }
        if let Err(e) = session.save(fresh.clone()).await {
            let _ = client.revoke_all(&fresh).await;
            return Err(e);
        }
        // The old sign-in is replaced; it must not stay valid with nobody holding it.
        if let Err(e) = client.revoke_all(&old).await {
            tracing::info!(profile, "could not revoke the replaced sign-in: {e}");
        }
        tracing::info!(profile, "step-up: the same person confirmed it is them");
        // The window replaces its session with this answer: it must still offer to keep the copy.
        let can_keep_copy = crate::local_copy::platform_can_seal(&session).await;
        Ok(SessionView {
            profile: profile.to_string(),
            me: answered,
            can_keep_copy,
        })
    }
}

/// `/v1/me` with the new tokens only, before they are stored anywhere.
async fn who_answered(console: &Console, api_base: &str, tokens: &TokenSet) -> Result<Me> {
    let call = Call::get("/v1/me");
    match api_client::call_json::<Me>(console.http(), api_base, &call, &tokens.access_token).await?
    {
        Answer::Ok(me) => Ok(me),
        Answer::Unauthorized(why) => Err(Error::AuthFailed(why)),
    }
}
