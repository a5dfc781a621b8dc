-- The status filter gets its index after all: without it a page of suspended users (3%) read
-- thirty rows for every one it returned, and counting them read the whole organization. Large
-- generations rebuild it after loading (see generate::defer_indexes), so it costs the
-- million-user load a sort, not a per-row update.
CREATE INDEX users_org_status ON users(org_id, status, id);
