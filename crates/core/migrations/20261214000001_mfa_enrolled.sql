-- Staff members' MFA state as the platform serves it (NULL for everyone else; 0/1 for staff).
ALTER TABLE users ADD COLUMN mfa_enrolled INTEGER;
-- Rows cached before this column have no MFA state: the next sync is a full one, which
-- fills it for every staff member (the feed alone would only fill those who change).
UPDATE sync_state SET as_of_seq = NULL, full_cursor = NULL, full_as_of = NULL WHERE id = 1;
