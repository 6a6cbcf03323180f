/*
** retention.c: the retention periods, the purge, and `sanctum retention`.
** See retention.h.
*/
#include "retention.h"

#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../cli.h"
#include "../core/gate.h"
#include "../import/record.h"
#include "../store/db.h"
#include "../util/log.h"
#include "../util/util.h"

/* meta key: when the schedule last ran */
#define LAST_KEY "retention_last"

/* The time at or before which what a period of days covers is due; for
** "never" (0 days), a time before anything. */
int64_t
retention_cutoff(int64_t now, int days)
{
	if (days <= 0)
		return INT64_MIN;
	return now - (int64_t)days * 86400;
}

/* Parse a period: "never", or a number of days from 1 to
** RETENTION_MAX_DAYS.  Sets *days (0 for never).  Returns 0 or -1. */
int
retention_parse_days(const char *s, int *days)
{
	long long v;

	if (strcmp(s, "never") == 0) {
		*days = 0;
		return 0;
	}
	if (util_parse_int(s, 1, RETENTION_MAX_DAYS, &v) != 0)
		return -1;
	*days = (int)v;
	return 0;
}

/* How many rows n counts in all. */
int
retention_total(const struct retention_counts *n)
{
	return n->reports + n->leaks + n->findings + n->cases + n->incidents;
}

/* What policy p makes due for a purge at now, into *n.  Returns 0 or -1. */
int
retention_due(struct db *db, const struct retention_policy *p, int64_t now,
    struct retention_counts *n)
{
	memset(n, 0, sizeof(*n));
	if (p->leaked_days && retention_due_leaked(db,
	    retention_cutoff(now, p->leaked_days), n) != 0)
		return -1;
	if (p->notes_days && retention_due_notes(db,
	    retention_cutoff(now, p->notes_days), n) != 0)
		return -1;
	if (p->closed_days && retention_due_closed(db,
	    retention_cutoff(now, p->closed_days), n) != 0)
		return -1;
	return 0;
}

static const char *
plural(int n, const char *one, const char *many)
{
	return n == 1 ? one : many;
}

/* What n counts, in words (for the audit trail and the command line). */
static void
describe(const struct retention_counts *n, char *out, size_t cap)
{
	snprintf(out, cap, "%d %s, %d %s of a leak, %d monitoring %s; the "
	    "notes of %d closed %s; %d closed %s", n->reports,
	    plural(n->reports, "report", "reports"), n->leaks,
	    plural(n->leaks, "place", "places"), n->findings,
	    plural(n->findings, "finding", "findings"), n->cases,
	    plural(n->cases, "case", "cases"), n->incidents,
	    plural(n->incidents, "incident", "incidents"));
}

/* Purge what the community's periods make due at now, how ("by hand",
** "scheduled") saying who asked, into *n.  Nothing due: nothing is
** written.  Returns 0; 1 when the purge committed but the WAL could not
** be truncated yet (err says so; the next purge or scheduled run tries
** again); or -1 with err, nothing purged. */
int
retention_purge(struct gate *g, int64_t now, const char *how,
    struct retention_counts *n, char *err)
{
	struct db *db = gate_db(g);
	struct retention_policy p;
	char words[200], detail[240];

	memset(n, 0, sizeof(*n));
	if (db_in_transaction(db)) {
		/* its checkpoint must follow its own commit */
		err_set(err, "a purge runs in a transaction of its own");
		return -1;
	}
	if (db_secure_delete(db) != 1) {
		err_set(err, "this connection does not overwrite what it "
		    "deletes (secure_delete); nothing was purged");
		return -1;
	}
	db_wal_settle(db);
	if (gate_begin(g) != 0) {
		err_set(err, "the database is busy");
		return -1;
	}
	if (retention_policy_get(db, &p) != 0 || retention_due(db, &p, now,
	    n) != 0)
		goto fail;
	if (retention_total(n) == 0) {
		gate_rollback(g);
		return 0;
	}
	if ((p.leaked_days && retention_purge_leaked(db,
	    retention_cutoff(now, p.leaked_days), now) != 0) ||
	    (p.notes_days && retention_purge_notes(db,
	    retention_cutoff(now, p.notes_days), now) != 0) ||
	    (p.closed_days && retention_purge_closed(db,
	    retention_cutoff(now, p.closed_days), now) != 0))
		goto fail;
	describe(n, words, sizeof(words));
	snprintf(detail, sizeof(detail), "%s, %s", how, words);
	if (db_wal_owe(db) != 0 || gate_audit(g,
	    "retention.purge", "community", detail) != 0 || gate_commit(g) != 0)
		goto fail;
	if (db_wal_truncate(db) != 0) {
		err_set(err, "purged, but the WAL could not be truncated yet "
		    "(%s); the next purge or `serve`'s tasks try again",
		    db_error(db));
		return 1;
	}
	return 0;
fail:
	gate_rollback(g);
	memset(n, 0, sizeof(*n));
	err_set(err, "nothing was purged: %s", db_error(db));
	return -1;
}

