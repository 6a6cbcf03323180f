/*
** test_care.c: when check-ins fall due (the member's own time zone,
** daylight saving, calendar months, hours the clock skips), and how the
** plan follows the member's choices: "please don't contact me" empties it
** and keeps every case out of what is due, every N days rolls on, moved
** and finished check-ins stay as they are.
*/
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "admin/roles.h"
#include "admin/users.h"
#include "app.h"
#include "care/case.h"
#include "care/checkin.h"
#include "care/prefs.h"
#include "core/gate.h"
#include "import/record.h"
#include "store/accounts.h"
#include "store/care.h"
#include "store/community.h"
#include "store/db.h"
#include "test.h"
#include "util/util.h"

static int64_t
at(const char *s)
{
	int64_t t = 0;

	CHECK(record_time_rfc3339(s, &t) == 0);
	return t;
}

void
test_checkin_times(void)
{
	struct checkin_slot p[CHECKIN_PLAN_MAX], e;
	int64_t t;

	/* the default plan, in UTC: calendar months, the 31st held to the
	** month's last day */
	CHECK(checkin_default_plan(at("2027-01-31T15:00:00Z"), "UTC", 10, p)
	    == CHECKIN_PLAN_MAX);
	CHECK(p[0].due == at("2027-02-01T10:00:00Z"));
	CHECK(strcmp(p[0].label, "one day") == 0);
	CHECK(p[1].due == at("2027-02-07T10:00:00Z"));
	CHECK(p[2].due == at("2027-02-28T10:00:00Z"));
	CHECK(p[3].due == at("2027-04-30T10:00:00Z"));
	CHECK(p[4].due == at("2027-07-31T10:00:00Z"));
	CHECK(strcmp(p[4].label, "six months") == 0);
	/* a year's turn */
	CHECK(checkin_at(at("2027-11-15T12:00:00Z"), "UTC", 10, 0, 3, &t) ==
	    0 && t == at("2028-02-15T10:00:00Z"));
	/* nine in the morning in New York stays nine across the change to
	** summer time (14 March 2027): 14:00 UTC before, 13:00 after */
	CHECK(checkin_default_plan(at("2027-03-10T15:00:00Z"),
	    "America/New_York", 9, p) == CHECKIN_PLAN_MAX);
	CHECK(p[0].due == at("2027-03-11T14:00:00Z"));
	CHECK(p[1].due == at("2027-03-17T13:00:00Z"));
	/* the local date counts, not the UTC one: 23:30 in New York is the
	** next day in UTC */
	CHECK(checkin_at(at("2027-06-02T03:30:00Z"), "America/New_York", 9,
	    1, 0, &t) == 0 && t == at("2027-06-02T13:00:00Z"));
	/* the southern hemisphere: Auckland leaves summer time on 4 April
	** 2027 (UTC+13, then +12) */
	CHECK(checkin_default_plan(at("2027-03-31T20:00:00Z"),
	    "Pacific/Auckland", 10, p) == CHECKIN_PLAN_MAX);
	CHECK(p[0].due == at("2027-04-01T21:00:00Z"));
	CHECK(p[1].due == at("2027-04-07T22:00:00Z"));
	/* an hour the clock skips (02:00 on 14 March in New York) is the
	** first hour after it: 03:00 EDT */
	CHECK(checkin_at(at("2027-03-13T12:00:00Z"), "America/New_York", 2,
	    1, 0, &t) == 0 && t == at("2027-03-14T07:00:00Z"));
	/* an hour the clock shows twice (01:00 on 7 November) is one of them */
	CHECK(checkin_at(at("2027-11-06T12:00:00Z"), "America/New_York", 1,
	    1, 0, &t) == 0 && (t == at("2027-11-07T05:00:00Z") ||
	    t == at("2027-11-07T06:00:00Z")));
	/* every N days: the first one after `after` */
	CHECK(checkin_every(at("2027-05-01T08:00:00Z"),
	    at("2027-05-20T00:00:00Z"), "UTC", 10, 7, &e) == 0);
	CHECK(e.due == at("2027-05-22T10:00:00Z"));
	CHECK(strcmp(e.label, "every 7 days") == 0);
	/* only real IANA zones, and no paths */
	CHECK(checkin_zone_ok("Europe/Berlin") == 1);
	CHECK(checkin_zone_ok("UTC") == 1);
	CHECK(checkin_zone_ok("Mars/Olympus_Mons") == 0);
	CHECK(checkin_zone_ok("../../etc/passwd") == 0);
	CHECK(checkin_zone_ok("Europe/Berlin\n") == 0);
	CHECK(checkin_at(0, "Mars/Olympus_Mons", 10, 1, 0, &t) == -1);

	/* libical counts 1300 as a leap year (Julian); sanctum plans from
	** 1970 to 9999 only, and says so to whoever types another year */
	CHECK(checkin_parse_time("1300-03-28T00:30:00Z", &t) == -1);
	CHECK(checkin_parse_time("1969-12-31T23:59:59Z", &t) == -1);
	CHECK(checkin_parse_time("not a time", &t) == -1);
	CHECK(checkin_parse_time("1970-01-01T00:00:00Z", &t) == 0 && t == 0);
	CHECK(checkin_parse_time("2027-03-08T09:00:00+01:00", &t) == 0 &&
	    t == at("2027-03-08T08:00:00Z"));
	CHECK(checkin_at(-86400, "UTC", 10, 1, 0, &t) == -1);
}

