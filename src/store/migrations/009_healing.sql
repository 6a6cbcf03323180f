-- 009: community healing.  Safety measures the community took, listed in
-- public with their dates and nothing about any member; and pulse
-- surveys that never link an answer to an account.

CREATE TABLE safety_measures (
	id		INTEGER PRIMARY KEY,
	title		TEXT NOT NULL,
	detail		TEXT NOT NULL DEFAULT '',
	taken_at	INTEGER NOT NULL,
	incident_id	INTEGER REFERENCES incidents(id) ON DELETE SET NULL,
	added_at	INTEGER NOT NULL,
	added_by	TEXT NOT NULL
) STRICT;
CREATE INDEX safety_measures_taken ON safety_measures(taken_at);

-- A pulse survey asks one question, answered on a scale of 1 (not safe
-- at all) to 5 (very safe).  The answers are counts per value only: no
-- row holds an answer with its account or its time, so none can be
-- traced.  Who has answered is kept apart (to ask each person once),
-- without what they answered.
CREATE TABLE pulse_surveys (
	id		INTEGER PRIMARY KEY,
	question	TEXT NOT NULL,
	opened_at	INTEGER NOT NULL,
	closes_at	INTEGER NOT NULL,
	opened_by	TEXT NOT NULL,
	closed_at	INTEGER
) STRICT;
CREATE TABLE pulse_counts (
	survey_id	INTEGER NOT NULL REFERENCES pulse_surveys(id)
			    ON DELETE CASCADE,
	value		INTEGER NOT NULL CHECK (value BETWEEN 1 AND 5),
	n		INTEGER NOT NULL DEFAULT 0,
	PRIMARY KEY (survey_id, value)
) STRICT, WITHOUT ROWID;
CREATE TABLE pulse_answered (
	survey_id	INTEGER NOT NULL REFERENCES pulse_surveys(id)
			    ON DELETE CASCADE,
	user_id		INTEGER NOT NULL REFERENCES users(id) ON DELETE CASCADE,
	PRIMARY KEY (survey_id, user_id)
) STRICT, WITHOUT ROWID;
