-- 004: the leak detector's index.  For each post, only its keyed
-- fingerprints (SipHash values under the community's fingerprint sub-key,
-- sorted, 8 bytes each) and its word count: nothing readable.  params
-- names the k-gram length and window they were made with, so a change of
-- parameters is noticed and the index rebuilt.
CREATE TABLE post_fingerprints (
	post_id		INTEGER PRIMARY KEY REFERENCES posts(id) ON DELETE CASCADE,
	params		INTEGER NOT NULL,
	words		INTEGER NOT NULL,
	fps		BLOB NOT NULL
) STRICT;

-- Bumped by every change to post_fingerprints, so a running server knows
-- when to rebuild its in-memory index.
CREATE TABLE index_state (
	id		INTEGER PRIMARY KEY CHECK (id = 1),
	generation	INTEGER NOT NULL
) STRICT;
INSERT INTO index_state(id, generation) VALUES (1, 0);
