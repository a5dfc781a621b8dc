-- Acting on behalf (RFC 8693): an OWNER acts for a staff member for a while. One row per time,
-- kept after it ends: the person's own timeline and the audit trail name it. No foreign keys
-- to users: removing a person must not be blocked by (or erase) the record of who acted for
-- whom.
CREATE TABLE acting_sessions (
    id         TEXT PRIMARY KEY,          -- act_…
    org_id     TEXT NOT NULL,
    subject_id TEXT NOT NULL,             -- the person acted for (sub)
    subject_name TEXT NOT NULL,
    actor_id   TEXT NOT NULL,             -- the OWNER who acts (act.sub)
    actor_name TEXT NOT NULL,
    reason     TEXT NOT NULL,
    started_at INTEGER NOT NULL,
    expires_at INTEGER NOT NULL,
    ended_at   INTEGER,
    family_id  TEXT NOT NULL               -- the delegated token family, revoked at the end
);

-- A delegated family belongs to the subject (user_id) and names who holds it and why.
ALTER TABLE token_families ADD COLUMN actor_id TEXT;
ALTER TABLE token_families ADD COLUMN acting_id TEXT;

-- Every event made on someone's behalf records for whom, by what kind of actor, and on what
-- terms (an OWNER's acting session, or a service account acting for its provider).
ALTER TABLE audit_events ADD COLUMN subject_id TEXT;
ALTER TABLE audit_events ADD COLUMN subject_name TEXT;
ALTER TABLE audit_events ADD COLUMN on_behalf_actor_kind TEXT;
ALTER TABLE audit_events ADD COLUMN acting_id TEXT;
ALTER TABLE audit_events ADD COLUMN on_behalf_reason TEXT;
ALTER TABLE audit_events ADD COLUMN on_behalf_started_at INTEGER;
ALTER TABLE audit_events ADD COLUMN on_behalf_expires_at INTEGER;
-- A person's timeline (target OR subject) pages through both indexes.
CREATE INDEX audit_events_subject ON audit_events(org_id, subject_id, seq);
