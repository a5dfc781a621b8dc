//! Anything else: the text's matches (or everyone) with the filters, in the order asked for.

use sqlx::{QueryBuilder, Sqlite};

use super::runs::push_runs;
use super::{order_by, page, push_filters, COUNT_CAP};
use crate::cache::Cache;
use crate::ipc::{DirectoryPage, DirectoryQuery};
use crate::Result;

impl Cache {
    /// `fts`'s matches, or every row without text, filtered and sorted as `query` says; each of
    /// `runs` (digits) found too (see `runs`).
    pub(super) async fn by_filters(
        &self,
        cols: &str,
        fts: Option<&str>,
        runs: &[String],
        query: &DirectoryQuery,
        limit: i64,
    ) -> Result<DirectoryPage> {
        let from = if fts.is_some() {
            " FROM users_fts JOIN users u ON u.rowid = users_fts.rowid WHERE users_fts MATCH "
        } else {
            " FROM users u WHERE 1 = 1"
        };

        let mut rows_q: QueryBuilder<Sqlite> = QueryBuilder::new(format!("SELECT {cols}{from}"));
        // Counting a huge match set costs more than the page itself: the count stops at
        // COUNT_CAP, and the table scrolls through the first COUNT_CAP matches.
        let mut count_q: QueryBuilder<Sqlite> =
            QueryBuilder::new(format!("SELECT count(*) FROM (SELECT 1{from}"));
        if let Some(fts) = fts {
            rows_q.push_bind(fts.to_string());
            count_q.push_bind(fts.to_string());
        }
        push_runs(&mut rows_q, runs);
        push_runs(&mut count_q, runs);
        push_filters(&mut rows_q, query);
        push_filters(&mut count_q, query);
        count_q.push(" LIMIT ").push_bind(COUNT_CAP).push(")");
        rows_q.push(order_by(query, fts.is_some()));
        rows_q
            .push(" LIMIT ")
            .push_bind(limit)
            .push(" OFFSET ")
            .push_bind(query.offset as i64);

        let rows = rows_q.build().fetch_all(self.pool()).await?;
        let total: i64 = count_q.build_query_scalar().fetch_one(self.pool()).await?;
        page(&rows, total)
    }
}
