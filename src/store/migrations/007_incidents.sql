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

-- Step 2: a private message to each affected member, drafted from a
-- template, edited and sent by a moderator; the member's answer (how they
-- are, what they need) is kept sealed for whoever supports them.
CREATE TABLE outreach (
	id		INTEGER PRIMARY KEY,
	incident_id	INTEGER NOT NULL REFERENCES incidents(id) ON DELETE CASCADE,
	member_id	INTEGER NOT NULL REFERENCES members(id) ON DELETE CASCADE,
	channel		TEXT NOT NULL DEFAULT 'in-app' CHECK (channel IN
			    ('in-app', 'email')),
	lang		TEXT NOT NULL DEFAULT 'en',
	status		TEXT NOT NULL DEFAULT 'draft' CHECK (status IN
			    ('draft', 'sent', 'failed')),
	created_at	INTEGER NOT NULL,
	created_by	TEXT NOT NULL,
	sent_at		INTEGER,
	sent_by		TEXT,
	attempts	INTEGER NOT NULL DEFAULT 0,
	error		TEXT NOT NULL DEFAULT '',
	body_sealed	BLOB,
	reply_sealed	BLOB,
	replied_at	INTEGER,
	UNIQUE (incident_id, member_id)
) STRICT;

-- Step 3: where people can find support, by country ('' for everywhere),
-- each entry with its channels, hours and where the facts come from.
CREATE TABLE resources (
	id		INTEGER PRIMARY KEY,
	country		TEXT NOT NULL DEFAULT '',
	kind		TEXT NOT NULL CHECK (kind IN ('crisis', 'counselling',
			    'support-group', 'peer')),
	name		TEXT NOT NULL,
	contact		TEXT NOT NULL,
	hours		TEXT NOT NULL DEFAULT '',
	source		TEXT NOT NULL,
	lang		TEXT NOT NULL DEFAULT 'en',
	added_by	TEXT NOT NULL,
	UNIQUE (country, name)
) STRICT;

-- The resources that ship: two directories that cover every country, and
-- crisis lines of a few, each with its hours and where the facts come
-- from.  Admins check them for their region, and add their own.
INSERT INTO resources(country, kind, name, contact, hours, source,
    added_by) VALUES
	('', 'crisis', 'Find A Helpline', 'findahelpline.com lists free, '
	    || 'confidential helplines by country and topic',
	    'see each line''s hours', 'https://findahelpline.com', 'sanctum'),
	('', 'crisis', 'Befrienders Worldwide', 'befrienders.org lists '
	    || 'emotional support helplines around the world',
	    'see each line''s hours', 'https://befrienders.org', 'sanctum'),
	('US', 'crisis', '988 Suicide & Crisis Lifeline', 'call or text 988, '
	    || 'or chat at 988lifeline.org', '24 hours, every day',
	    'https://988lifeline.org', 'sanctum'),
	('US', 'crisis', 'Crisis Text Line', 'text HOME to 741741',
	    '24 hours, every day', 'https://www.crisistextline.org', 'sanctum'),
	('CA', 'crisis', '9-8-8 Suicide Crisis Helpline', 'call or text 988',
	    '24 hours, every day', 'https://988.ca', 'sanctum'),
	('GB', 'crisis', 'Samaritans', 'call 116 123 (free), or e-mail '
	    || 'jo@samaritans.org', '24 hours, every day',
	    'https://www.samaritans.org', 'sanctum'),
	('GB', 'crisis', 'Shout', 'text SHOUT to 85258', '24 hours, every day',
	    'https://giveusashout.org', 'sanctum'),
	('IE', 'crisis', 'Samaritans Ireland', 'call 116 123 (free)',
	    '24 hours, every day', 'https://www.samaritans.org/ireland/',
	    'sanctum'),
	('AU', 'crisis', 'Lifeline Australia', 'call 13 11 14',
	    '24 hours, every day', 'https://www.lifeline.org.au', 'sanctum'),
	('NZ', 'crisis', 'Need to talk? 1737', 'call or text 1737',
	    '24 hours, every day', 'https://1737.org.nz', 'sanctum');

-- Step 4: what an affected member allows done in their name (NULL: not
-- asked or not answered): a removal request that mentions them, a
-- copyright notice (which usually shows the poster who wrote the words),
-- and whether they want to see what leaked.
ALTER TABLE incident_members ADD COLUMN may_mention INTEGER;
ALTER TABLE incident_members ADD COLUMN may_copyright INTEGER;
ALTER TABLE incident_members ADD COLUMN wants_to_see INTEGER;
ALTER TABLE incident_members ADD COLUMN consent_at INTEGER;

