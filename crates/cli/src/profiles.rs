use std::path::PathBuf;

use clap::Subcommand;
use console_core::profiles::{CheckStatus, ConnectionReport, DEFAULT_CLIENT_ID, DEFAULT_SCOPES};
use console_core::{Console, Error, Profile};

use crate::output::Output;

#[derive(Subcommand)]
pub enum ProfilesCommand {
    /// List profiles; the selected one is marked with *.
    List,
    /// Add a profile pointing at a platform.
    Add {
        name: String,
        /// Base URL of the admin API, e.g. https://api.example.org
        #[arg(long)]
        api_base: String,
        /// OAuth2 issuer, when it is not the API base URL.
        #[arg(long)]
        issuer: Option<String>,
        #[arg(long, default_value = DEFAULT_CLIENT_ID)]
        client_id: String,
        /// Scopes to request (repeat the flag); default: console offline_access.
        #[arg(long = "scope")]
        scopes: Vec<String>,
    },
    /// Change a profile; options left out keep their value. While signed in with it (here or
    /// in the app), only its scopes can change: sign out first to change the rest.
    Edit {
        name: String,
        /// A new name.
        #[arg(long)]
        rename: Option<String>,
        #[arg(long)]
        api_base: Option<String>,
        /// OAuth2 issuer; an empty value means "the same as the API base".
        #[arg(long)]
        issuer: Option<String>,
        #[arg(long)]
        client_id: Option<String>,
        /// Scopes to request (repeat the flag); replaces the profile's scopes.
        #[arg(long = "scope")]
        scopes: Vec<String>,
    },
    /// Test a profile's server: discovery, issuer, PKCE S256, endpoints, refresh tokens,
    /// scopes and the client id. Exits non-zero when a check fails.
    Test { name: String },
    /// Write a profile file (.acprofile, no secrets) to hand to others.
    Export {
        name: String,
        /// Where to write it (default: print it).
        #[arg(long, short)]
        output: Option<PathBuf>,
    },
    /// Add the profile in a profile file (.acprofile).
    Import { file: PathBuf },
    /// Remove a profile (sign out of it first to revoke its session).
    Remove { name: String },
    /// Make a profile the default.
    Select { name: String },
}

pub async fn run(console: &Console, cmd: ProfilesCommand, out: &Output) -> Result<(), Error> {
    match cmd {
        ProfilesCommand::List => out.profiles(&console.list_profiles()?),
        ProfilesCommand::Add {
            name,
            api_base,
            issuer,
            client_id,
            scopes,
        } => {
            let scopes = if scopes.is_empty() {
                DEFAULT_SCOPES.iter().map(|s| s.to_string()).collect()
            } else {
                scopes
            };
            console.add_profile(Profile {
                name: name.clone(),
                api_base,
                issuer,
                client_id,
                scopes,
                builtin: false,
            })?;
            out.done(&format!("Added profile '{name}'."));
        }
        ProfilesCommand::Edit {
            name,
            rename,
            api_base,
            issuer,
            client_id,
            scopes,
        } => {
            let old = console.profiles().get(&name)?;
            let new_name = rename.unwrap_or_else(|| name.clone());
            let edited = Profile {
                name: new_name.clone(),
                api_base: api_base.unwrap_or(old.api_base),
                issuer: issuer.map(Some).unwrap_or(old.issuer),
                client_id: client_id.unwrap_or(old.client_id),
                scopes: if scopes.is_empty() {
                    old.scopes
                } else {
                    scopes
                },
                builtin: false,
            };
            console.update_profile(&name, edited).await?;
            out.done(&format!("Saved profile '{new_name}'."));
        }
        ProfilesCommand::Test { name } => {
            let report = console.test_profile(&name).await?;
            print_report(&report, out);
            if !report.ok {
                return Err(Error::InvalidInput(format!(
                    "Signing in with '{name}' cannot work until what is marked FAIL is fixed."
                )));
            }
        }
        ProfilesCommand::Export { name, output } => {
            let text = console.export_profile(&name)?;
            match output {
                Some(path) => {
                    std::fs::write(&path, text)?;
                    out.done(&format!("Wrote profile '{name}' to {}.", path.display()));
                }
                None => print!("{text}"),
            }
        }
        ProfilesCommand::Import { file } => {
            let text = std::fs::read_to_string(&file)?;
            let profile = console.import_profile(&text)?;
            out.done(&format!(
                "Added profile '{}' ({}) from {}.",
                profile.name,
                profile.api_base,
                file.display()
            ));
        }
        ProfilesCommand::Remove { name } => {
            console.remove_profile(&name)?;
            out.done(&format!("Removed profile '{name}'."));
        }
        ProfilesCommand::Select { name } => {
            console.select_profile(&name)?;
            out.done(&format!("Profile '{name}' is now the default."));
        }
    }
    Ok(())
}

/// The same words as the window's report: one line per check, its status first.
fn print_report(report: &ConnectionReport, out: &Output) {
    if out.json {
        return out.print_json(report);
    }
    println!("Connection test of profile '{}':", report.profile);
    for check in &report.checks {
        let status = match check.status {
            CheckStatus::Ok => "ok  ",
            CheckStatus::Warn => "WARN",
            CheckStatus::Fail => "FAIL",
            CheckStatus::NotChecked => "--  ",
        };
        println!("  {status} {:<15} {}", check.title, check.detail);
    }
}
