/*
** rota.c: the on-call rota, the assignment rule, and `sanctum rota ...`.
** See rota.h.
*/
#include "rota.h"

#include <jansson.h>
#include <libical/ical.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../admin/roles.h"
#include "../cli.h"
#include "../core/gate.h"
#include "../prevention/training.h"
#include "../store/accounts.h"
#include "../store/db.h"
#include "../store/moderators.h"
#include "../store/prevention.h"
#include "../util/buf.h"
#include "../util/util.h"
#include "exposure.h"

#define DAY 86400

/* The shift that time t falls in. */
int64_t
rota_shift_of(int64_t t, int shift_days)
{
	int64_t len = (int64_t)shift_days * DAY, d = t - ROTA_EPOCH;

	return d >= 0 ? d / len : -((-d + len - 1) / len);
}

/* When shift begins. */
int64_t
rota_shift_start(int64_t shift, int shift_days)
{
	return ROTA_EPOCH + shift * (int64_t)shift_days * DAY;
}

/* The team of shift from the rota's members in order (n of them) and who
** of them is away at some time of it: walk from place shift * per_shift,
** passing over whoever is away, until per_shift are found. */
void
rota_team_walk(int64_t shift, int per_shift, const int64_t *members,
    const unsigned char *away, int n, struct rota_team *out)
{
	int64_t start;
	int j;

	out->n = 0;
	if (n <= 0)
		return;
	if (per_shift > ROTA_TEAM_MAX)
		per_shift = ROTA_TEAM_MAX;
	start = (shift * per_shift) % n;
	if (start < 0)
		start += n;
	for (j = 0; j < n && out->n < per_shift; j++) {
		int i = (int)((start + j) % n);

		if (!away[i])
			out->user[out->n++] = members[i];
	}
}

/* Is user on call in team t? */
int
rota_on_call(const struct rota_team *t, int64_t user)
{
	int i;

	for (i = 0; i < t->n; i++)
		if (t->user[i] == user)
			return 1;
	return 0;
}

/* Apply one change of the shift: its in_user takes out_user's place,
** unless out_user is not in the team or in_user is already. */
void
rota_team_change(struct rota_team *t, const struct rota_change *c)
{
	int i;

	if (rota_on_call(t, c->in_user))
		return;
	for (i = 0; i < t->n; i++)
		if (t->user[i] == c->out_user) {
			t->user[i] = c->in_user;
			return;
		}
}

struct members {
	int n;
	struct rota_member m[ROTA_MEMBERS_MAX];
};

static int
keep_member(void *ctx, const struct rota_member *m)
{
	struct members *ms = ctx;

	if (ms->n < ROTA_MEMBERS_MAX)
		ms->m[ms->n++] = *m;
	return 0;
}

struct away_ctx {
	int64_t until;
	int shown;		/* one of them is shown to the team */
};

static int
count_away(void *ctx, const struct rota_away_row *a)
{
	struct away_ctx *w = ctx;

	if (a->ends_at > w->until)
		w->until = a->ends_at;
	w->shown |= a->shown;
	return 0;
}

/* Is user away at some time of [from, to)?  Returns 1 (and sets *until
** to when the last such time ends, if until, and *shown when its owner
** shows it to the team, if shown), 0, or -1. */
static int
away_between(struct db *db, int64_t user, int64_t from, int64_t to,
    int64_t *until, int *shown)
{
	struct away_ctx w = { 0, 0 };

	if (mods_away_each(db, user, from, to, count_away, &w) != 0)
		return -1;
	if (until)
		*until = w.until;
	if (shown)
		*shown = w.shown;
	return w.until != 0;
}

/* Is user away now?  Returns 1 with *until, 0, or -1. */
int
rota_away_now(struct db *db, int64_t user, int64_t now, int64_t *until)
{
	return away_between(db, user, now, now + 1, until, NULL);
}

static int
is_staff(const struct rota_member *m)
{
	return !m->disabled && role_parse(m->role) >= ROLE_MODERATOR;
}

struct change_ctx {
	struct db *db;
	struct rota_team *t;
	int64_t from, to;
};

/* A swap or cover stands unless the one coming in is away then: whoever
** it would have replaced stays on call. */
static int
apply_change(void *ctx, const struct rota_change *c)
{
	struct change_ctx *cc = ctx;
	int a = away_between(cc->db, c->in_user, cc->from, cc->to, NULL,
	    NULL);

	if (a < 0)
		return -1;
	if (a == 0)
		rota_team_change(cc->t, c);
	return 0;
}

