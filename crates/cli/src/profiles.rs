use clap::Subcommand;
use console_core::profiles::{DEFAULT_CLIENT_ID, DEFAULT_SCOPES};
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
    /// Remove a profile (sign out of it first to revoke its session).
    Remove { name: String },
    /// Make a profile the default.
    Select { name: String },
}

pub fn run(console: &Console, cmd: ProfilesCommand, out: &Output) -> Result<(), Error> {
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
