/*
** checkin.c: when check-ins fall due, and what is done with them; `sanctum
** care due` and `sanctum care checkin`.  See checkin.h.
*/
#include "checkin.h"

#include <getopt.h>
#include <jansson.h>
#include <libical/ical.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../cli.h"
#include "../core/gate.h"
#include "../import/record.h"
#include "../store/care.h"
#include "../store/db.h"
#include "../util/util.h"
#include "holder.h"

/* libical keeps the zones it has read in one table; one caller at a time
** reads it. */
static pthread_mutex_t zone_lock = PTHREAD_MUTEX_INITIALIZER;

static icaltimezone *
zone_get(const char *zone)
{
	if (zone == NULL || *zone == '\0' || strcmp(zone, "UTC") == 0)
		return icaltimezone_get_utc_timezone();
	/* IANA names are letters, digits and "/_+-" */
	if (strlen(zone) > 63 || strspn(zone, "ABCDEFGHIJKLMNOPQRSTUVWXYZ"
	    "abcdefghijklmnopqrstuvwxyz0123456789/_+-") != strlen(zone) ||
	    strstr(zone, "..") != NULL)
		return NULL;
	return icaltimezone_get_builtin_timezone(zone);
}

/* Is zone an IANA time zone sanctum can read?  Returns 1 or 0. */
int
checkin_zone_ok(const char *zone)
{
	int ok;

	pthread_mutex_lock(&zone_lock);
	ok = zone_get(zone) != NULL;
	pthread_mutex_unlock(&zone_lock);
	return ok;
}

/* The calendar libical keeps is Julian before 1753, and nobody plans a
** check-in before 1970 or past 9999: times sanctum plans with lie
** between. */
#define CHECKIN_FIRST 0			/* 1970-01-01T00:00:00Z */
#define CHECKIN_LAST 253402300799LL	/* 9999-12-31T23:59:59Z */

/* Read a check-in time someone typed (RFC 3339, 1970 to 9999).  Returns 0
** and sets *t, or -1. */
int
checkin_parse_time(const char *s, int64_t *t)
{
	int64_t v;

	if (s == NULL || record_time_rfc3339(s, &v) != 0 ||
	    v < CHECKIN_FIRST || v > CHECKIN_LAST)
		return -1;
	*t = v;
	return 0;
}

/* The moment that is `hour`:00 in zone on the local date of `from` plus
** days and months (a month from the 31st is the month's last day).  An
** hour that does not exist that day (clocks go forward) is the first one
** after it.  Returns 0 and sets *due, or -1 for an unknown zone or a
** time outside 1970 to 9999. */
int
checkin_at(int64_t from, const char *zone, int hour, int days, int months,
    int64_t *due)
{
	struct icaltimetype t, back;
	icaltimezone *z;
	time_t u;
	int m, dim, tries;

	if (from < CHECKIN_FIRST || from > CHECKIN_LAST)
		return -1;
	pthread_mutex_lock(&zone_lock);
	if ((z = zone_get(zone)) == NULL) {
		pthread_mutex_unlock(&zone_lock);
		return -1;
	}
	t = icaltime_from_timet_with_zone((time_t)from, 0, z);
	if (months != 0) {
		m = t.month - 1 + months;
		t.year += m >= 0 ? m / 12 : (m - 11) / 12;
		t.month = (m % 12 + 12) % 12 + 1;
		dim = icaltime_days_in_month(t.month, t.year);
		if (t.day > dim)
			t.day = dim;
	}
	t.hour = hour;
	t.minute = 0;
	t.second = 0;
	icaltime_adjust(&t, days, 0, 0, 0);
	u = icaltime_as_timet_with_zone(t, z);
	/* in a gap the clock on the wall never shows `hour`: take the
	** first hour after it that it does show */
	for (tries = 0; tries < 3; tries++) {
		back = icaltime_from_timet_with_zone(u, 0, z);
		if (back.hour == hour && back.day == t.day)
			break;
		if (back.day == t.day && back.hour > hour)
			break;
		u += 3600;
	}
	pthread_mutex_unlock(&zone_lock);
	*due = (int64_t)u;
	return 0;
}

