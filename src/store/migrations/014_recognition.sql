-- 014: support and recognition in moderator care.  A directory of
-- professional support for moderators, and counselling the community
-- covers for them against a budget admins set, kept as dates and costs
-- only; thanks that reach a moderator (or the whole team), sealed for
-- whoever they are for, from a name or from someone who chose not to say;
-- and the choice to let the team see one took part in a debrief.

CREATE TABLE mod_support (
	id		INTEGER PRIMARY KEY,
	name		TEXT NOT NULL,
	kind		TEXT NOT NULL CHECK (kind IN ('counselling', 'helpline',
			    'peer support', 'other')),
	contact		TEXT NOT NULL,
	languages	TEXT NOT NULL DEFAULT '',
	note		TEXT NOT NULL DEFAULT '',
	added_by	TEXT NOT NULL,
	added_at	INTEGER NOT NULL,
	removed_at	INTEGER
) STRICT;

ALTER TABLE moderator_settings ADD COLUMN counselling_budget INTEGER NOT NULL
    DEFAULT 0 CHECK (counselling_budget >= 0);
ALTER TABLE moderator_settings ADD COLUMN counselling_currency TEXT NOT NULL
    DEFAULT 'EUR';

CREATE TABLE mod_sessions (
	id		INTEGER PRIMARY KEY,
	user_id		INTEGER NOT NULL REFERENCES users(id)
			    ON DELETE CASCADE,
	held_on		INTEGER NOT NULL,
	cost		INTEGER NOT NULL CHECK (cost >= 0),
	recorded_at	INTEGER NOT NULL
) STRICT;
CREATE INDEX mod_sessions_user ON mod_sessions(user_id);

-- to_user NULL: the whole team; from_user NULL: someone who chose not to
-- say
CREATE TABLE thanks (
	id		INTEGER PRIMARY KEY,
	to_user		INTEGER REFERENCES users(id) ON DELETE CASCADE,
	from_user	INTEGER REFERENCES users(id) ON DELETE SET NULL,
	message_sealed	BLOB,
	created_at	INTEGER NOT NULL
) STRICT;
CREATE INDEX thanks_to ON thanks(to_user, created_at);

ALTER TABLE debrief_entries ADD COLUMN shown INTEGER NOT NULL DEFAULT 0
    CHECK (shown IN (0, 1));
