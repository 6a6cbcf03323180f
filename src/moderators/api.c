/*
** api.c: moderator care in the JSON API.  See api.h.
*/
#include "api.h"

#include <jansson.h>
#include <stdlib.h>
#include <string.h>

#include "../admin/roles.h"
#include "../core/gate.h"
#include "../import/record.h"
#include "../prevention/training.h"
#include "../store/accounts.h"
#include "../store/db.h"
#include "../store/moderators.h"
#include "../util/util.h"
#include "../web/server.h"
#include "debrief.h"
#include "exposure.h"
#include "rota.h"
#include "selfcheck.h"
#include "support.h"
#include "thanks.h"
#include "../care/help.h"

static void
refused(struct req *r, const char *err)
{
	req_json(r, strstr(err, "no such account") ? 404 : 409,
	    json_pack("{s:s}", "error", err));
}

/* What is a person's own (their figures, self-checks, thanks) answers
** only in their own signed-in session: an admin can make an API token for
** any account, so a bearer token never opens it.  Returns 1, or 0 after
** answering 403. */
static int
own_session(struct req *r)
{
	if (!r->via_token)
		return 1;
	req_fail(r, 403, "your own figures and words open in your own "
	    "signed-in session, never to an API token");
	return 0;
}

/* GET /api/v1/me/exposure: the caller's own figures */
void
exposure_me_api(struct req *r)
{
	json_t *o;

	if (!own_session(r))
		return;
	if ((o = exposure_own_json(r->db, r->user.id, util_now())) == NULL) {
		req_fail(r, 500, "the figures could not be read");
		return;
	}
	req_json(r, 200, o);
}

/* POST /api/v1/exposure/caps {"daily", "weekly", "near"?} */
void
exposure_caps_api(struct req *r)
{
	struct mod_settings s;
	char err[ERR_MAX];
	long long d, w, n;

	if (mods_settings_get(r->db, &s) != 0) {
		req_fail(r, 500, "the caps could not be read");
		return;
	}
	if (req_json_int(r, "daily", 1, 1000, s.daily_cap, &d) != 0 ||
	    req_json_int(r, "weekly", 1, 7000, s.weekly_cap, &w) != 0 ||
	    req_json_int(r, "near", 10, 99, s.near_percent, &n) != 0)
		return;
	if (exposure_caps_set(r->gate, (int)d, (int)w, (int)n, err) != 0) {
		refused(r, err);
		return;
	}
	req_json(r, 200, json_pack("{s:I, s:I, s:I}", "daily", (json_int_t)d,
	    "weekly", (json_int_t)w, "near", (json_int_t)n));
}

/* An open swap asked by or of the caller. */
static int
swap_json(void *ctx, const struct rota_swap_row *w)
{
	json_array_append_new(ctx, json_pack("{s:I, s:s, s:s, s:I, s:I}",
	    "id", (json_int_t)w->id, "from", w->from, "to", w->to,
	    "give_shift", (json_int_t)w->give_shift, "take_shift",
	    (json_int_t)w->take_shift));
	return 0;
}

/* GET /api/v1/rota: the people (an admin also sees each one's level,
** never figures; others see no more than "away") and the next shifts */
void
rota_api(struct req *r)
{
	struct rota_candidate cs[ROTA_MEMBERS_MAX];
	struct exposure_status st;
	struct mod_settings s;
	struct rota_team t;
	json_t *people, *shifts, *team, *p, *swaps;
	char day[32];
	const char *why;
	int64_t now = util_now(), k0;
	int i, j, n, admin = role_parse(r->user.role) >= ROLE_ADMIN;

	if (mods_settings_get(r->db, &s) != 0 || (n = rota_candidates(r->db,
	    now, 0, cs, ROTA_MEMBERS_MAX)) < 0) {
		req_fail(r, 500, "the rota could not be read");
		return;
	}
	people = json_array();
	for (i = 0; i < n; i++) {
		why = rota_unable(&cs[i]);
		if (why && !admin && cs[i].user != r->user.id &&
		    strcmp(why, "away") != 0)
			why = "not taking work now";
		if (why && strcmp(why, "away") == 0 && cs[i].shown)
			why = "taking a break";
		p = json_pack("{s:s, s:b, s:s?}", "name", cs[i].name,
		    "on_call", cs[i].on_call, "unable", why);
		if (admin && exposure_status_get(r->db, cs[i].user, now, &st) ==
		    0)
			json_object_set_new(p, "exposure", json_string(
			    exposure_level_name(st.level)));
		json_array_append_new(people, p);
	}
	shifts = json_array();
	k0 = rota_shift_of(now, s.shift_days);
	for (j = 0; j < ROTA_SHOW_SHIFTS; j++) {
		team = json_array();
		if (rota_team(r->db, k0 + j, &t) == 0)
			for (i = 0; i < t.n; i++) {
				struct user u;
				if (accounts_user_by_id(r->db, t.user[i], &u) ==
				    DB_ROW)
					json_array_append_new(team,
					    json_string(u.name));
			}
		util_format_time(rota_shift_start(k0 + j, s.shift_days), day,
		    sizeof(day));
		day[10] = '\0';
		json_array_append_new(shifts, json_pack("{s:s, s:o}", "starts",
		    day, "on_call", team));
	}
	swaps = json_array();
	mods_swaps_open(r->db, r->user.id, swap_json, swaps);
	req_json(r, 200, json_pack("{s:i, s:i, s:o, s:o, s:o}", "shift_days",
	    s.shift_days, "per_shift", s.per_shift, "people", people,
	    "shifts", shifts, "swaps", swaps));
}

