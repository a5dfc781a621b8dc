use super::*;
use serde_json::json;

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

fn store() -> (tempfile::TempDir, ProfileStore) {
    let dir = tempfile::tempdir().unwrap();
    let store = ProfileStore::new(dir.path(), "http://127.0.0.1:47999");
    (dir, store)
}

fn names(store: &ProfileStore) -> Vec<String> {
    store.list().unwrap().into_iter().map(|p| p.name).collect()
}

#[test]
fn profiles_persist_and_demo_is_always_there() {
    let (dir, store) = store();
    assert_eq!(store.selected().unwrap(), "Demo");
    store
        .add(custom("Prod", "https://api.example.org/"))
        .unwrap();
    store.select("Prod").unwrap();
    // A second store over the same directory sees what the first wrote.
    let again = ProfileStore::new(dir.path(), "http://127.0.0.1:47999");
    assert_eq!(names(&again), ["Demo", "Prod"]);
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
    let (_dir, store) = store();
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
    let mut two_in_one = custom("Scopes", "https://x.example");
    two_in_one.scopes = vec!["console offline_access".into()];
    let err = store.add(two_in_one).unwrap_err();
    assert!(err.to_string().contains("scope"), "{err}");
}

/// Writes the file as an admin's editor would, bypassing `add`.
fn hand_edit(dir: &tempfile::TempDir, selected: &str, profiles: Value) {
    let text = json!({"selected": selected, "profiles": profiles}).to_string();
    std::fs::write(dir.path().join("profiles.json"), text).unwrap();
}

fn entry(name: &str, api: &str) -> Value {
    serde_json::to_value(custom(name, api)).unwrap()
}

#[test]
fn a_hand_edited_bad_profile_is_refused_by_name_and_field_and_the_others_still_work() {
    let (dir, store) = store();
    let mut no_client = entry("NoClient", "https://c.example");
    no_client.as_object_mut().unwrap().remove("client_id");
    let mut fake_builtin = entry("Claims", "https://d.example");
    fake_builtin["builtin"] = json!(true);
    hand_edit(
        &dir,
        "Remote",
        json!([
            entry("Good", "https://api.example.org"),
            entry("Remote", "http://api.example.org"),
            {"name": "BadIssuer", "api_base": "https://b.example", "issuer": "not a url",
             "client_id": "c", "scopes": []},
            no_client,
            entry("good", "https://other.example"),
            entry("demo", "https://e.example"),
            fake_builtin,
            42,
        ]),
    );
    // The valid ones are listed; the bad ones are not offered for use.
    assert_eq!(names(&store), ["Demo", "Good", "Claims"]);
    assert!(
        !store.get("Claims").unwrap().builtin,
        "a file cannot make a profile built in (uneditable)"
    );
    // A selection pointing at a bad profile falls back to the demo one instead of failing.
    assert_eq!(store.selected().unwrap(), "Demo");

    let invalid = store.invalid().unwrap();
    let problem = |name: &str| -> String {
        invalid
            .iter()
            .find(|p| p.name == name)
            .unwrap_or_else(|| panic!("{name} is reported: {invalid:?}"))
            .problem
            .clone()
    };
    // Each message names the profile, the file, and the field that is wrong.
    for (name, field) in [
        ("Remote", "API base URL must use https"),
        ("BadIssuer", "issuer URL"),
        ("NoClient", "client_id"),
        ("good", "same name"),
        ("demo", "built-in"),
        ("#8 (unnamed)", "malformed"),
    ] {
        let text = problem(name);
        assert!(text.contains(&format!("'{name}'")), "{text}");
        assert!(text.contains("profiles.json"), "{text}");
        assert!(text.contains(field), "{name}: {text}");
    }
    // Using a bad profile says what is wrong with it, not that it does not exist.
    let err = store.get("Remote").unwrap_err();
    assert_eq!(err.to_string(), problem("Remote"));
    assert!(store.select("Remote").is_err());

    // Adding another profile keeps the admin's bad entries as written, for them to fix.
    store.add(custom("Third", "https://f.example")).unwrap();
    let text = std::fs::read_to_string(dir.path().join("profiles.json")).unwrap();
    assert!(text.contains("http://api.example.org") && text.contains("not a url"));
    assert_eq!(store.invalid().unwrap().len(), invalid.len());
    // A bad entry's name is still taken, so `remove` stays unambiguous; and remove works.
    assert!(store.add(custom("remote", "https://g.example")).is_err());
    store.remove("Remote").unwrap();
    assert!(store.invalid().unwrap().iter().all(|p| p.name != "Remote"));
    assert_eq!(names(&store), ["Demo", "Good", "Claims", "Third"]);
}

#[test]
fn a_file_that_is_not_json_names_the_file_and_keeps_the_demo_profile() {
    let (dir, store) = store();
    std::fs::write(dir.path().join("profiles.json"), "{ not json").unwrap();
    let err = store.list().unwrap_err();
    assert!(err.to_string().contains("profiles.json"), "{err}");
    // The demo platform needs nothing from the file.
    assert_eq!(store.get("Demo").unwrap().name, "Demo");
}
