//! A common word: names that start with it first, in name order, then its other matches.

use sqlx::{QueryBuilder, Sqlite};

use super::{page, push_filters, unfiltered, COUNT_CAP};
use crate::cache::Cache;
use crate::ipc::{DirectoryPage, DirectoryQuery};
use crate::Result;

/// Above this many matches, ranking every match costs more than it tells: a word that matches
/// hundreds of people is a name still being typed.
const RANKED_UP_TO: i64 = 500;

impl Cache {
    /// A word that matches more than [`RANKED_UP_TO`] people: those whose name starts with it
    /// come first in name order (a range scan of the name index, no ranking), then the word's
    /// other matches (a surname, an email, a role) in the index's order. `None` when the word matches
    /// few enough people to rank them all.
    pub(super) async fn by_common_word(
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
        let mut first_q: QueryBuilder<Sqlite> =
            QueryBuilder::new("SELECT count(*) FROM (SELECT 1 FROM users u WHERE");
        name_starts(&mut first_q);
        push_filters(&mut first_q, query);
        first_q.push(" LIMIT ").push_bind(COUNT_CAP).push(")");
        let first: i64 = first_q.build_query_scalar().fetch_one(self.pool()).await?;
        // As many names start with it as are ever counted ("a", "jo"): the name index alone
        // answers, and the word index (a one-letter prefix reads every word's postings) is
        // never asked. The table scrolls through the first COUNT_CAP matches either way.
        let total = if first >= COUNT_CAP {
            COUNT_CAP
        } else {
            self.count_matches(fts, query).await?
        };
        if total <= RANKED_UP_TO {
            return Ok(None);
        }

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
            q.push(") ORDER BY users_fts.rowid LIMIT ")
                .push_bind(wanted)
                .push(" OFFSET ")
                .push_bind((offset - first).max(0));
            rows.extend(q.build().fetch_all(self.pool()).await?);
        }
        page(&rows, total.max(first)).map(Some)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::cache::{upsert_users, CacheKey};

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
            date_of_birth: None,
            guardian_access: None,
            mfa_enrolled: None,
            created_at: 0,
            updated_at: 0,
            version: 1,
        }
    }

    #[tokio::test]
    async fn a_common_word_lists_names_that_start_with_it_first_then_its_other_matches() {
        let dir = tempfile::tempdir().unwrap();
        let cache = Cache::open(&dir.path().join("c.sqlite"), &CacheKey::random())
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
        upsert_users(&mut tx, &people, 0).await.unwrap();
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
