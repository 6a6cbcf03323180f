/*
** test_moderators.c: moderator care's rules.  Exposure weighs by
** severity and meets the caps at the right figures; the rota's walk
** passes over whoever is away and goes round fairly; swaps and covers
** change single shifts; and the assignment rule picks, of those on call,
** the one who can take the work and has read the least, else the rest of
** the rota, else nobody.  Then the same against a real store: a
** moderator at a cap is not given an incident.
*/
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "admin/roles.h"
#include "admin/users.h"
#include "app.h"
#include "core/gate.h"
#include "core/sealed.h"
#include "moderators/debrief.h"
#include "moderators/exposure.h"
#include "moderators/rota.h"
#include "moderators/selfcheck.h"
#include "store/accounts.h"
#include "store/db.h"
#include "store/moderators.h"
#include "store/prevention.h"
#include "store/response.h"
#include "test.h"
#include "util/util.h"

void
test_exposure_weights_and_caps(void)
{
	struct mod_settings s = { 20, 80, 75, 7, 2 };

	/* by severity: leaked material weighs more than a post, and content
	** about suicide, self-harm or abuse three times more */
	CHECK(sealed_weight(SEALED_POST_BODY, NULL) == 1);
	CHECK(sealed_weight(SEALED_POST_BODY, "grief,suicide") == 3);
	CHECK(sealed_weight(SEALED_POST_BODY, "self-harm") == 3);
	CHECK(sealed_weight(SEALED_LEAK_MATERIAL, NULL) == 2);
	CHECK(sealed_weight(SEALED_LEAK_MATERIAL, "abuse") == 6);
	CHECK(sealed_weight(SEALED_REPORT_BODY, NULL) == 2);
	/* what is not difficult content counts nothing, whatever it says */
	CHECK(sealed_weight(SEALED_MEMBER_CONTACT, "suicide") == 0);
	CHECK(sealed_weight(SEALED_CARE_MESSAGE, NULL) == 0);

	/* near from 75% of either cap, at the cap from the cap itself */
	CHECK(exposure_level_of(0, 0, &s) == EXPOSURE_FINE);
	CHECK(exposure_level_of(14, 59, &s) == EXPOSURE_FINE);
	CHECK(exposure_level_of(15, 0, &s) == EXPOSURE_NEAR);
	CHECK(exposure_level_of(0, 60, &s) == EXPOSURE_NEAR);
	CHECK(exposure_level_of(19, 79, &s) == EXPOSURE_NEAR);
	CHECK(exposure_level_of(20, 0, &s) == EXPOSURE_AT);
	CHECK(exposure_level_of(0, 80, &s) == EXPOSURE_AT);
	CHECK(exposure_level_of(100, 100, &s) == EXPOSURE_AT);
	CHECK(strcmp(exposure_level_name(EXPOSURE_NEAR), "near the cap") == 0);
}

