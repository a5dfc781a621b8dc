-- Phone numbers and ids leave the word index (issue 16). Every tail of every phone's digits was
-- a word there, indexed three times over by the '2 3' prefix indexes: most of the index and most
-- of a full sync's time. The digits now live in their own trigram index, which finds a run of 3+
-- digits anywhere in the number directly. Ids are found by their start (the primary key); their
-- words are in every id ("usr", the organization's part), so as words they matched everybody.
DROP TRIGGER users_fts_insert;
DROP TRIGGER users_fts_delete;
DROP TRIGGER users_fts_update;
DROP TABLE users_fts;

ALTER TABLE users ADD COLUMN phone_digits TEXT NOT NULL DEFAULT '';
-- The first tail is the whole run of digits.
UPDATE users SET phone_digits = CASE
    WHEN instr(phone_tokens, ' ') > 0 THEN substr(phone_tokens, 1, instr(phone_tokens, ' ') - 1)
    ELSE phone_tokens END;
ALTER TABLE users DROP COLUMN phone_tokens;

CREATE VIRTUAL TABLE users_fts USING fts5(
    display_name, email, roles,
    content = 'users', content_rowid = 'rowid',
    tokenize = 'unicode61 remove_diacritics 2',
    prefix = '2 3'
);
-- Column weights for relevance (name, email, roles), as before without the phone and the id.
INSERT INTO users_fts(users_fts, rank) VALUES ('rank', 'bm25(10.0, 4.0, 1.0)');

CREATE VIRTUAL TABLE users_phone USING fts5(
    phone_digits,
    content = 'users', content_rowid = 'rowid',
    tokenize = 'trigram'
);

-- Both indexes follow the table row by row, except during a full sync's bulk load (rebuilt once
-- at its end).
CREATE TRIGGER users_fts_insert AFTER INSERT ON users
WHEN (SELECT bulk FROM sync_flags WHERE id = 1) = 0 BEGIN
    INSERT INTO users_fts(rowid, display_name, email, roles)
    VALUES (new.rowid, new.display_name, new.email, new.roles);
    INSERT INTO users_phone(rowid, phone_digits) VALUES (new.rowid, new.phone_digits);
END;
CREATE TRIGGER users_fts_delete AFTER DELETE ON users
WHEN (SELECT bulk FROM sync_flags WHERE id = 1) = 0 BEGIN
    INSERT INTO users_fts(users_fts, rowid, display_name, email, roles)
    VALUES ('delete', old.rowid, old.display_name, old.email, old.roles);
    INSERT INTO users_phone(users_phone, rowid, phone_digits)
    VALUES ('delete', old.rowid, old.phone_digits);
END;
CREATE TRIGGER users_fts_update AFTER UPDATE OF display_name, email, roles ON users
WHEN (SELECT bulk FROM sync_flags WHERE id = 1) = 0 BEGIN
    INSERT INTO users_fts(users_fts, rowid, display_name, email, roles)
    VALUES ('delete', old.rowid, old.display_name, old.email, old.roles);
    INSERT INTO users_fts(rowid, display_name, email, roles)
    VALUES (new.rowid, new.display_name, new.email, new.roles);
END;
CREATE TRIGGER users_phone_update AFTER UPDATE OF phone_digits ON users
WHEN (SELECT bulk FROM sync_flags WHERE id = 1) = 0 BEGIN
    INSERT INTO users_phone(users_phone, rowid, phone_digits)
    VALUES ('delete', old.rowid, old.phone_digits);
    INSERT INTO users_phone(rowid, phone_digits) VALUES (new.rowid, new.phone_digits);
END;

INSERT INTO users_fts(users_fts) VALUES ('rebuild');
INSERT INTO users_phone(users_phone) VALUES ('rebuild');

-- The Overview counts people by kind and status: a covering index instead of a sorted scan.
CREATE INDEX IF NOT EXISTS users_kind_status ON users(kind, status);
-- Only dependents have a guardian: the others stay out of that index (smaller, faster to build).
DROP INDEX IF EXISTS users_guardian;
CREATE INDEX users_guardian ON users(guardian_id) WHERE guardian_id IS NOT NULL;