/* GET /api/v1/rota/next: who the next exposure-heavy task goes to */
void
rota_next_api(struct req *r)
{
	struct rota_pick p;

	if (rota_next(r->db, util_now(), 0, &p) != 0) {
		req_fail(r, 500, "the rota could not be read");
		return;
	}
	req_json(r, 200, json_pack("{s:s?, s:b, s:s}", "name", p.user ? p.name :
	    NULL, "on_call", p.on_call, "why", p.why));
}

/* POST /api/v1/rota/break {"days", "show"?, "from"? (YYYY-MM-DD)}: the
** caller steps off the rota, no reason asked */
void
rota_break_api(struct req *r)
{
	const char *from = req_form(r, "from");
	char err[ERR_MAX];
	long long days;
	int64_t start = 0;

	if (req_json_int(r, "days", 1, ROTA_BREAK_DAYS_MAX, 0, &days) != 0)
		return;
	if (days == 0) {
		req_fail(r, 400, "days is required");
		return;
	}
	if (from && (start = training_parse_date(from)) <= 0) {
		req_fail(r, 400, "from is YYYY-MM-DD");
		return;
	}
	if (rota_break(r->gate, r->user.id, start, (int)days, req_json_bool(r,
	    "show"), err) != 0) {
		refused(r, err);
		return;
	}
	req_json(r, 201, json_pack("{s:I, s:b}", "days", (json_int_t)days,
	    "shown", req_json_bool(r, "show")));
}

/* POST /api/v1/rota/back: the caller's time away ends now */
void
rota_back_api(struct req *r)
{
	char err[ERR_MAX];

	if (rota_back(r->gate, r->user.id, err) != 0) {
		refused(r, err);
		return;
	}
	req_json(r, 200, json_pack("{s:b}", "away", 0));
}

/* POST /api/v1/rota/swap {"with", "on": "YYYY-MM-DD"}: ask to swap */
void
rota_swap_api(struct req *r)
{
	const char *with = req_form(r, "with"), *on = req_form(r, "on");
	char err[ERR_MAX];
	int64_t other, day, id;

	if (with == NULL || on == NULL || (day = training_parse_date(on)) <= 0) {
		req_fail(r, 400, "with (a name) and on (YYYY-MM-DD) are "
		    "required");
		return;
	}
	if (accounts_user_id(r->db, with, &other) != 1) {
		req_fail(r, 404, "no account with that name");
		return;
	}
	if (rota_swap_ask(r->gate, other, day, &id, err) != 0) {
		refused(r, err);
		return;
	}
	req_json(r, 201, json_pack("{s:I, s:s, s:s, s:s}", "id",
	    (json_int_t)id, "with", with, "on", on, "status", "asked"));
}

/* POST /api/v1/rota/swaps/{id} {"answer": "yes"|"no"}: the one asked
** answers */
void
rota_swap_answer_api(struct req *r)
{
	const char *a = req_form(r, "answer");
	char err[ERR_MAX];

	if (a == NULL || (strcmp(a, "yes") != 0 && strcmp(a, "no") != 0)) {
		req_fail(r, 400, "answer is yes or no");
		return;
	}
	if (rota_swap_answer(r->gate, req_param(r, "id"), strcmp(a, "yes") ==
	    0, err) != 0) {
		req_json(r, strstr(err, "no open swap") ? 404 : 409,
		    json_pack("{s:s}", "error", err));
		return;
	}
	req_json(r, 200, json_pack("{s:s}", "answer", a));
}