/* The team on call in shift: the walk over the rota, then the shift's
** swaps and covers.  Returns 0 or -1. */
int
rota_team(struct db *db, int64_t shift, struct rota_team *out)
{
	struct mod_settings s;
	struct members ms;
	struct change_ctx cc;
	int64_t ids[ROTA_MEMBERS_MAX], from, to;
	unsigned char away[ROTA_MEMBERS_MAX];
	int i, a;

	ms.n = 0;
	if (mods_settings_get(db, &s) != 0 || mods_rota_each(db, keep_member,
	    &ms) != 0)
		return -1;
	from = rota_shift_start(shift, s.shift_days);
	to = rota_shift_start(shift + 1, s.shift_days);
	for (i = 0; i < ms.n; i++) {
		ids[i] = ms.m[i].user_id;
		if ((a = away_between(db, ids[i], from, to, NULL, NULL)) < 0)
			return -1;
		away[i] = a || !is_staff(&ms.m[i]);
	}
	rota_team_walk(shift, s.per_shift, ids, away, ms.n, out);
	cc.db = db;
	cc.t = out;
	cc.from = from;
	cc.to = to;
	return mods_changes_each(db, shift, apply_change, &cc);
}

/* Why c cannot take exposure-heavy work now, or NULL when they can. */
const char *
rota_unable(const struct rota_candidate *c)
{
	if (!c->staff)
		return "not a moderator now";
	if (c->excluded)
		return "handing this off";
	if (c->away)
		return "away";
	if (!c->trained)
		return "training not current";
	if (c->level == EXPOSURE_AT)
		return "at the exposure cap";
	return NULL;
}

static int
better(const struct rota_candidate *a, const struct rota_candidate *b)
{
	if (a->week != b->week)
		return a->week < b->week;
	if (a->day != b->day)
		return a->day < b->day;
	return a->position < b->position;
}

/* The assignment rule over n candidates: the index of whoever gets the
** work, or -1 when nobody can take it.  *fallback is set to 1 when the
** pick is not on call (nobody on call could take it). */
int
rota_choose(const struct rota_candidate *c, int n, int *fallback)
{
	int i, pass, best = -1;

	for (pass = 0; pass < 2 && best < 0; pass++) {
		for (i = 0; i < n; i++) {
			if (rota_unable(&c[i]) != NULL || c[i].on_call !=
			    (pass == 0))
				continue;
			if (best < 0 || better(&c[i], &c[best]))
				best = i;
		}
		if (fallback)
			*fallback = pass;
	}
	return best;
}

/* Everyone on the rota as a candidate for work at `now`; exclude is
** handing work off (0: nobody).  Returns how many, or -1. */
int
rota_candidates(struct db *db, int64_t now, int64_t exclude,
    struct rota_candidate *out, int cap)
{
	struct mod_settings s;
	struct members ms;
	struct rota_team t;
	struct exposure_status st;
	int i, n = 0;

	ms.n = 0;
	if (mods_settings_get(db, &s) != 0 || mods_rota_each(db, keep_member,
	    &ms) != 0 || rota_team(db, rota_shift_of(now, s.shift_days), &t) !=
	    0)
		return -1;
	for (i = 0; i < ms.n && n < cap; i++) {
		struct rota_candidate *c = &out[n++];

		memset(c, 0, sizeof(*c));
		c->user = ms.m[i].user_id;
		snprintf(c->name, sizeof(c->name), "%s", ms.m[i].name);
		c->position = ms.m[i].position;
		c->staff = is_staff(&ms.m[i]);
		c->on_call = rota_on_call(&t, c->user);
		c->excluded = c->user == exclude;
		c->away = away_between(db, c->user, now, now + 1, NULL,
		    &c->shown) == 1;
		c->trained = prevention_training_current(db, c->user, now) ==
		    1;
		if (exposure_status_get(db, c->user, now, &st) != 0)
			return -1;
		c->level = st.level;
		c->week = st.week;
		c->day = st.day;
	}
	return n;
}

/* Who the next exposure-heavy task goes to at `now`, and why in words
** that carry no one's figures.  Returns 0 (p->user 0 when nobody can take
** it), or -1. */
int
rota_next(struct db *db, int64_t now, int64_t exclude, struct rota_pick *p)
{
	struct rota_candidate c[ROTA_MEMBERS_MAX];
	int n, i, k, fallback = 0, able = 0;

	memset(p, 0, sizeof(*p));
	if ((n = rota_candidates(db, now, exclude, c, ROTA_MEMBERS_MAX)) < 0)
		return -1;
	if (n == 0) {
		snprintf(p->why, sizeof(p->why), "the rota is empty: add "
		    "moderators to it (`sanctum rota add NAME`, or the Rota "
		    "page)");
		return 0;
	}
	if ((k = rota_choose(c, n, &fallback)) < 0) {
		snprintf(p->why, sizeof(p->why), "nobody on the rota can take "
		    "it now: each is away, at the exposure cap, without "
		    "current training or handing it off");
		return 0;
	}
	p->user = c[k].user;
	p->on_call = !fallback;
	snprintf(p->name, sizeof(p->name), "%s", c[k].name);
	for (i = 0; i < n; i++)
		able += c[i].on_call && rota_unable(&c[i]) == NULL;
	if (fallback)
		snprintf(p->why, sizeof(p->why), "nobody on call can take it "
		    "now (away, at the exposure cap or training not current); "
		    "of the rest of the rota, %s has read the least this week",
		    c[k].name);
	else if (able > 1)
		snprintf(p->why, sizeof(p->why), "on call, with current "
		    "training and under the exposure caps; of those on call, "
		    "the one who has read the least this week");
	else
		snprintf(p->why, sizeof(p->why), "on call, with current "
		    "training and under the exposure caps");
	return 0;
}

