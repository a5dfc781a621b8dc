//! One profile's signed-in state: tokens from the keyring, single-flight refresh, API calls.

use std::sync::{Arc, Mutex};

use console_api::Me;
use tokio::sync::OnceCell;

use crate::acting::Delegation;
use crate::api_client::{self, Answer, Call};
use crate::local_copy::OnSessionEnd;
use crate::oauth::{self, Metadata, OAuthClient};
use crate::profiles::Profile;
use crate::token_store::{now, TokenSet, TokenStore};
use crate::{Error, Result, Secret};

/// What sign-out managed to do. Local tokens are always deleted, even offline.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SignOutReport {
    pub revoked_at_server: bool,
    /// Why the server was not told, when it was not.
    pub note: Option<String>,
    /// The local copy was sealed for the same person's next sign-in.
    pub copy_kept: bool,
    /// Why a copy that was to be kept was deleted instead.
    pub copy_note: Option<String>,
}

pub struct Session {
    profile: Profile,
    http: reqwest::Client,
    store: Arc<dyn TokenStore>,
    metadata: OnceCell<Metadata>,
    /// Held only while refreshing, so concurrent callers wait for one refresh instead of each
    /// spending the (single-use) refresh token.
    refresh_lock: tokio::sync::Mutex<()>,
    /// The keyring's content, kept so that every API call need not cross D-Bus.
    cached: Mutex<Option<TokenSet>>,
    /// Told when the server ends this session, so nothing of it stays readable.
    on_end: OnSessionEnd,
    /// While the person acts for someone else: the delegated token (memory only) every call
    /// uses instead of their own, until `stop_acting` takes it out.
    acting: Mutex<Option<Delegation>>,
}

/// The token a call goes out with.
enum Credential {
    /// The signed-in person's own.
    Own(Secret),
    /// A delegated token: a 401 ends the acting, never falls back to the own token.
    Delegated { token: Secret, subject: String },
}

impl Session {
    pub(crate) fn new(
        profile: Profile,
        http: reqwest::Client,
        store: Arc<dyn TokenStore>,
        on_end: OnSessionEnd,
    ) -> Self {
        Session {
            profile,
            http,
            store,
            metadata: OnceCell::new(),
            refresh_lock: tokio::sync::Mutex::new(()),
            cached: Mutex::new(None),
            on_end,
            acting: Mutex::new(None),
        }
    }

    pub fn profile(&self) -> &Profile {
        &self.profile
    }

    pub async fn metadata(&self) -> Result<&Metadata> {
        self.metadata
            .get_or_try_init(|| oauth::discover(&self.http, self.profile.issuer()))
            .await
    }

    async fn oauth_client(&self) -> Result<OAuthClient> {
        OAuthClient::new(&self.profile, self.metadata().await?, self.http.clone())
    }

