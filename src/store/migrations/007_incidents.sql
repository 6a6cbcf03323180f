-- 007: the record of an incident.  How it was opened; the risk
-- assessment a moderator records before anyone is contacted (its note is
-- sealed); the program's triage of each leaked post (levels and flags,
-- never words); who is affected and why; and where the leak is (the
-- platform, and the address sealed).

ALTER TABLE incidents ADD COLUMN source TEXT NOT NULL DEFAULT 'hand'
	CHECK (source IN ('scan', 'report', 'hand'));
ALTER TABLE incidents ADD COLUMN assessed_at INTEGER;
ALTER TABLE incidents ADD COLUMN assessed_by TEXT;
ALTER TABLE incidents ADD COLUMN assessment_sealed BLOB;

ALTER TABLE incident_posts ADD COLUMN level TEXT NOT NULL DEFAULT 'none'
	CHECK (level IN ('none', 'wish', 'ideation', 'method', 'intent',
	    'plan', 'behavior'));
ALTER TABLE incident_posts ADD COLUMN flags TEXT NOT NULL DEFAULT '';
ALTER TABLE incident_posts ADD COLUMN triaged_at INTEGER;

-- The people an incident is about: the leaked posts' authors, and anyone
-- a moderator adds (someone named in a screenshot, say).
CREATE TABLE incident_members (
	incident_id	INTEGER NOT NULL REFERENCES incidents(id) ON DELETE CASCADE,
	member_id	INTEGER NOT NULL REFERENCES members(id) ON DELETE CASCADE,
	why		TEXT NOT NULL CHECK (why IN ('author', 'added')),
	added_at	INTEGER NOT NULL,
	PRIMARY KEY (incident_id, member_id)
) STRICT;

ALTER TABLE leaks ADD COLUMN platform TEXT NOT NULL DEFAULT '';
ALTER TABLE leaks ADD COLUMN added_by TEXT NOT NULL DEFAULT '';

-- A level's rank, so that "the highest level" is one aggregate.
CREATE VIEW incident_post_rank AS
	SELECT incident_id, post_id, level, flags,
	    CASE level WHEN 'wish' THEN 1 WHEN 'ideation' THEN 2
	    WHEN 'method' THEN 3 WHEN 'intent' THEN 4 WHEN 'plan' THEN 5
	    WHEN 'behavior' THEN 6 ELSE 0 END AS rank
	FROM incident_posts;

-- An incident's timeline is the audit trail's entries about it.
CREATE INDEX audit_target ON audit(target);
