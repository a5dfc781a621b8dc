//! Managing profiles through the console (the window and `accessctl profiles`): checks as you
//! type, edit, test, export and import. The rules are the store's and the profile's; this adds
//! what needs the sessions.

use super::{
    export_profile, parse_profile_file, test_connection, ConnectionReport, FieldProblem, Profile,
};
use crate::token_store::{account, Client};
use crate::{Console, Error, Result};

impl Console {
    /// Every problem of `profile` as it would be saved (`editing`: the name of the profile
    /// being edited, so keeping its name is no clash). The editor asks this as the person types.
    pub fn check_profile(
        &self,
        profile: &Profile,
        editing: Option<&str>,
    ) -> Result<Vec<FieldProblem>> {
        self.profiles().problems(profile, editing)
    }

    /// Edits (and may rename) a stored profile. While any program on this computer (the app
    /// or accessctl) is signed in with it, its name, API base, issuer and client id stay as
    /// they are: the session was issued by that server for that client, and would otherwise
    /// be sent to another server or left behind in the keyring under the old name. Scopes may
    /// change at any time; they apply from the next sign-in. This is what mature consoles do
    /// (the refusal says to sign out first) rather than silently signing the person out.
    pub async fn update_profile(&self, old_name: &str, profile: Profile) -> Result<()> {
        let new = profile.clone().normalized();
        if let Ok(old) = self.profiles().get(old_name) {
            let moved = old.name != new.name
                || old.api_base != new.api_base
                || old.issuer() != new.issuer()
                || old.client_id != new.client_id;
            if moved && !old.builtin {
                if let Some(client) = self.signed_in_anywhere(old_name).await? {
                    let program = match client {
                        Client::App => "the Access Console app",
                        Client::Cli => "accessctl",
                    };
                    return Err(Error::InvalidInput(format!(
                        "You are signed in with '{old_name}' in {program}. Sign out of it first, then change its name, API base, issuer or client id: its session belongs to the server and client it points at now. (Scopes can be changed while signed in; they apply at the next sign-in.)"
                    )));
                }
            }
        }
        self.profiles().update(old_name, new)?;
        self.sessions.lock().expect("sessions").remove(old_name);
        Ok(())
    }

    /// Which program, if any, holds a sign-in of `profile` in the keyring.
    async fn signed_in_anywhere(&self, profile: &str) -> Result<Option<Client>> {
        let store = self.all_clients_store.clone();
        let profile = profile.to_string();
        tokio::task::spawn_blocking(move || {
            for client in [Client::App, Client::Cli] {
                if store.get(&account(client, &profile))?.is_some() {
                    return Ok(Some(client));
                }
            }
            Ok(None)
        })
        .await
        .map_err(|e| Error::Internal(e.to_string()))?
    }

    /// "Test connection" for a profile as typed in the editor (saved or not).
    pub async fn test_connection(&self, profile: &Profile) -> ConnectionReport {
        test_connection(self.http(), profile).await
    }

    /// "Test connection" for a stored profile (`accessctl profiles test NAME`).
    pub async fn test_profile(&self, name: &str) -> Result<ConnectionReport> {
        let profile = self.profiles().get(name)?;
        Ok(self.test_connection(&profile).await)
    }

    /// The `.acprofile` file's text for a stored profile.
    pub fn export_profile(&self, name: &str) -> Result<String> {
        export_profile(&self.profiles().get(name)?)
    }

    /// Reads a profile file and adds its profile; a name in use is refused like `profiles
    /// add` (the window first shows the file and lets the person pick another name).
    pub fn import_profile(&self, text: &str) -> Result<Profile> {
        let profile = parse_profile_file(text)?;
        self.add_profile(profile.clone())?;
        Ok(profile)
    }

    /// Points the Demo profile at a demo platform started after the console (see
    /// [`super::ProfileStore::set_demo_api_base`]).
    pub fn set_demo_api_base(&self, api_base: &str) {
        self.profiles().set_demo_api_base(api_base);
    }
}