/* Give incident a lead by the assignment rule (exclude: who hands it
** off), in the caller's transaction; the caller's audit entry says who.
** Returns 0 (p->user 0 when nobody could take it) or -1. */
int
rota_assign_incident(struct gate *g, int64_t incident, int64_t exclude,
    struct rota_pick *p)
{
	if (rota_next(gate_db(g), util_now(), exclude, p) != 0 ||
	    mods_incident_lead_set(gate_db(g), incident, p->user) != 0)
		return -1;
	return 0;
}

/* Run the write `fn` did in one audited transaction.  Returns 0, or -1
** with err (kept when fn set it). */
static int
audited(struct gate *g, int rc, const char *action, const char *target,
    const char *detail, char *err)
{
	if (rc != 0 || gate_audit(g, action, target, detail) != 0 ||
	    gate_commit(g) != 0) {
		if (rc == 0 || err[0] == '\0')
			err_set(err, "cannot save: %s", db_error(gate_db(g)));
		gate_rollback(g);
		return -1;
	}
	return 0;
}

static int
staff_user(struct db *db, int64_t user, struct user *u, char *err)
{
	if (accounts_user_by_id(db, user, u) != DB_ROW) {
		err_set(err, "there is no such account");
		return -1;
	}
	if (u->disabled || role_parse(u->role) < ROLE_MODERATOR) {
		err_set(err, "%s is not a moderator or admin", u->name);
		return -1;
	}
	return 0;
}

/* Put user last on the rota.  Returns 0 or -1 with err. */
int
rota_join(struct gate *g, int64_t user, char *err)
{
	struct user u;
	int rc;

	err[0] = '\0';
	if (staff_user(gate_db(g), user, &u, err) != 0)
		return -1;
	if (gate_begin(g) != 0) {
		err_set(err, "the database is busy");
		return -1;
	}
	rc = mods_rota_add(gate_db(g), user, util_now());
	if (rc == DB_EXISTS)
		err_set(err, "%s is on the rota already", u.name);
	return audited(g, rc, "rota.add", u.name, "", err);
}

/* Take user off the rota.  Returns 0 or -1 with err. */
int
rota_leave(struct gate *g, int64_t user, char *err)
{
	struct user u;
	int rc;

	err[0] = '\0';
	if (accounts_user_by_id(gate_db(g), user, &u) != DB_ROW) {
		err_set(err, "there is no such account");
		return -1;
	}
	if (gate_begin(g) != 0) {
		err_set(err, "the database is busy");
		return -1;
	}
	rc = mods_rota_remove(gate_db(g), user);
	if (rc == 1)
		err_set(err, "%s is not on the rota", u.name);
	return audited(g, rc, "rota.remove", u.name, "", err);
}

/* Take user off the rota for `days` from `starts` (now: a break, later:
** time off), never asking why; shown: the team may see it for what it
** is.  Returns 0 or -1 with err. */
int
rota_break(struct gate *g, int64_t user, int64_t starts, int days, int shown,
    char *err)
{
	struct user u;
	int64_t now = util_now(), id;
	char detail[48];
	int rc;

	err[0] = '\0';
	if (days < 1 || days > ROTA_BREAK_DAYS_MAX) {
		err_set(err, "a break is 1 to %d days", ROTA_BREAK_DAYS_MAX);
		return -1;
	}
	if (starts < now - 60)
		starts = now;
	if (starts > now + 365 * DAY) {
		err_set(err, "time off starts within a year");
		return -1;
	}
	if (accounts_user_by_id(gate_db(g), user, &u) != DB_ROW) {
		err_set(err, "there is no such account");
		return -1;
	}
	if (gate_begin(g) != 0) {
		err_set(err, "the database is busy");
		return -1;
	}
	snprintf(detail, sizeof(detail), "%d day%s%s", days, days == 1 ? "" :
	    "s", shown ? ", shown to the team" : "");
	rc = mods_away_add(gate_db(g), user, starts <= now + 60 ? "break" :
	    "time off", starts, starts + (int64_t)days * DAY, shown, now, &id);
	return audited(g, rc, "rota.away", u.name, detail, err);
}

/* End user's time away now (time off planned for later stands).
** Returns 0 or -1 with err. */
int
rota_back(struct gate *g, int64_t user, char *err)
{
	struct user u;
	int n;

	err[0] = '\0';
	if (accounts_user_by_id(gate_db(g), user, &u) != DB_ROW) {
		err_set(err, "there is no such account");
		return -1;
	}
	if (gate_begin(g) != 0) {
		err_set(err, "the database is busy");
		return -1;
	}
	n = mods_away_end(gate_db(g), user, util_now());
	if (n == 0)
		err_set(err, "%s is not away", u.name);
	return audited(g, n > 0 ? 0 : -1, "rota.back", u.name, "", err);
}

