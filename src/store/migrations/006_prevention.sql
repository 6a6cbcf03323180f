-- 006: prevention: the confidentiality pledge's versions, the waiting
-- lists of full groups, and the notices a member is given (a place opened
-- in a group, a new pledge to read).  The pledge's text is the community's
-- public rule, not anyone's words, so it is stored as it is; an
-- acceptance (table pledges) keeps the digest of the exact text accepted.

CREATE TABLE pledge_versions (
	version		INTEGER PRIMARY KEY,
	body		TEXT NOT NULL,
	digest		BLOB NOT NULL,
	published_at	INTEGER NOT NULL,
	published_by	TEXT NOT NULL
) STRICT;

-- Who waits for a place in a full group, in the order they asked; told_at
-- is when they were told that a place opened.
CREATE TABLE group_waitlist (
	id		INTEGER PRIMARY KEY,
	group_id	INTEGER NOT NULL REFERENCES groups(id) ON DELETE CASCADE,
	member_id	INTEGER NOT NULL REFERENCES members(id) ON DELETE CASCADE,
	asked_at	INTEGER NOT NULL,
	told_at		INTEGER,
	UNIQUE (group_id, member_id)
) STRICT;

-- What a member is told on their own pages.  A notice names its kind and
-- the group it is about, never anyone's words.
-- Violations of the pledge and the step of the community's ladder that
-- followed: a warning, a suspension for some days, or removal.  The note
-- is the moderators' own record (sealed); the message is written to the
-- member, who reads it on their own page with how to appeal.
CREATE TABLE violations (
	id		INTEGER PRIMARY KEY,
	member_id	INTEGER NOT NULL REFERENCES members(id) ON DELETE CASCADE,
	incident_id	INTEGER REFERENCES incidents(id),
	step		TEXT NOT NULL CHECK (step IN
			    ('warning', 'suspension', 'removal')),
	days		INTEGER NOT NULL DEFAULT 0,
	note_sealed	BLOB,
	message		TEXT NOT NULL DEFAULT '',
	recorded_by	TEXT NOT NULL,
	at		INTEGER NOT NULL,
	ends_at		INTEGER
) STRICT;
CREATE INDEX violations_member ON violations(member_id);
ALTER TABLE members ADD COLUMN suspended_until INTEGER;

-- A member's standing now: a suspension ends by itself when its time is
-- up, so nothing has to run on a timer to lift it.  Every query that asks
-- whether someone is active asks this view.
CREATE VIEW member_standing AS
	SELECT id, CASE WHEN status = 'suspended' AND suspended_until <=
	    CAST(strftime('%s', 'now') AS INTEGER) THEN 'active' ELSE status
	    END AS standing
	FROM members;

CREATE TABLE notices (
	id		INTEGER PRIMARY KEY,
	member_id	INTEGER NOT NULL REFERENCES members(id) ON DELETE CASCADE,
	kind		TEXT NOT NULL CHECK (kind IN ('group.place', 'pledge.new',
			    'violation')),
	group_id	INTEGER REFERENCES groups(id) ON DELETE CASCADE,
	violation_id	INTEGER REFERENCES violations(id) ON DELETE CASCADE,
	created_at	INTEGER NOT NULL,
	seen_at		INTEGER
) STRICT;
CREATE INDEX notices_member ON notices(member_id, seen_at);

-- Moderator training: the trainings the community asks for (with how
-- long a completion stays current) and who completed which when.
CREATE TABLE trainings (
	id		INTEGER PRIMARY KEY,
	name		TEXT NOT NULL UNIQUE COLLATE NOCASE,
	valid_days	INTEGER NOT NULL CHECK (valid_days > 0),
	created_at	INTEGER NOT NULL
) STRICT;
CREATE TABLE training_records (
	id		INTEGER PRIMARY KEY,
	user_id		INTEGER NOT NULL REFERENCES users(id) ON DELETE CASCADE,
	training_id	INTEGER NOT NULL REFERENCES trainings(id) ON DELETE CASCADE,
	completed_at	INTEGER NOT NULL,
	expires_at	INTEGER NOT NULL,
	recorded_by	TEXT NOT NULL
) STRICT;
CREATE INDEX training_records_user ON training_records(user_id);

-- Conversations: a post answers a thread's first post (reply_to), or
-- starts a thread (NULL).  A group may let members post anonymously.
ALTER TABLE posts ADD COLUMN reply_to INTEGER REFERENCES posts(id);
CREATE INDEX posts_reply_to ON posts(reply_to);
ALTER TABLE groups ADD COLUMN anonymous_ok INTEGER NOT NULL DEFAULT 0;

-- Closed membership.  Someone who would like to join applies (no account
-- needed) under a chosen pseudonym, optionally with contact details, with
-- answers to the community's questions and the pledge accepted; a
-- moderator approves or declines with a kind message.  The applicant
-- checks the outcome with a code only they hold (kept as a keyed hash) and,
-- once approved, activates their account with a one-time link.  When the
-- community takes invited people only, an application needs an invitation.
CREATE TABLE invitations (
	id		INTEGER PRIMARY KEY,
	token_hash	BLOB NOT NULL UNIQUE,
	note		TEXT NOT NULL DEFAULT '',
	created_by	TEXT NOT NULL,
	created_at	INTEGER NOT NULL,
	expires_at	INTEGER NOT NULL,
	uses_left	INTEGER NOT NULL CHECK (uses_left >= 0),
	revoked_at	INTEGER
) STRICT;

CREATE TABLE applications (
	id		INTEGER PRIMARY KEY,
	pseudonym	TEXT NOT NULL COLLATE NOCASE,
	status		TEXT NOT NULL DEFAULT 'pending' CHECK (status IN
			    ('pending', 'approved', 'declined', 'activated')),
	contact_sealed	BLOB,
	answers_sealed	BLOB,
	pledge_version	INTEGER NOT NULL,
	pledge_digest	BLOB NOT NULL,
	invitation_id	INTEGER REFERENCES invitations(id),
	check_hash	BLOB NOT NULL UNIQUE,
	created_at	INTEGER NOT NULL,
	decided_at	INTEGER,
	decided_by	TEXT,
	message		TEXT NOT NULL DEFAULT '',
	activation_hash	BLOB UNIQUE,
	activation_expires INTEGER,
	member_id	INTEGER REFERENCES members(id)
) STRICT;
CREATE INDEX applications_status ON applications(status, created_at);

-- An application as the code reads it, in one place.
CREATE VIEW application_rows AS
	SELECT id, pseudonym, status, created_at, coalesce(decided_at, 0) AS
	    decided_at, coalesce(decided_by, '') AS decided_by, message,
	    pledge_version, coalesce(invitation_id, 0) AS invitation_id,
	    coalesce(member_id, 0) AS member_id, coalesce(activation_expires,
	    0) AS activation_expires, contact_sealed, answers_sealed,
	    check_hash
	FROM applications;

-- Each group has its own moderators: once a group has some, only they
-- (and admins) may read its conversation without belonging to it.  A
-- group may also show each viewer a faint mark of their own pseudonym
-- behind its conversation (off by default: it can make people feel
-- watched).
CREATE TABLE group_moderators (
	group_id	INTEGER NOT NULL REFERENCES groups(id) ON DELETE CASCADE,
	user_id		INTEGER NOT NULL REFERENCES users(id) ON DELETE CASCADE,
	since		INTEGER NOT NULL,
	PRIMARY KEY (group_id, user_id)
) STRICT;
ALTER TABLE groups ADD COLUMN visible_mark INTEGER NOT NULL DEFAULT 0;