/* The scheduled tasks' turn: purge at most once a day (RETENTION_EVERY)
** and only when some period is set; finish a WAL truncation a reader
** held up before.  Returns 0 (with *n), or -1 with err. */
int
retention_scheduled(struct gate *g, int64_t now, struct retention_counts *n,
    char *err)
{
	struct db *db = gate_db(g);
	struct retention_policy p;
	char v[24];
	size_t len = 0;
	long long last = 0;
	int rc;

	memset(n, 0, sizeof(*n));
	db_wal_settle(db);
	if (retention_policy_get(db, &p) != 0) {
		err_set(err, "cannot read the retention periods");
		return -1;
	}
	if (!p.leaked_days && !p.notes_days && !p.closed_days)
		return 0;
	if (db_meta_get(db, LAST_KEY, v, sizeof(v) - 1, &len) == DB_ROW) {
		v[len] = '\0';
		if (util_parse_int(v, 0, INT64_MAX, &last) != 0)
			last = 0;
	}
	/* a clock set back runs it again rather than never */
	if (last > 0 && now >= last && now - last < RETENTION_EVERY)
		return 0;
	/* noted first, so the purge's checkpoint takes this write too */
	snprintf(v, sizeof(v), "%lld", (long long)now);
	if (db_meta_set(db, LAST_KEY, v, strlen(v)) != 0) {
		err_set(err, "cannot note the purge's time: %s", db_error(db));
		return -1;
	}
	rc = retention_purge(g, now, "scheduled", n, err);
	if (rc < 0) {
		/* nothing was purged: the next tick tries again */
		snprintf(v, sizeof(v), "%lld", last);
		db_meta_set(db, LAST_KEY, v, strlen(v));
	}
	return rc == 0 ? 0 : -1;
}

/* The command line. */

static void
say_period(struct cli *c, const char *what, int days, const char *from)
{
	if (days)
		cli_say(c, "%-17s %d day%s %s\n", what, days, days == 1 ? "" :
		    "s", from);
	else
		cli_say(c, "%-17s kept until an admin sets a period\n", what);
}

static json_t *
days_json(int days)
{
	return days ? json_integer(days) : NULL;
}

static json_t *
counts_json(const struct retention_counts *n)
{
	return json_pack("{s:i, s:i, s:i, s:i, s:i}", "reports", n->reports,
	    "leaks", n->leaks, "findings", n->findings, "cases", n->cases,
	    "incidents", n->incidents);
}

/* sanctum retention show [--json] */
int
retention_show_cmd(struct cli *c, int argc, char **argv)
{
	struct retention_policy p;
	struct retention_counts n;
	char when[32], words[200];
	int rc, json = argc == 2 && strcmp(argv[1], "--json") == 0;

	if (argc != 1 && !json)
		return cli_usage(c, "retention");
	if ((rc = cli_open(c)) != EXIT_OK)
		return rc;
	if (retention_policy_get(c->db, &p) != 0 || retention_due(c->db, &p,
	    util_now(), &n) != 0)
		return cli_fail("retention: cannot read the retention periods");
	if (json) {
		json_t *o;

		util_format_rfc3339(p.changed_at, when, sizeof(when));
		o = json_pack("{s:o?, s:o?, s:o?, s:o?, s:o?, s:o}",
		    "leaked_days", days_json(p.leaked_days), "notes_days",
		    days_json(p.notes_days), "closed_days",
		    days_json(p.closed_days), "changed_at", p.changed_at ?
		    json_string(when) : NULL, "changed_by", p.changed_at ?
		    json_string(p.changed_by) : NULL, "due", counts_json(&n));
		if (o == NULL)
			return cli_fail("retention: out of memory");
		cli_print_json(o);
		json_decref(o);
		return EXIT_OK;
	}
	say_period(c, "leaked material:", p.leaked_days, "after it was found "
	    "(never while its incident is open)");
	say_period(c, "case notes:", p.notes_days, "after the case closed");
	say_period(c, "closed incidents:", p.closed_days, "after closing");
	if (p.changed_at) {
		util_format_time(p.changed_at, when, sizeof(when));
		cli_say(c, "set by %s, %s\n", p.changed_by, when);
	}
	describe(&n, words, sizeof(words));
	cli_say(c, "due now: %s\n", retention_total(&n) ? words : "nothing");
	return EXIT_OK;
}