/* The shift `on` falls in, if it has not ended.  Returns it, or -1 with
** err. */
static int64_t
future_shift(struct db *db, int64_t on, struct mod_settings *s, char *err)
{
	int64_t k;

	if (mods_settings_get(db, s) != 0) {
		err_set(err, "cannot read the rota's settings");
		return -1;
	}
	k = rota_shift_of(on, s->shift_days);
	if (k < rota_shift_of(util_now(), s->shift_days)) {
		err_set(err, "that shift is over");
		return -1;
	}
	return k;
}

struct out_ctx {
	int64_t user;
	int found;
};

static int
out_of(void *ctx, const struct rota_change *c)
{
	struct out_ctx *o = ctx;

	o->found |= c->out_user == o->user;
	return 0;
}

/* Has user's place in shift been changed already (a swap or a cover)?
** Returns 1, 0 or -1. */
static int
changed(struct db *db, int64_t shift, int64_t user)
{
	struct out_ctx o = { user, 0 };

	if (mods_changes_each(db, shift, out_of, &o) != 0)
		return -1;
	return o.found;
}

/* Can other take user's place in shift k, and user other's in shift j
** in return (j 0: find other's next shift after k)?  Sets *j.  Returns 0,
** or -1 with err. */
static int
swap_check(struct db *db, const struct mod_settings *s, int64_t user,
    int64_t other, int64_t k, int64_t *j, char *err)
{
	struct rota_team t;
	struct user a, b;

	if (staff_user(db, user, &a, err) != 0 || staff_user(db, other, &b,
	    err) != 0)
		return -1;
	if (k < rota_shift_of(util_now(), s->shift_days)) {
		err_set(err, "that shift is over");
		return -1;
	}
	if (rota_team(db, k, &t) != 0 || !rota_on_call(&t, user) ||
	    rota_on_call(&t, other)) {
		err_set(err, "in that shift %s is not on call, or %s is already",
		    a.name, b.name);
		return -1;
	}
	if (*j == 0) {
		for (*j = k + 1; *j <= k + 52; (*j)++) {
			if (rota_team(db, *j, &t) != 0)
				return -1;
			if (rota_on_call(&t, other) && !rota_on_call(&t, user))
				break;
		}
		if (*j > k + 52) {
			err_set(err, "%s has no later shift to give in return; "
			    "an admin can ask them to cover instead", b.name);
			return -1;
		}
	} else if (rota_team(db, *j, &t) != 0 || !rota_on_call(&t, other) ||
	    rota_on_call(&t, user)) {
		err_set(err, "the rota has changed since: %s's shift in return "
		    "is not theirs to give any more", b.name);
		return -1;
	}
	if (changed(db, k, user) != 0 || changed(db, *j, other) != 0) {
		err_set(err, "one of those shifts was changed already");
		return -1;
	}
	/* both halves stand, or neither is made: nobody owes a shift */
	if (away_between(db, other, rota_shift_start(k, s->shift_days),
	    rota_shift_start(k + 1, s->shift_days), NULL, NULL) != 0 ||
	    away_between(db, user, rota_shift_start(*j, s->shift_days),
	    rota_shift_start(*j + 1, s->shift_days), NULL, NULL) != 0) {
		err_set(err, "one of you is away in the other's shift");
		return -1;
	}
	return 0;
}

/* Make the two halves of a swap, in the caller's transaction.  Returns 0,
** or -1 with err. */
static int
swap_make(struct gate *g, int64_t user, int64_t other, int64_t k, int64_t j,
    char *err)
{
	int rc;

	rc = mods_change_add(gate_db(g), k, user, other, "swap",
	    gate_actor(g)->name, util_now());
	if (rc == 0)
		rc = mods_change_add(gate_db(g), j, other, user, "swap",
		    gate_actor(g)->name, util_now());
	if (rc == DB_EXISTS)
		err_set(err, "one of those shifts was changed already");
	return rc == 0 ? 0 : -1;
}

/* other takes user's place in the shift of `on`, user other's next
** shift after it: made at once (ask NULL), or asked of other (*ask gets
** the swap's id).  Returns 0, or -1 with err. */
static int
swap_or_ask(struct gate *g, int64_t user, int64_t other, int64_t on,
    int64_t *ask, char *err)
{
	struct db *db = gate_db(g);
	struct mod_settings s;
	char target[48], detail[64];
	int64_t k, j = 0;
	int rc;

	err[0] = '\0';
	if (mods_settings_get(db, &s) != 0) {
		err_set(err, "cannot read the rota's settings");
		return -1;
	}
	k = rota_shift_of(on, s.shift_days);
	if (swap_check(db, &s, user, other, k, &j, err) != 0)
		return -1;
	if (gate_begin(g) != 0) {
		err_set(err, "the database is busy");
		return -1;
	}
	rc = ask ? mods_swap_add(db, user, other, k, j, util_now(), ask) :
	    swap_make(g, user, other, k, j, err);
	snprintf(target, sizeof(target), "shift %lld", (long long)k);
	snprintf(detail, sizeof(detail), "and shift %lld in return",
	    (long long)j);
	return audited(g, rc, ask ? "rota.swap.ask" : "rota.swap", target,
	    detail, err);
}

