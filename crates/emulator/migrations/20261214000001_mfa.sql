-- Staff sign-in's second factor (TOTP, RFC 6238): one row per person who was ever asked.
-- secret NULL: reset by an OWNER (the row stays, so the demo seed does not re-enrol them);
-- enrolled_at NULL with a secret: an enrolment shown but not yet confirmed with a code.
CREATE TABLE mfa_secrets (
    user_id     TEXT PRIMARY KEY REFERENCES users(id) ON DELETE CASCADE,
    secret      TEXT,               -- base32, as the authenticator app was given it
    enrolled_at INTEGER,
    reset_at    INTEGER
);

-- A sign-in whose password was right and that now waits for the code: the pending request
-- (gone with it), who typed the password, and when.
CREATE TABLE mfa_challenges (
    request_id  TEXT PRIMARY KEY REFERENCES auth_requests(id) ON DELETE CASCADE,
    user_id     TEXT NOT NULL REFERENCES users(id) ON DELETE CASCADE,
    password_at INTEGER NOT NULL
);
