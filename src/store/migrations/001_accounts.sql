-- 001: the ground: settings, the people who run the console, their
-- sessions and API tokens, login throttling and the audit trail.

CREATE TABLE meta (
	key	TEXT PRIMARY KEY,
	value	BLOB
) STRICT;

-- People who log in to the console: admins, moderators, supporters, and
-- members who use the member-facing pages.  Passwords are Argon2id strings.
CREATE TABLE users (
	id		INTEGER PRIMARY KEY,
	name		TEXT NOT NULL UNIQUE COLLATE NOCASE,
	role		TEXT NOT NULL CHECK (role IN
			    ('admin', 'moderator', 'supporter', 'member')),
	pw_hash		TEXT NOT NULL,
	must_change	INTEGER NOT NULL DEFAULT 0,
	disabled	INTEGER NOT NULL DEFAULT 0,
	created_at	INTEGER NOT NULL,
	pw_changed_at	INTEGER NOT NULL
) STRICT;

-- Console sessions.  Only a keyed hash of the cookie's token is kept, so a
-- copy of the database cannot be used to log in.
CREATE TABLE sessions (
	id		INTEGER PRIMARY KEY,
	token_hash	BLOB NOT NULL UNIQUE,
	user_id		INTEGER NOT NULL REFERENCES users(id) ON DELETE CASCADE,
	created_at	INTEGER NOT NULL,
	last_seen_at	INTEGER NOT NULL
) STRICT;
CREATE INDEX sessions_user ON sessions(user_id);

-- Bearer tokens for automation, created and revoked by an admin.
CREATE TABLE api_tokens (
	id		INTEGER PRIMARY KEY,
	user_id		INTEGER NOT NULL REFERENCES users(id) ON DELETE CASCADE,
	label		TEXT NOT NULL,
	token_hash	BLOB NOT NULL UNIQUE,
	created_at	INTEGER NOT NULL,
	revoked_at	INTEGER,
	last_used_at	INTEGER
) STRICT;

-- Failed logins per account and per address.  The key is a keyed hash of
-- "user:NAME" or "addr:ADDRESS": no address is stored readable.
CREATE TABLE throttle (
	key		BLOB PRIMARY KEY,
	failures	INTEGER NOT NULL,
	window_start	INTEGER NOT NULL,
	locked_until	INTEGER NOT NULL DEFAULT 0
) STRICT;

-- The audit trail: every action of a moderator, supporter or admin that
-- reads sealed content or changes state.  Each entry's mac is a keyed hash
-- over the entry and the previous entry's mac, so an edit, a deletion or a
-- reordering breaks the chain.  What members read is never recorded:
-- there is deliberately no table of who viewed what.
CREATE TABLE audit (
	id		INTEGER PRIMARY KEY,
	at		INTEGER NOT NULL,
	actor_id	INTEGER,
	actor		TEXT NOT NULL,
	action		TEXT NOT NULL,
	target		TEXT NOT NULL DEFAULT '',
	detail		TEXT NOT NULL DEFAULT '',
	mac		BLOB NOT NULL
) STRICT;
