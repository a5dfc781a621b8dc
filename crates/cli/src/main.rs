//! `accessctl`: the console core from a terminal, for scripts and support runbooks.

mod accounts;
mod act_as;
mod directory;
mod invitations;
mod mfa;
mod output;
mod people;
mod profiles;
mod roles;
mod settings;
mod step_up;

use clap::{Parser, Subcommand};
use console_core::{Client, Console, ConsoleConfig, Error, LocalCopy};

use output::Output;
use tracing_subscriber::EnvFilter;

#[derive(Parser)]
#[command(
    name = "accessctl",
    version,
    about = "Administer access to your organization from a terminal"
)]
struct Cli {
    /// Profile to use (default: the selected profile; see `profiles list`).
    #[arg(long, global = true, env = "ACCESS_CONSOLE_PROFILE")]
    profile: Option<String>,
    /// Print JSON for scripts instead of text for people.
    #[arg(long, global = true)]
    json: bool,
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Sign in through your browser (authorization code + PKCE).
    Login,
    /// Show who is signed in, their organization, roles and console permissions.
    Whoami,
    /// Sign out: revoke the session at the server and delete the stored tokens and, unless
    /// kept, the local directory copy and its key.
    Logout {
        /// Keep the local copy for your next sign-in, sealed with a key only the platform hands
        /// out to you (it can never be opened once your access changes or ends).
        #[arg(long)]
        keep_copy: bool,
    },
    /// Bring the local directory cache up to date (full the first time, then changes only).
    Sync,
    /// Search and show users from the local cache (works offline).
    #[command(subcommand)]
    Users(directory::UsersCommand),
    /// Show and change staff role assignments (single or batch, with dry runs).
    #[command(subcommand)]
    Roles(roles::RolesCommand),
    /// Read the audit trail.
    #[command(subcommand)]
    Audit(roles::AuditCommand),
    /// Service accounts: list, create, show, M2M client secret.
    #[command(subcommand)]
    Accounts(accounts::AccountsCommand),
    /// API keys of a service account: create, list, rotate, disable, enable, revoke.
    #[command(subcommand)]
    Keys(accounts::KeysCommand),
    /// The access review: unused and expiring keys, accounts without an active owner.
    Review {
        /// CSV on stdout.
        #[arg(long)]
        csv: bool,
    },
    /// Show, change, compare and restore the organization's settings (config users).
    #[command(subcommand)]
    Settings(settings::SettingsCommand),
    /// List, add, remove or select connection profiles.
    #[command(subcommand)]
    Profiles(profiles::ProfilesCommand),
    /// Act for a staff member (an OWNER, with a reason, for a few minutes), run one command
    /// as them, then stop: `act-as usr_… --reason "…" --minutes 10 -- users search …`.
    #[command(name = "act-as")]
    ActAs {
        /// The user id of the person to act for.
        user: String,
        /// Why; recorded in the audit trail and the person's own timeline.
        #[arg(long)]
        reason: String,
        /// For how long (the organization sets the most).
        #[arg(long)]
        minutes: u32,
        /// The accessctl command to run as them, after `--`.
        #[arg(last = true, required = true, num_args = 1..)]
        command: Vec<String>,
    },
}

/// `RUST_LOG` (default `warn`), with the targets that print secrets always off.
fn log_filter(spec: Option<&str>) -> EnvFilter {
    let mut filter = spec
        .and_then(|s| EnvFilter::try_new(s).ok())
        .unwrap_or_else(|| EnvFilter::new("warn"));
    for directive in console_core::logs::off_directives() {
        filter = filter.add_directive(directive.parse().expect("a valid directive"));
    }
    filter
}

fn main() {
    // Logs go to stderr, so stdout stays the command's answer (a key, JSON) for scripts.
    let spec = std::env::var("RUST_LOG").ok();
    tracing_subscriber::fmt()
        .with_writer(std::io::stderr)
        .with_env_filter(log_filter(spec.as_deref()))
        .init();
    let cli = Cli::parse();
    let out = Output { json: cli.json };
    let runtime = tokio::runtime::Runtime::new().expect("tokio runtime");
    if let Err(e) = runtime.block_on(run(cli, &out)) {
        out.error(&e);
        std::process::exit(1);
    }
}

async fn run(cli: Cli, out: &Output) -> Result<(), Error> {
    let demo_url = std::env::var("ACCESS_CONSOLE_DEMO_URL").ok();
    let console = Console::new(ConsoleConfig::system(Client::Cli, demo_url)?);
    let profile = match &cli.profile {
        Some(p) => p.clone(),
        None => console.profiles().selected()?,
    };
    dispatch(&console, &profile, cli.command, out).await
}

