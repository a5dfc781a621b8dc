//! One set of search rules on both sides, and the platform answering while the first sync
//! fills the copy: over real sockets against the emulator, into the encrypted cache.

use std::collections::BTreeSet;
use std::sync::Arc;

use crate::common::dir::*;
use crate::common::*;
use console_api::{Page, SearchQuery, User, UserKind};
use console_core::{DirectoryQuery, SearchSource};

/// Every id the platform's `GET /v1/users?q=` returns, all pages followed by cursor.
async fn platform_ids(h: &Harness, text: &str, filters: &str) -> BTreeSet<String> {
    let session = h.console.session(&h.profile).unwrap();
    let q: String = url::form_urlencoded::byte_serialize(text.as_bytes()).collect();
    let (mut ids, mut cursor) = (BTreeSet::new(), None::<String>);
    loop {
        let mut path = format!("/v1/users?q={q}&limit=300{filters}");
        if let Some(c) = &cursor {
            path.push_str(&format!("&cursor={c}"));
        }
        let page: Page<User> = session.get(&path).await.unwrap();
        assert!(page.total.is_none(), "a text search is not counted");
        for u in page.items {
            assert!(ids.insert(u.id.clone()), "{text}: {} on two pages", u.id);
        }
        cursor = page.next_cursor;
        if cursor.is_none() {
            return ids;
        }
    }
}

/// Every id the local copy's search returns, all pages.
async fn local_ids(h: &Harness, query: DirectoryQuery) -> BTreeSet<String> {
    let cache = h.console.cache(&h.profile).await.unwrap();
    let mut ids = BTreeSet::new();
    loop {
        let page = cache
            .search(&DirectoryQuery {
                offset: ids.len() as u32,
                limit: 1000,
                ..query.clone()
            })
            .await
            .unwrap();
        let n = page.rows.len();
        for u in page.rows {
            assert!(ids.insert(u.id.clone()), "{}: {} twice", query.text, u.id);
        }
        if n < 1000 {
            return ids;
        }
    }
}

#[tokio::test]
async fn the_platform_and_the_local_copy_find_the_same_people() {
    let emu = platform().await;
    let h = signed_in_owner(&emu).await;
    sync(&h).await;
    let everyone = server_users(&h).await;
    let john = everyone
        .iter()
        .find(|u| u.id == "usr_john_guardian")
        .unwrap();
    let digits: String = john
        .phone
        .as_deref()
        .unwrap()
        .chars()
        .filter(char::is_ascii_digit)
        .collect();
    let tail = format!("{}-{}", &digits[3..6], &digits[6..]);
    // Digits among words: looked for in the phone too; a run that short only starts words.
    let name_and_run = format!("John {}", &digits[5..9]);
    let name_and_short = format!("John {}", &digits[8..]);
    // A common first name from the seed, cut short: a name still being typed.
    let first = everyone[everyone.len() / 2].display_name.clone();
    let short = first[..3.min(first.len())].to_string();
    let staff = everyone
        .iter()
        .rev()
        .find(|u| u.kind == UserKind::Staff)
        .unwrap();
    let staff_short = staff.display_name[..3].to_string();
    let cases: Vec<(String, &str)> = vec![
        (short.clone(), ""),
        ("John Gua".into(), ""),
        ("gua jo".into(), ""),
        ("olivia.owner@demo".into(), ""),
        ("owner@demo".into(), ""),
        (tail, ""),
        ("555".into(), ""),
        (name_and_run, ""),
        (name_and_short.clone(), ""),
        ("555".into(), "&status=invited"),
        ("usr_sam".into(), ""),
        ("usr_zz".into(), ""),
        ("support".into(), ""),
        ("zzqxjvv".into(), ""),
        (staff_short, "&kind=STAFF"),
        ("a".into(), "&status=invited"),
    ];
    for (text, filters) in cases {
        let mut query = DirectoryQuery::text(&text, 1000);
        if filters == "&kind=STAFF" {
            query.kind = Some(UserKind::Staff);
        }
        if filters == "&status=invited" {
            query.status = Some(console_api::UserStatus::Invited);
        }
        let platform = platform_ids(&h, &text, filters).await;
        let local = local_ids(&h, query.clone()).await;
        assert_eq!(
            platform, local,
            "'{text}'{filters}: the same people on both sides"
        );
        // And both are what the rules say, applied to everyone the platform lists.
        let visible: Vec<User> = everyone
            .iter()
            .filter(|u| query.kind.is_none_or(|k| u.kind == k))
            .filter(|u| query.status.is_none_or(|s| u.status == s))
            .cloned()
            .collect();
        let expected: BTreeSet<String> = SearchQuery::parse(&text)
            .map(|q| q.select(&visible).iter().map(|u| u.id.clone()).collect())
            .unwrap_or_default();
        assert_eq!(local, expected, "'{text}'{filters}: as the rules say");
        let none_expected = ["zzqxjvv", "usr_zz", &name_and_short].contains(&text.as_str());
        assert_eq!(
            local.is_empty(),
            none_expected,
            "'{text}'{filters}: {local:?}"
        );
    }
    h.sign_out().await;
}

