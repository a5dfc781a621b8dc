//! `GET /v1/users?q=`: the directory's search with the console's own rules
//! (`console_api::search`), so the platform and a console's local copy find the same people.
//!
//! The start of an id or an email is a range condition in SQL (exact, and indexed). Words are
//! checked in Rust by `SearchQuery::matches_words`, the one definition; SQL only narrows the rows
//! read first with a condition every match meets (each word somewhere in the row as ASCII
//! case-insensitive text), so the scan runs in SQLite and Rust decodes few rows. Pages are in id
//! order from the cursor, like the listing. A search is never counted: a count would be a
//! second pass over the whole organization.

use console_api::search::Words;
use console_api::{SearchQuery, StartsWith, User};
use sqlx::SqliteConnection;

use super::read::{fetch, Selection};
use crate::store::{bind_all, Bind};
use crate::Result;

/// Up to `limit` users of `selection` after `after`, in id order, that `text` matches.
pub(super) async fn list(
    conn: &mut SqliteConnection,
    selection: Selection,
    text: &str,
    after: Option<&str>,
    limit: i64,
) -> Result<Vec<User>> {
    let Some(query) = SearchQuery::parse(text) else {
        // Nothing searchable ("@@", "%"): nobody, as in the console.
        return Ok(Vec::new());
    };
    if let Some(start) = &query.starts_with {
        let starting = narrowed(&selection, starts_with(start));
        // Whether the start answers is decided over all the filtered people, not this page:
        // the same on every page, as in the console.
        if anybody(conn, &starting).await? {
            return fetch(conn, starting, after, limit).await;
        }
    }
    let candidates = narrowed(&selection, words_condition(&query.words));
    let mut found = Vec::new();
    let mut cursor = after.map(str::to_string);
    // The narrowing lets through few rows that do not match, so a batch of about a page
    // usually fills it.
    let batch = (limit * 2).clamp(64, 5000);
    loop {
        let rows = fetch(conn, copy(&candidates), cursor.as_deref(), batch).await?;
        let exhausted = (rows.len() as i64) < batch;
        cursor = rows.last().map(|u| u.id.clone());
        for user in rows {
            if query.matches_words(&user) {
                found.push(user);
                if found.len() as i64 == limit {
                    return Ok(found);
                }
            }
        }
        if exhausted {
            return Ok(found);
        }
    }
}

fn copy(s: &Selection) -> Selection {
    Selection {
        sql: s.sql.clone(),
        binds: s.binds.iter().map(Bind::clone).collect(),
        id_col: s.id_col,
    }
}

fn narrowed(base: &Selection, (sql, binds): (String, Vec<Bind>)) -> Selection {
    let mut s = copy(base);
    s.sql.push_str(&sql);
    s.binds.extend(binds);
    s
}

async fn anybody(conn: &mut SqliteConnection, s: &Selection) -> Result<bool> {
    let sql = format!("SELECT 1 {} LIMIT 1", s.sql);
    let query = bind_all(sqlx::query(&sql), s.binds.iter().map(Bind::clone).collect());
    Ok(query.fetch_optional(&mut *conn).await?.is_some())
}

/// The start of an id or an email as a range: every value starting with `p` sorts in
/// [p, p + U+FFFF). Emails are compared lower-cased (the `users_email` index) and as stored,
/// the way the console's copy compares them.
fn starts_with(start: &StartsWith) -> (String, Vec<Bind>) {
    let range = |p: &str| [Bind::Text(p.into()), Bind::Text(format!("{p}\u{ffff}"))];
    match start {
        StartsWith::Id(p) => (" AND u.id >= ? AND u.id < ?".into(), range(p).into()),
        StartsWith::Email(p) => (
            " AND lower(u.email) >= ? AND lower(u.email) < ? AND u.email >= ? AND u.email < ?"
                .into(),
            range(p).into_iter().chain(range(p)).collect(),
        ),
    }
}

/// A condition every row `words` matches meets: each ASCII word occurs in some field as
/// case-insensitive text (a word that starts a word of a field occurs in it). Rows whose name
/// or email has other characters pass (accents are removed from words, which LIKE cannot do),
/// and so do staff (their roles are words too, in another table).
fn words_condition(words: &Words) -> (String, Vec<Bind>) {
    let mut sql = String::new();
    let mut binds = Vec::new();
    let (words, email_only) = match words {
        Words::Digits(d) => (std::slice::from_ref(d), false),
        Words::Terms(t) => (t.as_slice(), false),
        Words::EmailPhrase(w) => (w.as_slice(), true),
    };
    // Words hold letters and digits only: no LIKE wildcard can be among them.
    for word in words.iter().filter(|w| w.is_ascii()) {
        let like = Bind::Text(format!("%{word}%"));
        if email_only {
            sql.push_str(" AND (u.email LIKE ? OR u.email GLOB '*[^ -~]*')");
            binds.push(like);
        } else {
            sql.push_str(
                " AND (u.display_name LIKE ? OR u.email LIKE ? \
                 OR u.phone_digits LIKE ? OR u.kind = 'STAFF' \
                 OR u.display_name GLOB '*[^ -~]*' OR u.email GLOB '*[^ -~]*')",
            );
            binds.extend((0..3).map(|_| like.clone()));
        }
    }
    (sql, binds)
}
