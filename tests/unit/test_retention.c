/*
** test_retention.c: what a retention period makes due.  A period of days
** is a cutoff (what happened at or before it is due; "never" is before
** everything); leaked material waits while its incident is open and until
** a moderator handled it; a case's notes count from its closing, so an
** open case is never due however old; a closed incident is due once.  A
** purge empties what was due, with one audit entry, and a second finds
** nothing.
*/
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include "admin/retention.h"
#include "app.h"
#include "core/gate.h"
#include "store/auditlog.h"
#include "store/db.h"
#include "test.h"
#include "util/util.h"

#define DAY ((int64_t)86400)

void
test_retention_periods(void)
{
	int d = -1;

	CHECK(retention_cutoff(100 * DAY, 30) == 70 * DAY);
	CHECK(retention_cutoff(100 * DAY, 0) == INT64_MIN);
	CHECK(retention_parse_days("never", &d) == 0 && d == 0);
	CHECK(retention_parse_days("1", &d) == 0 && d == 1);
	CHECK(retention_parse_days("36500", &d) == 0 && d == 36500);
	CHECK(retention_parse_days("0", &d) == -1);
	CHECK(retention_parse_days("-5", &d) == -1);
	CHECK(retention_parse_days("36501", &d) == -1);
	CHECK(retention_parse_days("30d", &d) == -1);
	CHECK(retention_parse_days("", &d) == -1);
}

/* A community with one of each case the rules tell apart; times are
** small numbers of seconds, far in the past. */
static void
fill(struct gate *g)
{
	struct db *db = gate_db(g);

	test_gate_begin(g);
	CHECK(db_exec_literal(db,
	    "INSERT INTO members(id, pseudonym, applied_at) VALUES "
	    "(1, 'willow', 0);"
	    /* open, closed at 1000, closed at 5000 */
	    "INSERT INTO incidents(id, opened_at, status, closed_at, "
	    "summary_sealed) VALUES (1, 100, 'open', NULL, x'01'), "
	    "(2, 100, 'closed', 1000, x'02'), (3, 100, 'closed', 5000, x'03');"
	    /* an open incident's place; a closed one's, found early and
	    ** late; one with no incident */
	    "INSERT INTO leaks(id, incident_id, found_at, location_sealed) "
	    "VALUES (1, 1, 100, x'11'), (2, 2, 100, x'12'), "
	    "(3, NULL, 100, x'13'), (4, 2, 9000, x'14');"
	    /* waiting, dismissed, linked to the open incident, linked to a
	    ** closed one */
	    "INSERT INTO reports(id, received_at, status, incident_id, "
	    "body_sealed) VALUES (1, 100, 'new', NULL, x'21'), "
	    "(2, 100, 'dismissed', NULL, x'22'), (3, 100, 'linked', 1, x'23'), "
	    "(4, 100, 'linked', 2, x'24');"
	    "INSERT INTO monitor_findings(id, key, found_at, seen_at, score, "
	    "reason, status, incident_id, link_sealed) VALUES "
	    "(1, x'a1', 100, 100, 50, 'r', 'new', NULL, x'31'), "
	    "(2, x'a2', 100, 100, 50, 'r', 'dismissed', NULL, x'32'), "
	    "(3, x'a3', 100, 100, 50, 'r', 'incident', 1, x'33');"
	    /* open since long ago; closed with notes; closed with nothing;
	    ** closed with a check-in's note only */
	    "INSERT INTO care_cases(id, member_id, opened_at, closed_at, "
	    "notes_sealed) VALUES (1, 1, 100, NULL, x'41'), "
	    "(2, 1, 100, 1000, x'42'), (3, 1, 100, 1000, NULL), "
	    "(4, 1, 100, 1000, NULL);"
	    "INSERT INTO followups(case_id, due_at, notes_sealed) VALUES "
	    "(1, 200, x'51'), (4, 200, x'54');") == 0);
	test_gate_commit(g);
}