-- Removal requests, one or more per place: the kind, who it names (no
-- one unless the member allowed it), where it goes, its status and when
-- to look again; the request's words are sealed (they hold the address).
CREATE TABLE takedowns (
	id		INTEGER PRIMARY KEY,
	leak_id		INTEGER NOT NULL REFERENCES leaks(id) ON DELETE CASCADE,
	kind		TEXT NOT NULL CHECK (kind IN ('privacy', 'terms',
			    'copyright')),
	member_id	INTEGER REFERENCES members(id) ON DELETE SET NULL,
	send_to		TEXT NOT NULL DEFAULT '',
	status		TEXT NOT NULL DEFAULT 'to request' CHECK (status IN
			    ('to request', 'requested', 'removed', 'refused',
			    'reappeared')),
	created_at	INTEGER NOT NULL,
	created_by	TEXT NOT NULL,
	changed_at	INTEGER NOT NULL,
	check_at	INTEGER,
	request_sealed	BLOB
) STRICT;
CREATE INDEX takedowns_leak ON takedowns(leak_id);

-- Step 5: what the community is told.  A draft is sealed until it passes
-- the guard (no member's name, no leaked words, no contact data, no
-- method details) and is published; then its words are the community's
-- to read, and kept as published.
CREATE TABLE announcements (
	id		INTEGER PRIMARY KEY,
	incident_id	INTEGER NOT NULL REFERENCES incidents(id) ON DELETE CASCADE,
	status		TEXT NOT NULL DEFAULT 'draft' CHECK (status IN
			    ('draft', 'published')),
	created_at	INTEGER NOT NULL,
	created_by	TEXT NOT NULL,
	published_at	INTEGER,
	published_by	TEXT,
	draft_sealed	BLOB,
	body		TEXT
) STRICT;

-- Member reports: anyone may report a leak, with or without an account
-- and anonymously.  What they give is sealed (the words, the address,
-- and the words read from a screenshot: the image itself is not kept, for
-- it may show other people too); a one-time code, kept as a keyed hash, lets
-- them ask how it stands.  The leak detector reads every report at once:
-- the posts it found and the accounts copy marks name are kept beside it.
ALTER TABLE reports ADD COLUMN code_hash BLOB;
ALTER TABLE reports ADD COLUMN platform TEXT NOT NULL DEFAULT '';
ALTER TABLE reports ADD COLUMN matches INTEGER NOT NULL DEFAULT 0;
ALTER TABLE reports ADD COLUMN scan_note TEXT NOT NULL DEFAULT '';
ALTER TABLE reports ADD COLUMN screenshot INTEGER NOT NULL DEFAULT 0;
CREATE INDEX reports_code ON reports(code_hash);

CREATE TABLE report_posts (
	report_id	INTEGER NOT NULL REFERENCES reports(id) ON DELETE CASCADE,
	post_id		INTEGER NOT NULL REFERENCES posts(id) ON DELETE CASCADE,
	PRIMARY KEY (report_id, post_id)
) STRICT;

CREATE TABLE report_marks (
	report_id	INTEGER NOT NULL REFERENCES reports(id) ON DELETE CASCADE,
	user_id		INTEGER NOT NULL REFERENCES users(id) ON DELETE CASCADE,
	PRIMARY KEY (report_id, user_id)
) STRICT;

-- Members whose reports the moderators trust: theirs come first.
CREATE TABLE trusted_reporters (
	member_id	INTEGER PRIMARY KEY REFERENCES members(id) ON DELETE CASCADE,
	marked_by	TEXT NOT NULL,
	marked_at	INTEGER NOT NULL
) STRICT;

-- Step 3: a member who asks to be connected with someone; the request
-- goes to a named person (who wrote to them) with a time it is due.
CREATE TABLE connect_requests (
	id		INTEGER PRIMARY KEY,
	outreach_id	INTEGER NOT NULL REFERENCES outreach(id) ON DELETE CASCADE,
	assigned_to	TEXT NOT NULL,
	asked_at	INTEGER NOT NULL,
	due_at		INTEGER NOT NULL,
	done_at		INTEGER,
	done_by		TEXT
) STRICT;