static const struct {
	int days, months;
	const char *label;
} plan[CHECKIN_PLAN_MAX] = {
	{ 1, 0, "one day" }, { 7, 0, "one week" }, { 0, 1, "one month" },
	{ 0, 3, "three months" }, { 0, 6, "six months" }
};

/* The default plan of a case opened at `opened`, in the member's zone at
** their hour.  Returns the number of slots (CHECKIN_PLAN_MAX) or -1. */
int
checkin_default_plan(int64_t opened, const char *zone, int hour,
    struct checkin_slot out[CHECKIN_PLAN_MAX])
{
	int i;

	for (i = 0; i < CHECKIN_PLAN_MAX; i++) {
		if (checkin_at(opened, zone, hour, plan[i].days, plan[i].months,
		    &out[i].due) != 0)
			return -1;
		snprintf(out[i].label, sizeof(out[i].label), "%s",
		    plan[i].label);
	}
	return CHECKIN_PLAN_MAX;
}

/* Every every_days from `base`: the first such check-in after `after`.
** Returns 0 and fills *out, or -1. */
int
checkin_every(int64_t base, int64_t after, const char *zone, int hour,
    int every_days, struct checkin_slot *out)
{
	int k;

	if (every_days < 1)
		return -1;
	for (k = 1; k < 100000; k++) {
		if (checkin_at(base, zone, hour, k * every_days, 0, &out->due)
		    != 0)
			return -1;
		if (out->due > after)
			break;
	}
	snprintf(out->label, sizeof(out->label), "every %d day%s", every_days,
	    every_days == 1 ? "" : "s");
	return 0;
}

/* t as the member's wall clock shows it: "2027-03-08 10:00 Europe/Paris". */
void
checkin_local(int64_t t, const char *zone, char *out, size_t cap)
{
	struct icaltimetype l;
	icaltimezone *z;

	pthread_mutex_lock(&zone_lock);
	if ((z = zone_get(zone)) == NULL) {
		pthread_mutex_unlock(&zone_lock);
		util_format_time(t, out, cap);
		return;
	}
	l = icaltime_from_timet_with_zone((time_t)t, 0, z);
	pthread_mutex_unlock(&zone_lock);
	snprintf(out, cap, "%04d-%02d-%02d %02d:%02d %s", l.year, l.month,
	    l.day, l.hour, l.minute, zone && *zone ? zone : "UTC");
}

/* Replanning works on a copy of the case's check-ins. */
#define CHECKINS_MAX 256
struct checkins {
	struct care_checkin k[CHECKINS_MAX];
	int n;
};

static int
collect(void *ctx, const struct care_checkin *k)
{
	struct checkins *c = ctx;

	if (c->n < CHECKINS_MAX)
		c->k[c->n++] = *k;
	return 0;
}

