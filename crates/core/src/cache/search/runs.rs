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
/// page can stop early).
fn push_matches(q: &mut QueryBuilder<'_, Sqlite>, run: &str) {
    q.push("SELECT rowid AS r FROM users_phone WHERE users_phone MATCH ")
        .push_bind(run_in_phone(run))
        .push(" UNION SELECT rowid FROM users_fts WHERE users_fts MATCH ")
        .push_bind(run_as_word(run))
        .push(" ORDER BY 1");
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
        let mut count_q: QueryBuilder<Sqlite> = QueryBuilder::new("SELECT count(*) FROM (");
        if unfiltered(query) && rest.is_empty() {
            push_matches(&mut count_q, first);
        } else {
            count_q.push("SELECT 1 FROM (");
            push_matches(&mut count_q, first);
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
            push_matches(&mut rows_q, first);
            rows_q.push("))");
        } else {
            rows_q.push("(");
            push_matches(&mut rows_q, first);
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
