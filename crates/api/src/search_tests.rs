use super::*;
use crate::{StaffRole, UserKind, UserStatus};

fn user(id: &str, name: &str, email: Option<&str>, phone: Option<&str>) -> User {
    User {
        id: id.into(),
        kind: UserKind::Patient,
        display_name: name.into(),
        email: email.map(Into::into),
        phone: phone.map(Into::into),
        status: UserStatus::Active,
        staff_roles: vec![],
        guardian_id: None,
        date_of_birth: None,
        guardian_access: None,
        mfa_enrolled: None,
        created_at: 0,
        updated_at: 0,
        version: 1,
    }
}

fn people() -> Vec<User> {
    let mut owner = user("usr_0003", "Bea Cole", Some("bea@clinic.test"), None);
    owner.kind = UserKind::Staff;
    owner.staff_roles = vec![StaffRole::Owner];
    vec![
        user(
            "usr_0001",
            "Ann Lee",
            Some("ann.lee@mail.test"),
            Some("(555) 010-0142"),
        ),
        user(
            "usr_0002",
            "Émile O'Brien",
            Some("emile.obrien@mail.test"),
            Some("555-777-1234"),
        ),
        owner,
        user("usr_1004", "Lee Annan", None, None),
    ]
}

fn found(text: &str) -> Vec<String> {
    let all = people();
    match SearchQuery::parse(text) {
        Some(q) => q.select(&all).iter().map(|u| u.id.clone()).collect(),
        None => vec![],
    }
}

#[test]
fn a_phone_is_its_digits_and_runs_of_three_or_more_are_looked_for_in_it() {
    assert_eq!(phone_digits("(555) 010-0142"), "5550100142");
    assert_eq!(phone_digits(""), "");
    assert!(is_phone_run("014"));
    assert!(!is_phone_run("01"), "too short for the trigram index");
    assert!(!is_phone_run("01a4"));
}

#[test]
fn typed_text_is_classified() {
    let q = |t| SearchQuery::parse(t).unwrap();
    assert_eq!(q("010-0142").words, Words::Digits("0100142".into()));
    assert_eq!(q("(555) 010").kind(), SearchKind::Phone);
    assert_eq!(
        q("John.Smith@ma"),
        SearchQuery {
            starts_with: Some(StartsWith::Email("john.smith@ma".into())),
            words: Words::EmailPhrase(vec!["john".into(), "smith".into(), "ma".into()]),
        }
    );
    assert_eq!(
        q("usr_00"),
        SearchQuery {
            starts_with: Some(StartsWith::Id("usr_00".into())),
            words: Words::Terms(vec!["usr".into(), "00".into()]),
        }
    );
    assert_eq!(
        q("Ann Lee").words,
        Words::Terms(vec!["ann".into(), "lee".into()])
    );
    assert_eq!(q("Ann Lee").kind(), SearchKind::Name);
    // Quotes and operators typed by a person are just separators.
    assert_eq!(
        q("a\" OR b").words,
        Words::Terms(vec!["a".into(), "or".into(), "b".into()])
    );
    assert_eq!(SearchQuery::parse("@@"), None);
    assert_eq!(SearchQuery::parse("  "), None);
}

#[test]
fn the_start_of_a_name_is_letters_and_name_marks() {
    assert_eq!(name_word("Aaro").as_deref(), Some("aaro"));
    assert_eq!(name_word("Min-").as_deref(), Some("min-"));
    assert_eq!(name_word("O'Br").as_deref(), Some("o'br"));
    assert_eq!(name_word("ann le").as_deref(), Some("ann le"));
    assert_eq!(name_word("010-0142"), None);
    assert_eq!(name_word("usr_1"), None);
    assert_eq!(name_word("a@b"), None);
    assert_eq!(name_word("-x"), None);
}

#[test]
fn name_words_are_prefixes_all_required_in_any_order() {
    assert_eq!(found("ann"), ["usr_0001", "usr_1004"], "Ann and Annan");
    assert_eq!(found("lee ann"), ["usr_0001", "usr_1004"]);
    assert_eq!(found("ann le"), ["usr_0001", "usr_1004"]);
    assert_eq!(
        found("nan"),
        Vec::<String>::new(),
        "a prefix, not a substring"
    );
    // Accents and case do not matter, and marks split words.
    assert_eq!(found("EMIL"), ["usr_0002"]);
    assert_eq!(found("bri"), ["usr_0002"], "O'Brien is two words: o, brien");
    assert_eq!(found("o bri"), ["usr_0002"]);
    // Roles are words of staff.
    assert_eq!(found("owner"), ["usr_0003"]);
}

#[test]
fn phone_digits_are_found_anywhere_in_the_number() {
    assert_eq!(found("0100142"), ["usr_0001"]);
    assert_eq!(found("(555)"), ["usr_0001", "usr_0002"]);
    assert_eq!(found("77-12"), ["usr_0002"]);
    assert_eq!(found("999"), Vec::<String>::new());
    // Among other words, a run of 3+ digits is looked for in the phone too.
    assert_eq!(found("ann 0142"), ["usr_0001"]);
    assert_eq!(
        found("lee 777"),
        Vec::<String>::new(),
        "Ann Lee's phone has no 777"
    );
    assert_eq!(found("emile 7771"), ["usr_0002"]);
    // A shorter run only starts words: "42" ends Ann's phone but starts no word of hers.
    assert_eq!(found("ann 42"), Vec::<String>::new());
    assert_eq!(found("ann 01"), Vec::<String>::new());
}

#[test]
fn an_email_start_wins_then_its_words_in_order() {
    assert_eq!(found("ann.lee@"), ["usr_0001"]);
    assert_eq!(found("BEA@CL"), ["usr_0003"]);
    // Nobody's email starts with it: its words, one after the other, the last a prefix.
    assert_eq!(found("lee@mail.te"), ["usr_0001"]);
    assert_eq!(found("mail.test"), ["usr_0001", "usr_0002"]);
    assert_eq!(found("mail.lee"), Vec::<String>::new(), "out of order");
}

#[test]
fn an_id_is_found_by_its_start_only() {
    assert_eq!(found("usr_000"), ["usr_0001", "usr_0002", "usr_0003"]);
    assert_eq!(found("usr_1004"), ["usr_1004"]);
    // No id starts with these: an id's words ("usr", "1004") are not searched as words.
    assert_eq!(found("usr_00x"), Vec::<String>::new());
    assert_eq!(
        found("USR_1004"),
        Vec::<String>::new(),
        "ids are case-sensitive"
    );
    assert_eq!(found("1004"), Vec::<String>::new());
}