void
test_rota_walk(void)
{
	int64_t m[4] = { 11, 12, 13, 14 };
	unsigned char none[4] = { 0, 0, 0, 0 }, away[4] = { 0, 1, 0, 0 },
	    all[4] = { 1, 1, 1, 1 };
	struct rota_team t;
	struct rota_change c;
	int k, turns[4] = { 0, 0, 0, 0 };

	/* shifts start on Mondays, whatever their length */
	CHECK(rota_shift_start(rota_shift_of(ROTA_EPOCH + 3 * 86400, 7), 7) ==
	    ROTA_EPOCH);
	CHECK(rota_shift_of(ROTA_EPOCH - 1, 7) == -1);
	CHECK(rota_shift_of(ROTA_EPOCH + 7 * 86400, 7) == 1);

	/* two on call, going round: each takes the same number of turns */
	rota_team_walk(0, 2, m, none, 4, &t);
	CHECK(t.n == 2 && t.user[0] == 11 && t.user[1] == 12);
	rota_team_walk(1, 2, m, none, 4, &t);
	CHECK(t.n == 2 && t.user[0] == 13 && t.user[1] == 14);
	for (k = 0; k < 40; k++) {
		rota_team_walk(k, 2, m, none, 4, &t);
		turns[t.user[0] - 11]++;
		turns[t.user[1] - 11]++;
	}
	CHECK(turns[0] == 20 && turns[1] == 20 && turns[2] == 20 &&
	    turns[3] == 20);
	/* someone away is passed over and the next steps in */
	rota_team_walk(0, 2, m, away, 4, &t);
	CHECK(t.n == 2 && t.user[0] == 11 && t.user[1] == 13);
	/* everyone away: nobody on call, never someone on a break */
	rota_team_walk(0, 2, m, all, 4, &t);
	CHECK(t.n == 0);
	/* negative shifts and an empty rota hold */
	rota_team_walk(-3, 1, m, none, 4, &t);
	CHECK(t.n == 1 && t.user[0] == 12);
	rota_team_walk(0, 2, m, none, 0, &t);
	CHECK(t.n == 0);

	/* a cover puts someone in another's place; not twice, not for
	** someone who is not on call */
	rota_team_walk(0, 2, m, none, 4, &t);
	c.out_user = 12;
	c.in_user = 14;
	rota_team_change(&t, &c);
	CHECK(rota_on_call(&t, 14) && !rota_on_call(&t, 12) &&
	    rota_on_call(&t, 11));
	c.out_user = 11;
	rota_team_change(&t, &c);	/* 14 is on already */
	CHECK(rota_on_call(&t, 11) && t.n == 2);
	c.out_user = 13;
	c.in_user = 12;
	rota_team_change(&t, &c);	/* 13 is not on call */
	CHECK(!rota_on_call(&t, 12) && t.n == 2);
}

static struct rota_candidate
cand(int64_t user, int on_call, int week, int day, int position)
{
	struct rota_candidate c;

	memset(&c, 0, sizeof(c));
	c.user = user;
	snprintf(c.name, sizeof(c.name), "m%lld", (long long)user);
	c.on_call = on_call;
	c.staff = 1;
	c.trained = 1;
	c.level = EXPOSURE_FINE;
	c.week = week;
	c.day = day;
	c.position = position;
	return c;
}

void
test_rota_assignment_rule(void)
{
	struct rota_candidate c[4];
	int fb;

	c[0] = cand(1, 1, 30, 5, 1);
	c[1] = cand(2, 1, 10, 9, 2);
	c[2] = cand(3, 0, 0, 0, 3);	/* off call, least exposed */
	c[3] = cand(4, 1, 10, 2, 4);
	/* of those on call, the least exposed this week, then today */
	CHECK(rota_choose(c, 4, &fb) == 3 && fb == 0);
	/* at the cap: passed over */
	c[3].level = EXPOSURE_AT;
	CHECK(rota_choose(c, 4, &fb) == 1 && fb == 0);
	CHECK(strcmp(rota_unable(&c[3]), "at the exposure cap") == 0);
	/* near the cap still can */
	c[1].level = EXPOSURE_NEAR;
	CHECK(rota_choose(c, 4, &fb) == 1);
	/* away, training lapsed, handing it off: passed over */
	c[1].away = 1;
	CHECK(rota_choose(c, 4, &fb) == 0 && fb == 0);
	c[0].trained = 0;
	CHECK(strcmp(rota_unable(&c[0]), "training not current") == 0);
	/* nobody on call can: the rest of the rota, least exposed */
	CHECK(rota_choose(c, 4, &fb) == 2 && fb == 1);
	c[2].excluded = 1;
	CHECK(strcmp(rota_unable(&c[2]), "handing this off") == 0);
	/* nobody at all */
	CHECK(rota_choose(c, 4, &fb) == -1);
	CHECK(rota_choose(c, 0, &fb) == -1);
	/* ties go by the rota's order */
	c[0] = cand(7, 1, 5, 5, 2);
	c[1] = cand(8, 1, 5, 5, 1);
	CHECK(rota_choose(c, 2, &fb) == 1);
}

