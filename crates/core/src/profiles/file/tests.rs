use super::*;
use serde_json::json;

fn prod() -> Profile {
    Profile {
        name: "Clinic".into(),
        api_base: "https://api.clinic.example".into(),
        issuer: Some("https://id.clinic.example/".into()),
        client_id: "access-console".into(),
        scopes: vec!["console".into(), "offline_access".into()],
        builtin: false,
    }
}

fn refused(document: Value) -> String {
    parse_profile_file(&document.to_string())
        .unwrap_err()
        .to_string()
}

#[test]
fn an_exported_file_reads_back_as_the_same_profile() {
    let text = export_profile(&prod()).unwrap();
    let doc: Value = serde_json::from_str(&text).unwrap();
    assert_eq!(doc["format"], "access-console-profile");
    assert_eq!(doc["version"], 1);
    assert_eq!(doc["profile"]["issuer"], "https://id.clinic.example/");
    assert!(doc["profile"].get("builtin").is_none(), "{text}");
    assert_eq!(parse_profile_file(&text).unwrap(), prod());
    // Without an issuer the field is left out, and reads back as "the API base".
    let mut plain = prod();
    plain.issuer = None;
    let text = export_profile(&plain).unwrap();
    assert!(!text.contains("issuer"), "{text}");
    assert_eq!(parse_profile_file(&text).unwrap(), plain);
}

#[test]
fn the_demo_profile_is_not_exported() {
    let err = export_profile(&Profile::demo("http://127.0.0.1:4000")).unwrap_err();
    assert!(err.to_string().contains("Demo"), "{err}");
}

#[test]
fn a_file_with_anything_like_a_secret_is_refused_naming_the_field() {
    for (field, place) in [
        ("client_secret", "profile"),
        ("refresh_token", "top"),
        ("access_token", "profile"),
        ("password", "profile"),
        ("apiKey", "top"),
        ("private-key", "profile"),
    ] {
        let mut doc = json!({"format": "access-console-profile", "version": 1,
            "profile": {"name": "X", "api_base": "https://a.example"}});
        if place == "top" {
            doc[field] = json!("s3cr3t");
        } else {
            doc["profile"][field] = json!("s3cr3t");
        }
        let err = refused(doc);
        assert!(err.contains(&format!("'{field}'")), "{err}");
        assert!(err.contains("never holds"), "{err}");
        assert!(
            !err.contains("s3cr3t"),
            "the refusal must not repeat the secret: {err}"
        );
    }
    // Nested deeper, too.
    let err = refused(json!({"format": "access-console-profile", "version": 1,
        "profile": {"name": "X", "api_base": "https://a.example", "extra": [{"id_token": "x"}]}}));
    assert!(err.contains("'id_token'"), "{err}");
}

#[test]
fn another_format_or_version_is_refused_in_words() {
    let err = refused(json!({"format": "something-else", "version": 1, "profile": {}}));
    assert!(err.contains("format is 'something-else'"), "{err}");
    let err = refused(json!({"version": 1, "profile": {}}));
    assert!(err.contains("no \"format\""), "{err}");
    let err = refused(json!({"format": "access-console-profile", "version": 2, "profile": {}}));
    assert!(
        err.contains("version 2") && err.contains("reads version 1"),
        "{err}"
    );
    let err = refused(json!({"format": "access-console-profile", "profile": {}}));
    assert!(err.contains("does not say its version"), "{err}");
    let err = parse_profile_file("name=Clinic").unwrap_err().to_string();
    assert!(err.contains("not JSON"), "{err}");
    let err = parse_profile_file("[1]").unwrap_err().to_string();
    assert!(err.contains("not a JSON object"), "{err}");
    let err = parse_profile_file(&" ".repeat(70_000))
        .unwrap_err()
        .to_string();
    assert!(err.contains("too large"), "{err}");
}

#[test]
fn unknown_fields_and_bad_profiles_are_refused_with_the_rule_of_profiles_add() {
    let err = refused(json!({"format": "access-console-profile", "version": 1,
        "profile": {"name": "X", "api_base": "https://a.example", "builtin": true}}));
    assert!(err.contains("builtin"), "{err}");
    let err = refused(json!({"format": "access-console-profile", "version": 1,
        "profile": {"name": "X", "api_base": "https://a.example"}, "comment": "hi"}));
    assert!(err.contains("'comment'"), "{err}");
    // The same words as `profiles add` for the same mistake.
    let mut bad = prod();
    bad.api_base = "http://api.clinic.example".into();
    let add_says = bad.validate().unwrap_err().to_string();
    let err = refused(json!({"format": "access-console-profile", "version": 1,
        "profile": {"name": "X", "api_base": "http://api.clinic.example"}}));
    assert!(err.contains(&add_says), "{err} / {add_says}");
    assert!(err.ends_with("Nothing was imported."), "{err}");
    // client_id and scopes may be left out: the defaults of `profiles add`.
    let p = parse_profile_file(
        &json!({"format": "access-console-profile", "version": 1,
            "profile": {"name": " X ", "api_base": "https://a.example/"}})
        .to_string(),
    )
    .unwrap();
    assert_eq!(
        (p.name.as_str(), p.api_base.as_str()),
        ("X", "https://a.example")
    );
    assert_eq!(p.client_id, "access-console");
    assert_eq!(p.scopes, ["console", "offline_access"]);
}
