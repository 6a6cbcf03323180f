/*
** exposure.c: a person's exposure to difficult content against the caps,
** and `sanctum exposure ...`.  See exposure.h.
*/
#include "exposure.h"

#include <jansson.h>
#include <stdio.h>
#include <string.h>

#include "../cli.h"
#include "../core/gate.h"
#include "../store/accounts.h"
#include "../store/db.h"
#include "../store/moderators.h"
#include "../util/util.h"

#define DAY 86400

/* The level of `day` and `week` against the caps of s. */
enum exposure_level
exposure_level_of(int day, int week, const struct mod_settings *s)
{
	if (day >= s->daily_cap || week >= s->weekly_cap)
		return EXPOSURE_AT;
	/* near: from near_percent of either cap, rounded up */
	if ((long)day * 100 >= (long)s->daily_cap * s->near_percent ||
	    (long)week * 100 >= (long)s->weekly_cap * s->near_percent)
		return EXPOSURE_NEAR;
	return EXPOSURE_FINE;
}

/* The level in plain words. */
const char *
exposure_level_name(enum exposure_level l)
{
	return l == EXPOSURE_AT ? "at the cap" : l == EXPOSURE_NEAR ?
	    "near the cap" : "fine";
}

/* user's exposure at `now`.  Returns 0 or -1. */
int
exposure_status_get(struct db *db, int64_t user, int64_t now,
    struct exposure_status *st)
{
	struct mod_settings s;

	if (mods_settings_get(db, &s) != 0)
		return -1;
	st->day = mods_exposure_sum(db, user, now - DAY, now + 1);
	st->week = mods_exposure_sum(db, user, now - 7 * DAY, now + 1);
	if (st->day < 0 || st->week < 0)
		return -1;
	st->daily_cap = s.daily_cap;
	st->weekly_cap = s.weekly_cap;
	st->level = exposure_level_of(st->day, st->week, &s);
	return 0;
}

/* user's exposure in each of the last EXPOSURE_WEEKS weeks of 7 days
** (the last ends at `now`), oldest first.  Returns 0 or -1. */
int
exposure_weeks(struct db *db, int64_t user, int64_t now,
    long out[EXPOSURE_WEEKS])
{
	int i, v;

	for (i = 0; i < EXPOSURE_WEEKS; i++) {
		int64_t end = now + 1 - (int64_t)(EXPOSURE_WEEKS - 1 - i) * 7 *
		    DAY;
		if ((v = mods_exposure_sum(db, user, end - 7 * DAY, end)) < 0)
			return -1;
		out[i] = v;
	}
	return 0;
}

static int
kind_json(void *ctx, const char *kind, int weight, int times)
{
	json_array_append_new(ctx, json_pack("{s:s, s:i, s:i}", "kind", kind,
	    "weight", weight, "times", times));
	return 0;
}

/* A person's own exposure: today's and this week's weight with the caps
** and the level, the week's weight by kind, and the weekly history.  For
** that person alone.  Returns a new reference, or NULL. */
json_t *
exposure_own_json(struct db *db, int64_t user, int64_t now)
{
	struct exposure_status st;
	long w[EXPOSURE_WEEKS];
	json_t *kinds, *weeks;
	int i;

	if (exposure_status_get(db, user, now, &st) != 0 ||
	    exposure_weeks(db, user, now, w) != 0)
		return NULL;
	kinds = json_array();
	weeks = json_array();
	if (mods_exposure_kinds(db, user, now - 7 * DAY, kind_json, kinds) !=
	    0) {
		json_decref(kinds);
		json_decref(weeks);
		return NULL;
	}
	for (i = 0; i < EXPOSURE_WEEKS; i++)
		json_array_append_new(weeks, json_integer(w[i]));
	return json_pack("{s:i, s:i, s:i, s:i, s:s, s:o, s:o}", "day", st.day,
	    "week", st.week, "daily_cap", st.daily_cap, "weekly_cap",
	    st.weekly_cap, "level", exposure_level_name(st.level), "kinds",
	    kinds, "weeks", weeks);
}

