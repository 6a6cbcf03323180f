-- 008: sustained support.  A care case follows one affected member with
-- one assigned person; the member's own choices about being contacted
-- hold for every case they have; check-ins (the follow-ups of 003) are
-- planned from those choices and each is done, skipped or moved.

-- The member's choices, one row per member.  contact 0 is "please don't
-- contact me": no check-in is due for them anywhere while it holds.
-- every_days NULL is the default plan (a day, a week, a month, three
-- and six months); zone and hour say when, in the member's own time.
CREATE TABLE care_prefs (
	member_id	INTEGER PRIMARY KEY REFERENCES members(id)
			    ON DELETE CASCADE,
	contact		INTEGER NOT NULL DEFAULT 1 CHECK (contact IN (0, 1)),
	channel		TEXT NOT NULL DEFAULT 'in-app' CHECK (channel IN
			    ('in-app', 'email')),
	every_days	INTEGER CHECK (every_days IS NULL OR
			    every_days BETWEEN 1 AND 90),
	lang		TEXT NOT NULL DEFAULT 'en',
	zone		TEXT NOT NULL DEFAULT 'UTC',
	hour		INTEGER NOT NULL DEFAULT 10 CHECK (hour BETWEEN 0 AND 23),
	updated_at	INTEGER NOT NULL,
	updated_by	TEXT NOT NULL
) STRICT;

-- Who closed a case (the member, or the person supporting them), and the
-- member's own words about what they need, sealed, shown to whoever
-- supports them.  notes_deleted_at: the member asked for the case notes
-- to be deleted when the case closed.
ALTER TABLE care_cases ADD COLUMN closed_by TEXT;
ALTER TABLE care_cases ADD COLUMN needs_sealed BLOB;
ALTER TABLE care_cases ADD COLUMN notes_deleted_at INTEGER;
CREATE INDEX care_cases_supporter ON care_cases(supporter_id, closed_at);

-- A case changes hands only explicitly, never silently.
CREATE TABLE care_handovers (
	id		INTEGER PRIMARY KEY,
	case_id		INTEGER NOT NULL REFERENCES care_cases(id)
			    ON DELETE CASCADE,
	at		INTEGER NOT NULL,
	from_user	INTEGER REFERENCES users(id) ON DELETE SET NULL,
	to_user		INTEGER NOT NULL REFERENCES users(id),
	by_name		TEXT NOT NULL,
	reason		TEXT NOT NULL CHECK (reason IN ('rota', 'stepping back',
			    'member asked', 'other'))
) STRICT;
CREATE INDEX care_handovers_case ON care_handovers(case_id);

-- Check-ins: what each one is in the plan ("one week"), whether it was
-- done, skipped or is still planned, and when it was first due if it was
-- moved.
ALTER TABLE followups ADD COLUMN label TEXT NOT NULL DEFAULT '';
ALTER TABLE followups ADD COLUMN status TEXT NOT NULL DEFAULT 'planned'
    CHECK (status IN ('planned', 'done', 'skipped'));
ALTER TABLE followups ADD COLUMN moved_from INTEGER;
ALTER TABLE followups ADD COLUMN done_by TEXT;
CREATE INDEX followups_case ON followups(case_id, status, due_at);

-- A check-in's message to the member, drafted from a template in their
-- language, edited by whoever supports them and sent the way the member
-- chose; the member's answer is kept sealed for that person.
CREATE TABLE care_messages (
	id		INTEGER PRIMARY KEY,
	case_id		INTEGER NOT NULL REFERENCES care_cases(id)
			    ON DELETE CASCADE,
	checkin_id	INTEGER REFERENCES followups(id) ON DELETE SET NULL,
	-- or an update on a removal request, drafted when its status changed
	takedown_id	INTEGER REFERENCES takedowns(id) ON DELETE SET NULL,
	takedown_status	TEXT,
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
	replied_at	INTEGER
) STRICT;
CREATE INDEX care_messages_case ON care_messages(case_id);

-- Counselling the community covers: a directory of therapists who work in
-- a trauma-informed way, offers made to members in care, and the sessions
-- covered, each with its cost against the budget the admins set (meta
-- counselling_budget, in minor units, and counselling_currency).  Nothing
-- clinical is kept: no notes, no diagnosis, no content of a session.
CREATE TABLE therapists (
	id		INTEGER PRIMARY KEY,
	name		TEXT NOT NULL,
	region		TEXT NOT NULL DEFAULT '',
	languages	TEXT NOT NULL DEFAULT '',
	contact		TEXT NOT NULL DEFAULT '',
	source		TEXT NOT NULL DEFAULT '',
	trauma_informed	INTEGER NOT NULL DEFAULT 1 CHECK (trauma_informed = 1),
	active		INTEGER NOT NULL DEFAULT 1,
	added_at	INTEGER NOT NULL,
	added_by	TEXT NOT NULL
) STRICT;
CREATE TABLE counselling_offers (
	id		INTEGER PRIMARY KEY,
	case_id		INTEGER NOT NULL REFERENCES care_cases(id)
			    ON DELETE CASCADE,
	therapist_id	INTEGER REFERENCES therapists(id) ON DELETE SET NULL,
	sessions	INTEGER NOT NULL CHECK (sessions BETWEEN 1 AND 52),
	status		TEXT NOT NULL DEFAULT 'offered' CHECK (status IN
			    ('offered', 'accepted', 'declined', 'ended')),
	offered_at	INTEGER NOT NULL,
	offered_by	TEXT NOT NULL
) STRICT;
CREATE INDEX counselling_offers_case ON counselling_offers(case_id);
CREATE TABLE counselling_sessions (
	id		INTEGER PRIMARY KEY,
	offer_id	INTEGER NOT NULL REFERENCES counselling_offers(id)
			    ON DELETE CASCADE,
	held_on		INTEGER NOT NULL,
	cost		INTEGER NOT NULL CHECK (cost >= 0),
	recorded_at	INTEGER NOT NULL,
	recorded_by	TEXT NOT NULL
) STRICT;
CREATE INDEX counselling_sessions_offer ON counselling_sessions(offer_id);

-- Practical help (with an employer, a school, a platform's appeal): what
-- was done is a sealed note; its outcome is plain.
CREATE TABLE care_help (
	id		INTEGER PRIMARY KEY,
	case_id		INTEGER NOT NULL REFERENCES care_cases(id)
			    ON DELETE CASCADE,
	kind		TEXT NOT NULL CHECK (kind IN ('employer', 'school',
			    'platform appeal', 'housing', 'other')),
	outcome		TEXT NOT NULL DEFAULT 'open' CHECK (outcome IN ('open',
			    'helped', 'did not help', 'member stopped')),
	note_sealed	BLOB,
	created_at	INTEGER NOT NULL,
	created_by	TEXT NOT NULL,
	changed_at	INTEGER NOT NULL
) STRICT;
CREATE INDEX care_help_case ON care_help(case_id);