/* Make a case's planned check-ins follow its member's choices, as they
** are now: none while the member asked not to be contacted; the default
** plan's steps still to come (those already done, skipped or moved by
** hand stay as they are); or the next one every N days from the last.
** Runs inside the caller's transaction.  Returns 0 or -1 with err. */
int
checkin_replan(struct gate *g, int64_t case_id, char *err)
{
	struct db *db = gate_db(g);
	struct care_case cs;
	struct care_prefs p;
	struct checkins *ks;
	struct checkin_slot slots[CHECKIN_PLAN_MAX], next;
	char every[CHECKIN_LABEL_MAX];
	int64_t now = util_now(), base;
	int i, j, n, rc = -1, planned = 0;

	if (care_case_get(db, case_id, &cs) != DB_ROW) {
		err_set(err, "there is no care case %lld", (long long)case_id);
		return -1;
	}
	if (cs.closed_at != 0)
		return 0;
	if (care_prefs_get(db, cs.member_id, &p) < 0 ||
	    (ks = calloc(1, sizeof(*ks))) == NULL) {
		err_set(err, "cannot read the case: %s", db_error(db));
		return -1;
	}
	if (care_checkins_each(db, case_id, collect, ks) != 0)
		goto db_fail;
	snprintf(every, sizeof(every), "every %d day%s", p.every_days,
	    p.every_days == 1 ? "" : "s");
	/* what no longer fits the choices goes (never what a person moved) */
	for (i = 0; i < ks->n; i++) {
		struct care_checkin *k = &ks->k[i];
		int keep;
		if (strcmp(k->status, "planned") != 0 || k->moved_from != 0)
			continue;
		keep = p.contact && (p.every_days ? strcmp(k->label, every) == 0
		    : strncmp(k->label, "every ", 6) != 0);
		if (!keep) {
			if (care_checkin_drop(db, k->id) != 0)
				goto db_fail;
			k->status[0] = '\0';
		}
	}
	if (!p.contact) {
		rc = 0;
		goto done;
	}
	if (p.every_days == 0) {
		if ((n = checkin_default_plan(cs.opened_at, p.zone, p.hour, slots))
		    < 0) {
			err_set(err, "the member's time zone is not known");
			goto done;
		}
		for (j = 0; j < n; j++) {
			for (i = 0; i < ks->n; i++)
				if (ks->k[i].status[0] != '\0' &&
				    strcmp(ks->k[i].label, slots[j].label) == 0)
					break;
			if (i < ks->n) {
				/* still planned, not moved: follow a new zone or
				** hour */
				if (strcmp(ks->k[i].status, "planned") == 0 &&
				    ks->k[i].moved_from == 0 && ks->k[i].due_at
				    != slots[j].due && care_checkin_due_set(db,
				    ks->k[i].id, slots[j].due, 0) != 0)
					goto db_fail;
				continue;
			}
			if (slots[j].due > now && care_checkin_add(db, case_id,
			    slots[j].due, slots[j].label) != 0)
				goto db_fail;
		}
		rc = 0;
		goto done;
	}
	base = cs.opened_at;
	for (i = 0; i < ks->n; i++) {
		if (strcmp(ks->k[i].status, "planned") == 0)
			planned = 1;
		else if (ks->k[i].status[0] != '\0' && ks->k[i].due_at > base)
			base = ks->k[i].due_at;
	}
	if (!planned) {
		if (checkin_every(base, now, p.zone, p.hour, p.every_days, &next)
		    != 0) {
			err_set(err, "the member's time zone is not known");
			goto done;
		}
		if (care_checkin_add(db, case_id, next.due, next.label) != 0)
			goto db_fail;
	}
	rc = 0;
	goto done;
db_fail:
	err_set(err, "cannot save: %s", db_error(db));
	rc = -1;
done:
	free(ks);
	return rc;
}

/* The check-in id, planned, of an open case, into *k.  Returns 0 or -1. */
static int
planned_checkin(struct gate *g, int64_t id, struct care_checkin *k,
    char *err)
{
	struct care_case cs;

	if (care_checkin_get(gate_db(g), id, k) != DB_ROW) {
		err_set(err, "there is no check-in %lld", (long long)id);
		return -1;
	}
	if (strcmp(k->status, "planned") != 0) {
		err_set(err, "check-in %lld is already %s", (long long)id,
		    k->status);
		return -1;
	}
	if (care_may_hold(g, k->case_id, err) != 0)
		return -1;
	if (care_case_get(gate_db(g), k->case_id, &cs) != DB_ROW ||
	    cs.closed_at != 0) {
		err_set(err, "care case %lld is closed", (long long)k->case_id);
		return -1;
	}
	return 0;
}

