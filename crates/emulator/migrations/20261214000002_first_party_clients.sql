-- The platform's own clients (the Access Console: a native app, RFC 8252 loopback on any port)
-- as opposed to the organization's own apps, whose redirect URIs the organization's
-- allowed_redirect_uris setting governs.
ALTER TABLE clients ADD COLUMN first_party INTEGER NOT NULL DEFAULT 0;