/* user and other have agreed the swap (the command line records one).
** Returns 0 or -1 with err. */
int
rota_swap(struct gate *g, int64_t user, int64_t other, int64_t on, char *err)
{
	return swap_or_ask(g, user, other, on, NULL, err);
}

/* The actor asks other to take their shift of `on`; nothing changes until
** other says yes.  Returns 0 with *id, or -1 with err. */
int
rota_swap_ask(struct gate *g, int64_t other, int64_t on, int64_t *id,
    char *err)
{
	return swap_or_ask(g, gate_actor(g)->user_id, other, on, id, err);
}

/* The actor answers swap id asked of them: yes makes it, if the rota
** still allows it; no ends it.  Returns 0, or -1 with err. */
int
rota_swap_answer(struct gate *g, int64_t id, int yes, char *err)
{
	struct db *db = gate_db(g);
	struct mod_settings s;
	struct rota_swap_row w;
	char target[32];
	int64_t j;
	int rc = 0;

	err[0] = '\0';
	if (mods_swap_get(db, id, &w) != DB_ROW || w.answer[0] ||
	    w.to_user != gate_actor(g)->user_id) {
		err_set(err, "there is no open swap %lld asked of %s",
		    (long long)id, gate_actor(g)->name);
		return -1;
	}
	if (mods_settings_get(db, &s) != 0) {
		err_set(err, "cannot read the rota's settings");
		return -1;
	}
	j = w.take_shift;
	if (yes && swap_check(db, &s, w.from_user, w.to_user, w.give_shift, &j,
	    err) != 0)
		return -1;
	if (gate_begin(g) != 0) {
		err_set(err, "the database is busy");
		return -1;
	}
	if (yes)
		rc = swap_make(g, w.from_user, w.to_user, w.give_shift, j, err);
	if (rc == 0 && mods_swap_answer(db, id, yes ? "yes" : "no",
	    util_now()) != 0)
		rc = -1;
	snprintf(target, sizeof(target), "swap %lld", (long long)id);
	return audited(g, rc, yes ? "rota.swap.yes" : "rota.swap.no", target,
	    "", err);
}

/* in_user takes out_user's place in the shift of `on` (an admin's
** override).  Returns 0 or -1 with err. */
int
rota_cover(struct gate *g, int64_t in_user, int64_t out_user, int64_t on,
    char *err)
{
	struct db *db = gate_db(g);
	struct mod_settings s;
	struct rota_team t;
	struct user a, b;
	char target[48], detail[200];
	int64_t k;
	int rc;

	err[0] = '\0';
	if (staff_user(db, in_user, &a, err) != 0 ||
	    accounts_user_by_id(db, out_user, &b) != DB_ROW ||
	    (k = future_shift(db, on, &s, err)) < 0) {
		if (err[0] == '\0')
			err_set(err, "there is no such account");
		return -1;
	}
	if (rota_team(db, k, &t) != 0 || !rota_on_call(&t, out_user) ||
	    rota_on_call(&t, in_user)) {
		err_set(err, "in that shift %s is not on call, or %s is already",
		    b.name, a.name);
		return -1;
	}
	if (away_between(db, in_user, rota_shift_start(k, s.shift_days),
	    rota_shift_start(k + 1, s.shift_days), NULL, NULL) != 0) {
		err_set(err, "%s is away in that shift", a.name);
		return -1;
	}
	if (gate_begin(g) != 0) {
		err_set(err, "the database is busy");
		return -1;
	}
	rc = mods_change_add(db, k, out_user, in_user, "cover",
	    gate_actor(g)->name, util_now());
	if (rc == DB_EXISTS)
		err_set(err, "%s's place in that shift was changed already",
		    b.name);
	snprintf(target, sizeof(target), "shift %lld", (long long)k);
	snprintf(detail, sizeof(detail), "%s covers for %s", a.name, b.name);
	return audited(g, rc, "rota.cover", target, detail, err);
}

struct names {
	int n;
	int64_t id[ROTA_MEMBERS_MAX];
	char name[ROTA_MEMBERS_MAX][65];
};

static int
keep_name(void *ctx, const struct rota_member *m)
{
	struct names *ns = ctx;

	if (ns->n < ROTA_MEMBERS_MAX) {
		ns->id[ns->n] = m->user_id;
		snprintf(ns->name[ns->n++], sizeof(ns->name[0]), "%s", m->name);
	}
	return 0;
}

