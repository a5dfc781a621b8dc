//! The console facade the app and the CLI share.

use std::collections::HashMap;
use std::path::PathBuf;
use std::sync::{Arc, Mutex};
use std::time::Duration;

use tokio_util::sync::CancellationToken;

use crate::browser::{BrowserOpener, SystemBrowser};
use crate::ipc::{ProfilesView, SessionView};
use crate::oauth::{self, SignInOptions};
use crate::profiles::{Profile, ProfileStore};
use crate::session::Session;
use crate::token_store::{Client, ClientStore, KeyringStore, TokenStore};
use crate::{Error, Result};

pub use crate::session::SignOutReport;

pub const DEFAULT_DEMO_API_BASE: &str = "http://127.0.0.1:47800";

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
            demo_api_base: demo_api_base.unwrap_or_else(|| DEFAULT_DEMO_API_BASE.to_string()),
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
    store: Arc<dyn TokenStore>,
    opener: Arc<dyn BrowserOpener>,
    sign_in_timeout: Duration,
    http: reqwest::Client,
    sessions: Mutex<HashMap<String, Arc<Session>>>,
    pending_sign_in: Mutex<Option<CancellationToken>>,
    client: Client,
}

impl Console {
    pub fn new(config: ConsoleConfig) -> Self {
        Console {
            profiles: ProfileStore::new(&config.config_dir, &config.demo_api_base),
            data_dir: config.data_dir,
            directory: Default::default(),
            store: Arc::new(ClientStore::new(config.client, config.store)),
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

    /// The session object of a profile (one per profile, shared by all callers).
    pub fn session(&self, profile: &str) -> Result<Arc<Session>> {
        let p = self.profiles.get(profile)?;
        let mut sessions = self.sessions.lock().expect("sessions");
        let session = sessions.entry(p.name.clone()).or_insert_with(|| {
            Arc::new(Session::new(
                p.clone(),
                self.http.clone(),
                self.store.clone(),
            ))
        });
        // A profile edited since (e.g. the demo platform's port) gets a fresh session.
        if session.profile() != &p {
            *session = Arc::new(Session::new(p, self.http.clone(), self.store.clone()));
        }
        Ok(session.clone())
    }

    /// Signs in through the browser, stores the tokens in the keyring, returns who signed in.
    pub async fn sign_in(&self, profile: &str) -> Result<SessionView> {
        let session = self.session(profile)?;
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
            let metadata = session.metadata().await?.clone();
            let options = SignInOptions {
                opener: self.opener.clone(),
                timeout: self.sign_in_timeout,
                cancel: cancel.clone(),
            };
            let tokens =
                oauth::sign_in(session.profile(), &metadata, self.http.clone(), options).await?;
            session.save(tokens).await?;
            let me = session.me().await?;
            // The cache belongs to this person; another person on the profile gets another one.
            crate::directory::remember_user(&self.data_dir, profile, &me)?;
            Ok::<_, Error>(me)
        }
        .await;
        self.pending_sign_in.lock().expect("pending").take();
        Ok(SessionView {
            profile: profile.to_string(),
            me: result?,
        })
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
            return Ok(None);
        }
        match session.me().await {
            Ok(me) => {
                crate::directory::remember_user(&self.data_dir, profile, &me)?;
                Ok(Some(SessionView {
                    profile: profile.to_string(),
                    me,
                }))
            }
            Err(Error::SessionExpired(_)) | Err(Error::NotSignedIn(_)) => Ok(None),
            // Offline: still signed in (tokens in the keyring); the cache is browsable read-only.
            Err(e @ Error::Network { .. }) => {
                match crate::directory::remembered_me(&self.data_dir, profile) {
                    Some(me) => Ok(Some(SessionView {
                        profile: profile.to_string(),
                        me,
                    })),
                    None => Err(e),
                }
            }
            Err(e) => Err(e),
        }
    }

    pub async fn whoami(&self, profile: &str) -> Result<SessionView> {
        let me = self.session(profile)?.me().await?;
        Ok(SessionView {
            profile: profile.to_string(),
            me,
        })
    }

    /// Locks the window after the organization's idle time: the session ends at the server
    /// when it can be reached and its tokens leave memory and the keyring, so nothing can act
    /// for the person until they sign in again. The cache (and its key) stay, so the window
    /// resumes where it was.
    pub async fn lock(&self, profile: &str) -> Result<SignOutReport> {
        self.session(profile)?.sign_out().await
    }

    /// Signs out; with `wipe_cache` also deletes the local directory cache and its key.
    pub async fn sign_out(&self, profile: &str, wipe_cache: bool) -> Result<SignOutReport> {
        let report = self.session(profile)?.sign_out().await?;
        if wipe_cache {
            self.wipe_cache(profile).await?;
        }
        Ok(report)
    }
}
