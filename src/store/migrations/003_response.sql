-- 003: detection, response, care and moderator well-being: member reports,
-- incidents and the posts they concern, leaked material, care cases with
-- their follow-ups, and moderators' exposure to traumatic content.

-- Reports from members; reporter_id is NULL for an anonymous report.
CREATE TABLE reports (
	id		INTEGER PRIMARY KEY,
	received_at	INTEGER NOT NULL,
	reporter_id	INTEGER REFERENCES members(id) ON DELETE SET NULL,
	trusted		INTEGER NOT NULL DEFAULT 0,
	status		TEXT NOT NULL DEFAULT 'new' CHECK (status IN
			    ('new', 'reviewing', 'linked', 'dismissed')),
	incident_id	INTEGER REFERENCES incidents(id) ON DELETE SET NULL,
	body_sealed	BLOB
) STRICT;

-- An incident walks the five response steps in order: 1 assess risk,
-- 2 contact affected members, 3 provide resources, 4 takedown,
-- 5 communicate with the community.
CREATE TABLE incidents (
	id		INTEGER PRIMARY KEY,
	opened_at	INTEGER NOT NULL,
	opened_by	INTEGER REFERENCES users(id) ON DELETE SET NULL,
	status		TEXT NOT NULL DEFAULT 'open' CHECK (status IN
			    ('open', 'closed')),
	step		INTEGER NOT NULL DEFAULT 1 CHECK (step BETWEEN 1 AND 5),
	risk		TEXT NOT NULL DEFAULT 'unassessed' CHECK (risk IN
			    ('unassessed', 'low', 'elevated', 'immediate')),
	closed_at	INTEGER,
	summary_sealed	BLOB
) STRICT;
CREATE INDEX incidents_status ON incidents(status);

CREATE TABLE incident_posts (
	incident_id	INTEGER NOT NULL REFERENCES incidents(id) ON DELETE CASCADE,
	post_id		INTEGER NOT NULL REFERENCES posts(id) ON DELETE CASCADE,
	PRIMARY KEY (incident_id, post_id)
) STRICT;

-- Material found outside: where and what, both sealed.
CREATE TABLE leaks (
	id		INTEGER PRIMARY KEY,
	incident_id	INTEGER REFERENCES incidents(id) ON DELETE CASCADE,
	found_at	INTEGER NOT NULL,
	takedown_status	TEXT NOT NULL DEFAULT 'none' CHECK (takedown_status IN
			    ('none', 'requested', 'removed', 'refused')),
	location_sealed	BLOB,
	material_sealed	BLOB
) STRICT;

-- Sustained support: one assigned person per affected member, contacted
-- the way and as often as the member chose.
CREATE TABLE care_cases (
	id		INTEGER PRIMARY KEY,
	member_id	INTEGER NOT NULL REFERENCES members(id) ON DELETE CASCADE,
	incident_id	INTEGER REFERENCES incidents(id) ON DELETE SET NULL,
	supporter_id	INTEGER REFERENCES users(id) ON DELETE SET NULL,
	opened_at	INTEGER NOT NULL,
	closed_at	INTEGER,
	every_days	INTEGER NOT NULL DEFAULT 7 CHECK (every_days > 0),
	counseling_offered INTEGER NOT NULL DEFAULT 0,
	notes_sealed	BLOB
) STRICT;
CREATE INDEX care_cases_member ON care_cases(member_id);

CREATE TABLE followups (
	id		INTEGER PRIMARY KEY,
	case_id		INTEGER NOT NULL REFERENCES care_cases(id) ON DELETE CASCADE,
	due_at		INTEGER NOT NULL,
	done_at		INTEGER,
	notes_sealed	BLOB
) STRICT;
CREATE INDEX followups_due ON followups(done_at, due_at);

-- Moderators' exposure to traumatic content, counted so it can be limited
-- and duties rotated; one row per piece of sealed content a moderator
-- opened, with its weight (heavier for suicide and abuse content).
CREATE TABLE exposures (
	id		INTEGER PRIMARY KEY,
	user_id		INTEGER NOT NULL REFERENCES users(id) ON DELETE CASCADE,
	at		INTEGER NOT NULL,
	kind		TEXT NOT NULL,
	weight		INTEGER NOT NULL DEFAULT 1
) STRICT;
CREATE INDEX exposures_user ON exposures(user_id, at);

CREATE TABLE training (
	id		INTEGER PRIMARY KEY,
	user_id		INTEGER NOT NULL REFERENCES users(id) ON DELETE CASCADE,
	course		TEXT NOT NULL,
	completed_at	INTEGER NOT NULL
) STRICT;