void
test_retention_due(void)
{
	struct app_opts o = { 0 };
	struct app a;
	struct gate *g;
	struct retention_policy p = { 0 };
	struct retention_counts n;
	struct stmt q;
	char db[512], err[ERR_MAX];
	int64_t entries;

	snprintf(db, sizeof(db), "%s/r.db", test_tmpdir());
	o.db_path = db;
	CHECK(app_create(&o, &a, err) == 0);
	g = test_gate(&a);
	fill(g);

	/* never: nothing, however old */
	CHECK(retention_due(a.db, &p, 100000 * DAY, &n) == 0);
	CHECK(retention_total(&n) == 0);

	/* a day, so the cutoff is at 1000: what closed then is due, and
	** what happened a second later is not */
	p.leaked_days = p.notes_days = p.closed_days = 1;
	CHECK(retention_due(a.db, &p, 1000 + DAY, &n) == 0);
	/* the dismissed report and the one linked to a closed incident; the
	** closed incident's place and the one of no incident; the dismissed
	** finding (not the new one, not the open incident's) */
	CHECK(n.reports == 2);
	CHECK(n.leaks == 2);
	CHECK(n.findings == 1);
	CHECK(n.cases == 2);		/* notes, or a check-in's note */
	CHECK(n.incidents == 1);	/* closed at 1000, not at 5000 */
	CHECK(retention_due(a.db, &p, 999 + DAY, &n) == 0);
	CHECK(n.cases == 0 && n.incidents == 0 && n.reports == 2);
	/* later, the incident closed at 5000 and the place found at 9000 */
	CHECK(retention_due(a.db, &p, 9000 + DAY, &n) == 0);
	CHECK(n.incidents == 2 && n.leaks == 3 && n.cases == 2);
	/* one period alone counts its own kind alone */
	p.leaked_days = p.closed_days = 0;
	CHECK(retention_due(a.db, &p, 9000 + DAY, &n) == 0);
	CHECK(n.cases == 2 && n.reports == 0 && n.leaks == 0 &&
	    n.incidents == 0);

	/* the purge, at 1000 + a day, with the periods saved */
	p.leaked_days = p.notes_days = p.closed_days = 1;
	test_gate_begin(g);
	CHECK(retention_policy_set(a.db, &p, 0, "test") == 0);
	test_gate_commit(g);
	entries = auditlog_count(a.db);
	CHECK(retention_purge(g, 1000 + DAY, "by hand", &n, err) == 0);
	CHECK(n.reports == 2 && n.leaks == 2 && n.findings == 1 &&
	    n.cases == 2 && n.incidents == 1);
	CHECK(auditlog_count(a.db) == entries + 1);
	CHECK(retention_due(a.db, &p, 1000 + DAY, &n) == 0);
	CHECK(retention_total(&n) == 0);
	CHECK(retention_purge(g, 1000 + DAY, "by hand", &n, err) == 0);
	CHECK(retention_total(&n) == 0);
	CHECK(auditlog_count(a.db) == entries + 1);
	/* what had to stay did: the open incident's place and summary, the
	** waiting report, the open case's notes and its check-in's, the
	** incident closed later (the place found later went with its purged
	** incident's record) */
	CHECK(db_prepare(a.db, &q, "SELECT "
	    "(SELECT count(*) FROM leaks WHERE location_sealed IS NOT NULL), "
	    "(SELECT group_concat(id) FROM reports WHERE body_sealed IS NOT "
	    "NULL), (SELECT count(*) FROM care_cases WHERE notes_sealed IS "
	    "NOT NULL), (SELECT group_concat(case_id) FROM followups WHERE "
	    "notes_sealed IS NOT NULL), (SELECT group_concat(id) FROM "
	    "incidents WHERE summary_sealed IS NOT NULL), (SELECT "
	    "group_concat(id) FROM care_cases WHERE notes_purged_at IS NOT "
	    "NULL)") == 0);
	CHECK(db_step(&q) == DB_ROW);
	CHECK(db_col_int(&q, 0) == 1);			/* leak 1 */
	CHECK(strcmp(db_col_text(&q, 1), "1,3") == 0);
	CHECK(db_col_int(&q, 2) == 1);			/* case 1, open */
	CHECK(strcmp(db_col_text(&q, 3), "1") == 0);
	CHECK(strcmp(db_col_text(&q, 4), "1,3") == 0);
	CHECK(strcmp(db_col_text(&q, 5), "2,4") == 0);	/* not 3: empty */
	db_finalize(&q);
	gate_free(g);
	app_close(&a);
}
