//! Directory search over the cache: FTS5 prefix matching for text, indexed filters, sorting.
//! What the typed text means is decided in `text`; this module turns it into SQL.

use std::time::Instant;

use sqlx::{QueryBuilder, Sqlite};

mod text;

pub(crate) use text::fts_query;
pub use text::phone_tokens;
use text::{email_prefix, id_prefix, name_word};

use super::users::{from_row, COLUMNS};
use super::Cache;
use crate::ipc::{DirectoryPage, DirectoryQuery, SortField};
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

/// Above this many matches, ranking every match costs more than it tells: a word that matches
/// thousands of people is a name still being typed.
const RANKED_UP_TO: i64 = 2_000;

impl Cache {
    /// The directory search the UI, the CLI and the benchmarks use.
    pub async fn search(&self, query: &DirectoryQuery) -> Result<DirectoryPage> {
        let started = Instant::now();
        let limit = query.limit.clamp(1, 1000) as i64;
        let text = query.text.trim();
        let fts = fts_query(text);
        if !text.is_empty() && fts.is_none() {
            return Ok(DirectoryPage {
                rows: Vec::new(),
                total: 0,
                took_ms: 0.0,
            });
        }
        let cols: String = COLUMNS
            .split(", ")
            .map(|c| format!("u.{c}"))
            .collect::<Vec<_>>()
            .join(", ");
        let starts_with = match (id_prefix(text), email_prefix(text)) {
            (Some(p), _) => Some(("id", p.to_string())),
            (None, Some(p)) => Some(("email", p)),
            _ => None,
        };
        if let Some((column, prefix)) = starts_with {
            let found = self
                .search_prefix(&cols, column, &prefix, query, limit)
                .await?;
            if found.total > 0 {
                return Ok(DirectoryPage {
                    took_ms: started.elapsed().as_secs_f64() * 1000.0,
                    ..found
                });
            }
        }
        let relevance = query.sort == SortField::Name && !query.descending;
        if let (true, Some(word), Some(fts)) = (relevance, name_word(text), &fts) {
            if let Some(found) = self
                .search_common_word(&cols, &word, fts, query, limit)
                .await?
            {
                return Ok(DirectoryPage {
                    took_ms: started.elapsed().as_secs_f64() * 1000.0,
                    ..found
                });
            }
        }
        if let (true, true, Some(fts)) = (relevance, unfiltered(query), &fts) {
            let total = self.count_matches(fts, query).await?;
            let rows = self
                .ranked_rows(&cols, fts, None, limit, query.offset as i64)
                .await?;
            return Ok(DirectoryPage {
                rows: rows.iter().map(from_row).collect::<Result<_>>()?,
                total: total as u32,
                took_ms: started.elapsed().as_secs_f64() * 1000.0,
            });
        }
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
        if let Some(fts) = &fts {
            rows_q.push_bind(fts.clone());
            count_q.push_bind(fts.clone());
        }
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
        Ok(DirectoryPage {
            rows: rows.iter().map(from_row).collect::<Result<_>>()?,
            total: total as u32,
            took_ms: started.elapsed().as_secs_f64() * 1000.0,
        })
    }
}

impl Cache {
    /// Rows whose `column` (id or email, both indexed) starts with `prefix`: a range scan.
    async fn search_prefix(
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
        Ok(DirectoryPage {
            rows: rows.iter().map(from_row).collect::<Result<_>>()?,
            total: total as u32,
            took_ms: 0.0,
        })
    }
}

impl Cache {
    /// A word that matches more than [`RANKED_UP_TO`] people: those whose name starts with it
    /// come first in name order (a range scan of the name index, no ranking), then the word's
    /// other matches (a surname, an email, a role) by relevance. `None` when the word matches
    /// few enough people to rank them all.
    async fn search_common_word(
        &self,
        cols: &str,
        word: &str,
        fts: &str,
        query: &DirectoryQuery,
        limit: i64,
    ) -> Result<Option<DirectoryPage>> {
        let upper = format!("{word}\u{ffff}");
        let name_starts = |q: &mut QueryBuilder<'_, Sqlite>| {
            q.push(" u.name_sort >= ")
                .push_bind(word.to_string())
                .push(" AND u.name_sort < ")
                .push_bind(upper.clone());
        };
        let total = self.count_matches(fts, query).await?;
        if total <= RANKED_UP_TO {
            return Ok(None);
        }

        let mut first_q: QueryBuilder<Sqlite> =
            QueryBuilder::new("SELECT count(*) FROM (SELECT 1 FROM users u WHERE");
        name_starts(&mut first_q);
        push_filters(&mut first_q, query);
        first_q.push(" LIMIT ").push_bind(COUNT_CAP).push(")");
        let first: i64 = first_q.build_query_scalar().fetch_one(self.pool()).await?;

