-- Per-person keys that seal a local copy the console keeps after sign-out. A row is deleted
-- whenever the person's roles or status change (and with the person), so a key once replaced
-- is gone for good: a copy sealed with it can never be opened again (crypto-shredding).
CREATE TABLE seal_keys (
    user_id    TEXT PRIMARY KEY REFERENCES users(id) ON DELETE CASCADE,
    key_id     TEXT NOT NULL,
    key        TEXT NOT NULL,
    created_at INTEGER NOT NULL
);
