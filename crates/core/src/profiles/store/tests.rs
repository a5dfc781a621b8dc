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

fn fields(problems: &[FieldProblem]) -> Vec<&str> {
    problems.iter().map(|p| p.field.as_str()).collect()
}

#[test]
fn problems_name_every_bad_field_and_validate_says_the_first() {
    let bad = Profile {
        name: "".into(),
        api_base: "http://api.example.org".into(),
        issuer: Some("ftp://id.example".into()),
        client_id: "".into(),
        scopes: vec!["two words".into()],
        builtin: false,
    };
    let problems = bad.problems();
    assert_eq!(
        fields(&problems),
        ["name", "api_base", "issuer", "client_id", "scopes"]
    );
    // One implementation: `validate` (profiles add, the file check, import) is the first one.
    assert_eq!(bad.validate().unwrap_err().to_string(), problems[0].message);
    assert!(
        problems[1].message.contains("must use https"),
        "{problems:?}"
    );
    assert!(problems[2].message.contains("not 'ftp:'"), "{problems:?}");
    assert!(custom("Ok", "https://a.example").problems().is_empty());
}

#[test]
fn the_store_adds_name_clashes_regardless_of_case_including_the_demo_profile() {
    let (_dir, store) = store();
    store.add(custom("Prod", "https://a.example")).unwrap();
    for clash in ["prod", " PROD ", "demo"] {
        let problems = store
            .problems(&custom(clash, "https://b.example"), None)
            .unwrap();
        assert_eq!(fields(&problems), ["name"], "{clash}");
        assert!(
            problems[0].message.contains("already exists"),
            "{problems:?}"
        );
    }
    // Editing Prod may keep its name (or change its case).
    assert!(store
        .problems(&custom("Prod", "https://b.example"), Some("Prod"))
        .unwrap()
        .is_empty());
    assert!(store
        .problems(&custom("PROD", "https://b.example"), Some("Prod"))
        .unwrap()
        .is_empty());
    // An empty issuer means "the API base", not a bad URL.
    let mut empty_issuer = custom("New", "https://b.example");
    empty_issuer.issuer = Some("  ".into());
    assert!(store.problems(&empty_issuer, None).unwrap().is_empty());
    store.add(empty_issuer).unwrap();
    assert_eq!(store.get("New").unwrap().issuer, None);
}

#[test]
fn update_edits_in_place_renames_with_the_selection_and_never_touches_demo() {
    let (dir, store) = store();
    store.add(custom("A", "https://a.example")).unwrap();
    store.add(custom("B", "https://b.example")).unwrap();
    store.select("A").unwrap();
    let mut renamed = custom("Clinic", "https://clinic.example/");
    renamed.issuer = Some("https://id.clinic.example/".into());
    store.update("A", renamed).unwrap();
    // In its place, the selection followed, the issuer's trailing slash kept (byte for byte).
    assert_eq!(names(&store), ["Demo", "Clinic", "B"]);
    assert_eq!(store.selected().unwrap(), "Clinic");
    let clinic = store.get("Clinic").unwrap();
    assert_eq!(clinic.api_base, "https://clinic.example");
    assert_eq!(clinic.issuer.as_deref(), Some("https://id.clinic.example/"));
    assert!(store.get("A").is_err());
    // Same checks as add: a clash with another profile, a bad field.
    let err = store
        .update("Clinic", custom("b", "https://x.example"))
        .unwrap_err();
    assert!(err.to_string().contains("already exists"), "{err}");
    let err = store
        .update("Clinic", custom("Clinic", "http://x.example"))
        .unwrap_err();
    assert!(err.to_string().contains("https"), "{err}");
    assert_eq!(
        store.get("Clinic").unwrap(),
        clinic,
        "a refused edit changes nothing"
    );
    let err = store
        .update("Demo", custom("Demo", "https://x.example"))
        .unwrap_err();
    assert!(err.to_string().contains("cannot be edited"), "{err}");
    assert!(store
        .update("Nope", custom("Nope", "https://x.example"))
        .is_err());
    // A hand-edited bad entry can be fixed by editing it.
    hand_edit(&dir, "", json!([entry("Bad", "http://api.example.org")]));
    assert!(store.get("Bad").is_err());
    store
        .update("Bad", custom("Bad", "https://api.example.org"))
        .unwrap();
    assert_eq!(
        store.get("Bad").unwrap().api_base,
        "https://api.example.org"
    );
}

#[test]
fn the_demo_profile_can_be_pointed_at_a_platform_started_later() {
    let (_dir, store) = store();
    assert_eq!(
        store.get("Demo").unwrap().api_base,
        "http://127.0.0.1:47999"
    );
    store.set_demo_api_base("http://127.0.0.1:5123/");
    assert_eq!(store.get("Demo").unwrap().api_base, "http://127.0.0.1:5123");
    assert_eq!(store.list().unwrap()[0].api_base, "http://127.0.0.1:5123");
    assert!(store.get("Demo").unwrap().builtin);
}
