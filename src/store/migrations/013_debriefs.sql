-- 013: debriefs and the self-check of moderator care.  The team meets on
-- a schedule it sets, and after every incident those involved meet too;
-- each person writes what happened, what was hard, what helped and what
-- to change (the team's, sealed) and a reflection of their own (sealed,
-- opened for its author alone).  The self-check for signs of vicarious
-- trauma is sealed whole, answers and score, for its author alone.

ALTER TABLE moderator_settings ADD COLUMN debrief_every INTEGER NOT NULL
    DEFAULT 14 CHECK (debrief_every BETWEEN 7 AND 56);
-- the first team debrief (Unix time); NULL: Thursdays at 16:00 UTC
ALTER TABLE moderator_settings ADD COLUMN debrief_first INTEGER;

CREATE TABLE debriefs (
	id		INTEGER PRIMARY KEY,
	kind		TEXT NOT NULL CHECK (kind IN ('team', 'incident')),
	incident_id	INTEGER UNIQUE REFERENCES incidents(id)
			    ON DELETE SET NULL,
	held_at		INTEGER NOT NULL,
	created_by	TEXT NOT NULL,
	created_at	INTEGER NOT NULL
) STRICT;
CREATE UNIQUE INDEX debriefs_team ON debriefs(held_at) WHERE kind = 'team';

-- who an incident's debrief is for
CREATE TABLE debrief_people (
	debrief_id	INTEGER NOT NULL REFERENCES debriefs(id)
			    ON DELETE CASCADE,
	user_id		INTEGER NOT NULL REFERENCES users(id)
			    ON DELETE CASCADE,
	PRIMARY KEY (debrief_id, user_id)
) STRICT;

CREATE TABLE debrief_entries (
	id		INTEGER PRIMARY KEY,
	debrief_id	INTEGER NOT NULL REFERENCES debriefs(id)
			    ON DELETE CASCADE,
	user_id		INTEGER NOT NULL REFERENCES users(id)
			    ON DELETE CASCADE,
	shared_sealed	BLOB,
	private_sealed	BLOB,
	written_at	INTEGER NOT NULL,
	UNIQUE (debrief_id, user_id)
) STRICT;

CREATE TABLE self_checks (
	id		INTEGER PRIMARY KEY,
	user_id		INTEGER NOT NULL REFERENCES users(id)
			    ON DELETE CASCADE,
	at		INTEGER NOT NULL,
	answers_sealed	BLOB
) STRICT;
CREATE INDEX self_checks_user ON self_checks(user_id, at);
