/*
** debrief.c: team and incident debriefs, their entries, the schedule and
** its iCalendar, and `sanctum debrief ...`.  See debrief.h.
*/
#include "debrief.h"

#include <jansson.h>
#include <libical/ical.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../admin/roles.h"
#include "../cli.h"
#include "../core/gate.h"
#include "../import/record.h"
#include "../store/db.h"
#include "../store/moderators.h"
#include "../util/buf.h"
#include "../util/util.h"
#include "rota.h"

#define DAY 86400
/* Thursday 1970-01-08, 16:00 UTC: the default schedule's first debrief */
#define DEBRIEF_ANCHOR (ROTA_EPOCH + 3 * DAY + DEBRIEF_HOUR * 3600)

/* The team's debrief around `now`: the next one (next = 1, the first at
** or after now) or the current one (the last that has begun, or the
** first when none has).  Sets *at and *every.  Returns 0 or -1. */
int
debrief_slot(struct db *db, int64_t now, int next, int64_t *at, int *every)
{
	int64_t first, len, k;

	if (mods_debrief_schedule_get(db, every, &first) != 0)
		return -1;
	if (first == 0)
		first = DEBRIEF_ANCHOR;
	len = (int64_t)*every * DAY;
	if (now <= first) {
		*at = first;
		return 0;
	}
	k = (now - first) / len;
	*at = first + k * len;
	if (next && *at < now)
		*at += len;
	return 0;
}

/* The team sets its schedule: every `every` days (7 to 56) from `first`
** (0: Thursdays at 16:00 UTC).  Returns 0 or -1 with err. */
int
debrief_schedule(struct gate *g, int every, int64_t first, char *err)
{
	char detail[64];

	if (every < 7 || every > 56) {
		err_set(err, "debriefs are every 7 to 56 days");
		return -1;
	}
	if (gate_begin(g) != 0) {
		err_set(err, "the database is busy");
		return -1;
	}
	snprintf(detail, sizeof(detail), "every %d days", every);
	if (mods_debrief_schedule_set(gate_db(g), every, first) != 0 ||
	    gate_audit(g, "debrief.schedule", "", detail) != 0 ||
	    gate_commit(g) != 0) {
		err_set(err, "cannot save: %s", db_error(gate_db(g)));
		gate_rollback(g);
		return -1;
	}
	return 0;
}

/* Plan the debrief after incident for those involved, in the caller's
** transaction (whose audit entry covers it).  Returns 0 (also when it is
** planned already) or -1. */
int
debrief_plan_incident(struct gate *g, int64_t incident)
{
	int64_t id;
	int rc;

	rc = mods_debrief_add(gate_db(g), "incident", incident, util_now(),
	    gate_actor(g)->name, util_now(), &id);
	if (rc == DB_EXISTS)
		return 0;
	if (rc != 0)
		return -1;
	return mods_debrief_people_add(gate_db(g), id, incident);
}

/* The team's current debrief, made when nobody has written for it yet,
** in the caller's transaction.  Returns 0 with *id, or -1 with err. */
static int
team_current(struct gate *g, int64_t *id, char *err)
{
	int64_t at;
	int every, rc;

	if (debrief_slot(gate_db(g), util_now(), 0, &at, &every) != 0 ||
	    (rc = mods_debrief_team_at(gate_db(g), at, id)) < 0) {
		err_set(err, "cannot read the debriefs");
		return -1;
	}
	if (rc == DB_ROW)
		return 0;
	if (mods_debrief_add(gate_db(g), "team", 0, at, gate_actor(g)->name,
	    util_now(), id) != 0) {
		err_set(err, "cannot save: %s", db_error(gate_db(g)));
		return -1;
	}
	return 0;
}

/* The team's debrief now (for those who only read): its id, or 0 when
** nobody has written for it yet.  Returns 0 or -1 with err. */
int
debrief_team_current(struct gate *g, int64_t *id, char *err)
{
	int64_t at;
	int every, rc;

	*id = 0;
	if (debrief_slot(gate_db(g), util_now(), 0, &at, &every) != 0 ||
	    (rc = mods_debrief_team_at(gate_db(g), at, id)) < 0) {
		err_set(err, "cannot read the debriefs");
		return -1;
	}
	return 0;
}

static int
valid_words(const struct debrief_words *w, char *err)
{
	const char *f[5] = { w->happened, w->hard, w->helped, w->change,
	    w->reflection };
	int i, any = 0;

	for (i = 0; i < 5; i++) {
		if (f[i] == NULL)
			continue;
		if (strlen(f[i]) > DEBRIEF_FIELD_MAX || !util_valid_text(f[i],
		    strlen(f[i]))) {
			err_set(err, "each answer is text of at most %d bytes",
			    DEBRIEF_FIELD_MAX);
			return -1;
		}
		any |= f[i][0] != '\0';
	}
	if (!any) {
		err_set(err, "an entry says something in at least one answer");
		return -1;
	}
	return 0;
}