void
test_rota_cap_holds_in_store(void)
{
	struct app_opts o = { 0 };
	struct app a;
	struct gate *g;
	struct rota_pick p;
	struct mod_settings s;
	char db[512], err[ERR_MAX];
	const char *names[2] = { "ash", "birch" };
	int64_t id[2], now = util_now();
	int i;

	snprintf(db, sizeof(db), "%s/mods.db", test_tmpdir());
	o.db_path = db;
	CHECK(app_create(&o, &a, err) == 0);
	g = test_gate(&a);
	gate_set_actor(g, 0, "test", ROLE_ADMIN);
	test_gate_begin(g);
	CHECK(prevention_training_add(a.db, "first aid", 365, now, &id[0]) ==
	    0);
	test_gate_commit(g);
	for (i = 0; i < 2; i++) {
		CHECK(users_add(g, names[i], ROLE_MODERATOR, "a moderator's "
		    "long password", 0, err) == 0);
		CHECK(accounts_user_id(a.db, names[i], &id[i]) == 1);
	}
	/* nobody on the rota: nobody, and the reason */
	CHECK(rota_next(a.db, now, 0, &p) == 0 && p.user == 0 &&
	    strstr(p.why, "empty") != NULL);
	for (i = 0; i < 2; i++)
		CHECK(rota_join(g, id[i], err) == 0);
	CHECK(rota_join(g, id[0], err) == -1 && strstr(err, "already"));
	/* without current training, nobody can take it */
	CHECK(rota_next(a.db, now, 0, &p) == 0 && p.user == 0);
	test_gate_begin(g);
	for (i = 0; i < 2; i++)
		CHECK(prevention_training_record(a.db, id[i], "first aid", now,
		    "test") == 0);
	CHECK(mods_settings_get(a.db, &s) == 0);
	s.per_shift = 2;
	s.daily_cap = 10;
	CHECK(mods_settings_set(a.db, &s) == 0);
	/* ash has read more this week: birch gets it */
	CHECK(response_exposure_add(a.db, id[0], "post", 4, now - 3 *
	    86400) == 0);
	test_gate_commit(g);
	CHECK(rota_next(a.db, now, 0, &p) == 0 && p.user == id[1] &&
	    p.on_call);
	/* birch reaches the daily cap: ash gets it, though ash read more
	** this week */
	test_gate_begin(g);
	CHECK(response_exposure_add(a.db, id[1], "leaked-material", 10,
	    now - 60) == 0);
	test_gate_commit(g);
	CHECK(rota_next(a.db, now, 0, &p) == 0 && p.user == id[0]);
	/* ash takes a break: nobody can */
	CHECK(rota_break(g, id[0], 0, 3, 0, err) == 0);
	CHECK(rota_next(a.db, now + 5, 0, &p) == 0 && p.user == 0);
	/* back: ash again; handing off from ash: nobody else can */
	CHECK(rota_back(g, id[0], err) == 0);
	CHECK(rota_back(g, id[0], err) == -1);
	CHECK(rota_next(a.db, util_now() + 5, 0, &p) == 0 && p.user ==
	    id[0]);
	CHECK(rota_next(a.db, util_now() + 5, id[0], &p) == 0 && p.user ==
	    0);
	/* a day later birch's day is over: birch can take it again (ash,
	** who has read less this week, hands it off) */
	CHECK(rota_next(a.db, now + 86400 + 120, id[0], &p) == 0 && p.user ==
	    id[1]);
	/* time off planned for later: coming back does not cancel it */
	CHECK(rota_break(g, id[1], util_now() + 10 * 86400, 3, 0, err) == 0);
	CHECK(rota_back(g, id[1], err) == -1 && strstr(err, "not away"));
	{
		int64_t until = 0;
		CHECK(rota_away_now(a.db, id[1], util_now() + 11 * 86400,
		    &until) == 1 && until > util_now() + 12 * 86400);
	}
	/* breaks: 1 to 90 days */
	CHECK(rota_break(g, id[0], 0, 0, 0, err) == -1);
	CHECK(rota_break(g, id[0], 0, 91, 0, err) == -1);
	gate_free(g);
	app_close(&a);
}