/* POST /api/v1/rota/members {"name", "remove"?} */
void
rota_members_api(struct req *r)
{
	const char *name = req_form(r, "name");
	char err[ERR_MAX];
	int64_t id;
	int remove = req_json_bool(r, "remove");

	if (name == NULL) {
		req_fail(r, 400, "name is required");
		return;
	}
	if (accounts_user_id(r->db, name, &id) != 1) {
		req_fail(r, 404, "no account with that name");
		return;
	}
	if ((remove ? rota_leave(r->gate, id, err) : rota_join(r->gate, id,
	    err)) != 0) {
		refused(r, err);
		return;
	}
	req_json(r, remove ? 200 : 201, json_pack("{s:s, s:b}", "name", name,
	    "on_rota", !remove));
}

/* GET /api/v1/me/self-check: the caller's own trend, for them alone */
void
selfcheck_api(struct req *r)
{
	int scores[SELFCHECK_TREND], i, n;
	int64_t at[SELFCHECK_TREND];
	char when[32];
	json_t *a;

	if (!own_session(r))
		return;
	if ((n = selfcheck_trend(r->gate, scores, at)) < 0) {
		req_fail(r, 500, "the self-checks could not be read");
		return;
	}
	a = json_array();
	for (i = 0; i < n; i++) {
		util_format_rfc3339(at[i], when, sizeof(when));
		json_array_append_new(a, json_pack("{s:s, s:i}", "at", when,
		    "score", scores[i]));
	}
	req_json(r, 200, json_pack("{s:o, s:b}", "checks", a, "worse",
	    selfcheck_worse(scores, n)));
}

/* POST /api/v1/me/self-check {"answers": [five of 0 to 4]} */
void
selfcheck_add_api(struct req *r)
{
	json_t *arr = r->json ? json_object_get(r->json, "answers") : NULL;
	char err[ERR_MAX];
	int a[SELFCHECK_ITEMS], i, score;

	if (!json_is_array(arr) || json_array_size(arr) != SELFCHECK_ITEMS) {
		req_fail(r, 400, "answers is an array of five numbers, 0 to 4");
		return;
	}
	for (i = 0; i < SELFCHECK_ITEMS; i++) {
		json_t *v = json_array_get(arr, (size_t)i);
		if (!json_is_integer(v) || json_integer_value(v) < 0 ||
		    json_integer_value(v) > 4) {
			req_fail(r, 400, "answers is an array of five numbers, "
			    "0 to 4");
			return;
		}
		a[i] = (int)json_integer_value(v);
	}
	if (selfcheck_record(r->gate, a, &score, err) != 0) {
		refused(r, err);
		return;
	}
	req_json(r, 201, json_pack("{s:i}", "score", score));
}

static int
debrief_json(void *ctx, const struct debrief_row *d)
{
	char when[32];

	util_format_rfc3339(d->held_at, when, sizeof(when));
	json_array_append_new(ctx, json_pack("{s:I, s:s, s:o, s:s, s:i, s:b, "
	    "s:b}", "id", (json_int_t)d->id, "kind", d->kind, "incident",
	    d->incident_id ? json_integer(d->incident_id) : json_null(),
	    "held_at", when, "entries", d->entries, "mine", d->mine,
	    "involved", d->involved));
	return 0;
}

/* GET /api/v1/debriefs: the debriefs, never their words */
void
debriefs_api(struct req *r)
{
	json_t *a = json_array();
	char when[32];
	int64_t at;
	int every;

	if (mods_debriefs_each(r->db, r->user.id, debrief_json, a) != 0 ||
	    debrief_slot(r->db, util_now(), 1, &at, &every) != 0) {
		json_decref(a);
		req_fail(r, 500, "the debriefs could not be read");
		return;
	}
	util_format_rfc3339(at, when, sizeof(when));
	req_json(r, 200, json_pack("{s:i, s:s, s:o}", "every_days", every,
	    "next_team_debrief", when, "debriefs", a));
}

