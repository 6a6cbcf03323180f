-- 016: a swap of shifts is asked of the other person, who says yes or
-- no; only a yes changes the rota.  give_shift is the asker's shift the
-- other takes; take_shift the other's that the asker takes in return.

CREATE TABLE rota_swaps (
	id		INTEGER PRIMARY KEY,
	from_user	INTEGER NOT NULL REFERENCES users(id) ON DELETE CASCADE,
	to_user		INTEGER NOT NULL REFERENCES users(id) ON DELETE CASCADE,
	give_shift	INTEGER NOT NULL,
	take_shift	INTEGER NOT NULL,
	asked_at	INTEGER NOT NULL,
	answered_at	INTEGER,
	answer		TEXT CHECK (answer IS NULL OR answer IN ('yes', 'no'))
) STRICT;
CREATE INDEX rota_swaps_to ON rota_swaps(to_user, answered_at);
