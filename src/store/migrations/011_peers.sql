-- 011: peer support.  Members who have been through a leak may volunteer
-- to support others, with a short training record and their own choice
-- of how much to give; a member who asks is introduced to one, by
-- consent on both sides, and they talk in the app's messages, never by
-- sharing contact details.

CREATE TABLE peer_supporters (
	member_id	INTEGER PRIMARY KEY REFERENCES members(id)
			    ON DELETE CASCADE,
	offered_at	INTEGER NOT NULL,
	capacity	INTEGER NOT NULL CHECK (capacity BETWEEN 1 AND 3),
	paused		INTEGER NOT NULL DEFAULT 0 CHECK (paused IN (0, 1)),
	trained_at	INTEGER,
	trained_by	TEXT
) STRICT;

-- An introduction: proposed by the person supporting the member who
-- asked; the peer answers first, then the member.  Either may end it.
CREATE TABLE peer_intros (
	id		INTEGER PRIMARY KEY,
	case_id		INTEGER REFERENCES care_cases(id) ON DELETE SET NULL,
	seeker_id	INTEGER NOT NULL REFERENCES members(id)
			    ON DELETE CASCADE,
	peer_id		INTEGER NOT NULL REFERENCES members(id)
			    ON DELETE CASCADE,
	proposed_at	INTEGER NOT NULL,
	proposed_by	TEXT NOT NULL,
	peer_answer	TEXT CHECK (peer_answer IS NULL OR peer_answer IN
			    ('yes', 'no')),
	seeker_answer	TEXT CHECK (seeker_answer IS NULL OR seeker_answer IN
			    ('yes', 'no')),
	answered_at	INTEGER,
	ended_at	INTEGER
) STRICT;
CREATE INDEX peer_intros_seeker ON peer_intros(seeker_id);
CREATE INDEX peer_intros_peer ON peer_intros(peer_id);

-- What the two say to each other, sealed; no one else reads it.
CREATE TABLE peer_messages (
	id		INTEGER PRIMARY KEY,
	intro_id	INTEGER NOT NULL REFERENCES peer_intros(id)
			    ON DELETE CASCADE,
	from_member	INTEGER NOT NULL REFERENCES members(id)
			    ON DELETE CASCADE,
	sent_at		INTEGER NOT NULL,
	body_sealed	BLOB
) STRICT;
CREATE INDEX peer_messages_intro ON peer_messages(intro_id);

-- The member asked, in their care case, to talk with a peer.
ALTER TABLE care_cases ADD COLUMN peer_wanted INTEGER NOT NULL DEFAULT 0;
