-- The directory: versions for ETags, indexes behind the admin API's filters, the seed rules'
-- backstops, and the per-organization change feed.

ALTER TABLE users ADD COLUMN updated_at INTEGER NOT NULL DEFAULT 0;
-- Starts at 1 and grows by one on every change; the ETag is "<version>".
ALTER TABLE users ADD COLUMN version INTEGER NOT NULL DEFAULT 1;
-- Only the digits of `phone`, so "(555) 010-0142" and "555.010.0142" are the same number to the
-- uniqueness rule. Kept by the store, never by hand.
ALTER TABLE users ADD COLUMN phone_digits TEXT;

UPDATE users SET updated_at = created_at;
UPDATE users
SET phone_digits = replace(replace(replace(replace(replace(replace(
        phone, '(', ''), ')', ''), ' ', ''), '-', ''), '.', ''), '+', '')
WHERE phone IS NOT NULL;

-- The first demo seed gave Pat Patient John Guardian's phone, which the primary-consumer rule
-- forbids (only a dependent may share a guardian's contact details). Give Pat a number of her own
-- so databases seeded before this migration satisfy the unique index below.
UPDATE users SET phone = '(555) 010-0199', phone_digits = '5550100199'
WHERE id = 'usr_pat_patient' AND phone_digits = '5550100142';

-- Seed rule backstops: a primary consumer's email and phone are each unique among the primary
-- consumers of the organization. The store checks first to give a clear error; these make a bug
-- in the store or the generator fail loudly instead of storing bad data.
CREATE UNIQUE INDEX users_primary_email ON users(org_id, lower(email))
    WHERE kind IN ('PATIENT', 'HCP', 'GUARDIAN');
CREATE UNIQUE INDEX users_primary_phone ON users(org_id, phone_digits)
    WHERE kind IN ('PATIENT', 'HCP', 'GUARDIAN');

-- Listing is by id within an organization, optionally filtered: the selective filters (kind,
-- role, guardian) get an index whose last column is id, so a page is a range scan from the
-- cursor, never a sort. Status is not indexed: nine in ten users are active, so filtering the id
-- scan is as fast, and every index costs the million-user load seconds.
CREATE INDEX users_org ON users(org_id, id);
CREATE INDEX users_org_kind ON users(org_id, kind, id);
CREATE INDEX users_guardian ON users(guardian_id, id) WHERE guardian_id IS NOT NULL;
CREATE INDEX staff_roles_role ON staff_roles(role, user_id);

-- Sign-in looks accounts up by email, but only accounts with a password can sign in: indexing
-- just those keeps a million generated consumers out of an index they never use.
DROP INDEX users_email;
CREATE INDEX users_login ON users(lower(email)) WHERE password_hash IS NOT NULL;

-- One row per organization: the newest sequence number handed out, and the floor. A client whose
-- position is below the floor has missed changes that are no longer in the log (bulk generation
-- writes none) and must run a full sync.
CREATE TABLE change_feeds (
    org_id    TEXT PRIMARY KEY REFERENCES organizations(id),
    last_seq  INTEGER NOT NULL DEFAULT 0,
    floor_seq INTEGER NOT NULL DEFAULT 0
);
INSERT INTO change_feeds (org_id) SELECT id FROM organizations;

-- The change log. `kind` is the user's kind when the change happened, so a reader allowed to see
-- staff only gets staff tombstones only (a deleted user has no row left to ask).
CREATE TABLE changes (
    org_id      TEXT NOT NULL,
    seq         INTEGER NOT NULL,
    resource    TEXT NOT NULL CHECK (resource IN ('user')),
    resource_id TEXT NOT NULL,
    kind        TEXT,
    op          TEXT NOT NULL CHECK (op IN ('upsert', 'delete')),
    at          INTEGER NOT NULL,
    PRIMARY KEY (org_id, seq)
) WITHOUT ROWID;
