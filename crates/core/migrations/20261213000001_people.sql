-- People have a date of birth, and dependents carry what their guardian may see (as the
-- platform computed it when the row was served).
ALTER TABLE users ADD COLUMN date_of_birth TEXT;
ALTER TABLE users ADD COLUMN guardian_access TEXT;
-- Rows cached before this hold no date of birth, and the feed will not resend them: the next
-- sync lists everyone again.
UPDATE sync_state SET as_of_seq = NULL;