static const char *
name_of(struct db *db, const struct names *ns, int64_t user, struct user *u)
{
	int i;

	for (i = 0; i < ns->n; i++)
		if (ns->id[i] == user)
			return ns->name[i];
	/* someone covering who is not on the rota */
	return accounts_user_by_id(db, user, u) == DB_ROW ? u->name : "?";
}

/* The next `shifts` shifts from now as an iCalendar (RFC 5545): one
** all-day event per person on call per shift.  Returns 0 or -1. */
int
rota_ical(struct db *db, int64_t now, int shifts, struct buf *out)
{
	struct mod_settings s;
	struct names ns;
	struct rota_team t;
	struct user u;
	icalcomponent *cal, *ev;
	icaltimezone *utc = icaltimezone_get_utc_timezone();
	char uid[96], summary[128], *text;
	int64_t k, k0;
	int i, rc = -1;

	ns.n = 0;
	if (mods_settings_get(db, &s) != 0 || mods_rota_each(db, keep_name,
	    &ns) != 0)
		return -1;
	cal = icalcomponent_vanew(ICAL_VCALENDAR_COMPONENT,
	    icalproperty_new_version("2.0"),
	    icalproperty_new_prodid("-//sanctum//on-call rota//EN"),
	    icalproperty_new_method(ICAL_METHOD_PUBLISH), (void *)0);
	k0 = rota_shift_of(now, s.shift_days);
	for (k = k0; k < k0 + shifts; k++) {
		if (rota_team(db, k, &t) != 0)
			goto done;
		for (i = 0; i < t.n; i++) {
			snprintf(uid, sizeof(uid), "rota-%lld-%lld@sanctum",
			    (long long)k, (long long)t.user[i]);
			snprintf(summary, sizeof(summary), "On call: %s",
			    name_of(db, &ns, t.user[i], &u));
			ev = icalcomponent_vanew(ICAL_VEVENT_COMPONENT,
			    icalproperty_new_uid(uid),
			    icalproperty_new_dtstamp(
			    icaltime_from_timet_with_zone((time_t)now, 0, utc)),
			    icalproperty_new_dtstart(
			    icaltime_from_timet_with_zone((time_t)
			    rota_shift_start(k, s.shift_days), 1, utc)),
			    icalproperty_new_dtend(
			    icaltime_from_timet_with_zone((time_t)
			    rota_shift_start(k + 1, s.shift_days), 1, utc)),
			    icalproperty_new_summary(summary),
			    icalproperty_new_description("Incident duty for "
			    "the community. Swap or take a break in sanctum "
			    "(Rota); a break needs no reason."),
			    icalproperty_new_transp(ICAL_TRANSP_TRANSPARENT),
			    (void *)0);
			icalcomponent_add_component(cal, ev);
		}
	}
	text = icalcomponent_as_ical_string_r(cal);
	rc = text && buf_puts(out, text) == 0 ? 0 : -1;
	free(text);
done:
	icalcomponent_free(cal);
	return rc;
}

/* The command line. */

static int
user_arg(struct cli *c, const char *name, int64_t *id)
{
	if (accounts_user_id(c->db, name, id) != 1)
		return cli_fail("rota: there is no account %s", name);
	return EXIT_OK;
}

/* sanctum rota add NAME | rota remove NAME | rota back NAME */
int
rota_person_cmd(struct cli *c, int argc, char **argv)
{
	static const struct {
		const char *sub, *said;
		int (*fn)(struct gate *, int64_t, char *);
	} acts[] = {
		{ "add", "%s is on the rota\n", rota_join },
		{ "remove", "%s is off the rota\n", rota_leave },
		{ "back", "%s is back on the rota\n", rota_back },
	};
	char err[ERR_MAX];
	int64_t id;
	size_t k;
	int rc;

	for (k = 0; k < sizeof(acts) / sizeof(acts[0]); k++)
		if (strcmp(argv[0], acts[k].sub) == 0)
			break;
	if (argc != 2 || k == sizeof(acts) / sizeof(acts[0]))
		return cli_usage(c, "rota");
	if ((rc = cli_open(c)) != EXIT_OK || (rc = user_arg(c, argv[1], &id))
	    != EXIT_OK)
		return rc;
	if (acts[k].fn(c->gate, id, err) != 0)
		return cli_fail("rota: %s", err);
	cli_say(c, acts[k].said, argv[1]);
	return EXIT_OK;
}

