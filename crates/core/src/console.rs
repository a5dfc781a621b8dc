//! The console facade the app and the CLI share.

use std::collections::HashMap;
use std::path::PathBuf;
use std::sync::{Arc, Mutex};
use std::time::Duration;

use tokio_util::sync::CancellationToken;

use crate::browser::{BrowserOpener, SystemBrowser};
use crate::ipc::{ProfilesView, SessionView};
use crate::local_copy::{Copies, Place};
use crate::oauth::{self, SignInOptions};
use crate::profiles::{Profile, ProfileStore};
use crate::session::Session;
use crate::token_store::{Client, ClientStore, KeyringStore, TokenStore};
use crate::{Error, Result};

pub use crate::session::SignOutReport;

/// What sign-out does with the person's local copy of the directory.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum LocalCopy {
    /// The default: the database, its -wal / -shm / -journal files and its key are deleted.
    #[default]
    Delete,
    /// Sealed with the platform's per-person key, for a faster next sign-in of the same person.
    Keep,
}

/// Where the demo platform answers unless told otherwise.
pub fn default_demo_api_base() -> String {
    format!("http://127.0.0.1:{}", console_api::DEMO_PORT)
}

pub struct ConsoleConfig {
    pub config_dir: PathBuf,
    /// Where caches and logs live (never secrets).
    pub data_dir: PathBuf,
    /// Where the built-in Demo profile points.
    pub demo_api_base: String,
    pub store: Arc<dyn TokenStore>,
    pub opener: Arc<dyn BrowserOpener>,
    pub sign_in_timeout: Duration,
    /// The program this console runs in: its sessions are its own (keyring account
    /// `app:Demo` or `cli:Demo`), so the app and the CLI never spend each other's refresh token.
    pub client: Client,
}

impl ConsoleConfig {
    /// The OS config directory, the OS keyring and the system browser, for `client`.
    pub fn system(client: Client, demo_api_base: Option<String>) -> Result<Self> {
        Ok(ConsoleConfig {
            config_dir: crate::paths::config_dir()?,
            data_dir: crate::paths::data_dir()?,
            demo_api_base: demo_api_base.unwrap_or_else(default_demo_api_base),
            store: Arc::new(KeyringStore),
            opener: Arc::new(SystemBrowser),
            sign_in_timeout: Duration::from_secs(5 * 60),
            client,
        })
    }
}

pub struct Console {
    profiles: ProfileStore,
    data_dir: PathBuf,
    directory: crate::directory::DirectoryState,
    copies: Arc<Copies>,
    store: Arc<dyn TokenStore>,
    /// The keyring under every client's accounts: a profile's server may change only while
    /// no program (app or CLI) holds a session of it (see `Console::update_profile`).
    pub(crate) all_clients_store: Arc<dyn TokenStore>,
    opener: Arc<dyn BrowserOpener>,
    sign_in_timeout: Duration,
    http: reqwest::Client,
    pub(crate) sessions: Mutex<HashMap<String, Arc<Session>>>,
    pending_sign_in: Mutex<Option<CancellationToken>>,
    client: Client,
}

impl Console {
    pub fn new(config: ConsoleConfig) -> Self {
        Console {
            profiles: ProfileStore::new(&config.config_dir, &config.demo_api_base),
            copies: Copies::new(Place::new(&config.data_dir, config.client.as_str())),
            data_dir: config.data_dir,
            directory: Default::default(),
            store: Arc::new(ClientStore::new(config.client, config.store.clone())),
            all_clients_store: config.store,
            opener: config.opener,
            sign_in_timeout: config.sign_in_timeout,
            http: oauth::http_client(),
            sessions: Mutex::new(HashMap::new()),
            pending_sign_in: Mutex::new(None),
            client: config.client,
        }
    }

    /// The program this console runs in; its sessions are its own.
    pub fn client(&self) -> Client {
        self.client
    }

    pub fn data_dir(&self) -> &std::path::Path {
        &self.data_dir
    }

    pub(crate) fn directory(&self) -> &crate::directory::DirectoryState {
        &self.directory
    }

    pub(crate) fn copies(&self) -> &Arc<Copies> {
        &self.copies
    }

    pub fn profiles(&self) -> &ProfileStore {
        &self.profiles
    }

    pub fn list_profiles(&self) -> Result<ProfilesView> {
        Ok(ProfilesView {
            profiles: self.profiles.list()?,
            selected: self.profiles.selected()?,
        })
    }