/* POST /api/v1/debriefs/entry {"debrief"? (the team's current one unless
** given), "happened"?, "hard"?, "helped"?, "change"?, "reflection"?} */
void
debrief_entry_api(struct req *r)
{
	struct debrief_words w;
	char err[ERR_MAX];
	long long id;

	if (req_json_int(r, "debrief", 1, INT64_MAX, 0, &id) != 0)
		return;
	w.happened = req_form(r, "happened");
	w.hard = req_form(r, "hard");
	w.helped = req_form(r, "helped");
	w.change = req_form(r, "change");
	w.reflection = req_form(r, "reflection");
	w.shown = req_json_bool(r, "shown");
	if (debrief_write(r->gate, id, &w, err) != 0) {
		req_json(r, strstr(err, "there is no debrief") ? 404 :
		    strstr(err, "is for those involved") ? 403 :
		    strstr(err, "each answer") || strstr(err, "says something") ?
		    400 : 409, json_pack("{s:s}", "error", err));
		return;
	}
	req_json(r, 200, json_pack("{s:b}", "kept", 1));
}

/* GET /api/v1/me/recognition: thanks received, and what one contributed */
void
recognition_api(struct req *r)
{
	json_t *th, *co;

	if (!own_session(r))
		return;
	th = thanks_own_json(r->gate);
	co = contributions_json(r->db, r->user.id, util_now());
	if (th == NULL || co == NULL) {
		json_decref(th);
		json_decref(co);
		req_fail(r, 500, "it could not be read");
		return;
	}
	req_json(r, 200, json_pack("{s:o, s:o, s:i}", "thanks", th,
	    "contributions", co, "days", CONTRIB_DAYS));
}

/* POST /api/v1/thanks {"to"?, "message", "anonymous"?} */
void
thanks_api(struct req *r)
{
	char err[ERR_MAX];

	if (thanks_send(r->gate, req_form(r, "to"), req_form(r, "message"),
	    req_json_bool(r, "anonymous"), err) != 0) {
		req_json(r, strstr(err, "nobody on the team") ? 404 : 400,
		    json_pack("{s:s}", "error", err));
		return;
	}
	req_json(r, 201, json_pack("{s:b}", "sent", 1));
}

static int
support_json(void *ctx, const struct mod_support_row *s)
{
	json_array_append_new(ctx, json_pack("{s:I, s:s, s:s, s:s, s:s, s:s}",
	    "id", (json_int_t)s->id, "name", s->name, "kind", s->kind,
	    "contact", s->contact, "languages", s->languages, "note", s->note));
	return 0;
}

/* GET /api/v1/support: the directory, what the budget has left, and the
** caller's own covered sessions (nobody else's; none to a token) */
void
support_api(struct req *r)
{
	json_t *arr = json_array();
	char currency[8];
	int64_t budget, spent, mine = 0;
	int count = 0;

	/* one's own sessions only in one's own session (own_session) */
	if (mods_support_each(r->db, support_json, arr) != 0 ||
	    mods_budget_get(r->db, &budget, currency, sizeof(currency), &spent)
	    != 0 || (!r->via_token && mods_sessions_of(r->db, r->user.id,
	    &count, &mine) != 0)) {
		json_decref(arr);
		req_fail(r, 500, "the support could not be read");
		return;
	}
	req_json(r, 200, json_pack("{s:o, s:I, s:s, s:{s:i, s:I}}", "support",
	    arr, "budget_left", (json_int_t)(budget > spent ? budget - spent :
	    0), "currency", currency, "mine", "sessions", count, "spent",
	    (json_int_t)mine));
}

/* POST /api/v1/support {"name", "kind", "contact", "languages"?,
** "note"?} */
void
support_add_api(struct req *r)
{
	struct mod_support_row s;
	char err[ERR_MAX];
	int64_t id;

	support_fill(&s, req_form(r, "name"), req_form(r, "kind"),
	    req_form(r, "contact"), req_form(r, "languages"), req_form(r,
	    "note"));
	if (support_add(r->gate, &s, &id, err) != 0) {
		req_fail(r, 400, err);
		return;
	}
	req_json(r, 201, json_pack("{s:I}", "id", (json_int_t)id));
}

/* POST /api/v1/support/budget {"amount": "500.00", "currency": "EUR"} */
void
support_budget_api(struct req *r)
{
	char err[ERR_MAX];
	int64_t amount;

	if (care_parse_money(req_form(r, "amount"), &amount) != 0 ||
	    support_budget_set(r->gate, amount, req_form(r, "currency"), err)
	    != 0) {
		req_fail(r, 400, "amount is such as \"500.00\" and currency "
		    "such as \"EUR\"");
		return;
	}
	req_json(r, 200, json_pack("{s:I}", "budget", (json_int_t)amount));
}

