//! The start of an id or an email: a range scan of its index, in that column's order.

use sqlx::{QueryBuilder, Sqlite};

use super::{page, push_filters, COUNT_CAP};
use crate::cache::Cache;
use crate::ipc::{DirectoryPage, DirectoryQuery};
use crate::Result;

impl Cache {
    /// Rows whose `column` (id or email, both indexed) starts with `prefix`: a range scan.
    pub(super) async fn by_prefix(
        &self,
        cols: &str,
        column: &str,
        prefix: &str,
        query: &DirectoryQuery,
        limit: i64,
    ) -> Result<DirectoryPage> {
        // Every value starting with `prefix` sorts in [prefix, prefix + U+FFFF).
        let upper = format!("{prefix}\u{ffff}");
        let mut rows_q: QueryBuilder<Sqlite> =
            QueryBuilder::new(format!("SELECT {cols} FROM users u WHERE u.{column} >= "));
        rows_q
            .push_bind(prefix.to_string())
            .push(format!(" AND u.{column} < "))
            .push_bind(upper.clone());
        push_filters(&mut rows_q, query);
        rows_q
            .push(format!(" ORDER BY u.{column}, u.id LIMIT "))
            .push_bind(limit)
            .push(" OFFSET ")
            .push_bind(query.offset as i64);
        let mut count_q: QueryBuilder<Sqlite> = QueryBuilder::new(format!(
            "SELECT count(*) FROM (SELECT 1 FROM users u WHERE u.{column} >= "
        ));
        count_q
            .push_bind(prefix.to_string())
            .push(format!(" AND u.{column} < "))
            .push_bind(upper);
        push_filters(&mut count_q, query);
        count_q.push(" LIMIT ").push_bind(COUNT_CAP).push(")");
        let rows = rows_q.build().fetch_all(self.pool()).await?;
        let total: i64 = count_q.build_query_scalar().fetch_one(self.pool()).await?;
        page(&rows, total)
    }
}