/* Seal text into entry's part (private_: the reflection), or clear it
** when text is empty.  Returns 0 or -1. */
static int
keep_part(struct gate *g, int64_t entry, int private_, const char *text)
{
	uint8_t *sealed;
	size_t n;
	int rc;

	if (text == NULL || text[0] == '\0')
		return mods_entry_seal(gate_db(g), entry, private_, NULL, 0);
	sealed = gate_seal(g, private_ ? SEALED_DEBRIEF_PRIVATE :
	    SEALED_DEBRIEF_SHARED, entry, text, &n);
	if (sealed == NULL)
		return -1;
	rc = mods_entry_seal(gate_db(g), entry, private_, sealed, n);
	free(sealed);
	return rc;
}

/* The actor writes (or rewrites) their entry in debrief (0: the team's
** current one).  Returns 0 or -1 with err. */
int
debrief_write(struct gate *g, int64_t debrief, const struct debrief_words *w,
    char *err)
{
	const struct gate_actor *a = gate_actor(g);
	struct debrief_row d;
	json_t *o;
	char target[32], *shared = NULL;
	int64_t entry;
	int rc;

	if (a->user_id <= 0 || a->role < ROLE_MODERATOR) {
		err_set(err, "debriefs are for moderators and admins");
		return -1;
	}
	if (valid_words(w, err) != 0)
		return -1;
	if (gate_begin(g) != 0) {
		err_set(err, "the database is busy");
		return -1;
	}
	if (debrief == 0 && team_current(g, &debrief, err) != 0)
		goto fail;
	rc = mods_debrief_get(gate_db(g), debrief, a->user_id, &d);
	if (rc != DB_ROW) {
		err_set(err, "there is no debrief %lld", (long long)debrief);
		goto fail;
	}
	if (!d.involved && a->role < ROLE_ADMIN) {
		err_set(err, "that debrief is for those involved in incident "
		    "%lld", (long long)d.incident_id);
		goto fail;
	}
	/* the team's part, only when something is shared with the team: an
	** entry of a reflection alone leaves no trace the team can read */
	if ((w->happened && w->happened[0]) || (w->hard && w->hard[0]) ||
	    (w->helped && w->helped[0]) || (w->change && w->change[0])) {
		o = json_pack("{s:s, s:s, s:s, s:s}", "happened", w->happened ?
		    w->happened : "", "hard", w->hard ? w->hard : "", "helped",
		    w->helped ? w->helped : "", "change", w->change ?
		    w->change : "");
		shared = o ? json_dumps(o, JSON_COMPACT) : NULL;
		json_decref(o);
		if (shared == NULL) {
			err_set(err, "out of memory");
			goto fail;
		}
	}
	snprintf(target, sizeof(target), "debrief %lld", (long long)debrief);
	if (mods_entry_put(gate_db(g), debrief, a->user_id,
	    util_now(), &entry) != 0 || keep_part(g, entry, 0, shared) != 0 ||
	    keep_part(g, entry, 1, w->reflection) != 0 ||
	    mods_entry_shown(gate_db(g), entry, w->shown) != 0 || gate_audit(g,
	    "debrief.write", target, "") != 0 || gate_commit(g) != 0) {
		err_set(err, "cannot save: %s", db_error(gate_db(g)));
		goto fail;
	}
	gate_wipe(shared);
	return 0;
fail:
	gate_wipe(shared);
	gate_rollback(g);
	return -1;
}

/* The team's debriefs as an iCalendar invitation: the next one, repeating
** on the team's schedule, an hour long.  Returns 0 or -1. */
int
debrief_ical(struct db *db, int64_t now, struct buf *out)
{
	icalcomponent *cal;
	icaltimezone *utc = icaltimezone_get_utc_timezone();
	struct icalrecurrencetype rr;
	struct icaldurationtype hour;
	char rule[48], *text;
	int64_t at;
	int every, rc;

	if (debrief_slot(db, now, 1, &at, &every) != 0)
		return -1;
	snprintf(rule, sizeof(rule), "FREQ=DAILY;INTERVAL=%d", every);
	rr = icalrecurrencetype_from_string(rule);
	hour = icaldurationtype_from_int(3600);
	cal = icalcomponent_vanew(ICAL_VCALENDAR_COMPONENT,
	    icalproperty_new_version("2.0"),
	    icalproperty_new_prodid("-//sanctum//team debriefs//EN"),
	    icalproperty_new_method(ICAL_METHOD_PUBLISH),
	    icalcomponent_vanew(ICAL_VEVENT_COMPONENT,
	    icalproperty_new_uid("team-debrief@sanctum"),
	    icalproperty_new_dtstamp(icaltime_from_timet_with_zone((time_t)now,
	    0, utc)),
	    icalproperty_new_dtstart(icaltime_from_timet_with_zone((time_t)at,
	    0, utc)),
	    icalproperty_new_duration(hour),
	    icalproperty_new_rrule(rr),
	    icalproperty_new_summary("Team debrief (confidential)"),
	    icalproperty_new_description("What happened, what was hard, what "
	    "helped, what to change. Share only what you choose; your own "
	    "reflection in sanctum stays yours alone."),
	    icalproperty_new_class(ICAL_CLASS_CONFIDENTIAL), (void *)0),
	    (void *)0);
	text = icalcomponent_as_ical_string_r(cal);
	rc = text && buf_puts(out, text) == 0 ? 0 : -1;
	free(text);
	icalcomponent_free(cal);
	return rc;
}

