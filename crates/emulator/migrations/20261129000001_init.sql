-- Organizations, people and the OAuth2 clients that act for them.
CREATE TABLE organizations (
    id   TEXT PRIMARY KEY,
    name TEXT NOT NULL
);

CREATE TABLE users (
    id            TEXT PRIMARY KEY,
    org_id        TEXT NOT NULL REFERENCES organizations(id),
    kind          TEXT NOT NULL,
    display_name  TEXT NOT NULL,
    email         TEXT,
    phone         TEXT,
    password_hash TEXT,
    config_role   TEXT,
    status        TEXT NOT NULL DEFAULT 'active',
    guardian_id   TEXT REFERENCES users(id),
    created_at    INTEGER NOT NULL
);
-- Seed rule: staff emails are unique in an organization.
CREATE UNIQUE INDEX users_staff_email ON users(org_id, lower(email)) WHERE kind = 'STAFF';
CREATE INDEX users_email ON users(lower(email));

CREATE TABLE staff_roles (
    user_id TEXT NOT NULL REFERENCES users(id) ON DELETE CASCADE,
    role    TEXT NOT NULL,
    PRIMARY KEY (user_id, role)
);

CREATE TABLE clients (
    client_id          TEXT PRIMARY KEY,
    org_id             TEXT NOT NULL REFERENCES organizations(id),
    name               TEXT NOT NULL,
    secret_hash        TEXT,            -- NULL for public clients
    redirect_uris      TEXT NOT NULL,   -- JSON array
    scopes             TEXT NOT NULL,   -- space separated
    service_account_id TEXT REFERENCES users(id)
);

-- Pending /authorize requests between the sign-in form and its submission.
CREATE TABLE auth_requests (
    id             TEXT PRIMARY KEY,
    client_id      TEXT NOT NULL,
    redirect_uri   TEXT NOT NULL,
    state          TEXT,
    code_challenge TEXT NOT NULL,
    scope          TEXT NOT NULL,
    expires_at     INTEGER NOT NULL
);

-- Everything issued from one authorization (code, access and refresh tokens) shares a family,
-- so a replayed code or a reused refresh token can revoke all of it at once.
CREATE TABLE token_families (
    id         TEXT PRIMARY KEY,
    client_id  TEXT NOT NULL,
    user_id    TEXT NOT NULL REFERENCES users(id),
    scope      TEXT NOT NULL,
    created_at INTEGER NOT NULL,
    expires_at INTEGER NOT NULL,        -- absolute lifetime of the refresh chain
    revoked_at INTEGER
);

CREATE TABLE auth_codes (
    code_hash      TEXT PRIMARY KEY,
    family_id      TEXT NOT NULL REFERENCES token_families(id),
    redirect_uri   TEXT NOT NULL,
    code_challenge TEXT NOT NULL,
    expires_at     INTEGER NOT NULL,
    used_at        INTEGER
);

-- Only hashes of tokens are stored.
CREATE TABLE tokens (
    token_hash TEXT PRIMARY KEY,
    kind       TEXT NOT NULL CHECK (kind IN ('access', 'refresh')),
    family_id  TEXT NOT NULL REFERENCES token_families(id),
    issued_at  INTEGER NOT NULL,
    expires_at INTEGER NOT NULL,
    used_at    INTEGER,
    revoked_at INTEGER
);
CREATE INDEX tokens_family ON tokens(family_id);
