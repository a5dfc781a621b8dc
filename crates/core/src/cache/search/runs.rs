//! Runs of 3+ digits: found anywhere in a phone's digits (the trigram index `users_phone`) or
//! at the start of a word of another field (the word index), the rules of `console_api::search`.

use sqlx::{QueryBuilder, Sqlite};

use super::text::{run_as_word, run_in_phone};
use super::{order_by, page, push_filters, unfiltered, COUNT_CAP};
use crate::cache::Cache;
use crate::ipc::{DirectoryPage, DirectoryQuery, SortField};
use crate::Result;

/// Each run found in the row `u`: in its phone's digits, or starting a word of another field.
/// Checked row by row, on rows another index already found.
pub(super) fn push_runs(q: &mut QueryBuilder<'_, Sqlite>, runs: &[String]) {
    for run in runs {
        q.push(" AND (instr(u.phone_digits, ")
            .push_bind(run.clone())
            .push(") > 0 OR u.rowid IN (SELECT rowid FROM users_fts WHERE users_fts MATCH ")
            .push_bind(run_as_word(run))
            .push("))");
    }
}

/// The rows `run` matches, as `r`, in rowid order from both indexes (merged, so a count or a
/// page can stop early). In the phone index: the rows holding `rare` (a few of the run's
/// trigrams, see `rare_trigrams`), each then checked for the whole run.
fn push_matches(q: &mut QueryBuilder<'_, Sqlite>, run: &str, rare: &str) {
    q.push(
        "SELECT p.rowid AS r FROM users_phone p JOIN users pu ON pu.rowid = p.rowid \
         WHERE users_phone MATCH ",
    )
    .push_bind(rare.to_string())
    .push(" AND instr(pu.phone_digits, ")
    .push_bind(run.to_string())
    .push(") > 0 UNION SELECT rowid FROM users_fts WHERE users_fts MATCH ")
    .push_bind(run_as_word(run))
    .push(" ORDER BY 1");
}

/// The two of `run`'s trigrams the fewest phones hold, as a trigram-index query (both
/// required). A whole run as one phrase made FTS5 walk the position lists of trigrams every
/// phone holds ("555"): 40 ms at 1,000,000 people for a run that one person has.
async fn rare_trigrams(cache: &Cache, run: &str) -> Result<String> {
    let trigrams: Vec<&str> = (0..=run.len() - 3).map(|i| &run[i..i + 3]).collect();
    let mut q: QueryBuilder<Sqlite> =
        QueryBuilder::new("SELECT term FROM users_phone_vocab WHERE term IN (");
    let mut list = q.separated(", ");
    for t in &trigrams {
        list.push_bind(t.to_string());
    }
    q.push(") ORDER BY doc LIMIT 2");
    let rare: Vec<String> = q.build_query_scalar().fetch_all(cache.pool()).await?;
    // A trigram no phone holds leaves it out of the answer: nobody's phone holds the run.
    let mut terms: Vec<String> = rare.iter().map(|t| run_in_phone(t)).collect();
    if rare.len() < trigrams.len().min(2) {
        terms = vec![run_in_phone(run)];
    }
    Ok(terms.join(" "))
}

impl Cache {
    /// A search with runs of digits in it: with other words, their matches in the word index,
    /// each run then checked on those rows; digits alone, the first run's matches.
    pub(super) async fn by_runs(
        &self,
        cols: &str,
        words: Option<&str>,
        runs: &[String],
        query: &DirectoryQuery,
        limit: i64,
    ) -> Result<DirectoryPage> {
        let Some((first, rest)) = runs.split_first() else {
            return self.by_filters(cols, words, &[], query, limit).await;
        };
        if words.is_some() {
            return self.by_filters(cols, words, runs, query, limit).await;
        }
        let rare = rare_trigrams(self, first).await?;
        let mut count_q: QueryBuilder<Sqlite> = QueryBuilder::new("SELECT count(*) FROM (");
        if unfiltered(query) && rest.is_empty() {
            push_matches(&mut count_q, first, &rare);
        } else {
            count_q.push("SELECT 1 FROM (");
            push_matches(&mut count_q, first, &rare);
            count_q.push(") m JOIN users u ON u.rowid = m.r WHERE 1 = 1");
            push_runs(&mut count_q, rest);
            push_filters(&mut count_q, query);
        }
        count_q.push(" LIMIT ").push_bind(COUNT_CAP).push(")");
        let total: i64 = count_q.build_query_scalar().fetch_one(self.pool()).await?;

        // Fully counted, or another order asked for: sorted as asked. A run in more people
        // than are counted ("555") is still being typed: the first of them in the index's
        // order, without sorting them all.
        let default_order = query.sort == SortField::Name && !query.descending;
        let mut rows_q: QueryBuilder<Sqlite> = QueryBuilder::new(format!("SELECT {cols} FROM "));
        if total < COUNT_CAP || !default_order {
            rows_q.push("users u WHERE u.rowid IN (SELECT r FROM (");
            push_matches(&mut rows_q, first, &rare);
            rows_q.push("))");
        } else {
            rows_q.push("(");
            push_matches(&mut rows_q, first, &rare);
            rows_q.push(") m JOIN users u ON u.rowid = m.r WHERE 1 = 1");
        }
        push_runs(&mut rows_q, rest);
        push_filters(&mut rows_q, query);
        if total < COUNT_CAP || !default_order {
            rows_q.push(order_by(query, false));
        }
        rows_q
            .push(" LIMIT ")
            .push_bind(limit)
            .push(" OFFSET ")
            .push_bind(query.offset as i64);
        let rows = rows_q.build().fetch_all(self.pool()).await?;
        page(&rows, total)
    }
}
