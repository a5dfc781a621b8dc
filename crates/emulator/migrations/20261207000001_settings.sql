-- Organization settings: every version of each organization's settings document, never updated
-- or deleted. The current settings are the organization's highest version; the ETag is
-- "<version>". `vals` holds every field's value as a JSON object, `changed` the keys that differ
-- from the version before as a JSON array, and `restored_from` the version a restore copied.
CREATE TABLE settings_versions (
    org_id        TEXT NOT NULL REFERENCES organizations(id),
    version       INTEGER NOT NULL,
    at            INTEGER NOT NULL,
    actor_id      TEXT NOT NULL,
    actor_name    TEXT NOT NULL,
    reason        TEXT NOT NULL,
    changed       TEXT NOT NULL,
    restored_from INTEGER,
    vals          TEXT NOT NULL,
    PRIMARY KEY (org_id, version)
) WITHOUT ROWID;