    pub fn select_profile(&self, name: &str) -> Result<ProfilesView> {
        self.profiles.select(name)?;
        self.list_profiles()
    }

    pub fn add_profile(&self, profile: Profile) -> Result<()> {
        self.profiles.add(profile)
    }

    pub fn remove_profile(&self, name: &str) -> Result<()> {
        self.profiles.remove(name)?;
        self.sessions.lock().expect("sessions").remove(name);
        Ok(())
    }

    /// The profile's session object if one exists already: no read of the profiles file, for
    /// the hot path of local reads (every keystroke of a search checks the session).
    pub(crate) fn known_session(&self, profile: &str) -> Option<Arc<Session>> {
        self.sessions
            .lock()
            .expect("sessions")
            .get(profile)
            .cloned()
    }

    /// The session object of a profile (one per profile, shared by all callers).
    pub fn session(&self, profile: &str) -> Result<Arc<Session>> {
        let p = self.profiles.get(profile)?;
        let mut sessions = self.sessions.lock().expect("sessions");
        let new_session = |p: Profile| {
            let on_end = self.copies.on_session_end(&p.name);
            Arc::new(Session::new(
                p,
                self.http.clone(),
                self.store.clone(),
                on_end,
            ))
        };
        let session = sessions
            .entry(p.name.clone())
            .or_insert_with(|| new_session(p.clone()));
        // A profile edited since (e.g. the demo platform's port) gets a fresh session.
        if session.profile() != &p {
            *session = new_session(p);
        }
        Ok(session.clone())
    }

    /// Signs in through the browser, stores the tokens in the keyring, returns who signed in.
    pub async fn sign_in(&self, profile: &str) -> Result<SessionView> {
        let session = self.session(profile)?;
        // Whoever signs in now, nothing goes on as someone else meanwhile.
        self.end_acting(profile, &session).await;
        // Whoever signs in next, no copy stays open meanwhile (and none opens until it ends).
        let _signing_in = self.copies.begin_sign_in().await;
        self.reset_sync_status();
        let cancel = CancellationToken::new();
        if let Some(previous) = self
            .pending_sign_in
            .lock()
            .expect("pending")
            .replace(cancel.clone())
        {
            previous.cancel();
        }
        let result = async {
            let options = SignInOptions {
                opener: self.opener.clone(),
                timeout: self.sign_in_timeout,
                cancel: cancel.clone(),
                prompt_login: false,
                max_age: None,
            };
            // Sign-in hygiene (issue 10): keyring probe, prompt=login after a sign-out, tokens
            // that cannot be stored revoked. Browser sign-in and storing the tokens happen there.
            let (store, http) = (self.store.clone(), self.http.clone());
            let identity =
                oauth::hygiene::sign_in_and_store(&session, store, &self.data_dir, http, options)
                    .await?;
            let me = session.me().await?;
            // OpenID Connect (issue 11): the validated ID token must name this same person.
            oauth::id_token::check_same_person(&session, identity.as_ref(), &me).await?;
            // The copy belongs to this person; another person on the profile gets another one.
            let can_keep_copy = self.copies.adopt(profile, &me, &session).await?;
            Ok::<_, Error>((me, can_keep_copy))
        }
        .await;
        self.pending_sign_in.lock().expect("pending").take();
        let (me, can_keep_copy) = result?;
        Ok(SessionView {
            profile: profile.to_string(),
            me,
            can_keep_copy,
        })
    }

    /// What a browser sign-in needs, for the step-up (crate::step_up): a new cancellable
    /// sign-in (replacing any pending one, so `cancel_sign_in` reaches it), opener, timeout.
    pub(crate) fn begin_browser_sign_in(&self) -> (CancellationToken, SignInOptions) {
        let cancel = CancellationToken::new();
        let previous = self
            .pending_sign_in
            .lock()
            .expect("pending")
            .replace(cancel.clone());
        if let Some(previous) = previous {
            previous.cancel();
        }
        let options = SignInOptions {
            opener: self.opener.clone(),
            timeout: self.sign_in_timeout,
            cancel: cancel.clone(),
            prompt_login: true,
            max_age: None,
        };
        (cancel, options)
    }

    pub(crate) fn end_browser_sign_in(&self) {
        self.pending_sign_in.lock().expect("pending").take();
    }