    async fn blocking<T: Send + 'static>(
        &self,
        f: impl FnOnce(&dyn TokenStore, &str) -> Result<T> + Send + 'static,
    ) -> Result<T> {
        let store = self.store.clone();
        let name = self.profile.name.clone();
        tokio::task::spawn_blocking(move || f(store.as_ref(), &name))
            .await
            .map_err(|e| Error::Internal(e.to_string()))?
    }

    async fn load(&self) -> Result<Option<TokenSet>> {
        if let Some(t) = self.cached.lock().expect("token cache").clone() {
            return Ok(Some(t));
        }
        let loaded = self.blocking(|s, p| s.get(p)).await?;
        *self.cached.lock().expect("token cache") = loaded.clone();
        Ok(loaded)
    }

    pub(crate) async fn save(&self, tokens: TokenSet) -> Result<()> {
        let copy = tokens.clone();
        self.blocking(move |s, p| s.set(p, &copy)).await?;
        *self.cached.lock().expect("token cache") = Some(tokens);
        Ok(())
    }

    async fn forget(&self) -> Result<()> {
        *self.cached.lock().expect("token cache") = None;
        self.blocking(|s, p| s.delete(p)).await
    }

    /// The server ended the session: the tokens go, and so does what the session could read.
    async fn ended(&self) -> Result<()> {
        self.forget().await?;
        (self.on_end)().await;
        Ok(())
    }

    /// The stored tokens (for the step-up, which replaces them only once it checked the new).
    pub(crate) async fn tokens(&self) -> Result<Option<TokenSet>> {
        self.load().await
    }

    pub async fn is_signed_in(&self) -> Result<bool> {
        Ok(self.load().await?.is_some())
    }

    /// A usable access token, refreshed first when it is about to expire.
    pub async fn access_token(&self) -> Result<Secret> {
        let current = self
            .load()
            .await?
            .ok_or_else(|| Error::NotSignedIn(self.profile.name.clone()))?;
        let now = now();
        // Without a refresh token (the server granted none) the access token is used until it
        // actually expires; after that the person must sign in again.
        let usable_without_refresh =
            current.refresh_token.is_none() && current.expires_at.is_some_and(|at| now < at);
        if !current.needs_refresh(now) || usable_without_refresh {
            return Ok(current.access_token);
        }
        Ok(self.refresh_after(&current).await?.access_token)
    }

    /// Refreshes now, whatever the expiry (e.g. after the server changed the person's roles).
    pub async fn refresh(&self) -> Result<()> {
        let current = self
            .load()
            .await?
            .ok_or_else(|| Error::NotSignedIn(self.profile.name.clone()))?;
        self.refresh_after(&current).await.map(|_| ())
    }

    /// Refreshes unless someone else already replaced `seen` while we waited for the lock.
    async fn refresh_after(&self, seen: &TokenSet) -> Result<TokenSet> {
        let _guard = self.refresh_lock.lock().await;
        let latest = self
            .load()
            .await?
            .ok_or_else(|| Error::NotSignedIn(self.profile.name.clone()))?;
        if latest.access_token != seen.access_token {
            return Ok(latest);
        }
        let Some(refresh) = latest.refresh_token.clone() else {
            self.ended().await?;
            return Err(Error::SessionExpired(
                "the server granted no refresh token and the access token expired".into(),
            ));
        };
        match self.oauth_client().await?.refresh(refresh.expose()).await {
            Ok(fresh) => {
                self.save(fresh.clone()).await?;
                Ok(fresh)
            }
            Err(e @ Error::SessionExpired(_)) => {
                // The server ended this sign-in (revoked, reused or past its lifetime).
                self.ended().await?;
                Err(e)
            }
            Err(e) => Err(e),
        }
    }

    /// GET an admin API resource, refreshing once if the server rejects the token.
    pub async fn get<T: serde::de::DeserializeOwned>(&self, path: &str) -> Result<T> {
        self.call(&Call::get(path)).await
    }

    /// Any admin API request, refreshing once if the server rejects the token. A mutation is
    /// sent again only after a 401, which the server answers before changing anything.
    /// While acting it goes out with the delegated token.
    pub async fn call<T: serde::de::DeserializeOwned>(&self, call: &Call<'_>) -> Result<T> {
        match self.credential().await? {
            Credential::Own(token) => self.own_call_with(call, token).await,
            Credential::Delegated { token, subject } => {
                match api_client::call_json(&self.http, &self.profile.api_base, call, &token)
                    .await?
                {
                    Answer::Ok(v) => Ok(v),
                    // The delegated token has no refresh: its window closed, or the platform
                    // ended it. What was started as the person is not finished as oneself.
                    Answer::Unauthorized(why) => {
                        tracing::info!(profile = %self.profile.name, "the delegated token was refused: {why}");
                        self.mark_acting_over(&token);
                        Err(Error::ActingEnded(subject))
                    }
                }
            }
        }
    }

    /// A request with the signed-in person's own token, also while they act for someone
    /// (starting and stopping acting, the per-person seal key).
    pub(crate) async fn own_call<T: serde::de::DeserializeOwned>(
        &self,
        call: &Call<'_>,
    ) -> Result<T> {
        let token = self.access_token().await?;
        self.own_call_with(call, token).await
    }

    async fn own_call_with<T: serde::de::DeserializeOwned>(
        &self,
        call: &Call<'_>,
        token: Secret,
    ) -> Result<T> {
        match api_client::call_json(&self.http, &self.profile.api_base, call, &token).await? {
            Answer::Ok(v) => Ok(v),
            Answer::Unauthorized(_) => {
                let seen = self
                    .load()
                    .await?
                    .ok_or_else(|| Error::NotSignedIn(self.profile.name.clone()))?;
                let fresh = self.refresh_after(&seen).await?;
                match api_client::call_json(
                    &self.http,
                    &self.profile.api_base,
                    call,
                    &fresh.access_token,
                )
                .await?
                {
                    Answer::Ok(v) => Ok(v),
                    Answer::Unauthorized(why) => {
                        self.ended().await?;
                        Err(Error::SessionExpired(why))
                    }
                }
            }
        }
    }

    /// The token for the next call: the delegated one while acting (refused once its window
    /// closed), the person's own otherwise.
    async fn credential(&self) -> Result<Credential> {
        if let Some(d) = self.acting.lock().expect("acting").as_ref() {
            if d.is_over() {
                return Err(Error::ActingEnded(d.session.subject_name.clone()));
            }
            return Ok(Credential::Delegated {
                token: d.token.clone(),
                subject: d.session.subject_name.clone(),
            });
        }
        Ok(Credential::Own(self.access_token().await?))
    }

    /// From now on every call is made as the subject of `delegation`.
    pub(crate) fn begin_acting(&self, delegation: Delegation) {
        *self.acting.lock().expect("acting") = Some(delegation);
    }

    /// Takes the delegation out (calls from now on use the own token again), if there was one.
    pub(crate) fn end_acting(&self) -> Option<Delegation> {
        self.acting.lock().expect("acting").take()
    }

    /// The platform refused `token`: that acting is over (not one started since).
    fn mark_acting_over(&self, token: &Secret) {
        if let Some(d) = self.acting.lock().expect("acting").as_mut() {
            if &d.token == token {
                d.over = true;
            }
        }
    }

    /// The acting session while the person acts for someone (ended or not), never the token.
    pub fn acting(&self) -> Option<console_api::ActingSession> {
        self.acting
            .lock()
            .expect("acting")
            .as_ref()
            .map(|d| d.session.clone())
    }

    /// Whether calls are made as someone else and that window is still open.
    pub(crate) fn acting_over(&self) -> Option<bool> {
        self.acting
            .lock()
            .expect("acting")
            .as_ref()
            .map(|d| d.is_over())
    }

    pub async fn me(&self) -> Result<Me> {
        self.get("/v1/me").await
    }

    /// Revokes at the server when it can be reached, and always deletes the local tokens.
    pub async fn sign_out(&self) -> Result<SignOutReport> {
        let Some(tokens) = self.load().await? else {
            return Ok(SignOutReport {
                revoked_at_server: false,
                note: Some("there was no stored sign-in".into()),
                copy_kept: false,
                copy_note: None,
            });
        };
        let revoked = match self.oauth_client().await {
            Ok(client) => client.revoke(&tokens).await,
            Err(e) => Err(e),
        };
        if let Err(e) = &revoked {
            tracing::warn!(profile = %self.profile.name, "could not revoke at the server: {e}");
        }
        self.forget().await?;
        Ok(SignOutReport {
            revoked_at_server: revoked.is_ok(),
            note: revoked.err().map(|e| e.to_string()),
            copy_kept: false,
            copy_note: None,
        })
    }
}