/* sanctum retention set leaked|notes|closed DAYS|never */
int
retention_set_cmd(struct cli *c, int argc, char **argv)
{
	static const char *const kinds[] = { "leaked", "notes", "closed" };
	struct retention_policy p;
	char detail[80];
	int days, k, rc;

	if (argc != 3 || retention_parse_days(argv[2], &days) != 0)
		return cli_usage(c, "retention");
	for (k = 0; k < 3 && strcmp(argv[1], kinds[k]) != 0; k++)
		;
	if (k == 3)
		return cli_usage(c, "retention");
	if ((rc = cli_open(c)) != EXIT_OK)
		return rc;
	if (retention_policy_get(c->db, &p) != 0)
		return cli_fail("retention: cannot read the retention periods");
	if (k == 0)
		p.leaked_days = days;
	else if (k == 1)
		p.notes_days = days;
	else
		p.closed_days = days;
	if (days)
		snprintf(detail, sizeof(detail), "%s: %d days", kinds[k], days);
	else
		snprintf(detail, sizeof(detail), "%s: never", kinds[k]);
	if (retention_policy_set(c->db, &p, util_now(),
	    gate_actor(c->gate)->name) != 0 || gate_audit(c->gate,
	    "retention.set", "community", detail) != 0)
		return cli_fail("retention: cannot save: %s", db_error(c->db));
	cli_say(c, "retention of %s\n", detail);
	if (days)
		cli_say(c, "what it covers is purged by `sanctum retention "
		    "purge`, and once a day by `sanctum serve`\n");
	return EXIT_OK;
}

/* sanctum retention purge [--dry-run] [--json] [--at TIME] */
int
retention_purge_cmd(struct cli *c, int argc, char **argv)
{
	struct retention_policy p;
	struct retention_counts n;
	char err[ERR_MAX] = "", words[200];
	int64_t at = util_now();
	int i, rc, dry = 0, json = 0;

	for (i = 1; i < argc; i++) {
		if (strcmp(argv[i], "--dry-run") == 0)
			dry = 1;
		else if (strcmp(argv[i], "--json") == 0)
			json = 1;
		else if (strcmp(argv[i], "--at") == 0 && i + 1 < argc) {
			if (record_time_rfc3339(argv[++i], &at) != 0)
				return cli_fail("retention: --at is an RFC "
				    "3339 time");
		} else
			return cli_usage(c, "retention");
	}
	if ((rc = cli_open(c)) != EXIT_OK)
		return rc;
	if (dry) {
		rc = retention_policy_get(c->db, &p) == 0 &&
		    retention_due(c->db, &p, at, &n) == 0 ? 0 : -1;
		if (rc != 0)
			err_set(err, "cannot read what is due");
	} else {
		rc = retention_purge(c->gate, at, "by hand", &n, err);
	}
	if (rc < 0)
		return cli_fail("retention: %s", err);
	if (json) {
		json_t *o = json_pack("{s:b, s:o, s:b}", "dry_run", dry,
		    dry ? "due" : "purged", counts_json(&n), "wal_truncated",
		    !dry && rc == 0 && retention_total(&n) > 0);

		if (o == NULL)
			return cli_fail("retention: out of memory");
		cli_print_json(o);
		json_decref(o);
	} else if (retention_total(&n) == 0) {
		cli_say(c, "nothing is due\n");
	} else {
		describe(&n, words, sizeof(words));
		cli_say(c, "%s: %s\n", dry ? "due (nothing was changed)" :
		    "purged", words);
	}
	return rc == 0 ? EXIT_OK : cli_fail("retention: %s", err);
}