    pub(crate) fn http(&self) -> &reqwest::Client {
        &self.http
    }

    pub fn cancel_sign_in(&self) {
        if let Some(token) = self.pending_sign_in.lock().expect("pending").take() {
            token.cancel();
        }
    }

    /// The stored sign-in of a profile, if it is still good; `None` when signed out or ended.
    pub async fn current_session(&self, profile: &str) -> Result<Option<SessionView>> {
        let session = self.session(profile)?;
        if !session.is_signed_in().await? {
            // No held session: whatever was left of one is closed and, unless sealed, deleted.
            self.copies.end_session(profile).await?;
            return Ok(None);
        }
        let view = |me, can_keep_copy| SessionView {
            profile: profile.to_string(),
            me,
            can_keep_copy,
        };
        match session.me().await {
            // Acting for someone: `me` is the subject, the session is still the actor's own.
            Ok(me) if me.acting.is_some() => {
                let actor = me.acting.as_ref().map(|a| a.actor_id.as_str());
                if self.copies.place.signed_in_user(profile).as_deref() != actor {
                    return Err(Error::Internal(
                        "acting from a session this console did not see sign in".into(),
                    ));
                }
                let can_keep = crate::local_copy::platform_can_seal(&session).await;
                Ok(Some(view(me, can_keep)))
            }
            Ok(me) => {
                if self.copies.place.signed_in_user(profile).as_deref() != Some(&me.user_id) {
                    // Tokens of someone this console did not see sign in: adopt them as a
                    // sign-in (another person's unsealed copy goes).
                    let can_keep = self.copies.adopt(profile, &me, &session).await?;
                    return Ok(Some(view(me, can_keep)));
                }
                self.copies.place.refresh_identity(profile, &me)?;
                let can_keep = crate::local_copy::platform_can_seal(&session).await;
                Ok(Some(view(me, can_keep)))
            }
            Err(Error::SessionExpired(_)) | Err(Error::NotSignedIn(_)) => Ok(None),
            // Offline inside a held session (tokens in the keyring): the copy is browsable
            // read-only; keeping it at sign-out needs the platform, so it is not offered.
            // (Not while acting: the remembered answer is the actor's own, not the subject's.)
            Err(e @ Error::Network { .. }) if session.acting().is_some() => Err(e),
            Err(e @ Error::Network { .. }) => match self.copies.place.remembered_me(profile) {
                Some(me) => Ok(Some(view(me, false))),
                None => Err(e),
            },
            Err(e) => Err(e),
        }
    }

    pub async fn whoami(&self, profile: &str) -> Result<SessionView> {
        let me = self.session(profile)?.me().await?;
        Ok(SessionView {
            profile: profile.to_string(),
            me,
            can_keep_copy: false,
        })
    }

    /// Locks the window after the organization's idle time: the session ends at the server
    /// when it can be reached and its tokens leave memory and the keyring, so nothing can act
    /// for the person until they sign in again. The copy is sealed, so the same person signing
    /// in again resumes where they were (deleted when the platform cannot seal it).
    pub async fn lock(&self, profile: &str) -> Result<SignOutReport> {
        self.sign_out(profile, LocalCopy::Keep).await
    }

    /// Signs out: the copy is deleted, or sealed when kept (which needs the platform). Then the
    /// session is revoked at the server and its tokens deleted here, offline too.
    pub async fn sign_out(&self, profile: &str, copy: LocalCopy) -> Result<SignOutReport> {
        // The next sign-in on this profile asks the identity provider for a fresh login.
        oauth::hygiene::mark_signed_out(&self.data_dir, profile);
        let session = self.session(profile)?;
        // Acting ends first: the platform is told with the tokens still here.
        self.end_acting(profile, &session).await;
        let mut copy_kept = false;
        let mut copy_note = None;
        if copy == LocalCopy::Keep && session.is_signed_in().await? {
            match self.copies.seal(profile, &session).await {
                Ok(kept) => copy_kept = kept,
                Err(e) => {
                    tracing::info!(profile, "the local copy could not be sealed: {e}");
                    copy_note = Some(format!("Your local copy was deleted, not kept: {e}"));
                }
            }
        }
        // Before the tokens go: an unsealed copy must never outlive the session.
        self.copies.end_session(profile).await?;
        let mut report = session.sign_out().await?;
        report.copy_kept = copy_kept;
        report.copy_note = copy_note;
        Ok(report)
    }
}
