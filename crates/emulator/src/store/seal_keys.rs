//! Per-person seal keys (see the `seal_keys` migration).

use sqlx::{Row, SqliteConnection, SqlitePool};

use crate::crypto;
use crate::Result;

/// The person's current seal key, made on first request: `(key_id, key)`.
pub async fn get_or_create(pool: &SqlitePool, user_id: &str, now: i64) -> Result<(String, String)> {
    let key_id = crypto::random_token("sk_");
    let key = crypto::random_token("");
    // One statement, so two first requests at once agree on one key.
    sqlx::query(
        "INSERT INTO seal_keys (user_id, key_id, key, created_at) VALUES (?, ?, ?, ?) \
         ON CONFLICT(user_id) DO NOTHING",
    )
    .bind(user_id)
    .bind(&key_id[..16])
    .bind(&key)
    .bind(now)
    .execute(pool)
    .await?;
    let row = sqlx::query("SELECT key_id, key FROM seal_keys WHERE user_id = ?")
        .bind(user_id)
        .fetch_one(pool)
        .await?;
    Ok((row.try_get("key_id")?, row.try_get("key")?))
}

/// Shreds the person's seal key: every copy sealed with it is unreadable from now on.
pub async fn shred(conn: &mut SqliteConnection, user_id: &str) -> Result<()> {
    sqlx::query("DELETE FROM seal_keys WHERE user_id = ?")
        .bind(user_id)
        .execute(&mut *conn)
        .await?;
    Ok(())
}