/// Runs one command on `profile` (also the inner command of `act-as`).
async fn dispatch(
    console: &Console,
    profile: &str,
    command: Command,
    out: &Output,
) -> Result<(), Error> {
    let profile = profile.to_string();
    match command {
        Command::Login => {
            eprintln!("Opening your browser to sign in to profile '{profile}'… (Ctrl+C to cancel)");
            let view = tokio::select! {
                v = console.sign_in(&profile) => v?,
                _ = tokio::signal::ctrl_c() => return Err(Error::Cancelled),
            };
            out.session(&view, "Signed in");
        }
        Command::Whoami => {
            let view = console.whoami(&profile).await?;
            out.session(&view, "Signed in");
        }
        Command::Logout { keep_copy } => {
            let copy = if keep_copy {
                LocalCopy::Keep
            } else {
                LocalCopy::Delete
            };
            let report = console.sign_out(&profile, copy).await?;
            out.signed_out(&profile, report);
        }
        Command::Sync => directory::sync(console, &profile, out).await?,
        Command::Users(cmd) => directory::users(console, &profile, cmd, out).await?,
        Command::Roles(cmd) => roles::roles(console, &profile, cmd, out).await?,
        Command::Audit(cmd) => roles::audit(console, &profile, cmd, out).await?,
        Command::Accounts(cmd) => accounts::accounts(console, &profile, cmd, out).await?,
        Command::Keys(cmd) => accounts::keys(console, &profile, cmd, out).await?,
        Command::Review { csv } => accounts::review(console, &profile, csv, out).await?,
        Command::Settings(cmd) => settings::run(console, &profile, cmd, out).await?,
        Command::Profiles(cmd) => profiles::run(console, cmd, out).await?,
        Command::ActAs {
            user,
            reason,
            minutes,
            command,
        } => {
            // Parsed before acting starts: a typo must not open a window for nothing.
            let (inner, json) = inner_command(&profile, command)?;
            let act = act_as::ActAs {
                user,
                reason,
                minutes,
            };
            let out = Output {
                json: out.json || json,
            };
            act_as::run(console, &profile, act, inner, &out).await?
        }
    }
    Ok(())
}

/// The command after `--`, on the same profile (acting belongs to one profile's session).
fn inner_command(profile: &str, args: Vec<String>) -> Result<(Command, bool), Error> {
    let argv = std::iter::once("accessctl".to_string()).chain(args);
    let inner = Cli::try_parse_from(argv).map_err(|e| Error::InvalidInput(e.to_string()))?;
    if inner.profile.as_deref().is_some_and(|p| p != profile) {
        return Err(Error::InvalidInput(
            "the command after -- runs on act-as's own profile; give --profile before act-as"
                .into(),
        ));
    }
    Ok((inner.command, inner.json))
}

#[cfg(test)]
mod tests {
    use std::sync::{Arc, Mutex};

    use tracing_subscriber::layer::SubscriberExt;

    use super::*;

    #[derive(Clone, Default)]
    struct Captured(Arc<Mutex<Vec<u8>>>);

    impl std::io::Write for Captured {
        fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
            self.0.lock().unwrap().extend_from_slice(buf);
            Ok(buf.len())
        }
        fn flush(&mut self) -> std::io::Result<()> {
            Ok(())
        }
    }

    #[test]
    fn trace_level_still_silences_the_targets_that_print_secrets() {
        let out = Captured::default();
        let writer = out.clone();
        let subscriber = tracing_subscriber::registry()
            .with(tracing_subscriber::fmt::layer().with_writer(move || writer.clone()))
            .with(log_filter(Some("trace")));
        tracing::subscriber::with_default(subscriber, || {
            // What sqlx, reqwest's verbose connections and tauri's IPC spans emit.
            tracing::warn!(target: "sqlx::query", "PRAGMA key = \"x'00ff'\"");
            tracing::trace!(target: "reqwest::connect::verbose", "authorization: Bearer t0k3n");
            tracing::trace!(target: "tauri::ipc::protocol", "ipc answer acx_k3y");
            tracing::trace!(target: "console_core::sync", "the journey's own trace");
        });
        let text = String::from_utf8(out.0.lock().unwrap().clone()).unwrap();
        assert!(
            text.contains("the journey's own trace"),
            "trace is on: {text}"
        );
        for secret in ["00ff", "t0k3n", "acx_k3y"] {
            assert!(!text.contains(secret), "{secret} was logged: {text}");
        }
    }

    #[test]
    fn an_unreadable_filter_falls_back_to_warnings() {
        assert_eq!(
            log_filter(Some("=[")).max_level_hint(),
            Some(tracing::level_filters::LevelFilter::WARN)
        );
    }
}
