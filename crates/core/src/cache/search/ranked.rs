//! Relevance order without filters: the word index ranks and cuts, the table is read for the
//! rows shown only.

use sqlx::{QueryBuilder, Sqlite};

use super::page;
use crate::cache::Cache;
use crate::ipc::{DirectoryPage, DirectoryQuery};
use crate::Result;

impl Cache {
    /// Every match counted, one page of them in relevance order.
    pub(super) async fn by_rank(
        &self,
        cols: &str,
        fts: &str,
        query: &DirectoryQuery,
        limit: i64,
    ) -> Result<DirectoryPage> {
        let total = self.count_matches(fts, query).await?;
        let rows = self
            .ranked_rows(cols, fts, None, limit, query.offset as i64)
            .await?;
        page(&rows, total)
    }

    /// Unfiltered matches in relevance order, `limit` of them after `skip`: the word index ranks
    /// and cuts first, and only the rows shown are read from the table. With `except_names`,
    /// names that start with `word` (of which there are `first`) are left out, and the others
    /// come in the index's order instead of by relevance (ranking thousands of matches of a
    /// word still being typed cost 14 ms at 1,000,000 people): among the first
    /// `first + skip + limit` matches there are always enough others.
    pub(super) async fn ranked_rows(
        &self,
        cols: &str,
        fts: &str,
        except_names: Option<(&str, i64)>,
        limit: i64,
        skip: i64,
    ) -> Result<Vec<sqlx::sqlite::SqliteRow>> {
        let reach = except_names.map_or(0, |(_, first)| first) + skip + limit;
        let (key, order) = match except_names {
            Some(_) => ("rowid", ""),
            None => ("rank", " ORDER BY rank"),
        };
        let mut q: QueryBuilder<Sqlite> = QueryBuilder::new(format!(
            "SELECT {cols} FROM (SELECT rowid AS r, {key} AS k FROM users_fts \
             WHERE users_fts MATCH "
        ));
        q.push_bind(fts.to_string())
            .push(format!("{order} LIMIT "))
            .push_bind(reach)
            .push(") f JOIN users u ON u.rowid = f.r WHERE 1 = 1");
        if let Some((word, _)) = except_names {
            q.push(" AND NOT (u.name_sort >= ")
                .push_bind(word.to_string())
                .push(" AND u.name_sort < ")
                .push_bind(format!("{word}\u{ffff}"))
                .push(")");
        }
        q.push(" ORDER BY f.k, u.id LIMIT ")
            .push_bind(limit)
            .push(" OFFSET ")
            .push_bind(skip);
        Ok(q.build().fetch_all(self.pool()).await?)
    }
}
