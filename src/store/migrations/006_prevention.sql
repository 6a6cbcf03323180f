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
CREATE TABLE notices (
	id		INTEGER PRIMARY KEY,
	member_id	INTEGER NOT NULL REFERENCES members(id) ON DELETE CASCADE,
	kind		TEXT NOT NULL CHECK (kind IN ('group.place', 'pledge.new')),
	group_id	INTEGER REFERENCES groups(id) ON DELETE CASCADE,
	created_at	INTEGER NOT NULL,
	seen_at		INTEGER
) STRICT;
CREATE INDEX notices_member ON notices(member_id, seen_at);

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