struct count_ctx { int planned, done, skipped; int64_t last; };

static int
count_checkin(void *ctx, const struct care_checkin *k)
{
	struct count_ctx *c = ctx;

	c->planned += strcmp(k->status, "planned") == 0;
	c->done += strcmp(k->status, "done") == 0;
	c->skipped += strcmp(k->status, "skipped") == 0;
	if (strcmp(k->status, "planned") == 0)
		c->last = k->due_at;
	return 0;
}

static int
count_due(void *ctx, const struct care_due *d)
{
	(void)d;
	(*(int *)ctx)++;
	return 0;
}

static struct count_ctx
counts(struct db *db, int64_t cs)
{
	struct count_ctx c = { 0, 0, 0, 0 };

	CHECK(care_checkins_each(db, cs, count_checkin, &c) == 0);
	return c;
}

void
test_checkin_follows_choices(void)
{
	struct app_opts o = { 0 };
	struct app a;
	struct gate *g;
	struct care_prefs p;
	struct care_checkin k;
	struct count_ctx c;
	char db[512], err[ERR_MAX];
	int64_t m, sup, cs, first = 0, other;
	int due = 0;

	snprintf(db, sizeof(db), "%s/care.db", test_tmpdir());
	o.db_path = db;
	CHECK(app_create(&o, &a, err) == 0);
	g = test_gate(&a);
	gate_set_actor(g, 0, "test", ROLE_ADMIN);
	test_gate_begin(g);
	CHECK(community_member_add(a.db, "willow", 0, 1, &m) == 0);
	test_gate_commit(g);
	{
		struct user u;
		CHECK(users_add(g, "sue", ROLE_SUPPORTER, "a supporter's long "
		    "password", 0, err) == 0);
		CHECK(accounts_user_by_name(a.db, "sue", &u) == DB_ROW);
		sup = u.id;
	}
	CHECK(care_open(g, m, sup, 0, &cs, err) == 0);
	c = counts(a.db, cs);
	CHECK(c.planned == CHECKIN_PLAN_MAX);
	/* a second open case for the same member and incident is refused */
	CHECK(care_open(g, m, sup, 0, &other, err) == -1);
	CHECK(strstr(err, "already open") != NULL);
	/* within six months, every planned one is due */
	CHECK(care_due_each(a.db, util_now() + 200 * 86400, 0, count_due,
	    &due) == 0 && due == CHECKIN_PLAN_MAX);
	/* "please don't contact me": the plan empties, nothing is due */
	care_prefs_default(&p);
	p.contact = 0;
	CHECK(care_prefs_change(g, m, &p, 0, err) == 0);
	CHECK(counts(a.db, cs).planned == 0);
	due = 0;
	CHECK(care_due_each(a.db, util_now() + 400 * 86400, 0, count_due,
	    &due) == 0 && due == 0);
	/* every 14 days: one planned at a time */
	p.contact = 1;
	p.every_days = 14;
	snprintf(p.zone, sizeof(p.zone), "Europe/Paris");
	CHECK(care_prefs_change(g, m, &p, 0, err) == 0);
	c = counts(a.db, cs);
	CHECK(c.planned == 1);
	CHECK(c.last > util_now() + 12 * 86400 && c.last < util_now() +
	    16 * 86400);
	first = c.last;
	/* skipping it plans the next, 14 days on */
	{
		int64_t id;
		for (id = 1; id < 100; id++)
			if (care_checkin_get(a.db, id, &k) == DB_ROW &&
			    k.case_id == cs && strcmp(k.status, "planned") == 0)
				break;
		CHECK(checkin_skip(g, id, err) == 0);
	}
	c = counts(a.db, cs);
	CHECK(c.planned == 1 && c.skipped == 1);
	CHECK(c.last == first + 14 * 86400 || c.last == first + 14 * 86400 +
	    3600 || c.last == first + 14 * 86400 - 3600);
	/* a choice the member cannot have made is refused, and changes
	** nothing */
	snprintf(p.zone, sizeof(p.zone), "Nowhere/Else");
	CHECK(care_prefs_change(g, m, &p, 0, err) == -1);
	CHECK(strstr(err, "time zone") != NULL);
	CHECK(care_prefs_get(a.db, m, &p) == 1 && strcmp(p.zone,
	    "Europe/Paris") == 0);
	/* only the member chooses for themselves on their own page */
	gate_set_actor(g, sup, "sue", ROLE_SUPPORTER);
	CHECK(care_prefs_change(g, m, &p, 1, err) == -1);
	/* closing ends the plan; notes go only once closed */
	gate_set_actor(g, 0, "test", ROLE_ADMIN);
	CHECK(care_forget(g, cs, 0, err) == -1);
	CHECK(care_close(g, cs, 0, err) == 0);
	CHECK(counts(a.db, cs).planned == 0);
	CHECK(care_forget(g, cs, 0, err) == 0);
	gate_free(g);
	app_close(&a);
}