static int
finish(struct gate *g, int64_t id, const char *status, const char *note,
    char *err)
{
	struct care_checkin k;
	char target[32], detail[64];
	uint8_t *sealed = NULL;
	size_t sn;

	if (note != NULL && !util_valid_text(note, strlen(note))) {
		err_set(err, "the note is not valid UTF-8 text");
		return -1;
	}
	if (gate_begin(g) != 0) {
		err_set(err, "the database is busy");
		return -1;
	}
	if (planned_checkin(g, id, &k, err) != 0)
		goto fail;
	if (care_checkin_finish(gate_db(g), id, status, gate_actor(g)->name,
	    util_now()) != 1)
		goto db_fail;
	if (note != NULL && *note != '\0') {
		if ((sealed = gate_seal(g, SEALED_FOLLOWUP_NOTES, id, note, &sn))
		    == NULL || care_checkin_note(gate_db(g), id, sealed, sn) !=
		    0)
			goto db_fail;
		free(sealed);
		sealed = NULL;
	}
	if (checkin_replan(g, k.case_id, err) != 0)
		goto fail;
	snprintf(target, sizeof(target), "care case %lld",
	    (long long)k.case_id);
	snprintf(detail, sizeof(detail), "check-in %lld %s%s", (long long)id,
	    status, note && *note ? ", with a note" : "");
	if (gate_audit(g, strcmp(status, "done") == 0 ? "care.checkin" :
	    "care.skip", target, detail) != 0 || gate_commit(g) != 0)
		goto db_fail;
	return 0;
db_fail:
	err_set(err, "cannot save: %s", db_error(gate_db(g)));
fail:
	free(sealed);
	gate_rollback(g);
	return -1;
}

/* The person supporting the member checked in with them; note (sealed)
** may be NULL.  Returns 0 or -1 with err. */
int
checkin_done(struct gate *g, int64_t id, const char *note, char *err)
{
	return finish(g, id, "done", note, err);
}

/* Skip a planned check-in (the member asked, or it is not needed). */
int
checkin_skip(struct gate *g, int64_t id, char *err)
{
	return finish(g, id, "skipped", NULL, err);
}

/* Move a planned check-in to `due`.  Returns 0 or -1 with err. */
int
checkin_move(struct gate *g, int64_t id, int64_t due, char *err)
{
	struct care_checkin k;
	char target[32], detail[96], when[32];

	if (gate_begin(g) != 0) {
		err_set(err, "the database is busy");
		return -1;
	}
	if (planned_checkin(g, id, &k, err) != 0)
		goto fail;
	if (due < util_now() - 86400) {
		err_set(err, "a check-in moves to a time to come");
		goto fail;
	}
	util_format_time(due, when, sizeof(when));
	snprintf(target, sizeof(target), "care case %lld",
	    (long long)k.case_id);
	snprintf(detail, sizeof(detail), "check-in %lld moved to %s",
	    (long long)id, when);
	if (care_checkin_due_set(gate_db(g), id, due, 1) != 0 ||
	    gate_audit(g, "care.move", target, detail) != 0 ||
	    gate_commit(g) != 0) {
		err_set(err, "cannot save: %s", db_error(gate_db(g)));
		goto fail;
	}
	return 0;
fail:
	gate_rollback(g);
	return -1;
}

/* The command line. */

struct due_ctx {
	int json, n;
	json_t *list;
	int64_t at;
};

static int
print_due(void *ctx, const struct care_due *d)
{
	struct due_ctx *c = ctx;
	char when[32];

	util_format_rfc3339(d->due_at, when, sizeof(when));
	c->n++;
	if (c->json) {
		json_array_append_new(c->list, json_pack("{sIsIssssssssss}",
		    "checkin", (json_int_t)d->checkin_id, "case",
		    (json_int_t)d->case_id, "due_at", when, "label", d->label,
		    "member", d->pseudonym, "supporter", d->supporter,
		    "channel", d->channel));
		return 0;
	}
	printf("%-6lld %-6lld %-20s %-13s %-20s %s%s\n",
	    (long long)d->checkin_id, (long long)d->case_id, when, d->label,
	    d->pseudonym, d->supporter[0] ? d->supporter : "(nobody)",
	    d->due_at + 2 * 86400 < c->at ? "  overdue" : "");
	return 0;
}

