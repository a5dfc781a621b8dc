//! Shared setup: the platform emulator in-process over real sockets, the real OS keyring, and
//! the scripted browser (tests/browser/scripted-browser.mjs) doing what a person does.

use std::path::PathBuf;
use std::process::Stdio;
use std::sync::Arc;
use std::time::Duration;

use console_core::{BrowserOpener, Client, Console, ConsoleConfig, KeyringStore, Profile};
use platform_emulator::{persona, start, totp_secret_for, EmulatorConfig, RunningEmulator};

pub mod acting;
pub mod dir;
mod traced;

pub use traced::*;

pub const OWNER: (&str, &str) = persona("Owner").login();
pub const SUPPORT: (&str, &str) = persona("Support").login();
pub const MEMBER: (&str, &str) = persona("Member").login();
pub const PROVIDER: (&str, &str) = persona("Provider").login();
pub const CONFIG_OWNER: (&str, &str) = persona("Config Owner").login();
pub const CONFIG_MEMBER: (&str, &str) = persona("Config Member").login();

pub fn repo_root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../..")
}

pub fn scripted_browser() -> PathBuf {
    let path = repo_root().join("tests/browser/scripted-browser.mjs");
    assert!(
        repo_root().join("tests/node_modules").exists(),
        "tests/node_modules is missing: run `npm ci --prefix tests` (the README's test command does)"
    );
    path
}

/// Opens URLs with the scripted browser as a given person, like `$BROWSER` would.
pub struct ScriptedBrowser {
    pub login: String,
    pub password: String,
}

impl BrowserOpener for ScriptedBrowser {
    fn open(&self, url: &str) -> console_core::Result<()> {
        let mut child = std::process::Command::new("node")
            .arg(scripted_browser())
            .arg(url)
            .env("SCRIPTED_BROWSER_LOGIN", &self.login)
            .env("SCRIPTED_BROWSER_PASSWORD", &self.password)
            // A staff persona's documented authenticator secret: their sign-in asks for a code.
            .env(
                "SCRIPTED_BROWSER_TOTP_SECRET",
                totp_secret_for(&self.login).unwrap_or_default(),
            )
            .env_remove("SCRIPTED_BROWSER_CREDENTIALS")
            .stdin(Stdio::null())
            .spawn()
            .map_err(|e| console_core::Error::Internal(format!("node: {e}")))?;
        std::thread::spawn(move || child.wait());
        Ok(())
    }
}

/// The scripted browser as whoever is set last: one console, several people in turn.
pub struct AnyPerson(std::sync::Mutex<(String, String)>);

impl AnyPerson {
    pub fn new(login: (&str, &str)) -> Arc<Self> {
        Arc::new(AnyPerson(std::sync::Mutex::new((
            login.0.into(),
            login.1.into(),
        ))))
    }

    pub fn set(&self, login: (&str, &str)) {
        *self.0.lock().unwrap() = (login.0.into(), login.1.into());
    }
}

impl BrowserOpener for AnyPerson {
    fn open(&self, url: &str) -> console_core::Result<()> {
        let (login, password) = self.0.lock().unwrap().clone();
        ScriptedBrowser { login, password }.open(url)
    }
}

/// A browser that never comes back (the person walked away).
pub struct IdleBrowser;

impl BrowserOpener for IdleBrowser {
    fn open(&self, _url: &str) -> console_core::Result<()> {
        Ok(())
    }
}

pub async fn emulator(access_ttl: i64) -> RunningEmulator {
    start(EmulatorConfig {
        demo_seed: true,
        access_token_ttl_secs: access_ttl,
        ..EmulatorConfig::default()
    })
    .await
    .expect("emulator starts")
}

pub struct Harness {
    pub console: Arc<Console>,
    pub profile: String,
    pub config_dir: tempfile::TempDir,
    pub data_dir: tempfile::TempDir,
}

/// A console with its own config directory and a uniquely named profile, so parallel tests
/// never share a keyring entry.
pub fn console(
    api_base: &str,
    opener: Arc<dyn BrowserOpener>,
    timeout: Duration,
    scopes: &[&str],
) -> Harness {
    let config_dir = tempfile::tempdir().unwrap();
    let data_dir = tempfile::tempdir().unwrap();
    let console = Arc::new(Console::new(ConsoleConfig {
        config_dir: config_dir.path().to_path_buf(),
        data_dir: data_dir.path().to_path_buf(),
        demo_api_base: api_base.to_string(),
        store: Arc::new(KeyringStore),
        opener,
        sign_in_timeout: timeout,
        client: Client::App,
    }));
    let profile = format!("test-{}", uuid_like());
    console
        .add_profile(Profile {
            name: profile.clone(),
            api_base: api_base.to_string(),
            issuer: None,
            client_id: "access-console".into(),
            scopes: scopes.iter().map(|s| s.to_string()).collect(),
            builtin: false,
        })
        .unwrap();
    Harness {
        console,
        profile,
        config_dir,
        data_dir,
    }
}

impl Harness {
    /// The keyring account holding this console's sign-in on its profile.
    pub fn account(&self) -> String {
        account_of(&self.console, &self.profile)
    }

    /// Signs out and deletes the local copy, so no keyring entry or cache outlives the test.
    pub async fn sign_out(&self) {
        self.console
            .sign_out(&self.profile, console_core::LocalCopy::Delete)
            .await
            .unwrap();
    }
}

/// The keyring account holding `console`'s sign-in on `profile` (e.g. `app:Demo`).
pub fn account_of(console: &Console, profile: &str) -> String {
    console_core::token_store::account(console.client(), profile)
}

pub fn as_person(login: (&str, &str)) -> Arc<dyn BrowserOpener> {
    Arc::new(ScriptedBrowser {
        login: login.0.into(),
        password: login.1.into(),
    })
}

fn uuid_like() -> String {
    use std::time::{SystemTime, UNIX_EPOCH};
    let nanos = SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .unwrap()
        .as_nanos();
    format!("{nanos:x}-{}", std::process::id())
}

/// Every file under `dir`, read as bytes, searched for `needle`.
pub fn any_file_contains(dir: &std::path::Path, needle: &str) -> Option<PathBuf> {
    let mut stack = vec![dir.to_path_buf()];
    while let Some(d) = stack.pop() {
        for entry in std::fs::read_dir(&d).into_iter().flatten().flatten() {
            let path = entry.path();
            if path.is_dir() {
                stack.push(path);
            } else if let Ok(bytes) = std::fs::read(&path) {
                if bytes.windows(needle.len()).any(|w| w == needle.as_bytes()) {
                    return Some(path);
                }
            }
        }
    }
    None
}

pub async fn me_status(api_base: &str, token: &str) -> u16 {
    reqwest::Client::new()
        .get(format!("{api_base}/v1/me"))
        .bearer_auth(token)
        .send()
        .await
        .unwrap()
        .status()
        .as_u16()
}