/* sanctum debrief schedule [--every DAYS] [--first TIME] */
int
debrief_schedule_cmd(struct cli *c, int argc, char **argv)
{
	char err[ERR_MAX], when[32];
	long long every = 0;
	int64_t first = -1, at;
	int i, rc, e;

	for (i = 1; i < argc; i++) {
		if (strcmp(argv[i], "--every") == 0 && i + 1 < argc &&
		    util_parse_int(argv[i + 1], 7, 56, &every) == 0)
			i++;
		else if (strcmp(argv[i], "--first") == 0 && i + 1 < argc &&
		    record_time_rfc3339(argv[i + 1], &first) == 0 && first > 0)
			i++;
		else
			return cli_usage(c, "debrief");
	}
	if ((rc = cli_open(c)) != EXIT_OK)
		return rc;
	if (argc > 1) {
		if (mods_debrief_schedule_get(c->db, &e, &at) != 0)
			return cli_fail("debrief: cannot read the schedule");
		if (debrief_schedule(c->gate, every ? (int)every : e, first >= 0 ?
		    first : at, err) != 0)
			return cli_fail("debrief: %s", err);
	}
	if (debrief_slot(c->db, util_now(), 1, &at, &e) != 0)
		return cli_fail("debrief: cannot read the schedule");
	util_format_rfc3339(at, when, sizeof(when));
	cli_say(c, "team debriefs every %d days; the next at %s\n", e, when);
	return EXIT_OK;
}

struct list_ctx {
	struct db *db;
	json_t *arr;
};

static int
person_name(void *ctx, int64_t user, const char *name)
{
	(void)user;
	json_array_append_new(ctx, json_string(name));
	return 0;
}

static int
list_row(void *ctx, const struct debrief_row *d)
{
	struct list_ctx *l = ctx;
	json_t *people = json_array();
	char when[32];

	util_format_rfc3339(d->held_at, when, sizeof(when));
	if (d->incident_id)
		mods_debrief_people_each(l->db, d->id, person_name, people);
	json_array_append_new(l->arr, json_pack("{s:I, s:s, s:o, s:s, s:i, "
	    "s:o}", "id", (json_int_t)d->id, "kind", d->kind, "incident",
	    d->incident_id ? json_integer(d->incident_id) : json_null(),
	    "held_at", when, "entries", d->entries, "people", people));
	return 0;
}

/* sanctum debrief list [--json]: the debriefs, never their words */
int
debrief_list_cmd(struct cli *c, int argc, char **argv)
{
	struct list_ctx l;
	json_t *d;
	size_t i;
	int rc, json = argc == 2 && strcmp(argv[1], "--json") == 0;

	if (argc != 1 && !json)
		return cli_usage(c, "debrief");
	if ((rc = cli_open(c)) != EXIT_OK)
		return rc;
	l.db = c->db;
	l.arr = json_array();
	if (mods_debriefs_each(c->db, 0, list_row, &l) != 0) {
		json_decref(l.arr);
		return cli_fail("debrief: cannot read the debriefs");
	}
	if (json) {
		cli_print_json(l.arr);
		json_decref(l.arr);
		return EXIT_OK;
	}
	json_array_foreach(l.arr, i, d) {
		json_t *inc = json_object_get(d, "incident");

		printf("%-5lld %-8s %s  %lld written", (long long)
		    json_integer_value(json_object_get(d, "id")),
		    json_string_value(json_object_get(d, "kind")),
		    json_string_value(json_object_get(d, "held_at")),
		    (long long)json_integer_value(json_object_get(d,
		    "entries")));
		if (!json_is_null(inc))
			printf(", after incident %lld",
			    (long long)json_integer_value(inc));
		putchar('\n');
	}
	json_decref(l.arr);
	return EXIT_OK;
}

/* sanctum debrief invite FILE.ics */
int
debrief_invite_cmd(struct cli *c, int argc, char **argv)
{
	struct buf b;
	FILE *f;
	int rc;

	if (argc != 2)
		return cli_usage(c, "debrief");
	if ((rc = cli_open(c)) != EXIT_OK)
		return rc;
	buf_init(&b, (size_t)1 << 16);
	if (debrief_ical(c->db, util_now(), &b) != 0) {
		buf_free(&b);
		return cli_fail("debrief: cannot read the schedule");
	}
	f = strcmp(argv[1], "-") == 0 ? stdout : fopen(argv[1], "w");
	if (f == NULL || fwrite(b.data, 1, b.len, f) != b.len ||
	    (f != stdout && fclose(f) != 0)) {
		buf_free(&b);
		return cli_fail("debrief: cannot write %s", argv[1]);
	}
	buf_free(&b);
	if (f != stdout)
		cli_say(c, "wrote the invitation to %s\n", argv[1]);
	return EXIT_OK;
}
