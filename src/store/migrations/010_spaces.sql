-- 010: healing spaces, members who share that they are doing better,
-- and where the people who support others are reminded.

-- A healing space is a group (extra_private) opened for a while after an
-- incident, for those who want to talk about it: smaller than a support
-- group, facilitated by one person, with its own reminder of the pledge
-- and an end date.  The facilitator reads the conversation through the
-- audited door (their exposure counted) and speaks to the space in its
-- note, shown above the conversation.  When it ends, what was said in it is erased and
-- everyone leaves it; the row stays, so the community knows it was held.
CREATE TABLE healing_spaces (
	group_id	INTEGER PRIMARY KEY REFERENCES groups(id)
			    ON DELETE CASCADE,
	incident_id	INTEGER REFERENCES incidents(id) ON DELETE SET NULL,
	facilitator_id	INTEGER REFERENCES users(id) ON DELETE SET NULL,
	reminder	TEXT NOT NULL,
	note		TEXT NOT NULL DEFAULT '',
	opened_at	INTEGER NOT NULL,
	opened_by	TEXT NOT NULL,
	ends_at		INTEGER NOT NULL,
	ended_at	INTEGER
) STRICT;

-- Nobody is put in a healing space: each is invited, and chooses.
-- answer stays NULL until they do.
CREATE TABLE space_invitations (
	group_id	INTEGER NOT NULL REFERENCES healing_spaces(group_id)
			    ON DELETE CASCADE,
	member_id	INTEGER NOT NULL REFERENCES members(id)
			    ON DELETE CASCADE,
	invited_at	INTEGER NOT NULL,
	answer		TEXT CHECK (answer IS NULL OR answer IN
			    ('accepted', 'declined')),
	answered_at	INTEGER,
	PRIMARY KEY (group_id, member_id)
) STRICT, WITHOUT ROWID;
CREATE INDEX space_invitations_member ON space_invitations(member_id);

-- Members who chose to share that they are doing better, counted in the
-- healing milestones.  Only the choice is kept, and taking it back
-- removes the row.
CREATE TABLE doing_better (
	member_id	INTEGER PRIMARY KEY REFERENCES members(id)
			    ON DELETE CASCADE,
	shared_at	INTEGER NOT NULL
) STRICT;

-- Where a supporter, moderator or admin wants reminders of the check-ins
-- they hold (sealed: an address is a person's contact detail), and when
-- the last reminder went, so no one is reminded twice in a day.
CREATE TABLE user_reminders (
	user_id		INTEGER PRIMARY KEY REFERENCES users(id)
			    ON DELETE CASCADE,
	email_sealed	BLOB NOT NULL,
	last_sent_at	INTEGER
) STRICT;
