-- 002: the community itself: pseudonymous members, small groups with
-- membership intervals, posts and confidentiality pledges.  Contact details
-- and post bodies are sealed (XChaCha20-Poly1305, bound to table, column
-- and row); columns ending in _sealed hold nonce and ciphertext only.

CREATE TABLE members (
	id		INTEGER PRIMARY KEY,
	pseudonym	TEXT NOT NULL UNIQUE COLLATE NOCASE,
	status		TEXT NOT NULL DEFAULT 'active' CHECK (status IN
			    ('applicant', 'active', 'suspended', 'left')),
	anonymous_ok	INTEGER NOT NULL DEFAULT 0,
	user_id		INTEGER REFERENCES users(id) ON DELETE SET NULL,
	source		TEXT NOT NULL DEFAULT 'sanctum',
	external_id	TEXT,
	applied_at	INTEGER NOT NULL,
	joined_at	INTEGER,
	contact_sealed	BLOB,
	contact_pref_sealed BLOB,
	UNIQUE (source, external_id)
) STRICT;

-- Support groups are kept small (under 15 people, as the framework asks).
CREATE TABLE groups (
	id		INTEGER PRIMARY KEY,
	name		TEXT NOT NULL UNIQUE COLLATE NOCASE,
	description	TEXT NOT NULL DEFAULT '',
	capacity	INTEGER NOT NULL DEFAULT 14 CHECK (capacity BETWEEN 2 AND 14),
	extra_private	INTEGER NOT NULL DEFAULT 0,
	source		TEXT NOT NULL DEFAULT 'sanctum',
	external_id	TEXT,
	created_at	INTEGER NOT NULL,
	UNIQUE (source, external_id)
) STRICT;

-- Who belonged to which group when: a member leaving closes the interval,
-- so "who could have seen this post" has an answer.
CREATE TABLE group_members (
	id		INTEGER PRIMARY KEY,
	group_id	INTEGER NOT NULL REFERENCES groups(id) ON DELETE CASCADE,
	member_id	INTEGER NOT NULL REFERENCES members(id) ON DELETE CASCADE,
	joined_at	INTEGER NOT NULL,
	left_at		INTEGER
) STRICT;
CREATE INDEX group_members_group ON group_members(group_id, left_at);
CREATE INDEX group_members_member ON group_members(member_id);

CREATE TABLE posts (
	id		INTEGER PRIMARY KEY,
	group_id	INTEGER NOT NULL REFERENCES groups(id) ON DELETE CASCADE,
	member_id	INTEGER NOT NULL REFERENCES members(id) ON DELETE CASCADE,
	anonymous	INTEGER NOT NULL DEFAULT 0,
	source		TEXT NOT NULL DEFAULT 'sanctum',
	external_id	TEXT,
	created_at	INTEGER NOT NULL,
	edited_at	INTEGER,
	deleted_at	INTEGER,
	body_sealed	BLOB,
	cw_sealed	BLOB,
	UNIQUE (source, external_id)
) STRICT;
CREATE INDEX posts_group ON posts(group_id, created_at);
CREATE INDEX posts_member ON posts(member_id);

-- Signed confidentiality pledges; text_hash names the pledge version the
-- member agreed to.
CREATE TABLE pledges (
	id		INTEGER PRIMARY KEY,
	member_id	INTEGER NOT NULL REFERENCES members(id) ON DELETE CASCADE,
	version		INTEGER NOT NULL,
	text_hash	BLOB NOT NULL,
	signed_at	INTEGER NOT NULL,
	withdrawn_at	INTEGER
) STRICT;
CREATE INDEX pledges_member ON pledges(member_id);
