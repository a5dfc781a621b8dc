-- Bulk loading: a full sync writes rows with the FTS triggers paused and rebuilds the index once
-- at the end, which is several times faster than indexing row by row.
CREATE TABLE sync_flags (
    id   INTEGER PRIMARY KEY CHECK (id = 1),
    bulk INTEGER NOT NULL DEFAULT 0
);
INSERT INTO sync_flags (id) VALUES (1);

DROP TRIGGER users_fts_insert;
DROP TRIGGER users_fts_delete;
DROP TRIGGER users_fts_update;

CREATE TRIGGER users_fts_insert AFTER INSERT ON users
WHEN (SELECT bulk FROM sync_flags WHERE id = 1) = 0 BEGIN
    INSERT INTO users_fts(rowid, display_name, email, phone_tokens, id, roles)
    VALUES (new.rowid, new.display_name, new.email, new.phone_tokens, new.id, new.roles);
END;
CREATE TRIGGER users_fts_delete AFTER DELETE ON users
WHEN (SELECT bulk FROM sync_flags WHERE id = 1) = 0 BEGIN
    INSERT INTO users_fts(users_fts, rowid, display_name, email, phone_tokens, id, roles)
    VALUES ('delete', old.rowid, old.display_name, old.email, old.phone_tokens, old.id, old.roles);
END;
CREATE TRIGGER users_fts_update AFTER UPDATE OF display_name, email, phone_tokens, id, roles ON users
WHEN (SELECT bulk FROM sync_flags WHERE id = 1) = 0 BEGIN
    INSERT INTO users_fts(users_fts, rowid, display_name, email, phone_tokens, id, roles)
    VALUES ('delete', old.rowid, old.display_name, old.email, old.phone_tokens, old.id, old.roles);
    INSERT INTO users_fts(rowid, display_name, email, phone_tokens, id, roles)
    VALUES (new.rowid, new.display_name, new.email, new.phone_tokens, new.id, new.roles);
END;
