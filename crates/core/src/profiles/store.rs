//! The profiles file plus the built-in demo profile.
//!
//! The file is checked again on every read, with the same rules as `profiles add`: someone may
//! have edited it by hand (or copied it from another machine). A bad entry must not break the
//! others, and must not be usable either, so the store:
//! - lists only valid profiles (nothing can select or sign in with a bad one),
//! - reports each bad entry in [`ProfileStore::invalid`], naming the profile and the field,
//! - answers `get` of a bad profile with that same message (so `signin Prod` says what is wrong
//!   instead of "no such profile"),
//! - keeps the bad entry in the file exactly as written (the admin's edit is never silently
//!   thrown away by the next `profiles add`), and lets `profiles remove` delete it.

use std::path::{Path, PathBuf};
use std::sync::RwLock;

use serde::{Deserialize, Serialize};
use serde_json::Value;
use ts_rs::TS;

use super::{FieldProblem, Profile};
use crate::{Error, Result};

/// A stored profile that fails the checks: its name (or its position when it has none) and
/// what is wrong, in words an admin can act on.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct InvalidProfile {
    pub name: String,
    pub problem: String,
}

#[derive(Debug, Default, Serialize, Deserialize)]
struct ProfilesFile {
    selected: Option<String>,
    /// As written: a bad entry is kept verbatim when the file is saved again.
    #[serde(default)]
    profiles: Vec<Value>,
}

/// The file as read: the raw entries, and each entry either checked or refused.
struct Loaded {
    file: ProfilesFile,
    valid: Vec<Profile>,
    invalid: Vec<InvalidProfile>,
}

pub struct ProfileStore {
    path: PathBuf,
    /// Settable: the app starts the demo platform on demand, on whatever port is free then.
    demo: RwLock<Profile>,
}

fn entry_name(entry: &Value) -> Option<&str> {
    entry.get("name").and_then(Value::as_str)
}

impl ProfileStore {
    pub fn new(config_dir: &Path, demo_api_base: &str) -> Self {
        ProfileStore {
            path: config_dir.join("profiles.json"),
            demo: RwLock::new(Profile::demo(demo_api_base)),
        }
    }

    fn demo(&self) -> Profile {
        self.demo.read().expect("demo profile").clone()
    }

    /// Points the built-in Demo profile at a demo platform started later (e.g. "Try the demo
    /// platform" on the first-run screen).
    pub fn set_demo_api_base(&self, api_base: &str) {
        *self.demo.write().expect("demo profile") = Profile::demo(api_base);
    }

    fn read(&self) -> Result<Loaded> {
        let file: ProfilesFile = match std::fs::read_to_string(&self.path) {
            Ok(text) => serde_json::from_str(&text).map_err(|e| {
                Error::InvalidInput(format!(
                    "The profiles file {} is not valid ({e}); fix or delete it.",
                    self.path.display()
                ))
            })?,
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => ProfilesFile::default(),
            Err(e) => return Err(e.into()),
        };
        let mut valid: Vec<Profile> = Vec::new();
        let mut invalid = Vec::new();
        for (index, entry) in file.profiles.iter().enumerate() {
            let label = entry_name(entry)
                .map(str::to_string)
                .unwrap_or_else(|| format!("#{} (unnamed)", index + 1));
            match self.check_entry(entry, &valid) {
                Ok(profile) => valid.push(profile),
                Err(why) => invalid.push(InvalidProfile {
                    problem: format!(
                        "The profile '{label}' in {} cannot be used: {why} Fix it in that file, or remove it and add it again.",
                        self.path.display()
                    ),
                    name: label,
                }),
            }
        }
        Ok(Loaded {
            file,
            valid,
            invalid,
        })
    }