void
test_selfcheck_and_own_words(void)
{
	struct app_opts o = { 0 };
	struct app a;
	struct gate *g;
	struct debrief_words w = { "A long night.", "", "Each other.", "",
	    "I cried after, and that is all right.", 0 };
	int ok[SELFCHECK_ITEMS] = { 0, 1, 0, 1, 0 }, bad[SELFCHECK_ITEMS] = {
	    0, 5, 0, 0, 0 }, scores[SELFCHECK_TREND], s, n;
	int64_t at[SELFCHECK_TREND], mo, ad;
	char db[512], err[ERR_MAX], *text;
	int rise[2] = { 3, 6 }, flat[2] = { 6, 7 }, high[1] = { 12 };
	struct entry_probe { int64_t id; void *p; size_t n; } e = { 0, 0, 0 };

	CHECK(selfcheck_score(ok) == 2);
	CHECK(selfcheck_score(bad) == -1);
	CHECK(selfcheck_worse(rise, 2) == 1);
	CHECK(selfcheck_worse(flat, 2) == 0);
	CHECK(selfcheck_worse(high, 1) == 1);
	CHECK(selfcheck_worse(flat, 0) == 0);

	snprintf(db, sizeof(db), "%s/own.db", test_tmpdir());
	o.db_path = db;
	CHECK(app_create(&o, &a, err) == 0);
	g = test_gate(&a);
	gate_set_actor(g, 0, "test", ROLE_ADMIN);
	CHECK(users_add(g, "moss", ROLE_MODERATOR, "a moderator's long "
	    "password", 0, err) == 0);
	CHECK(users_add(g, "oak", ROLE_ADMIN, "an admin's long password", 0,
	    err) == 0);
	CHECK(accounts_user_id(a.db, "moss", &mo) == 1);
	CHECK(accounts_user_id(a.db, "oak", &ad) == 1);

	/* moss's self-checks: a trend only moss can open */
	gate_set_actor(g, mo, "moss", ROLE_MODERATOR);
	CHECK(selfcheck_record(g, ok, &s, err) == 0 && s == 2);
	ok[0] = 4;
	ok[2] = 3;
	CHECK(selfcheck_record(g, ok, &s, err) == 0 && s == 9);
	CHECK(selfcheck_record(g, bad, &s, err) == -1);
	n = selfcheck_trend(g, scores, at);
	CHECK(n == 2 && scores[0] == 2 && scores[1] == 9);
	CHECK(selfcheck_worse(scores, n) == 1);
	gate_set_actor(g, ad, "oak", ROLE_ADMIN);
	CHECK(selfcheck_trend(g, scores, at) == 0);

	/* moss writes a team debrief entry with a reflection */
	gate_set_actor(g, mo, "moss", ROLE_MODERATOR);
	CHECK(debrief_write(g, 0, &w, err) == 0);
	{
		struct stmt q;
		size_t pn;
		const void *p;
		CHECK(db_prepare(a.db, &q, "SELECT id, private_sealed FROM "
		    "debrief_entries") == 0);
		CHECK(db_step(&q) == DB_ROW);
		e.id = db_col_int(&q, 0);
		p = db_col_blob(&q, 1, &pn);
		e.p = malloc(pn);
		memcpy(e.p, p, pn);
		e.n = pn;
		db_finalize(&q);
	}
	/* the reflection opens for moss alone: not through gate_open for
	** anyone, admins included, and not for oak as "their own" */
	text = gate_open_own(g, SEALED_DEBRIEF_PRIVATE, e.id, e.p, e.n, err);
	CHECK(text != NULL && strcmp(text, w.reflection) == 0);
	gate_wipe(text);
	gate_set_actor(g, ad, "oak", ROLE_ADMIN);
	CHECK(gate_open_own(g, SEALED_DEBRIEF_PRIVATE, e.id, e.p, e.n, err) ==
	    NULL);
	test_gate_begin(g);
	CHECK(gate_open(g, SEALED_DEBRIEF_PRIVATE, e.id, e.p, e.n, err) ==
	    NULL && strstr(err, "author alone") != NULL);
	test_gate_commit(g);
	/* a supporter writes no debrief, and an empty entry is refused */
	gate_set_actor(g, mo, "moss", ROLE_SUPPORTER);
	CHECK(debrief_write(g, 0, &w, err) == -1);
	gate_set_actor(g, mo, "moss", ROLE_MODERATOR);
	{
		struct debrief_words none = { "", "", "", "", "", 0 };
		CHECK(debrief_write(g, 0, &none, err) == -1);
	}
	free(e.p);
	gate_free(g);
	app_close(&a);
}
