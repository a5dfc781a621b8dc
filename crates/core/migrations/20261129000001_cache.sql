-- The local directory cache. Never holds a token, secret or key.
CREATE TABLE users (
    id           TEXT PRIMARY KEY,
    kind         TEXT NOT NULL,
    display_name TEXT NOT NULL,
    name_sort    TEXT NOT NULL,          -- lower(display_name), for sorting
    email        TEXT,
    phone        TEXT,
    -- Every suffix (3+ digits) of the phone's digits, so "0100142" and "010-0142" find
    -- "(555) 010-0142" as FTS prefix matches.
    phone_tokens TEXT NOT NULL DEFAULT '',
    status       TEXT NOT NULL,
    roles        TEXT NOT NULL DEFAULT '', -- space separated staff roles
    guardian_id  TEXT,
    created_at   INTEGER NOT NULL,
    updated_at   INTEGER NOT NULL,
    version      INTEGER NOT NULL,
    sync_gen     INTEGER NOT NULL DEFAULT 0 -- full-sync generation that last saw this row
);
CREATE INDEX users_name ON users(name_sort, id);
CREATE INDEX users_kind_name ON users(kind, name_sort);
CREATE INDEX users_guardian ON users(guardian_id);
CREATE INDEX users_updated ON users(updated_at);

CREATE VIRTUAL TABLE users_fts USING fts5(
    display_name, email, phone_tokens, id, roles,
    content = 'users', content_rowid = 'rowid',
    tokenize = 'unicode61 remove_diacritics 2',
    prefix = '2 3'
);

CREATE TRIGGER users_fts_insert AFTER INSERT ON users BEGIN
    INSERT INTO users_fts(rowid, display_name, email, phone_tokens, id, roles)
    VALUES (new.rowid, new.display_name, new.email, new.phone_tokens, new.id, new.roles);
END;
CREATE TRIGGER users_fts_delete AFTER DELETE ON users BEGIN
    INSERT INTO users_fts(users_fts, rowid, display_name, email, phone_tokens, id, roles)
    VALUES ('delete', old.rowid, old.display_name, old.email, old.phone_tokens, old.id, old.roles);
END;
CREATE TRIGGER users_fts_update AFTER UPDATE OF display_name, email, phone_tokens, id, roles ON users BEGIN
    INSERT INTO users_fts(users_fts, rowid, display_name, email, phone_tokens, id, roles)
    VALUES ('delete', old.rowid, old.display_name, old.email, old.phone_tokens, old.id, old.roles);
    INSERT INTO users_fts(rowid, display_name, email, phone_tokens, id, roles)
    VALUES (new.rowid, new.display_name, new.email, new.phone_tokens, new.id, new.roles);
END;

-- Where sync stands. The position is written in the same transaction as the data it covers.
CREATE TABLE sync_state (
    id             INTEGER PRIMARY KEY CHECK (id = 1),
    as_of_seq      INTEGER,   -- change-feed position the cache is complete up to (NULL: never)
    last_synced_at INTEGER,   -- when the cache last matched the server (Unix seconds)
    full_gen       INTEGER NOT NULL DEFAULT 0,
    full_cursor    TEXT,      -- resume point of an unfinished full sync
    full_as_of     INTEGER,   -- the feed position that full sync is consistent with
    full_done      INTEGER NOT NULL DEFAULT 0,
    full_total     INTEGER
);
INSERT INTO sync_state (id) VALUES (1);
