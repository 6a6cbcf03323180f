-- 012: moderator care.  Exposure to difficult content is counted already
-- (003's exposures); here are the caps it is held to, the on-call rota
-- for incident duty with its breaks and swaps, and who leads each
-- incident.  A break never says why.

CREATE TABLE moderator_settings (
	id		INTEGER PRIMARY KEY CHECK (id = 1),
	daily_cap	INTEGER NOT NULL DEFAULT 20 CHECK (daily_cap > 0),
	weekly_cap	INTEGER NOT NULL DEFAULT 80 CHECK (weekly_cap > 0),
	near_percent	INTEGER NOT NULL DEFAULT 75
			    CHECK (near_percent BETWEEN 10 AND 99),
	shift_days	INTEGER NOT NULL DEFAULT 7
			    CHECK (shift_days BETWEEN 1 AND 28),
	per_shift	INTEGER NOT NULL DEFAULT 2
			    CHECK (per_shift BETWEEN 1 AND 5)
) STRICT;
INSERT INTO moderator_settings(id) VALUES (1);

-- who takes turns on call, in order
CREATE TABLE rota_members (
	user_id		INTEGER PRIMARY KEY REFERENCES users(id)
			    ON DELETE CASCADE,
	position	INTEGER NOT NULL UNIQUE,
	added_at	INTEGER NOT NULL
) STRICT;

-- time away from the rota: a break taken at once, or time off planned;
-- shown: the person chose to let the team see it for what it is
CREATE TABLE rota_away (
	id		INTEGER PRIMARY KEY,
	user_id		INTEGER NOT NULL REFERENCES users(id)
			    ON DELETE CASCADE,
	kind		TEXT NOT NULL CHECK (kind IN ('break', 'time off')),
	starts_at	INTEGER NOT NULL,
	ends_at		INTEGER NOT NULL CHECK (ends_at > starts_at),
	shown		INTEGER NOT NULL DEFAULT 0 CHECK (shown IN (0, 1)),
	created_at	INTEGER NOT NULL
) STRICT;
CREATE INDEX rota_away_user ON rota_away(user_id, ends_at);

-- one shift's change: in_user takes out_user's place (a swap is two)
CREATE TABLE rota_changes (
	id		INTEGER PRIMARY KEY,
	shift		INTEGER NOT NULL,
	out_user	INTEGER NOT NULL REFERENCES users(id) ON DELETE CASCADE,
	in_user		INTEGER NOT NULL REFERENCES users(id) ON DELETE CASCADE,
	kind		TEXT NOT NULL CHECK (kind IN ('swap', 'cover')),
	made_by		TEXT NOT NULL,
	made_at		INTEGER NOT NULL,
	UNIQUE (shift, out_user)
) STRICT;

ALTER TABLE incidents ADD COLUMN lead_id INTEGER REFERENCES users(id)
    ON DELETE SET NULL;
