-- Service accounts and their credentials.
--
-- A service account is a user of kind SERVICE_ACCOUNT (so it is in the directory and the change
-- feed like everyone else: its name is `users.display_name`, disabled is `users.status =
-- 'suspended'`, and its ETag is `users.version`) plus this row for what only accounts have.
-- The owner of record and the provider it acts for are not foreign keys: when that person is
-- deleted the account stays, and reads report the owner as no longer active.
CREATE TABLE service_accounts (
    id          TEXT PRIMARY KEY REFERENCES users(id) ON DELETE CASCADE,
    description TEXT NOT NULL DEFAULT '',
    owner_id    TEXT NOT NULL,
    acts_for_id TEXT
);

-- API keys. Only a hash of the key is stored, found by the key id that is part of the key (and
-- of its listed prefix). `id` is `key_<key id>`. Status is derived on read: revoked, else
-- disabled, else expired (`expires_at <= now`), else active.
CREATE TABLE api_keys (
    id             TEXT PRIMARY KEY,
    account_id     TEXT NOT NULL REFERENCES users(id) ON DELETE CASCADE,
    name           TEXT NOT NULL,
    prefix         TEXT NOT NULL,
    key_hash       TEXT NOT NULL,
    created_at     INTEGER NOT NULL,
    created_by     TEXT NOT NULL,
    expires_at     INTEGER NOT NULL,
    disabled_at    INTEGER,
    revoked_at     INTEGER,
    last_used_at   INTEGER,
    last_used_from TEXT,
    replaced_by    TEXT
);
-- An account's keys, newest first (rowid order is creation order).
CREATE INDEX api_keys_account ON api_keys(account_id);

-- When the client's current secret was issued: lets the audit trail show a rotation as a
-- change, and an owner see how old a secret is.
ALTER TABLE clients ADD COLUMN secret_issued_at INTEGER;
CREATE INDEX clients_service_account ON clients(service_account_id)
    WHERE service_account_id IS NOT NULL;
