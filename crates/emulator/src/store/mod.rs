//! One query module per table (or per tightly bound pair of tables).

pub mod accounts;
pub mod audit;
pub mod auth_requests;
pub mod changes;
pub mod clients;
pub mod keys;
pub mod nonces;
pub mod roles;
pub mod seal_keys;
pub mod settings;
pub mod sign_in_failures;
pub mod tokens;
pub mod users;

type Query<'q> = sqlx::query::Query<'q, sqlx::Sqlite, sqlx::sqlite::SqliteArguments<'q>>;

/// A parameter of a query whose WHERE clause is built from optional filters.
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