    /// The checks of `add`, plus what only a hand edit can break: the entry's shape, a name
    /// used twice, and a claim to be built in.
    fn check_entry(
        &self,
        entry: &Value,
        earlier: &[Profile],
    ) -> std::result::Result<Profile, String> {
        let mut profile: Profile = serde_json::from_value(entry.clone())
            .map_err(|e| format!("its entry is malformed ({e})."))?;
        // Built in means "shipped with the app"; a file cannot grant that (it would make the
        // profile impossible to edit or remove).
        profile.builtin = false;
        profile.validate().map_err(|e| e.to_string())?;
        let clash = |other: &str| other.eq_ignore_ascii_case(profile.name.trim());
        if clash(super::DEMO_PROFILE) {
            return Err(format!(
                "the name '{}' belongs to the built-in profile.",
                super::DEMO_PROFILE
            ));
        }
        if earlier.iter().any(|p| clash(&p.name)) {
            return Err("an earlier profile in the file has the same name (names are unique regardless of case).".into());
        }
        Ok(profile)
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

    /// Whether a profiles file exists: without one (and without demo mode) the app is on its
    /// first run, and offers to connect to a platform or to try the demo one.
    pub fn has_file(&self) -> bool {
        self.path.exists()
    }

    /// The usable profiles: the demo one first, then the file's valid entries.
    pub fn list(&self) -> Result<Vec<Profile>> {
        let mut all = vec![self.demo()];
        all.extend(self.read()?.valid);
        Ok(all)
    }

    /// The file's entries that fail the checks, each with what to fix.
    pub fn invalid(&self) -> Result<Vec<InvalidProfile>> {
        Ok(self.read()?.invalid)
    }

    pub fn get(&self, name: &str) -> Result<Profile> {
        if name == super::DEMO_PROFILE {
            return Ok(self.demo());
        }
        let loaded = self.read()?;
        if let Some(p) = loaded.valid.into_iter().find(|p| p.name == name) {
            return Ok(p);
        }
        if let Some(bad) = loaded.invalid.into_iter().find(|p| p.name == name) {
            return Err(Error::InvalidInput(bad.problem));
        }
        Err(Error::InvalidInput(format!(
            "There is no profile named '{name}'. List them with `profiles list`."
        )))
    }

    pub fn selected(&self) -> Result<String> {
        let loaded = self.read()?;
        Ok(loaded
            .file
            .selected
            .filter(|s| loaded.valid.iter().any(|p| &p.name == s))
            .unwrap_or_else(|| super::DEMO_PROFILE.to_string()))
    }

    pub fn select(&self, name: &str) -> Result<()> {
        self.get(name)?;
        let mut file = self.read()?.file;
        file.selected = Some(name.to_string());
        self.write(&file)
    }

    /// What is wrong with `profile` as an entry of this file: its own field problems, plus a
    /// name another profile (or the Demo one) has, regardless of case. `editing` is the name
    /// the profile has now when it is being edited, so keeping its own name is no clash.
    pub fn problems(&self, profile: &Profile, editing: Option<&str>) -> Result<Vec<FieldProblem>> {
        let profile = profile.clone().normalized();
        let mut problems = profile.problems();
        let file = self.read()?.file;
        if !problems.iter().any(|p| p.field == "name") && self.taken(&file, &profile.name, editing)
        {
            // Last, as `profiles add` always said: the profile's own problems come first.
            problems.push(FieldProblem {
                field: "name".into(),
                message: format!("A profile named '{}' already exists.", profile.name),
            });
        }
        Ok(problems)
    }

    /// Bad entries count too: two entries of one name would make `remove` ambiguous.
    fn taken(&self, file: &ProfilesFile, name: &str, editing: Option<&str>) -> bool {
        std::iter::once(super::DEMO_PROFILE)
            .chain(file.profiles.iter().filter_map(entry_name))
            .filter(|n| Some(*n) != editing)
            .any(|n| n.eq_ignore_ascii_case(name))
    }

    fn refuse_problems(&self, profile: &Profile, editing: Option<&str>) -> Result<()> {
        match self.problems(profile, editing)?.into_iter().next() {
            Some(problem) => Err(Error::InvalidInput(problem.message)),
            None => Ok(()),
        }
    }

    pub fn add(&self, profile: Profile) -> Result<()> {
        let profile = profile.normalized();
        self.refuse_problems(&profile, None)?;
        let mut file = self.read()?.file;
        let entry = serde_json::to_value(&profile).map_err(|e| Error::Internal(e.to_string()))?;
        file.profiles.push(entry);
        self.write(&file)
    }

    /// Replaces the profile named `old_name` (valid or not: editing is how a bad entry gets
    /// fixed from the window) with `profile`, in its place in the file. A rename carries the
    /// selection along. The Demo profile is built in and cannot be edited. Whether a signed-in
    /// session allows the change is the console's to decide ([`crate::Console::update_profile`]).
    pub fn update(&self, old_name: &str, profile: Profile) -> Result<()> {
        if old_name == super::DEMO_PROFILE {
            return Err(Error::InvalidInput(
                "The built-in Demo profile cannot be edited; add a profile of your own instead."
                    .into(),
            ));
        }
        let profile = profile.normalized();
        let mut file = self.read()?.file;
        let Some(index) = file
            .profiles
            .iter()
            .position(|p| entry_name(p) == Some(old_name))
        else {
            return Err(Error::InvalidInput(format!(
                "There is no profile named '{old_name}'."
            )));
        };
        self.refuse_problems(&profile, Some(old_name))?;
        file.profiles[index] =
            serde_json::to_value(&profile).map_err(|e| Error::Internal(e.to_string()))?;
        if file.selected.as_deref() == Some(old_name) {
            file.selected = Some(profile.name.clone());
        }
        self.write(&file)
    }

    /// Removes a profile, valid or not (removing is how an admin gets rid of a bad entry).
    pub fn remove(&self, name: &str) -> Result<()> {
        if name == super::DEMO_PROFILE {
            return Err(Error::InvalidInput(
                "The built-in Demo profile cannot be removed.".into(),
            ));
        }
        let mut file = self.read()?.file;
        let before = file.profiles.len();
        file.profiles.retain(|p| entry_name(p) != Some(name));
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
mod tests;
