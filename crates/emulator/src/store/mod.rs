//! One query module per table (or per tightly bound pair of tables).

pub mod accounts;
pub mod acting;
pub mod audit;
pub mod auth_requests;
pub mod changes;
pub mod clients;
pub mod invitations;
pub mod keys;
pub mod mfa;
pub mod nonces;
pub mod passwords;
pub mod roles;
pub mod seal_keys;
pub mod settings;
pub mod sign_in_failures;
pub mod tokens;
pub mod users;

type Query<'q> = sqlx::query::Query<'q, sqlx::Sqlite, sqlx::sqlite::SqliteArguments<'q>>;

/// A parameter of a query whose WHERE clause is built from optional filters.
#[derive(Clone)]
enum Bind {
    Text(String),
    Int(i64),
}

/// Binds `binds` in order.
fn bind_all(mut query: Query<'_>, binds: Vec<Bind>) -> Query<'_> {
    for bind in binds {
        query = match bind {
            Bind::Text(s) => query.bind(s),
            Bind::Int(i) => query.bind(i),
        };
    }
    query
}

/// Which way a listing pages from its cursor.
#[derive(Clone, Copy)]
enum Order {
    /// Keys greater than the cursor, in ascending order (ids).
    After,
    /// Keys less than the cursor, newest first (sequence numbers, rowids).
    Before,
}

/// The page query over a filtered selection (`FROM ... WHERE ...` and its parameters):
/// `columns` of up to `limit` rows past `cursor` on `key`, in `order`. The cursor condition and
/// the order are on the same column, so the page is a range scan from the cursor.
fn page_query(
    columns: &str,
    (mut sql, mut binds): (String, Vec<Bind>),
    key: &str,
    order: Order,
    cursor: Option<Bind>,
    limit: i64,
) -> (String, Vec<Bind>) {
    let (compare, direction) = match order {
        Order::After => (">", ""),
        Order::Before => ("<", " DESC"),
    };
    sql.insert_str(0, &format!("SELECT {columns} "));
    if let Some(cursor) = cursor {
        sql.push_str(&format!(" AND {key} {compare} ?"));
        binds.push(cursor);
    }
    sql.push_str(&format!(" ORDER BY {key}{direction} LIMIT ?"));
    binds.push(Bind::Int(limit));
    (sql, binds)
}

/// How many rows a filtered selection holds.
async fn count(
    conn: &mut sqlx::SqliteConnection,
    (sql, binds): (String, Vec<Bind>),
) -> crate::Result<i64> {
    use sqlx::Row;
    let row = bind_all(sqlx::query(&format!("SELECT count(*) {sql}")), binds)
        .fetch_one(conn)
        .await?;
    Ok(row.try_get(0)?)
}