/* POST /api/v1/support/sessions {"date": "YYYY-MM-DD", "cost": "60.00"}:
** the caller's own covered session */
void
support_session_api(struct req *r)
{
	const char *d = req_form(r, "date");
	char err[ERR_MAX];
	int64_t on, cost;

	if (d == NULL || (on = training_parse_date(d)) <= 0 ||
	    care_parse_money(req_form(r, "cost"), &cost) != 0) {
		req_fail(r, 400, "date is YYYY-MM-DD and cost such as \"60.00\"");
		return;
	}
	if (support_session(r->gate, on, cost, err) != 0) {
		refused(r, err);
		return;
	}
	req_json(r, 201, json_pack("{s:s}", "recorded", d));
}

/* POST /api/v1/rota/cover {"name", "for", "on": "YYYY-MM-DD"}: an admin's
** override */
void
rota_cover_api(struct req *r)
{
	const char *in = req_form(r, "name"), *out = req_form(r, "for"),
	    *on = req_form(r, "on");
	char err[ERR_MAX];
	int64_t a, b, day;

	if (in == NULL || out == NULL || on == NULL || (day =
	    training_parse_date(on)) <= 0) {
		req_fail(r, 400, "name, for (names) and on (YYYY-MM-DD) are "
		    "required");
		return;
	}
	if (accounts_user_id(r->db, in, &a) != 1 || accounts_user_id(r->db,
	    out, &b) != 1) {
		req_fail(r, 404, "no account with that name");
		return;
	}
	if (rota_cover(r->gate, a, b, day, err) != 0) {
		refused(r, err);
		return;
	}
	req_json(r, 200, json_pack("{s:s, s:s, s:s}", "name", in, "for", out,
	    "on", on));
}

/* POST /api/v1/debriefs/schedule {"every", "first"? (RFC 3339)} */
void
debrief_schedule_api(struct req *r)
{
	const char *f = req_form(r, "first");
	char err[ERR_MAX];
	long long every;
	int64_t first = 0;
	int old;

	if (mods_debrief_schedule_get(r->db, &old, &first) != 0) {
		req_fail(r, 500, "the schedule could not be read");
		return;
	}
	if (req_json_int(r, "every", 7, 56, old, &every) != 0)
		return;
	if (f && (record_time_rfc3339(f, &first) != 0 || first <= 0)) {
		req_fail(r, 400, "first is an RFC 3339 time");
		return;
	}
	if (debrief_schedule(r->gate, (int)every, first, err) != 0) {
		refused(r, err);
		return;
	}
	req_json(r, 200, json_pack("{s:I}", "every_days", (json_int_t)every));
}

struct entries_ctx {
	struct req *r;
	json_t *arr;
};

static int
entry_json(void *ctx, const struct debrief_entry *e)
{
	struct entries_ctx *c = ctx;
	char err[ERR_MAX], *text;
	json_t *o;

	if (e->shared == NULL)
		return 0;
	text = gate_open(c->r->gate, SEALED_DEBRIEF_SHARED, e->id, e->shared,
	    e->shared_n, err);
	if (text == NULL)
		return -1;
	o = json_loads(text, 0, NULL);
	gate_wipe(text);
	if (o == NULL)
		return -1;
	json_object_set_new(o, "name", e->shown ? json_string(e->name) :
	    json_null());
	json_array_append_new(c->arr, o);
	return 0;
}

/* POST /api/v1/debriefs/{id}/read: what each shared with the team,
** opened through the gateway (never anyone's reflection) */
void
debrief_read_api(struct req *r)
{
	struct debrief_row d;
	struct entries_ctx c = { r, json_array() };

	if (mods_debrief_get(r->db, req_param(r, "id"), r->user.id, &d) !=
	    DB_ROW) {
		json_decref(c.arr);
		req_fail(r, 404, "there is no such debrief");
		return;
	}
	if (!d.involved && role_parse(r->user.role) < ROLE_ADMIN) {
		json_decref(c.arr);
		req_fail(r, 403, "what was written stays with those involved");
		return;
	}
	if (mods_entries_each(r->db, d.id, 0, entry_json, &c) != 0) {
		json_decref(c.arr);
		req_fail(r, 500, "the entries could not be opened");
		return;
	}
	req_json(r, 200, json_pack("{s:I, s:o}", "id", (json_int_t)d.id,
	    "entries", c.arr));
}

/* POST /api/v1/support/{id}/remove */
void
support_remove_api(struct req *r)
{
	char err[ERR_MAX];

	if (support_remove(r->gate, req_param(r, "id"), err) != 0) {
		req_fail(r, strstr(err, "there is no") ? 404 : 500, err);
		return;
	}
	req_json(r, 200, json_pack("{s:b}", "removed", 1));
}
