//! Connection profiles: which platform to talk to and as which OAuth2 client.
//! Stored as JSON in the OS config directory; the built-in "Demo" profile is not stored.

use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};
use ts_rs::TS;
use url::{Host, Url};

use crate::{Error, Result};

pub const DEMO_PROFILE: &str = "Demo";
pub const DEFAULT_CLIENT_ID: &str = "access-console";
pub const DEFAULT_SCOPES: &[&str] = &["console", "offline_access"];

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct Profile {
    pub name: String,
    /// Base URL of the admin API, e.g. `https://api.example.org`.
    pub api_base: String,
    /// The OAuth2 issuer; `None` means the API base is also the issuer.
    pub issuer: Option<String>,
    pub client_id: String,
    pub scopes: Vec<String>,
    /// Built in (the demo platform): cannot be edited or removed.
    #[serde(default)]
    pub builtin: bool,
}

impl Profile {
    pub fn demo(api_base: &str) -> Profile {
        Profile {
            name: DEMO_PROFILE.into(),
            api_base: api_base.trim_end_matches('/').into(),
            issuer: None,
            client_id: DEFAULT_CLIENT_ID.into(),
            scopes: DEFAULT_SCOPES.iter().map(|s| s.to_string()).collect(),
            builtin: true,
        }
    }

    pub fn issuer(&self) -> &str {
        self.issuer.as_deref().unwrap_or(&self.api_base)
    }

    /// Checks what a person typed, with a message that says what to fix.
    pub fn validate(&self) -> Result<()> {
        let name = self.name.trim();
        if name.is_empty() || name.len() > 64 {
            return Err(Error::InvalidInput(
                "A profile needs a name of 1 to 64 characters.".into(),
            ));
        }
        check_url("API base URL", &self.api_base)?;
        if let Some(issuer) = &self.issuer {
            check_url("issuer URL", issuer)?;
        }
        if self.client_id.trim().is_empty() {
            return Err(Error::InvalidInput(
                "A profile needs the OAuth2 client id registered for the console.".into(),
            ));
        }
        Ok(())
    }
}

/// https everywhere, except plain http to this machine (local emulators, RFC 8252 loopback).
fn check_url(what: &str, value: &str) -> Result<()> {
    let url = Url::parse(value).map_err(|e| {
        Error::InvalidInput(format!("The {what} '{value}' is not a valid URL ({e})."))
    })?;
    let loopback = match url.host() {
        Some(Host::Domain(d)) => d == "localhost",
        Some(Host::Ipv4(ip)) => ip.is_loopback(),
        Some(Host::Ipv6(ip)) => ip.is_loopback(),
        None => false,
    };
    match url.scheme() {
        "https" => Ok(()),
        "http" if loopback => Ok(()),
        "http" => Err(Error::InvalidInput(format!(
            "The {what} must use https (plain http is allowed only for this machine): '{value}'."
        ))),
        other => Err(Error::InvalidInput(format!(
            "The {what} must be an https URL, not '{other}:'."
        ))),
    }
}

#[derive(Debug, Default, Serialize, Deserialize)]
struct ProfilesFile {
    selected: Option<String>,
    #[serde(default)]
    profiles: Vec<Profile>,
}

/// The profiles file plus the built-in demo profile.
pub struct ProfileStore {
    path: PathBuf,
    demo: Profile,
}

impl ProfileStore {
    pub fn new(config_dir: &Path, demo_api_base: &str) -> Self {
        ProfileStore {
            path: config_dir.join("profiles.json"),
            demo: Profile::demo(demo_api_base),
        }
    }

    fn read(&self) -> Result<ProfilesFile> {
        match std::fs::read_to_string(&self.path) {
            Ok(text) => serde_json::from_str(&text).map_err(|e| {
                Error::InvalidInput(format!(
                    "The profiles file {} is not valid ({e}); fix or delete it.",
                    self.path.display()
                ))
            }),
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok(ProfilesFile::default()),
            Err(e) => Err(e.into()),
        }
    }

    /// Written to a temporary file then renamed, so a crash never leaves half a file.
    fn write(&self, file: &ProfilesFile) -> Result<()> {
        if let Some(dir) = self.path.parent() {
            std::fs::create_dir_all(dir)?;
        }
        let tmp = self.path.with_extension("json.tmp");
        let text =
            serde_json::to_string_pretty(file).map_err(|e| Error::Internal(e.to_string()))?;
        std::fs::write(&tmp, text)?;
        std::fs::rename(&tmp, &self.path)?;
        Ok(())
    }