/* sanctum care due [--json] [--at TIME] [--supporter NAME] */
int
checkin_due_cmd(struct cli *c, int argc, char **argv)
{
	static const struct option opts[] = {
		{ "json", no_argument, NULL, 'j' },
		{ "at", required_argument, NULL, 'a' },
		{ NULL, 0, NULL, 0 }
	};
	struct due_ctx d = { 0, 0, NULL, 0 };
	const char *at = NULL;
	int ch, rc;

	optind = 0;
	while ((ch = getopt_long(argc, argv, "", opts, NULL)) != -1) {
		if (ch == 'j')
			d.json = 1;
		else if (ch == 'a')
			at = optarg;
		else
			return cli_usage(c, "care");
	}
	if (optind != argc)
		return cli_usage(c, "care");
	d.at = util_now();
	if (at != NULL && checkin_parse_time(at, &d.at) != 0)
		return cli_fail("care: --at %s is not an RFC 3339 time from 1970 "
		    "to 9999", at);
	if ((rc = cli_open(c)) != EXIT_OK)
		return rc;
	if (d.json)
		d.list = json_array();
	else
		printf("%-6s %-6s %-20s %-13s %-20s %s\n", "ID", "CASE", "DUE",
		    "PLAN", "MEMBER", "SUPPORTER");
	if (care_due_each(c->db, d.at, 0, print_due, &d) != 0) {
		json_decref(d.list);
		return cli_fail("care: cannot read the check-ins: %s",
		    db_error(c->db));
	}
	if (d.json) {
		json_t *o = json_pack("{so}", "due", d.list);
		cli_print_json(o);
		json_decref(o);
	}
	else if (d.n == 0)
		printf("(no check-in is due)\n");
	return EXIT_OK;
}

/* sanctum care checkin ID done [--note TEXT] | skip | move TIME */
int
checkin_cmd(struct cli *c, int argc, char **argv)
{
	char err[ERR_MAX];
	const char *note = NULL;
	long long id;
	int64_t due = 0;
	int rc;

	if (argc < 3 || util_parse_int(argv[1], 1, INT64_MAX, &id) != 0)
		return cli_usage(c, "care");
	if (strcmp(argv[2], "done") == 0) {
		if (argc == 5 && strcmp(argv[3], "--note") == 0)
			note = argv[4];
		else if (argc != 3)
			return cli_usage(c, "care");
	} else if (strcmp(argv[2], "skip") == 0) {
		if (argc != 3)
			return cli_usage(c, "care");
	} else if (strcmp(argv[2], "move") == 0) {
		if (argc != 4)
			return cli_usage(c, "care");
		if (checkin_parse_time(argv[3], &due) != 0)
			return cli_fail("care: %s is not an RFC 3339 time "
			    "from 1970 to 9999",
			    argv[3]);
	} else {
		return cli_usage(c, "care");
	}
	if ((rc = cli_open(c)) != EXIT_OK)
		return rc;
	if (strcmp(argv[2], "done") == 0)
		rc = checkin_done(c->gate, id, note, err);
	else if (strcmp(argv[2], "skip") == 0)
		rc = checkin_skip(c->gate, id, err);
	else
		rc = checkin_move(c->gate, id, due, err);
	if (rc != 0)
		return cli_fail("care: %s", err);
	cli_say(c, "check-in %lld: %s\n", id, strcmp(argv[2], "done") == 0 ?
	    "done" : strcmp(argv[2], "skip") == 0 ? "skipped" : "moved");
	return EXIT_OK;
}
