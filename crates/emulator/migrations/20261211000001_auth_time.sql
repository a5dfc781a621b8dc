-- When the person last typed their password (RFC 9470 step-up, OIDC auth_time). Set on the code
-- when the password is verified and on the family it starts, so every access token the family
-- issues (refreshes included) carries the same moment: a refresh never makes a sign-in "recent".
-- NULL for client-credential families: no person authenticated.
ALTER TABLE auth_codes ADD COLUMN auth_time INTEGER;
ALTER TABLE token_families ADD COLUMN auth_time INTEGER;