    pub fn list(&self) -> Result<Vec<Profile>> {
        let mut all = vec![self.demo.clone()];
        all.extend(self.read()?.profiles);
        Ok(all)
    }

    pub fn get(&self, name: &str) -> Result<Profile> {
        self.list()?
            .into_iter()
            .find(|p| p.name == name)
            .ok_or_else(|| {
                Error::InvalidInput(format!(
                    "There is no profile named '{name}'. List them with `profiles list`."
                ))
            })
    }

    pub fn selected(&self) -> Result<String> {
        let file = self.read()?;
        let names = self.list()?;
        Ok(file
            .selected
            .filter(|s| names.iter().any(|p| &p.name == s))
            .unwrap_or_else(|| self.demo.name.clone()))
    }

    pub fn select(&self, name: &str) -> Result<()> {
        self.get(name)?;
        let mut file = self.read()?;
        file.selected = Some(name.to_string());
        self.write(&file)
    }

    pub fn add(&self, mut profile: Profile) -> Result<()> {
        profile.name = profile.name.trim().to_string();
        profile.api_base = profile.api_base.trim().trim_end_matches('/').to_string();
        profile.builtin = false;
        profile.validate()?;
        if self
            .list()?
            .iter()
            .any(|p| p.name.eq_ignore_ascii_case(&profile.name))
        {
            return Err(Error::InvalidInput(format!(
                "A profile named '{}' already exists.",
                profile.name
            )));
        }
        let mut file = self.read()?;
        file.profiles.push(profile);
        self.write(&file)
    }

    pub fn remove(&self, name: &str) -> Result<()> {
        if name == self.demo.name {
            return Err(Error::InvalidInput(
                "The built-in Demo profile cannot be removed.".into(),
            ));
        }
        let mut file = self.read()?;
        let before = file.profiles.len();
        file.profiles.retain(|p| p.name != name);
        if file.profiles.len() == before {
            return Err(Error::InvalidInput(format!(
                "There is no profile named '{name}'."
            )));
        }
        if file.selected.as_deref() == Some(name) {
            file.selected = None;
        }
        self.write(&file)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn custom(name: &str, api: &str) -> Profile {
        Profile {
            name: name.into(),
            api_base: api.into(),
            issuer: None,
            client_id: "access-console".into(),
            scopes: vec!["console".into()],
            builtin: false,
        }
    }

    #[test]
    fn profiles_persist_and_demo_is_always_there() {
        let dir = tempfile::tempdir().unwrap();
        let store = ProfileStore::new(dir.path(), "http://127.0.0.1:47800");
        assert_eq!(store.selected().unwrap(), "Demo");
        store
            .add(custom("Prod", "https://api.example.org/"))
            .unwrap();
        store.select("Prod").unwrap();
        // A second store over the same directory sees what the first wrote.
        let again = ProfileStore::new(dir.path(), "http://127.0.0.1:47800");
        let names: Vec<_> = again.list().unwrap().into_iter().map(|p| p.name).collect();
        assert_eq!(names, ["Demo", "Prod"]);
        assert_eq!(
            again.get("Prod").unwrap().api_base,
            "https://api.example.org"
        );
        assert_eq!(again.selected().unwrap(), "Prod");
        again.remove("Prod").unwrap();
        assert_eq!(again.selected().unwrap(), "Demo");
        assert!(again.remove("Demo").is_err());
    }

    #[test]
    fn plain_http_is_refused_except_to_this_machine() {
        let dir = tempfile::tempdir().unwrap();
        let store = ProfileStore::new(dir.path(), "http://127.0.0.1:47800");
        let err = store
            .add(custom("Bad", "http://api.example.org"))
            .unwrap_err();
        assert!(err.to_string().contains("https"), "{err}");
        store.add(custom("Local", "http://localhost:8080")).unwrap();
        assert!(
            store.add(custom("local", "https://x.example")).is_err(),
            "names are unique regardless of case"
        );
        assert!(store.add(custom("", "https://x.example")).is_err());
    }
}