/* Set the caps (an admin's decision, audited).  Returns 0 or -1 with
** err. */
int
exposure_caps_set(struct gate *g, int daily, int weekly, int near, char *err)
{
	struct mod_settings s;
	char detail[64];

	if (daily < 1 || daily > 1000 || weekly < daily || weekly > 7000 ||
	    near < 10 || near > 99) {
		err_set(err, "a daily cap of 1 to 1000, a weekly cap from the "
		    "daily one to 7000, and 'near' from 10 to 99 per cent");
		return -1;
	}
	if (gate_begin(g) != 0) {
		err_set(err, "the database is busy");
		return -1;
	}
	if (mods_settings_get(gate_db(g), &s) != 0)
		goto fail;
	s.daily_cap = daily;
	s.weekly_cap = weekly;
	s.near_percent = near;
	snprintf(detail, sizeof(detail), "daily %d, weekly %d, near at %d%%",
	    daily, weekly, near);
	if (mods_settings_set(gate_db(g), &s) != 0 || gate_audit(g,
	    "exposure.caps", "", detail) != 0 || gate_commit(g) != 0)
		goto fail;
	return 0;
fail:
	err_set(err, "cannot save: %s", db_error(gate_db(g)));
	gate_rollback(g);
	return -1;
}

/* sanctum exposure show NAME [--json] */
int
exposure_show_cmd(struct cli *c, int argc, char **argv)
{
	json_t *o, *k;
	int64_t user;
	size_t i;
	int rc, json = argc == 3 && strcmp(argv[2], "--json") == 0;

	if (argc != 2 && !json)
		return cli_usage(c, "exposure");
	if ((rc = cli_open(c)) != EXIT_OK)
		return rc;
	if (accounts_user_id(c->db, argv[1], &user) != 1)
		return cli_fail("exposure: there is no account %s", argv[1]);
	if ((o = exposure_own_json(c->db, user, util_now())) == NULL)
		return cli_fail("exposure: cannot read: %s", db_error(c->db));
	if (json) {
		json_object_set_new(o, "name", json_string(argv[1]));
		cli_print_json(o);
		json_decref(o);
		return EXIT_OK;
	}
	printf("%s: %lld in the last 24 hours (cap %lld), %lld in the last 7 "
	    "days (cap %lld): %s\n", argv[1],
	    (long long)json_integer_value(json_object_get(o, "day")),
	    (long long)json_integer_value(json_object_get(o, "daily_cap")),
	    (long long)json_integer_value(json_object_get(o, "week")),
	    (long long)json_integer_value(json_object_get(o, "weekly_cap")),
	    json_string_value(json_object_get(o, "level")));
	json_array_foreach(json_object_get(o, "kinds"), i, k)
		printf("  %-18s %4lld from %lld opened\n",
		    json_string_value(json_object_get(k, "kind")),
		    (long long)json_integer_value(json_object_get(k, "weight")),
		    (long long)json_integer_value(json_object_get(k, "times")));
	json_decref(o);
	return EXIT_OK;
}

/* sanctum exposure caps [--daily N] [--weekly N] [--near PERCENT] */
int
exposure_caps_cmd(struct cli *c, int argc, char **argv)
{
	struct mod_settings s;
	char err[ERR_MAX];
	long long v[3] = { -1, -1, -1 };
	int i, k, rc;

	if ((argc - 1) % 2 != 0)
		return cli_usage(c, "exposure");
	for (i = 1; i + 1 < argc; i += 2) {
		k = strcmp(argv[i], "--daily") == 0 ? 0 : strcmp(argv[i],
		    "--weekly") == 0 ? 1 : strcmp(argv[i], "--near") == 0 ? 2 :
		    -1;
		if (k < 0 || util_parse_int(argv[i + 1], 0, 100000, &v[k]) != 0)
			return cli_usage(c, "exposure");
	}
	if ((rc = cli_open(c)) != EXIT_OK)
		return rc;
	if (mods_settings_get(c->db, &s) != 0)
		return cli_fail("exposure: cannot read the caps");
	if (argc > 1 && exposure_caps_set(c->gate, v[0] >= 0 ? (int)v[0] :
	    s.daily_cap, v[1] >= 0 ? (int)v[1] : s.weekly_cap, v[2] >= 0 ?
	    (int)v[2] : s.near_percent, err) != 0)
		return cli_fail("exposure: %s", err);
	if (mods_settings_get(c->db, &s) != 0)
		return cli_fail("exposure: cannot read the caps");
	cli_say(c, "caps: %d in 24 hours, %d in 7 days; near from %d%%\n",
	    s.daily_cap, s.weekly_cap, s.near_percent);
	return EXIT_OK;
}