#[tokio::test]
async fn while_the_first_sync_runs_the_platform_answers_then_the_copy() {
    let emu = platform().await;
    let h = Arc::new(signed_in_owner(&emu).await);
    // Stop the first full sync right after its first page is committed.
    cut_sync_after(&h, 1).await;
    let cache = h.console.cache(&h.profile).await.unwrap();
    assert!(cache.sync_state().await.unwrap().full_in_progress());
    let local: BTreeSet<String> = cache
        .all_users()
        .await
        .unwrap()
        .into_iter()
        .map(|u| u.id)
        .collect();
    // Someone the copy does not hold yet.
    let missing = server_users(&h)
        .await
        .into_iter()
        .find(|u| !local.contains(&u.id))
        .expect("the copy is incomplete");

    let search = |text: String, limit: u32| {
        let h = h.clone();
        async move {
            h.console
                .search_users(&h.profile, &DirectoryQuery::text(&text, limit))
                .await
                .unwrap()
        }
    };
    let page = search(missing.display_name.clone(), 200).await;
    assert_eq!(
        page.source,
        SearchSource::Platform,
        "the copy is still filling"
    );
    assert!(
        page.rows.iter().any(|u| u.id == missing.id),
        "found before it is copied"
    );
    assert!(page.filling_percent.is_some_and(|p| p < 100));
    assert!(page.platform_error.is_none());
    // The same text in the unfinished copy would not have found them.
    let partial = cache
        .search(&DirectoryQuery::text(&missing.display_name, 50))
        .await
        .unwrap();
    assert!(partial.rows.iter().all(|u| u.id != missing.id));
    // A common prefix: the platform offers its first matches, and says there are more.
    let many = search("a".into(), 50).await;
    assert_eq!(many.source, SearchSource::Platform);
    assert_eq!(many.rows.len(), 50);
    assert!(many.more, "more than the first 200 match 'a'");

    sync(&h).await;
    let page = search(missing.display_name.clone(), 200).await;
    assert_eq!(page.source, SearchSource::Local, "the copy is complete");
    assert!(page.rows.iter().any(|u| u.id == missing.id));
    assert!(page.filling_percent.is_none() && !page.more);
    h.sign_out().await;
}

#[tokio::test]
async fn a_platform_search_never_returns_what_the_callers_scope_hides() {
    let emu = platform().await;
    let owner = signed_in_owner(&emu).await;
    let member = console(
        &emu.base_url(),
        as_person(MEMBER),
        WAIT,
        &["console", "offline_access"],
    );
    member.console.sign_in(&member.profile).await.unwrap();
    // Neither has synced: every text search goes to the platform, under each one's rights.
    let search = |h: &Harness, text: &str| {
        let (console, profile) = (h.console.clone(), h.profile.clone());
        let q = DirectoryQuery::text(text, 200);
        async move { console.search_users(&profile, &q).await.unwrap() }
    };
    for text in ["john", "usr_john", "555", "a"] {
        let seen_by_owner = search(&owner, text).await;
        let seen_by_member = search(&member, text).await;
        assert_eq!(seen_by_owner.source, SearchSource::Platform);
        assert_eq!(seen_by_member.source, SearchSource::Platform);
        assert!(
            seen_by_owner.rows.iter().any(|u| u.kind != UserKind::Staff),
            "'{text}': the owner sees consumers"
        );
        assert!(
            seen_by_member
                .rows
                .iter()
                .all(|u| u.kind == UserKind::Staff),
            "'{text}': a MEMBER sees staff only"
        );
    }
    assert!(search(&owner, "john guardian")
        .await
        .rows
        .iter()
        .any(|u| u.id == "usr_john_guardian"));
    assert!(search(&member, "john guardian").await.rows.is_empty());
    // Asking the platform for what the scope forbids fails in words; the screen keeps working.
    let q = DirectoryQuery {
        kind: Some(UserKind::Patient),
        ..DirectoryQuery::text("john", 50)
    };
    let refused = member
        .console
        .search_users(&member.profile, &q)
        .await
        .unwrap();
    let why = refused.platform_error.expect("the refusal is said");
    assert!(why.contains("platform search failed"), "{why}");
    assert!(refused.rows.is_empty());
    owner.sign_out().await;
    member.sign_out().await;
}
