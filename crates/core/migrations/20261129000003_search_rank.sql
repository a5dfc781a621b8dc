-- Column weights for relevance, so queries can use FTS5's fast `ORDER BY rank` path:
-- name, email, phone, id, roles.
INSERT INTO users_fts(users_fts, rank) VALUES ('rank', 'bm25(10.0, 4.0, 4.0, 6.0, 1.0)');
