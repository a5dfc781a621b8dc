-- The audit trail: one row per change made through the admin API, never updated or deleted.
--
-- `seq` is the change-feed sequence number of the event's own feed entry, so events are ordered
-- by the feed (newest first is `seq DESC`) and a listing's `as_of_seq` says exactly which events
-- it can contain. `before` / `after` hold the changed part of the resource as JSON text.
CREATE TABLE audit_events (
    org_id      TEXT NOT NULL REFERENCES organizations(id),
    seq         INTEGER NOT NULL,
    id          TEXT NOT NULL UNIQUE,
    at          INTEGER NOT NULL,
    actor_id    TEXT NOT NULL,
    actor_name  TEXT NOT NULL,
    action      TEXT NOT NULL,
    target_type TEXT NOT NULL,
    target_id   TEXT NOT NULL,
    target_name TEXT NOT NULL,
    before      TEXT NOT NULL,
    after       TEXT NOT NULL,
    reason      TEXT NOT NULL,
    request_id  TEXT NOT NULL,
    PRIMARY KEY (org_id, seq)
) WITHOUT ROWID;
-- The listing's filters, each ending in seq so a filtered page is a backwards range scan from
-- the cursor, never a sort. A time window gets its own index: a narrow window long ago is then
-- a short range instead of a walk back through every newer event.
CREATE INDEX audit_events_actor ON audit_events(org_id, actor_id, seq);
CREATE INDEX audit_events_target ON audit_events(org_id, target_id, seq);
CREATE INDEX audit_events_action ON audit_events(org_id, action, seq);
CREATE INDEX audit_events_at ON audit_events(org_id, at);

-- The change feed now also carries audit events (resource 'audit', `id` = the event id). SQLite
-- cannot alter a CHECK constraint, so the log is rebuilt with the wider one and its rows copied.
CREATE TABLE changes_new (
    org_id      TEXT NOT NULL,
    seq         INTEGER NOT NULL,
    resource    TEXT NOT NULL CHECK (resource IN ('user', 'audit')),
    resource_id TEXT NOT NULL,
    kind        TEXT,
    op          TEXT NOT NULL CHECK (op IN ('upsert', 'delete')),
    at          INTEGER NOT NULL,
    PRIMARY KEY (org_id, seq)
) WITHOUT ROWID;
INSERT INTO changes_new (org_id, seq, resource, resource_id, kind, op, at)
    SELECT org_id, seq, resource, resource_id, kind, op, at FROM changes;
DROP TABLE changes;
ALTER TABLE changes_new RENAME TO changes;
