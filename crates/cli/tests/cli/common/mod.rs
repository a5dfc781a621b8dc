//! Runs the real `accessctl` binary with its own config and data folders.

use std::path::PathBuf;

// The same helpers as the console core's tests, from one file.
#[path = "../../../../core/tests/console/common/traced.rs"]
mod traced;
pub use traced::*;

use platform_emulator::{persona, start, totp_secret_for, EmulatorConfig, RunningEmulator};

pub const SUPPORT: (&str, &str) = persona("Support").login();
pub const OWNER: (&str, &str) = persona("Owner").login();
pub const CONFIG_OWNER: (&str, &str) = persona("Config Owner").login();
pub const CONFIG_MEMBER: (&str, &str) = persona("Config Member").login();

pub struct Run {
    pub code: i32,
    pub stdout: String,
    pub stderr: String,
}

pub struct Cli {
    pub config_home: tempfile::TempDir,
    pub demo_url: String,
    /// Who the scripted browser signs in as: (email, password).
    pub login: (&'static str, &'static str),
}

/// The emulator with the demo seed, in this process.
pub async fn demo_emulator() -> RunningEmulator {
    start(EmulatorConfig {
        demo_seed: true,
        ..EmulatorConfig::default()
    })
    .await
    .unwrap()
}

impl Cli {
    /// A CLI with config and data folders of its own (so no test sees another's profiles or
    /// tokens), whose Demo profile is `demo_url` and whose browser signs in as `login`.
    pub fn new(demo_url: &str, login: (&'static str, &'static str)) -> Cli {
        Cli {
            config_home: tempfile::tempdir().unwrap(),
            demo_url: demo_url.to_string(),
            login,
        }
    }

    /// Adds the profile `cli-<name>-<pid>` for `api_base` (the pid keeps the keyring entries of
    /// test runs apart) and signs in on it. Returns the profile's name.
    pub async fn signed_in(&self, name: &str, api_base: &str) -> String {
        let profile = format!("cli-{name}-{}", std::process::id());
        let r = self
            .run(&["profiles", "add", &profile, "--api-base", api_base])
            .await;
        assert_eq!(r.code, 0, "{}", r.stderr);
        let r = self.run(&["--profile", &profile, "login"]).await;
        assert_eq!(r.code, 0, "{}", r.stderr);
        profile
    }

    /// `args` on `profile`.
    pub async fn on(&self, profile: &str, args: &[&str]) -> Run {
        let mut all = vec!["--profile", profile];
        all.extend_from_slice(args);
        self.run(&all).await
    }

    pub async fn run(&self, args: &[&str]) -> Run {
        self.run_with_env(args, &[]).await
    }

    /// `run` with extra environment variables (e.g. `RUST_LOG`, or `HOME` for a test that
    /// searches every file the CLI may write).
    pub async fn run_with_env(&self, args: &[&str], env: &[(&str, &str)]) -> Run {
        let root = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../..");
        assert!(
            root.join("tests/node_modules").exists(),
            "run `npm ci --prefix tests` first"
        );
        let out = tokio::process::Command::new(env!("CARGO_BIN_EXE_accessctl"))
            .args(args)
            .env("XDG_CONFIG_HOME", self.config_home.path())
            .env("XDG_DATA_HOME", self.config_home.path().join("data"))
            .env("ACCESS_CONSOLE_DEMO_URL", &self.demo_url)
            .env("BROWSER", root.join("tests/browser/scripted-browser.mjs"))
            .env("SCRIPTED_BROWSER_LOGIN", self.login.0)
            .env("SCRIPTED_BROWSER_PASSWORD", self.login.1)
            // A staff persona's documented authenticator secret: their sign-in asks for a code.
            .env(
                "SCRIPTED_BROWSER_TOTP_SECRET",
                totp_secret_for(self.login.0).unwrap_or_default(),
            )
            .env_remove("SCRIPTED_BROWSER_CREDENTIALS")
            .env_remove("ACCESS_CONSOLE_PROFILE")
            .envs(env.iter().copied())
            .output()
            .await
            .expect("accessctl runs");
        // A process ended by a signal reports minus the signal's number (e.g. -11 for SIGSEGV).
        let code = out.status.code().unwrap_or_else(|| {
            use std::os::unix::process::ExitStatusExt;
            -out.status.signal().unwrap_or(1)
        });
        Run {
            code,
            stdout: String::from_utf8_lossy(&out.stdout).into_owned(),
            stderr: String::from_utf8_lossy(&out.stderr).into_owned(),
        }
    }
}
