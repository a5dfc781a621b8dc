-- Under which rights the copy was made (the `/v1/me` permissions, space separated): a copy
-- made under other rights than the person has now is rebuilt, so rows they may no longer see
-- are gone. And when the last full listing finished.
ALTER TABLE sync_state ADD COLUMN scope TEXT;
ALTER TABLE sync_state ADD COLUMN last_full_at INTEGER;
