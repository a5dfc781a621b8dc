-- OpenID Connect: the `nonce` of an authorization request (OIDC Core §3.1.2.1) travels from
-- the pending request to the code it turns into, and into the ID token of the code exchange.
ALTER TABLE auth_requests ADD COLUMN nonce TEXT;
ALTER TABLE auth_codes ADD COLUMN nonce TEXT;