/* sanctum rota break NAME --days N [--from YYYY-MM-DD] [--show] */
int
rota_break_cmd(struct cli *c, int argc, char **argv)
{
	char err[ERR_MAX];
	long long days = 0;
	int64_t id, from = 0;
	int i, rc, show = 0;

	if (argc < 2)
		return cli_usage(c, "rota");
	for (i = 2; i < argc; i++) {
		if (strcmp(argv[i], "--show") == 0)
			show = 1;
		else if (strcmp(argv[i], "--days") == 0 && i + 1 < argc &&
		    util_parse_int(argv[i + 1], 1, ROTA_BREAK_DAYS_MAX, &days)
		    == 0)
			i++;
		else if (strcmp(argv[i], "--from") == 0 && i + 1 < argc &&
		    (from = training_parse_date(argv[i + 1])) > 0)
			i++;
		else
			return cli_usage(c, "rota");
	}
	if (days == 0)
		return cli_usage(c, "rota");
	if ((rc = cli_open(c)) != EXIT_OK || (rc = user_arg(c, argv[1], &id))
	    != EXIT_OK)
		return rc;
	if (rota_break(c->gate, id, from, (int)days, show, err) != 0)
		return cli_fail("rota: %s", err);
	cli_say(c, "%s is off the rota for %lld day%s\n", argv[1], days,
	    days == 1 ? "" : "s");
	return EXIT_OK;
}

/* sanctum rota swap NAME OTHER --on YYYY-MM-DD */
int
rota_swap_cmd(struct cli *c, int argc, char **argv)
{
	char err[ERR_MAX];
	int64_t a, b, on;
	int rc;

	if (argc != 5 || strcmp(argv[3], "--on") != 0 ||
	    (on = training_parse_date(argv[4])) <= 0)
		return cli_usage(c, "rota");
	if ((rc = cli_open(c)) != EXIT_OK || (rc = user_arg(c, argv[1], &a)) !=
	    EXIT_OK || (rc = user_arg(c, argv[2], &b)) != EXIT_OK)
		return rc;
	if (rota_swap(c->gate, a, b, on, err) != 0)
		return cli_fail("rota: %s", err);
	cli_say(c, "%s takes %s's shift of %s; %s takes one of theirs later\n",
	    argv[2], argv[1], argv[4], argv[1]);
	return EXIT_OK;
}

/* sanctum rota cover NAME --for OTHER --on YYYY-MM-DD */
int
rota_cover_cmd(struct cli *c, int argc, char **argv)
{
	char err[ERR_MAX];
	int64_t a, b, on;
	int rc;

	if (argc != 6 || strcmp(argv[2], "--for") != 0 ||
	    strcmp(argv[4], "--on") != 0 ||
	    (on = training_parse_date(argv[5])) <= 0)
		return cli_usage(c, "rota");
	if ((rc = cli_open(c)) != EXIT_OK || (rc = user_arg(c, argv[1], &a)) !=
	    EXIT_OK || (rc = user_arg(c, argv[3], &b)) != EXIT_OK)
		return rc;
	if (rota_cover(c->gate, a, b, on, err) != 0)
		return cli_fail("rota: %s", err);
	cli_say(c, "%s covers for %s in the shift of %s\n", argv[1], argv[3],
	    argv[5]);
	return EXIT_OK;
}

/* sanctum rota next [--json] */
int
rota_next_cmd(struct cli *c, int argc, char **argv)
{
	struct rota_pick p;
	int rc, json = argc == 2 && strcmp(argv[1], "--json") == 0;

	if (argc != 1 && !json)
		return cli_usage(c, "rota");
	if ((rc = cli_open(c)) != EXIT_OK)
		return rc;
	if (rota_next(c->db, util_now(), 0, &p) != 0)
		return cli_fail("rota: cannot read the rota");
	if (json) {
		json_t *o = json_pack("{s:s?, s:b, s:s}", "name", p.user ?
		    p.name : NULL, "on_call", p.on_call, "why", p.why);
		cli_print_json(o);
		json_decref(o);
	} else if (p.user)
		printf("%s: %s\n", p.name, p.why);
	else
		printf("nobody: %s\n", p.why);
	return EXIT_OK;
}

