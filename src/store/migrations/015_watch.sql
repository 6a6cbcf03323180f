-- 015: the watch list of external monitoring.  What the community is
-- called (names, nicknames, group names, distinctive phrases), each
-- watched for near words that tell of a leak or of mental health ("the
-- community's name within 30 words of 'screenshot'").  near: the rule's
-- own comma-separated words, or '' for sanctum's list in English, French
-- and Spanish.  Only outside text is read against it, never members.

CREATE TABLE watch_terms (
	id		INTEGER PRIMARY KEY,
	text		TEXT NOT NULL,
	near		TEXT NOT NULL DEFAULT '',
	within		INTEGER NOT NULL DEFAULT 30
			    CHECK (within BETWEEN 1 AND 200),
	created_by	TEXT NOT NULL,
	created_at	INTEGER NOT NULL,
	removed_at	INTEGER
) STRICT;
