-- 017: the outside places external monitoring reads, what it found there,
-- and where alerts go.  Only outside addresses are kept here: monitoring
-- never follows members.  monitor_fetches is the log of every outside
-- URL fetched and when, for anyone who asks what sanctum looked at.

-- A source: a feed (RSS, Atom), a page to re-check, a sitemap, or a JSON
-- search endpoint (url a template whose {q} is filled with each watched
-- name; items, text and link say where in the answer the items, their
-- text and their address are).
CREATE TABLE monitor_sources (
	id		INTEGER PRIMARY KEY,
	url		TEXT NOT NULL,
	kind		TEXT NOT NULL CHECK (kind IN ('feed', 'page',
			    'sitemap', 'search')),
	every		INTEGER NOT NULL DEFAULT 60
			    CHECK (every BETWEEN 1 AND 10080),
	items		TEXT NOT NULL DEFAULT '',
	text_at		TEXT NOT NULL DEFAULT '',
	link_at		TEXT NOT NULL DEFAULT '',
	next_at		INTEGER NOT NULL,
	last_at		INTEGER,
	last_status	INTEGER NOT NULL DEFAULT 0,
	last_result	TEXT NOT NULL DEFAULT '',
	failures	INTEGER NOT NULL DEFAULT 0,
	findings	INTEGER NOT NULL DEFAULT 0,
	created_by	TEXT NOT NULL,
	created_at	INTEGER NOT NULL,
	removed_at	INTEGER
) STRICT;

-- What the last answer for each URL fetched said about itself, so the
-- next request is conditional (ETag, Last-Modified), and a sitemap's
-- lastmod of a page when it was last fetched.
CREATE TABLE monitor_urls (
	url		TEXT PRIMARY KEY,
	etag		TEXT NOT NULL DEFAULT '',
	modified	TEXT NOT NULL DEFAULT '',
	lastmod		TEXT NOT NULL DEFAULT '',
	fetched_at	INTEGER NOT NULL
) STRICT, WITHOUT ROWID;

-- Each outside host: when it may be asked again (milliseconds), its
-- robots.txt as last read, and its errors in a row (for back-off).
CREATE TABLE monitor_hosts (
	host		TEXT PRIMARY KEY,
	next_ms		INTEGER NOT NULL DEFAULT 0,
	robots		TEXT,
	robots_status	INTEGER NOT NULL DEFAULT 0,
	robots_at	INTEGER NOT NULL DEFAULT 0,
	failures	INTEGER NOT NULL DEFAULT 0
) STRICT, WITHOUT ROWID;

CREATE TABLE monitor_fetches (
	id		INTEGER PRIMARY KEY,
	at		INTEGER NOT NULL,
	source		INTEGER REFERENCES monitor_sources(id),
	url		TEXT NOT NULL,
	status		INTEGER NOT NULL,
	bytes		INTEGER NOT NULL,
	result		TEXT NOT NULL
) STRICT;
CREATE INDEX monitor_fetches_at ON monitor_fetches(at);

-- A finding: an outside item that holds the community's posts or its
-- name near the watched words.  key: a keyed hash of the item's address
-- and its evidence, so the same item seen again is not a new finding.
-- The item's address is sealed (it says where leaked words are); no
-- outside text is kept.  posts and rules: comma-separated ids.
CREATE TABLE monitor_findings (
	id		INTEGER PRIMARY KEY,
	source		INTEGER REFERENCES monitor_sources(id),
	key		BLOB NOT NULL UNIQUE,
	found_at	INTEGER NOT NULL,
	seen_at		INTEGER NOT NULL,
	times		INTEGER NOT NULL DEFAULT 1,
	score		INTEGER NOT NULL CHECK (score BETWEEN 0 AND 100),
	posts		TEXT NOT NULL DEFAULT '',
	rules		TEXT NOT NULL DEFAULT '',
	reason		TEXT NOT NULL,
	link_sealed	BLOB,
	status		TEXT NOT NULL DEFAULT 'new' CHECK (status IN ('new',
			    'dismissed', 'incident')),
	incident_id	INTEGER REFERENCES incidents(id),
	reviewed_by	TEXT,
	reviewed_at	INTEGER,
	alerted_at	INTEGER
) STRICT;
CREATE INDEX monitor_findings_status ON monitor_findings(status, id);

-- Webhooks that receive alerts (a chat room's), their address sealed:
-- such an address is often itself a secret.  Each request is signed
-- with a secret derived from the community's key for that hook.
CREATE TABLE alert_hooks (
	id		INTEGER PRIMARY KEY,
	url_sealed	BLOB,
	label		TEXT NOT NULL DEFAULT '',
	created_by	TEXT NOT NULL,
	created_at	INTEGER NOT NULL,
	removed_at	INTEGER,
	last_at		INTEGER,
	last_result	TEXT NOT NULL DEFAULT ''
) STRICT;

-- Who wants alerts by e-mail too (at the address they gave for
-- reminders); everyone on the rota sees them in the console.
CREATE TABLE alert_prefs (
	user_id		INTEGER PRIMARY KEY REFERENCES users(id)
			    ON DELETE CASCADE,
	email		INTEGER NOT NULL DEFAULT 0 CHECK (email IN (0, 1))
) STRICT;
