//! `accessctl`: the console core from a terminal, for scripts and support runbooks.

mod accounts;
mod directory;
mod output;
mod profiles;
mod roles;
mod settings;

use clap::{Parser, Subcommand};
use console_core::{Client, Console, ConsoleConfig, Error};

use output::Output;

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
    /// Sign out: revoke the session at the server and delete the stored tokens.
    Logout {
        /// Also delete this profile's local directory cache and its key.
        #[arg(long)]
        wipe_cache: bool,
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
}

fn main() {
    tracing_subscriber::fmt()
        .with_writer(std::io::stderr)
        .with_env_filter(
            tracing_subscriber::EnvFilter::try_from_default_env().unwrap_or_else(|_| "warn".into()),
        )
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
    match cli.command {
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
        Command::Logout { wipe_cache } => {
            let report = console.sign_out(&profile, wipe_cache).await?;
            out.signed_out(&profile, report);
        }
        Command::Sync => directory::sync(&console, &profile, out).await?,
        Command::Users(cmd) => directory::users(&console, &profile, cmd, out).await?,
        Command::Roles(cmd) => roles::roles(&console, &profile, cmd, out).await?,
        Command::Audit(cmd) => roles::audit(&console, &profile, cmd, out).await?,
        Command::Accounts(cmd) => accounts::accounts(&console, &profile, cmd, out).await?,
        Command::Keys(cmd) => accounts::keys(&console, &profile, cmd, out).await?,
        Command::Review { csv } => accounts::review(&console, &profile, csv, out).await?,
        Command::Settings(cmd) => settings::run(&console, &profile, cmd, out).await?,
        Command::Profiles(cmd) => profiles::run(&console, cmd, out)?,
    }
    Ok(())
}
