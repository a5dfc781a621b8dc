//! Directory search over the cache: FTS5 prefix matching for text, indexed filters, sorting.
//! What the typed text means is decided in `text`; `search` picks the first strategy that
//! applies, one module each: `prefix` (an id or an email), `runs` (digits, found in phone
//! numbers), `common_word` (a name still being typed), `ranked` (relevance without filters),
//! `filtered` (everything else).

use std::time::Instant;

use sqlx::sqlite::SqliteRow;
use sqlx::{QueryBuilder, Sqlite};

mod common_word;
mod filtered;
mod prefix;
mod ranked;
mod runs;
mod text;

use console_api::{SearchQuery, StartsWith};
use text::{name_word, plan_of, Plan};

use super::users::{from_row, COLUMNS};
use super::Cache;
use crate::ipc::{DirectoryPage, DirectoryQuery, SearchSource, SortField};
use crate::Result;

/// The most matches a search counts (see `search`).
pub const COUNT_CAP: i64 = 10_000;

fn push_filters(q: &mut QueryBuilder<'_, Sqlite>, query: &DirectoryQuery) {
    if let Some(kind) = query.kind {
        q.push(" AND u.kind = ").push_bind(kind.as_str());
    }
    if let Some(status) = query.status {
        q.push(" AND u.status = ").push_bind(status.as_str());
    }
    if let Some(role) = query.role {
        // Only staff hold roles: the kind index narrows the scan to them first.
        q.push(" AND u.kind = 'STAFF' AND (' ' || u.roles || ' ') LIKE ")
            .push_bind(format!("% {} %", role.as_str()));
    }
}

fn order_by(query: &DirectoryQuery, relevance: bool) -> String {
    let dir = if query.descending { "DESC" } else { "ASC" };
    // With search text, the default order (name, ascending) means best match first.
    if relevance && query.sort == SortField::Name && !query.descending {
        return " ORDER BY users_fts.rank, u.name_sort, u.id".into();
    }
    let column = match query.sort {
        SortField::Name => "u.name_sort",
        SortField::Email => "u.email",
        SortField::Kind => "u.kind",
        SortField::Status => "u.status",
        SortField::Updated => "u.updated_at",
    };
    format!(" ORDER BY {column} {dir}, u.id {dir}")
}

impl Cache {
    /// The directory search the UI, the CLI and the benchmarks use.
    pub async fn search(&self, query: &DirectoryQuery) -> Result<DirectoryPage> {
        let started = Instant::now();
        let text = query.text.trim();
        let parsed = SearchQuery::parse(text);
        if !text.is_empty() && parsed.is_none() {
            return Ok(DirectoryPage {
                rows: Vec::new(),
                ..page(&[], 0)?
            });
        }
        let found = self.first_strategy(query, text, parsed.as_ref()).await?;
        Ok(DirectoryPage {
            took_ms: started.elapsed().as_secs_f64() * 1000.0,
            ..found
        })
    }

    /// The first strategy that applies and, for the prefix and common-word ones, finds
    /// something.
    async fn first_strategy(
        &self,
        query: &DirectoryQuery,
        text: &str,
        parsed: Option<&SearchQuery>,
    ) -> Result<DirectoryPage> {
        let plan = parsed.map(|p| plan_of(&p.words));
        let limit = query.limit.clamp(1, 1000) as i64;
        let cols: String = COLUMNS
            .split(", ")
            .map(|c| format!("u.{c}"))
            .collect::<Vec<_>>()
            .join(", ");
        let starts_with = match parsed.and_then(|p| p.starts_with.as_ref()) {
            Some(StartsWith::Id(p)) => Some(("id", p.clone())),
            Some(StartsWith::Email(p)) => Some(("email", p.clone())),
            None => None,
        };
        if let Some((column, prefix)) = starts_with {
            let found = self.by_prefix(&cols, column, &prefix, query, limit).await?;
            if found.total > 0 {
                return Ok(found);
            }
        }
        let fts = match &plan {
            Some(Plan::Runs { words, runs }) => {
                return self
                    .by_runs(&cols, words.as_deref(), runs, query, limit)
                    .await
            }
            Some(Plan::Words(fts)) => Some(fts.as_str()),
            None => None,
        };
        let relevance = query.sort == SortField::Name && !query.descending;
        if let (true, Some(word), Some(fts)) = (relevance, name_word(text), fts) {
            if let Some(found) = self.by_common_word(&cols, &word, fts, query, limit).await? {
                return Ok(found);
            }
        }
        if let (true, true, Some(fts)) = (relevance, unfiltered(query), fts) {
            return self.by_rank(&cols, fts, query, limit).await;
        }
        self.by_filters(&cols, fts, &[], query, limit).await
    }

    /// How many rows match (up to [`COUNT_CAP`]). Without filters the word index answers
    /// alone: joining every match to its row would read thousands of scattered pages.
    async fn count_matches(&self, fts: &str, query: &DirectoryQuery) -> Result<i64> {
        let mut q: QueryBuilder<Sqlite> = if unfiltered(query) {
            QueryBuilder::new(
                "SELECT count(*) FROM (SELECT 1 FROM users_fts WHERE users_fts MATCH ",
            )
        } else {
            QueryBuilder::new(
                "SELECT count(*) FROM (SELECT 1 FROM users_fts JOIN users u \
                 ON u.rowid = users_fts.rowid WHERE users_fts MATCH ",
            )
        };
        q.push_bind(fts.to_string());
        push_filters(&mut q, query);
        q.push(" LIMIT ").push_bind(COUNT_CAP).push(")");
        Ok(q.build_query_scalar().fetch_one(self.pool()).await?)
    }
}

/// A page of `rows`, `total` matches in all (`took_ms` is set by `search`).
fn page(rows: &[SqliteRow], total: i64) -> Result<DirectoryPage> {
    Ok(DirectoryPage {
        rows: rows.iter().map(from_row).collect::<Result<_>>()?,
        total: total as u32,
        took_ms: 0.0,
        source: SearchSource::Local,
        more: false,
        platform_error: None,
        filling_percent: None,
    })
}

/// No kind, status or role filter: the word index alone answers counts and ranking.
fn unfiltered(query: &DirectoryQuery) -> bool {
    query.kind.is_none() && query.status.is_none() && query.role.is_none()
}
