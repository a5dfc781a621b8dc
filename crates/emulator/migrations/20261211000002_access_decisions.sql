-- Access decisions the platform enforces (issue 11): audiences, per-token scope, resource
-- servers, bounded pending sign-ins and throttled passwords.

-- RFC 8707: the resource server a token family's tokens are for. NULL means the admin API
-- itself, which is also what every family from before this migration was for.
ALTER TABLE token_families ADD COLUMN audience TEXT;
-- Revoking all of a person's sign-ins at once (suspension, deletion, last role removed).
CREATE INDEX token_families_user ON token_families(user_id);

-- The scope this one token was issued with, when a refresh narrowed it below its family's.
-- NULL: the family's scope.
ALTER TABLE tokens ADD COLUMN scope TEXT;

-- The `resource` an authorization request asked for (RFC 8707), carried to its family.
ALTER TABLE auth_requests ADD COLUMN resource TEXT;
-- Expired requests are purged by expiry.
CREATE INDEX auth_requests_expiry ON auth_requests(expires_at);

-- A client registered as a resource server names the resource it serves (RFC 8707). Only
-- such clients may introspect (RFC 7662), and only tokens of their own organization.
ALTER TABLE clients ADD COLUMN resource TEXT;

-- Failed sign-ins per account and per source address. `subject` is a hash: what someone typed
-- into the email field (perhaps a password) is never stored.
CREATE TABLE sign_in_failures (
    subject        TEXT PRIMARY KEY,
    failures       INTEGER NOT NULL,
    last_failed_at INTEGER NOT NULL,
    blocked_until  INTEGER NOT NULL
);
