-- 005: what changed in the fingerprint index since a given generation, so
-- a running server follows every write at once instead of rebuilding its
-- index: each post's fingerprints carry the generation that last wrote
-- them, and a deleted post leaves the generation of its deletion.
ALTER TABLE post_fingerprints ADD COLUMN gen INTEGER NOT NULL DEFAULT 0;
CREATE INDEX post_fingerprints_gen ON post_fingerprints(gen);

CREATE TABLE index_deletions (
	post_id		INTEGER PRIMARY KEY,
	gen		INTEGER NOT NULL
) STRICT;
CREATE INDEX index_deletions_gen ON index_deletions(gen);