/* sanctum rota list [--shifts N] [--json] */
int
rota_list_cmd(struct cli *c, int argc, char **argv)
{
	struct rota_candidate cs[ROTA_MEMBERS_MAX];
	struct mod_settings s;
	struct rota_team t;
	struct names ns;
	struct user u;
	json_t *o = NULL, *people, *shifts, *team;
	long long nshifts = ROTA_SHOW_SHIFTS;
	char day[32];
	const char *why;
	int64_t k, k0, now = util_now();
	size_t si;
	int i, n, rc, json = 0;

	for (i = 1; i < argc; i++) {
		if (strcmp(argv[i], "--json") == 0)
			json = 1;
		else if (strcmp(argv[i], "--shifts") == 0 && i + 1 < argc &&
		    util_parse_int(argv[i + 1], 1, 104, &nshifts) == 0)
			i++;
		else
			return cli_usage(c, "rota");
	}
	if ((rc = cli_open(c)) != EXIT_OK)
		return rc;
	ns.n = 0;
	if (mods_settings_get(c->db, &s) != 0 || mods_rota_each(c->db,
	    keep_name, &ns) != 0 || (n = rota_candidates(c->db, now, 0, cs,
	    ROTA_MEMBERS_MAX)) < 0)
		return cli_fail("rota: cannot read the rota");
	people = json_array();
	for (i = 0; i < n; i++) {
		why = rota_unable(&cs[i]);
		json_array_append_new(people, json_pack("{s:s, s:b, s:s?}",
		    "name", cs[i].name, "on_call", cs[i].on_call, "unable",
		    why));
	}
	shifts = json_array();
	k0 = rota_shift_of(now, s.shift_days);
	for (k = k0; k < k0 + nshifts; k++) {
		if (rota_team(c->db, k, &t) != 0) {
			json_decref(people);
			json_decref(shifts);
			return cli_fail("rota: cannot read the rota");
		}
		team = json_array();
		for (i = 0; i < t.n; i++)
			json_array_append_new(team, json_string(name_of(c->db,
			    &ns, t.user[i], &u)));
		util_format_time(rota_shift_start(k, s.shift_days), day,
		    sizeof(day));
		day[10] = '\0';
		json_array_append_new(shifts, json_pack("{s:s, s:o}", "starts",
		    day, "on_call", team));
	}
	o = json_pack("{s:i, s:i, s:o, s:o}", "shift_days", s.shift_days,
	    "per_shift", s.per_shift, "people", people, "shifts", shifts);
	if (json) {
		cli_print_json(o);
		json_decref(o);
		return EXIT_OK;
	}
	printf("shifts of %d days from Mondays, %d on call\n", s.shift_days,
	    s.per_shift);
	for (i = 0; i < n; i++)
		printf("  %-20s %s%s%s\n", cs[i].name, cs[i].on_call ?
		    "on call" : "-", rota_unable(&cs[i]) ? ", " : "",
		    rota_unable(&cs[i]) ? rota_unable(&cs[i]) : "");
	json_array_foreach(shifts, si, team) {
		json_t *who;
		size_t w;

		printf("%s ", json_string_value(json_object_get(team,
		    "starts")));
		json_array_foreach(json_object_get(team, "on_call"), w, who)
			printf(" %s", json_string_value(who));
		printf("%s\n", json_array_size(json_object_get(team,
		    "on_call")) ? "" : " (nobody)");
	}
	json_decref(o);
	return EXIT_OK;
}

/* sanctum rota export FILE.ics [--shifts N] */
int
rota_export_cmd(struct cli *c, int argc, char **argv)
{
	struct buf b;
	long long shifts = 12;
	FILE *f;
	int rc;

	if (argc != 2 && !(argc == 4 && strcmp(argv[2], "--shifts") == 0 &&
	    util_parse_int(argv[3], 1, 104, &shifts) == 0))
		return cli_usage(c, "rota");
	if ((rc = cli_open(c)) != EXIT_OK)
		return rc;
	buf_init(&b, (size_t)1 << 22);
	if (rota_ical(c->db, util_now(), (int)shifts, &b) != 0) {
		buf_free(&b);
		return cli_fail("rota: cannot read the rota");
	}
	f = strcmp(argv[1], "-") == 0 ? stdout : fopen(argv[1], "w");
	if (f == NULL || fwrite(b.data, 1, b.len, f) != b.len ||
	    (f != stdout && fclose(f) != 0)) {
		buf_free(&b);
		return cli_fail("rota: cannot write %s", argv[1]);
	}
	buf_free(&b);
	if (f != stdout)
		cli_say(c, "wrote the next %lld shifts to %s\n", shifts,
		    argv[1]);
	return EXIT_OK;
}

/* sanctum rota settings [--shift-days N] [--per-shift N] */
int
rota_settings_cmd(struct cli *c, int argc, char **argv)
{
	struct mod_settings s;
	long long v[2] = { 0, 0 };
	char detail[64];
	int i, rc;

	for (i = 1; i + 1 < argc; i += 2) {
		if (strcmp(argv[i], "--shift-days") == 0 &&
		    util_parse_int(argv[i + 1], 1, 28, &v[0]) == 0)
			continue;
		if (strcmp(argv[i], "--per-shift") == 0 &&
		    util_parse_int(argv[i + 1], 1, ROTA_TEAM_MAX, &v[1]) == 0)
			continue;
		return cli_usage(c, "rota");
	}
	if (i != argc)
		return cli_usage(c, "rota");
	if ((rc = cli_open(c)) != EXIT_OK)
		return rc;
	if (mods_settings_get(c->db, &s) != 0)
		return cli_fail("rota: cannot read the settings");
	if (argc > 1) {
		if (v[0])
			s.shift_days = (int)v[0];
		if (v[1])
			s.per_shift = (int)v[1];
		snprintf(detail, sizeof(detail), "shifts of %d days, %d on call",
		    s.shift_days, s.per_shift);
		if (gate_begin(c->gate) != 0 || mods_settings_set(c->db, &s) !=
		    0 || gate_audit(c->gate, "rota.settings", "", detail) != 0 ||
		    gate_commit(c->gate) != 0) {
			gate_rollback(c->gate);
			return cli_fail("rota: cannot save: %s", db_error(c->db));
		}
	}
	cli_say(c, "shifts of %d days from Mondays, %d on call\n",
	    s.shift_days, s.per_shift);
	return EXIT_OK;
}
