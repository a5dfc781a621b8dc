-- Invitations of staff, one-time codes to set a password, and the password history that keeps
-- a person from setting a password they used before (issue 13).

-- An invitation (purpose 'invite': the person is `invited` until they accept) or a password
-- reset an OWNER issued (purpose 'reset'). Ended when accepted or withdrawn; a withdrawn
-- invitation's person is deleted, so `user_id` is no foreign key: the record outlives them.
CREATE TABLE invitations (
    id              TEXT PRIMARY KEY,
    org_id          TEXT NOT NULL REFERENCES organizations(id),
    user_id         TEXT NOT NULL,
    purpose         TEXT NOT NULL CHECK (purpose IN ('invite', 'reset')),
    display_name    TEXT NOT NULL,
    email           TEXT NOT NULL,
    invited_by_id   TEXT NOT NULL,
    invited_by_name TEXT NOT NULL,
    created_at      INTEGER NOT NULL,
    sent_at         INTEGER NOT NULL,
    expires_at      INTEGER NOT NULL,
    version         INTEGER NOT NULL DEFAULT 1,
    ended_at        INTEGER,
    ended_how       TEXT CHECK (ended_how IN ('accepted', 'withdrawn'))
);
CREATE INDEX invitations_pending ON invitations(org_id, id) WHERE ended_at IS NULL;

-- Every code issued for an invitation, by hash only. A re-send supersedes the previous code;
-- it is kept so that its link can say it was replaced, not that it never existed.
CREATE TABLE invitation_codes (
    code_hash     TEXT PRIMARY KEY,
    invitation_id TEXT NOT NULL REFERENCES invitations(id),
    issued_at     INTEGER NOT NULL,
    superseded_at INTEGER
);
CREATE INDEX invitation_codes_invitation ON invitation_codes(invitation_id);

-- Hashes (argon2, as users.password_hash) of the passwords a person set at the platform.
CREATE TABLE password_history (
    user_id       TEXT NOT NULL,
    password_hash TEXT NOT NULL,
    set_at        INTEGER NOT NULL
);
CREATE INDEX password_history_user ON password_history(user_id, set_at);