        let offset = query.offset as i64;
        let mut rows = Vec::new();
        if offset < first {
            let mut q: QueryBuilder<Sqlite> =
                QueryBuilder::new(format!("SELECT {cols} FROM users u WHERE"));
            name_starts(&mut q);
            push_filters(&mut q, query);
            q.push(" ORDER BY u.name_sort, u.id LIMIT ")
                .push_bind(limit)
                .push(" OFFSET ")
                .push_bind(offset);
            rows = q.build().fetch_all(self.pool()).await?;
        }
        let wanted = limit - rows.len() as i64;
        if wanted > 0 && total > first && unfiltered(query) {
            let skip = (offset - first).max(0);
            let more = self
                .ranked_rows(cols, fts, Some((word, first)), wanted, skip)
                .await?;
            rows.extend(more);
        } else if wanted > 0 && total > first {
            let mut q: QueryBuilder<Sqlite> = QueryBuilder::new(format!(
                "SELECT {cols} FROM users_fts JOIN users u ON u.rowid = users_fts.rowid \
                 WHERE users_fts MATCH "
            ));
            q.push_bind(fts.to_string());
            push_filters(&mut q, query);
            q.push(" AND NOT (");
            name_starts(&mut q);
            q.push(") ORDER BY users_fts.rank, u.name_sort, u.id LIMIT ")
                .push_bind(wanted)
                .push(" OFFSET ")
                .push_bind((offset - first).max(0));
            rows.extend(q.build().fetch_all(self.pool()).await?);
        }
        Ok(Some(DirectoryPage {
            rows: rows.iter().map(from_row).collect::<Result<_>>()?,
            total: total.max(first) as u32,
            took_ms: 0.0,
        }))
    }
}

/// No kind, status or role filter: the word index alone answers counts and ranking.
fn unfiltered(query: &DirectoryQuery) -> bool {
    query.kind.is_none() && query.status.is_none() && query.role.is_none()
}

impl Cache {
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

    /// Unfiltered matches in relevance order, `limit` of them after `skip`: the word index ranks
    /// and cuts first, and only the rows shown are read from the table. With `except_names`,
    /// names that start with `word` (of which there are `first`) are left out: among the best
    /// `first + skip + limit` matches there are always enough others.
    async fn ranked_rows(
        &self,
        cols: &str,
        fts: &str,
        except_names: Option<(&str, i64)>,
        limit: i64,
        skip: i64,
    ) -> Result<Vec<sqlx::sqlite::SqliteRow>> {
        let reach = except_names.map_or(0, |(_, first)| first) + skip + limit;
        let mut q: QueryBuilder<Sqlite> = QueryBuilder::new(format!(
            "SELECT {cols} FROM (SELECT rowid AS r, rank AS k FROM users_fts \
             WHERE users_fts MATCH "
        ));
        q.push_bind(fts.to_string())
            .push(" ORDER BY rank LIMIT ")
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

#[cfg(test)]
mod tests {
    use super::*;

    fn person(n: usize, name: &str) -> console_api::User {
        console_api::User {
            id: format!("usr_{n:05}"),
            kind: console_api::UserKind::Patient,
            display_name: name.to_string(),
            email: Some(format!("p{n}@example.test")),
            phone: None,
            status: console_api::UserStatus::Active,
            staff_roles: vec![],
            guardian_id: None,
            created_at: 0,
            updated_at: 0,
            version: 1,
        }
    }

    #[tokio::test]
    async fn a_common_word_lists_names_that_start_with_it_first_then_its_other_matches() {
        let dir = tempfile::tempdir().unwrap();
        let cache = Cache::open(
            &dir.path().join("c.sqlite"),
            &super::super::CacheKey::random(),
        )
        .await
        .unwrap();
        // More matches than are ranked: 2,100 people named Aaron, 30 with Aaronson as surname.
        let mut people: Vec<_> = (0..2100)
            .map(|n| person(n, &format!("Aaron {:05}", 2100 - n)))
            .collect();
        // Their emails hold the word too, so by relevance alone they would come first.
        people.extend((2100..2130).map(|n| console_api::User {
            email: Some(format!("aaronson{n}@example.test")),
            ..person(n, &format!("Zed Aaronson {n}"))
        }));
        people.push(person(3000, "Bea Cole"));
        let mut tx = cache.pool().begin().await.unwrap();
        super::super::upsert_users(&mut tx, &people, 0)
            .await
            .unwrap();
        tx.commit().await.unwrap();

        let page = |offset: u32| {
            let cache = cache.clone();
            async move {
                let q = DirectoryQuery {
                    offset,
                    ..DirectoryQuery::text("aaro", 50)
                };
                cache.search(&q).await.unwrap()
            }
        };
        let first = page(0).await;
        assert_eq!(first.total, 2130, "every match is counted");
        // Names that start with the word come first, in name order.
        let names: Vec<&str> = first.rows.iter().map(|u| u.display_name.as_str()).collect();
        assert_eq!(names[0], "Aaron 00001");
        assert!(names
            .windows(2)
            .all(|w| w[0].to_lowercase() <= w[1].to_lowercase()));
        // Paging across the boundary continues with the other matches, none twice or lost.
        let across = page(2080).await;
        assert_eq!(across.rows.len(), 50);
        assert!(across.rows[..20]
            .iter()
            .all(|u| u.display_name.starts_with("Aaron ")));
        assert!(across.rows[20..]
            .iter()
            .all(|u| u.display_name.starts_with("Zed Aaronson")));
        let mut seen = std::collections::HashSet::new();
        for offset in (0..2130).step_by(50) {
            for u in page(offset).await.rows {
                assert!(seen.insert(u.id.clone()), "{} listed twice", u.id);
            }
        }
        assert_eq!(seen.len(), 2130);
        assert!(!seen.contains("usr_03000"));
    }
}
