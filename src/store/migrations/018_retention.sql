-- 018: retention.  How long the community keeps leaked material, the
-- notes of care cases once they are closed, and the record of closed
-- incidents; NULL is "until an admin decides" (nothing is purged by
-- default: a purge cannot be undone, and a community may need the record
-- for a takedown, a complaint or the law).  One row.
CREATE TABLE retention (
	id		INTEGER PRIMARY KEY CHECK (id = 1),
	leaked_days	INTEGER CHECK (leaked_days IS NULL OR
			    leaked_days BETWEEN 1 AND 36500),
	notes_days	INTEGER CHECK (notes_days IS NULL OR
			    notes_days BETWEEN 1 AND 36500),
	closed_days	INTEGER CHECK (closed_days IS NULL OR
			    closed_days BETWEEN 1 AND 36500),
	changed_at	INTEGER,
	changed_by	TEXT
) STRICT;
INSERT INTO retention(id) VALUES (1);

-- When a purge emptied a row and left it standing, for the statistics
-- (how many leaks, incidents and cases there were, and when) and so that
-- the pages say the words were purged rather than that they cannot be
-- opened.  A care case's notes deleted at the member's own request keep
-- notes_deleted_at (008).
ALTER TABLE reports ADD COLUMN purged_at INTEGER;
ALTER TABLE leaks ADD COLUMN purged_at INTEGER;
ALTER TABLE monitor_findings ADD COLUMN purged_at INTEGER;
ALTER TABLE incidents ADD COLUMN purged_at INTEGER;
ALTER TABLE care_cases ADD COLUMN notes_purged_at INTEGER;
CREATE INDEX incidents_closed ON incidents(status, closed_at);
CREATE INDEX care_cases_closed ON care_cases(closed_at);
