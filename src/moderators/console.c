/*
** console.c: /wellbeing and /rota.  See console.h.
*/
#include "console.h"

#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "../admin/roles.h"
#include "../core/gate.h"
#include "../prevention/training.h"
#include "../store/accounts.h"
#include "../store/db.h"
#include "../store/moderators.h"
#include "../util/buf.h"
#include "../util/util.h"
#include "../web/chart.h"
#include "../web/html.h"
#include "../web/server.h"
#include "../import/record.h"
#include "debrief.h"
#include "exposure.h"
#include "rota.h"
#include "selfcheck.h"
#include "support.h"
#include "thanks.h"
#include "../care/help.h"

#define DAY 86400

/* "Nov 30" for t. */
static void
short_day(int64_t t, char *out, size_t cap)
{
	time_t tt = (time_t)t;
	struct tm tm;

	gmtime_r(&tt, &tm);
	strftime(out, cap, "%b %d", &tm);
}

static void
level_words(struct req *r, enum exposure_level l)
{
	if (l == EXPOSURE_AT)
		html_printf(&r->out, "<div class=\"notice error\" role=\"alert\">"
		    "You have reached a cap. New exposure-heavy work goes to "
		    "someone else until it eases. Please take the time you "
		    "need; a break needs no reason.</div>\n");
	else if (l == EXPOSURE_NEAR)
		html_printf(&r->out, "<div class=\"notice\" role=\"status\">You "
		    "are near a cap. Consider handing off exposure-heavy work "
		    "(an incident you lead has a Hand off button) and taking a "
		    "break: nobody will ask why.</div>\n");
}

struct kinds_ctx {
	struct req *r;
	int n;
};

static int
kind_row(void *ctx, const char *kind, int weight, int times)
{
	struct kinds_ctx *k = ctx;

	html_printf(&k->r->out, "<tr><td>%s</td><td>%d</td><td>%d</td></tr>\n",
	    kind, weight, times);
	k->n++;
	return 0;
}

/* The self-check: the trend of one's own scores, a gentle word when it
** worsens, and the five questions. */
static void
self_check_section(struct req *r)
{
	struct chart c;
	int scores[SELFCHECK_TREND], i, j, n;
	int64_t at[SELFCHECK_TREND];

	html_printf(&r->out, "<section class=\"panel\" aria-labelledby=\"sc\">"
	    "<h2 id=\"sc\">A self-check</h2><p>Five questions about the last "
	    "week, for signs that what you read is weighing on you. Only you "
	    "see your answers and their trend; nobody else can open them, "
	    "admins included. It is a mirror, not a diagnosis.</p>");
	n = selfcheck_trend(r->gate, scores, at);
	if (n > 0) {
		memset(&c, 0, sizeof(c));
		c.id = "selfcheck";
		c.title = "Your self-checks (0 to 20; higher weighs more)";
		c.unit = "of 20";
		c.n = n;
		for (i = 0; i < n; i++) {
			short_day(at[i], c.label[i], sizeof(c.label[i]));
			c.value[i] = scores[i];
		}
		chart_bars(r, &c);
		if (selfcheck_worse(scores, n))
			html_printf(&r->out, "<div class=\"notice\" role=\""
			    "status\">It looks heavier than before. Please be "
			    "gentle with yourself: <a href=\"#brk\">take a "
			    "break</a>, talk to someone you trust on the team, "
			    "or reach out to one of the people on the support "
			    "list. You do not have to explain why.</div>\n");
	}
	html_printf(&r->out, "<form class=\"stack\" method=\"post\" action=\""
	    "/wellbeing/check\">");
	page_csrf_field(r);
	for (i = 0; i < SELFCHECK_ITEMS; i++) {
		html_printf(&r->out, "<fieldset><legend>%s</legend>",
		    selfcheck_items[i]);
		for (j = 0; j < 5; j++)
			html_printf(&r->out, "<label><input type=\"radio\" name="
			    "\"q%d\" value=\"%d\" required%s> %s</label>", i, j,
			    j == 0 ? " checked" : "", selfcheck_answers[j]);
		html_printf(&r->out, "</fieldset>");
	}
	html_printf(&r->out, "<button type=\"submit\">Keep my answers, for me"
	    "</button></form></section>\n");
}

/* Thanks received, and what one contributed. */
static void
recognition_section(struct req *r, int64_t now)
{
	json_t *th = thanks_own_json(r->gate), *co = contributions_json(r->db,
	    r->user.id, now), *v;
	size_t i;

	html_printf(&r->out, "<section class=\"panel\" aria-labelledby=\"thx\">"
	    "<h2 id=\"thx\">Thanks you received</h2>");
	if (th == NULL || json_array_size(th) == 0)
		html_printf(&r->out, "<p>None yet. Thank you for the work you "
		    "do, all the same.</p>");
	else {
		html_printf(&r->out, "<ul class=\"thanks\">");
		json_array_foreach(th, i, v) {
			char day[11];
			snprintf(day, sizeof(day), "%s", json_string_value(
			    json_object_get(v, "at")));
			html_printf(&r->out, "<li><blockquote>%s</blockquote><p>"
			    "%s%s, %s</p></li>", json_string_value(
			    json_object_get(v, "message")), json_is_true(
			    json_object_get(v, "to_team")) ? "To the whole team, "
			    "from " : "From ", json_string_value(
			    json_object_get(v, "from")) ? json_string_value(
			    json_object_get(v, "from")) : "someone who chose not "
			    "to say", day);
		}
		html_printf(&r->out, "</ul>");
	}
	html_printf(&r->out, "<h3>What you contributed in the last %d days"
	    "</h3>", CONTRIB_DAYS);
	if (co == NULL || json_array_size(co) == 0)
		html_printf(&r->out, "<p>Nothing recorded yet.</p>");
	else {
		html_printf(&r->out, "<ul>");
		json_array_foreach(co, i, v)
			html_printf(&r->out, "<li>%s: %lld</li>",
			    json_string_value(json_object_get(v, "what")),
			    (long long)json_integer_value(json_object_get(v,
			    "count")));
		html_printf(&r->out, "</ul>");
	}
	html_printf(&r->out, "<p><a href=\"/thanks\">Thank someone on the "
	    "team</a></p></section>\n");
	json_decref(th);
	json_decref(co);
}

struct sup_ctx {
	struct req *r;
	int admin, n;
};

static int
support_row(void *ctx, const struct mod_support_row *s)
{
	struct sup_ctx *c = ctx;

	html_printf(&c->r->out, "<tr><td>%s</td><td>%s</td><td>%s</td><td>%s"
	    "</td><td>%s</td>", s->name, s->kind, s->contact, s->languages,
	    s->note);
	if (c->admin) {
		html_printf(&c->r->out, "<td><form method=\"post\" action=\""
		    "/support/%lld/remove\">", (long long)s->id);
		page_csrf_field(c->r);
		html_printf(&c->r->out, "<button type=\"submit\" class=\""
		    "secondary\">Remove</button></form></td>");
	}
	html_printf(&c->r->out, "</tr>\n");
	c->n++;
	return 0;
}

/* Professional support for the team, and counselling the community
** covers for them. */
static void
support_section(struct req *r)
{
	struct sup_ctx c = { r, role_parse(r->user.role) >= ROLE_ADMIN, 0 };
	char currency[8], left[40], mine[40];
	int64_t budget, spent, my_spent = 0;
	int count = 0;

	if (mods_budget_get(r->db, &budget, currency, sizeof(currency),
	    &spent) != 0)
		return;
	mods_sessions_of(r->db, r->user.id, &count, &my_spent);
	care_format_money(budget > spent ? budget - spent : 0, currency, left,
	    sizeof(left));
	care_format_money(my_spent, currency, mine, sizeof(mine));
	html_printf(&r->out, "<section class=\"panel\" aria-labelledby=\"sup\">"
	    "<h2 id=\"sup\">Support for you</h2><p>People who support those "
	    "who do this work. The community covers counselling for its "
	    "team: %s is left of its budget. Record a session you had and "
	    "nobody but you sees that it was yours.</p><table class=\"list\">"
	    "<caption>"
	    "Professional support</caption><thead><tr><th scope=\"col\">Name"
	    "</th><th scope=\"col\">Kind</th><th scope=\"col\">How to reach "
	    "it</th><th scope=\"col\">Languages</th><th scope=\"col\">Note"
	    "</th>", left);
	if (c.admin)
		html_printf(&r->out, "<th scope=\"col\">Act</th>");
	html_printf(&r->out, "</tr></thead><tbody>\n");
	mods_support_each(r->db, support_row, &c);
	if (c.n == 0)
		html_printf(&r->out, "<tr><td colspan=\"%d\">Nobody is listed "
		    "yet.</td></tr>\n", c.admin ? 6 : 5);
	html_printf(&r->out, "</tbody></table><p>Your covered sessions: %d "
	    "(%s).</p><form class=\"stack\" method=\"post\" action=\""
	    "/wellbeing/session\">", count, mine);
	page_csrf_field(r);
	html_printf(&r->out, "<label for=\"sdate\">Day of the session</label>"
	    "<input id=\"sdate\" name=\"date\" type=\"date\" required><label "
	    "for=\"scost\">Its cost (%s)</label><input id=\"scost\" name=\""
	    "cost\" inputmode=\"decimal\" pattern=\"[0-9]+([.][0-9]{1,2})?\" "
	    "required maxlength=\"12\"><button type=\"submit\">Record a "
	    "covered session</button></form>", currency);
	if (c.admin) {
		html_printf(&r->out, "<h3>For admins</h3><form class=\"stack\" "
		    "method=\"post\" action=\"/support\">");
		page_csrf_field(r);
		html_printf(&r->out, "<label for=\"sname\">Name</label><input "
		    "id=\"sname\" name=\"name\" required maxlength=\"120\">"
		    "<label for=\"skind\">Kind</label><select id=\"skind\" "
		    "name=\"kind\"><option>counselling</option><option>helpline"
		    "</option><option>peer support</option><option>other"
		    "</option></select><label for=\"scontact\">How to reach it"
		    "</label><input id=\"scontact\" name=\"contact\" required "
		    "maxlength=\"250\"><label for=\"slang\">Languages</label>"
		    "<input id=\"slang\" name=\"languages\" maxlength=\"60\">"
		    "<label for=\"snote\">Note</label><input id=\"snote\" name="
		    "\"note\" maxlength=\"250\"><button type=\"submit\">Add to "
		    "the list</button></form><form class=\"stack\" method=\""
		    "post\" action=\"/support/budget\">");
		page_csrf_field(r);
		html_printf(&r->out, "<label for=\"bamount\">Budget for the "
		    "team's counselling</label><input id=\"bamount\" name=\""
		    "amount\" inputmode=\"decimal\" required maxlength=\"12\">"
		    "<label for=\"bcur\">Currency</label><input id=\"bcur\" "
		    "name=\"currency\" value=\"%s\" required maxlength=\"3\">"
		    "<button type=\"submit\">Set the budget</button></form>",
		    currency);
	}
	html_printf(&r->out, "</section>\n");
}

/* GET /wellbeing */
void
wellbeing_page(struct req *r)
{
	struct exposure_status st;
	struct mod_settings s;
	struct chart c;
	struct kinds_ctx k = { r, 0 };
	struct rota_team t;
	char until[32];
	int64_t now = util_now(), back, shift;
	int i, away, mine = 0;

	if (exposure_status_get(r->db, r->user.id, now, &st) != 0 ||
	    mods_settings_get(r->db, &s) != 0) {
		req_fail(r, 500, "Your figures could not be read.");
		return;
	}
	page_begin(r, "Your wellbeing", "/wellbeing");
	page_notice(r);
	html_printf(&r->out, "<h1>Your wellbeing</h1><p class=\"lede\">What you "
	    "have read of difficult content, counted so that it can be "
	    "limited. Only you see these figures; admins see only whether "
	    "someone is near a cap.</p>\n");
	level_words(r, st.level);
	html_printf(&r->out, "<section class=\"panel\" aria-labelledby=\"exp\">"
	    "<h2 id=\"exp\">Your exposure</h2><dl class=\"facts\"><dt>Last 24 "
	    "hours</dt><dd>%d of a cap of %d</dd><dt>Last 7 days</dt><dd>%d of "
	    "a cap of %d</dd><dt>Where that leaves you</dt><dd>%s</dd></dl>"
	    "<p>Each piece of sealed content you open counts by "
	    "its weight: leaked material and members' reports weigh more, and "
	    "anything about suicide, self-harm or abuse three times more.</p>",
	    st.day, st.daily_cap, st.week, st.weekly_cap,
	    exposure_level_name(st.level));
	memset(&c, 0, sizeof(c));
	c.id = "exposure-weeks";
	c.title = "Your exposure, week by week";
	c.unit = "weight";
	c.n = EXPOSURE_WEEKS;
	if (exposure_weeks(r->db, r->user.id, now, c.value) == 0) {
		for (i = 0; i < c.n; i++)
			short_day(now - (int64_t)(EXPOSURE_WEEKS - i) * 7 * DAY,
			    c.label[i], sizeof(c.label[i]));
		chart_bars(r, &c);
	}
	html_printf(&r->out, "<table class=\"list\"><caption>The last 7 days, "
	    "by kind</caption><thead><tr><th scope=\"col\">Kind</th><th scope="
	    "\"col\">Weight</th><th scope=\"col\">Opened</th></tr></thead>"
	    "<tbody>\n");
	mods_exposure_kinds(r->db, r->user.id, now - 7 * DAY, kind_row, &k);
	if (k.n == 0)
		html_printf(&r->out, "<tr><td colspan=\"3\">Nothing difficult "
		    "opened this week.</td></tr>\n");
	html_printf(&r->out, "</tbody></table></section>\n");
	self_check_section(r);
	recognition_section(r, now);
	support_section(r);

	if (r->user.id && role_parse(r->user.role) >= ROLE_MODERATOR) {
		away = rota_away_now(r->db, r->user.id, now, &back) == 1;
		html_printf(&r->out, "<section class=\"panel\" aria-labelledby="
		    "\"brk\"><h2 id=\"brk\">A break</h2>");
		if (away) {
			util_format_time(back, until, sizeof(until));
			html_printf(&r->out, "<p>You are away from the rota until "
			    "%s. Nothing exposure-heavy is given to you until "
			    "then.</p><form method=\"post\" action=\"/wellbeing/"
			    "back\">", until);
			page_csrf_field(r);
			html_printf(&r->out, "<button type=\"submit\" class=\""
			    "secondary\">I am back now</button></form>");
		} else {
			html_printf(&r->out, "<form class=\"stack\" method=\"post"
			    "\" action=\"/wellbeing/break\">");
			page_csrf_field(r);
			html_printf(&r->out, "<p>Step off the rota for as long as "
			    "you need. Nobody will ask why.</p><label for=\"days"
			    "\">Days</label><input id=\"days\" name=\"days\" type="
			    "\"number\" min=\"1\" max=\"%d\" value=\"3\" required>"
			    "<label class=\"check\"><input type=\"checkbox\" name="
			    "\"show\" value=\"yes\"> Let the team see that I am "
			    "taking a break (otherwise they see only that I am "
			    "away)</label><button type=\"submit\">I need a break"
			    "</button></form>", ROTA_BREAK_DAYS_MAX);
		}
		html_printf(&r->out, "</section>\n<section class=\"panel\" "
		    "aria-labelledby=\"shifts\"><h2 id=\"shifts\">Your next "
		    "shifts</h2><ul>");
		shift = rota_shift_of(now, s.shift_days);
		for (i = 0; i < ROTA_SHOW_SHIFTS; i++) {
			if (rota_team(r->db, shift + i, &t) != 0 ||
			    !rota_on_call(&t, r->user.id))
				continue;
			util_format_time(rota_shift_start(shift + i,
			    s.shift_days), until, sizeof(until));
			until[10] = '\0';
			html_printf(&r->out, "<li>On call from %s, for %d days"
			    "</li>", until, s.shift_days);
			mine++;
		}
		if (mine == 0)
			html_printf(&r->out, "<li>None in the next %d shifts.</li>",
			    ROTA_SHOW_SHIFTS);
		html_printf(&r->out, "</ul><p><a href=\"/rota\">The team's rota"
		    "</a></p></section>\n");
	}
	page_end(r);
}

/* POST /wellbeing/break: days, show */
void
wellbeing_break_post(struct req *r)
{
	const char *d = req_form(r, "days"), *show = req_form(r, "show");
	char err[ERR_MAX];
	long long days;

	if (d == NULL || util_parse_int(d, 1, ROTA_BREAK_DAYS_MAX, &days) != 0 ||
	    rota_break(r->gate, r->user.id, 0, (int)days, show &&
	    strcmp(show, "yes") == 0, err) != 0) {
		req_redirect(r, "/wellbeing?error=break-refused");
		return;
	}
	req_redirect(r, "/wellbeing?done=break");
}

/* POST /wellbeing/back */
void
wellbeing_back_post(struct req *r)
{
	char err[ERR_MAX];

	req_redirect(r, rota_back(r->gate, r->user.id, err) == 0 ?
	    "/wellbeing?done=back" : "/wellbeing?error=rota-refused");
}

/* What others may read of why c cannot take work now: the cause to an
** admin or to c themself, and to anyone else no more than "away". */
static const char *
shown_unable(const struct req *r, const struct rota_candidate *c)
{
	const char *why = rota_unable(c);

	if (why == NULL)
		return "can take work";
	/* a break its owner chose to show: taking care reads as normal */
	if (c->away && c->shown && c->staff && !c->excluded)
		return "taking a break";
	if (c->user == r->user.id || role_parse(r->user.role) >= ROLE_ADMIN ||
	    strcmp(why, "away") == 0)
		return why;
	return "not taking work now";
}

struct opt_ctx {
	struct req *r;
	int64_t skip;
};

static int
person_option(void *ctx, const struct rota_member *m)
{
	struct opt_ctx *o = ctx;

	if (m->user_id != o->skip)
		html_printf(&o->r->out, "<option>%s</option>", m->name);
	return 0;
}

/* An open swap asked by or of the viewer; the one asked answers it. */
static int
swap_item(void *ctx, const struct rota_swap_row *w)
{
	struct req *r = ctx;
	struct mod_settings s;
	char give[32], take[32];

	if (mods_settings_get(r->db, &s) != 0)
		return 0;
	util_format_time(rota_shift_start(w->give_shift, s.shift_days), give,
	    sizeof(give));
	util_format_time(rota_shift_start(w->take_shift, s.shift_days), take,
	    sizeof(take));
	give[10] = take[10] = '\0';
	if (w->to_user != r->user.id) {
		html_printf(&r->out, "<p class=\"notice\" role=\"status\">You "
		    "asked %s to take your shift from %s, and to give you "
		    "theirs from %s: waiting for their answer.</p>\n", w->to,
		    give, take);
		return 0;
	}
	html_printf(&r->out, "<form class=\"panel\" method=\"post\" action=\""
	    "/rota/swaps/%lld/answer\"><p>%s asks you to take their shift from "
	    "%s, and to give them yours from %s.</p>", (long long)w->id,
	    w->from, give, take);
	page_csrf_field(r);
	html_printf(&r->out, "<button type=\"submit\" name=\"answer\" value="
	    "\"yes\">Swap</button> <button type=\"submit\" class=\"secondary"
	    "\" name=\"answer\" value=\"no\">Not this time</button></form>\n");
	return 0;
}

/* The team's rota: the grid of the next shifts and, in words, who is on
** call when. */
static void
rota_grid(struct req *r, const struct mod_settings *s, int64_t now,
    const struct rota_candidate *cs, int n)
{
	struct grid g;
	struct rota_team t;
	int64_t k0 = rota_shift_of(now, s->shift_days);
	int i, j;

	memset(&g, 0, sizeof(g));
	g.id = "rota-grid";
	g.title = "Who is on call, shift by shift";
	g.rows = n < GRID_ROWS ? n : GRID_ROWS;
	g.cols = ROTA_SHOW_SHIFTS;
	for (i = 0; i < g.rows; i++)
		snprintf(g.row[i], sizeof(g.row[i]), "%s", cs[i].name);
	for (j = 0; j < g.cols; j++) {
		short_day(rota_shift_start(k0 + j, s->shift_days), g.col[j],
		    sizeof(g.col[j]));
		if (rota_team(r->db, k0 + j, &t) != 0)
			continue;
		for (i = 0; i < g.rows; i++)
			g.on[i][j] = (unsigned char)rota_on_call(&t,
			    cs[i].user);
	}
	chart_grid(r, &g);
}

/* GET /rota */
void
rota_page(struct req *r)
{
	struct rota_candidate cs[ROTA_MEMBERS_MAX];
	struct exposure_status st;
	struct mod_settings s;
	struct rota_pick p;
	struct opt_ctx o = { r, 0 };
	int64_t now = util_now();
	int i, n, admin = role_parse(r->user.role) >= ROLE_ADMIN, mine = 0;

	if (mods_settings_get(r->db, &s) != 0 || (n = rota_candidates(r->db,
	    now, 0, cs, ROTA_MEMBERS_MAX)) < 0 || rota_next(r->db, now, 0, &p)
	    != 0) {
		req_fail(r, 500, "The rota could not be read.");
		return;
	}
	page_begin(r, "On-call rota", "/rota");
	page_notice(r);
	html_printf(&r->out, "<h1>On-call rota</h1><p class=\"lede\">Incident "
	    "duty, in shifts of %d days from Mondays, %d on call at a time. A "
	    "new incident is led by someone on call who is not away, has "
	    "current training and is under both exposure caps, the least "
	    "exposed first. <a href=\"/rota.ics\">Add the rota to your "
	    "calendar</a></p>\n", s.shift_days, s.per_shift);
	if (p.user)
		html_printf(&r->out, "<p class=\"notice\" role=\"status\">The next "
		    "incident goes to <strong>%s</strong>: %s.</p>\n", p.name,
		    p.why);
	else
		html_printf(&r->out, "<p class=\"notice error\" role=\"alert\">"
		    "The next incident: %s.</p>\n", p.why);
	if (n > 0)
		rota_grid(r, &s, now, cs, n);
	html_printf(&r->out, "<table class=\"list\"><caption>The people on the "
	    "rota</caption><thead><tr><th scope=\"col\">Name</th><th scope="
	    "\"col\">Now</th><th scope=\"col\">Exposure-heavy work</th>");
	if (admin)
		html_printf(&r->out, "<th scope=\"col\">Exposure</th>");
	html_printf(&r->out, "</tr></thead><tbody>\n");
	for (i = 0; i < n; i++) {
		mine += cs[i].user == r->user.id;
		html_printf(&r->out, "<tr><td>%s</td><td>%s</td><td>%s</td>",
		    cs[i].name, cs[i].on_call ? "on call" : "off call",
		    shown_unable(r, &cs[i]));
		/* an admin sees the level only, never the figures */
		if (admin && exposure_status_get(r->db, cs[i].user, now, &st) ==
		    0)
			html_printf(&r->out, "<td>%s</td>",
			    exposure_level_name(st.level));
		html_printf(&r->out, "</tr>\n");
	}
	if (n == 0)
		html_printf(&r->out, "<tr><td colspan=\"%d\">Nobody is on the "
		    "rota yet.</td></tr>\n", admin ? 4 : 3);
	html_printf(&r->out, "</tbody></table>\n");
	mods_swaps_open(r->db, r->user.id, swap_item, r);
	if (mine) {
		o.skip = r->user.id;
		html_printf(&r->out, "<section class=\"panel\" aria-labelledby="
		    "\"swap\"><h2 id=\"swap\">Swap a shift</h2><form class=\""
		    "stack\" method=\"post\" action=\"/rota/swap\">");
		page_csrf_field(r);
		html_printf(&r->out, "<label for=\"with\">With</label><select "
		    "id=\"with\" name=\"with\">");
		mods_rota_each(r->db, person_option, &o);
		html_printf(&r->out, "</select><label for=\"on\">A day of your "
		    "shift</label><input id=\"on\" name=\"on\" type=\"date\" "
		    "aria-describedby=\"on-hint\" required><p class=\"hint\" "
		    "id=\"on-hint\">If they say yes, they take that shift, and "
		    "you take their next one after it.</p><button type=\""
		    "submit\">Ask to swap</button></form><p><a href=\""
		    "/wellbeing\">Take a break</a></p></section>\n");
	}
	if (admin) {
		html_printf(&r->out, "<section class=\"panel\" aria-labelledby="
		    "\"who\"><h2 id=\"who\">Who is on the rota</h2><form class=\""
		    "stack\" method=\"post\" action=\"/rota/members\">");
		page_csrf_field(r);
		html_printf(&r->out, "<label for=\"name\">Account name</label>"
		    "<input id=\"name\" name=\"name\" required maxlength=\"64\">"
		    "<button type=\"submit\" name=\"action\" value=\"add\">Add to "
		    "the rota</button><button type=\"submit\" class=\"secondary"
		    "\" name=\"action\" value=\"remove\">Take off the rota"
		    "</button></form></section>\n<section class=\"panel\" "
		    "aria-labelledby=\"cover\"><h2 id=\"cover\">Cover a shift</h2>"
		    "<form class=\"stack\" method=\"post\" action=\"/rota/cover\">");
		page_csrf_field(r);
		html_printf(&r->out, "<label for=\"cname\">Who covers</label>"
		    "<input id=\"cname\" name=\"name\" required maxlength=\"64\">"
		    "<label for=\"cfor\">For</label><input id=\"cfor\" name=\""
		    "for\" required maxlength=\"64\"><label for=\"con\">A day of "
		    "the shift</label><input id=\"con\" name=\"on\" type=\"date\" "
		    "required><button type=\"submit\">Cover</button></form>"
		    "</section>\n<section class=\"panel\" aria-labelledby=\"caps"
		    "\"><h2 id=\"caps\">Exposure caps</h2><form class=\"stack\" "
		    "method=\"post\" action=\"/rota/caps\">");
		page_csrf_field(r);
		html_printf(&r->out, "<label for=\"daily\">In 24 hours</label>"
		    "<input id=\"daily\" name=\"daily\" type=\"number\" min=\"1\" "
		    "max=\"1000\" value=\"%d\" required><label for=\"weekly\">In 7 "
		    "days</label><input id=\"weekly\" name=\"weekly\" type=\""
		    "number\" min=\"1\" max=\"7000\" value=\"%d\" required><label "
		    "for=\"near\">Near, from (per cent)</label><input id=\"near\" "
		    "name=\"near\" type=\"number\" min=\"10\" max=\"99\" value=\""
		    "%d\" required><button type=\"submit\">Save the caps</button>"
		    "</form></section>\n", s.daily_cap, s.weekly_cap,
		    s.near_percent);
	}
	page_end(r);
}

static int
named(struct req *r, const char *field, int64_t *id)
{
	const char *name = req_form(r, field);

	return name && accounts_user_id(r->db, name, id) == 1;
}

/* POST /rota/members: name, action (add or remove) */
void
rota_members_post(struct req *r)
{
	const char *action = req_form(r, "action");
	char err[ERR_MAX];
	int64_t id;
	int ok;

	ok = named(r, "name", &id) && action && ((strcmp(action, "add") == 0 &&
	    rota_join(r->gate, id, err) == 0) || (strcmp(action, "remove") ==
	    0 && rota_leave(r->gate, id, err) == 0));
	req_redirect(r, ok ? "/rota?done=rota-saved" :
	    "/rota?error=rota-refused");
}

/* POST /rota/swap: with, on: ask to swap */
void
rota_swap_post(struct req *r)
{
	const char *on = req_form(r, "on");
	char err[ERR_MAX];
	int64_t other, day;
	int ok;

	int64_t id;

	ok = named(r, "with", &other) && on && (day = training_parse_date(on))
	    > 0 && rota_swap_ask(r->gate, other, day, &id, err) == 0;
	req_redirect(r, ok ? "/rota?done=swap-asked" :
	    "/rota?error=rota-refused");
}

/* POST /rota/swaps/{id}/answer: answer (yes or no) */
void
rota_swap_answer_post(struct req *r)
{
	const char *a = req_form(r, "answer");
	char err[ERR_MAX];
	int yes = a && strcmp(a, "yes") == 0;

	req_redirect(r, a && (yes || strcmp(a, "no") == 0) &&
	    rota_swap_answer(r->gate, req_param(r, "id"), yes, err) == 0 ?
	    (yes ? "/rota?done=swapped" : "/rota?done=swap-declined") :
	    "/rota?error=swap-refused");
}

/* POST /rota/cover: name, for, on */
void
rota_cover_post(struct req *r)
{
	const char *on = req_form(r, "on");
	char err[ERR_MAX];
	int64_t in, out, day;
	int ok;

	ok = named(r, "name", &in) && named(r, "for", &out) && on &&
	    (day = training_parse_date(on)) > 0 && rota_cover(r->gate, in, out,
	    day, err) == 0;
	req_redirect(r, ok ? "/rota?done=rota-saved" :
	    "/rota?error=rota-refused");
}

/* POST /rota/caps: daily, weekly, near */
void
rota_caps_post(struct req *r)
{
	const char *d = req_form(r, "daily"), *w = req_form(r, "weekly"),
	    *n = req_form(r, "near");
	char err[ERR_MAX];
	long long dv, wv, nv;
	int ok;

	ok = d && w && n && util_parse_int(d, 1, 1000, &dv) == 0 &&
	    util_parse_int(w, 1, 7000, &wv) == 0 && util_parse_int(n, 10, 99,
	    &nv) == 0 && exposure_caps_set(r->gate, (int)dv, (int)wv, (int)nv,
	    err) == 0;
	req_redirect(r, ok ? "/rota?done=caps-saved" : "/rota?error=invalid");
}

/* GET /rota.ics: the next 12 shifts as iCalendar */
void
rota_ics(struct req *r)
{
	if (rota_ical(r->db, util_now(), 12, &r->out) != 0) {
		buf_reset(&r->out);
		req_fail(r, 500, "The rota could not be read.");
		return;
	}
	r->status = 200;
	r->ctype = "text/calendar; charset=utf-8";
}

/* On an incident's page: who leads it and, for the lead near or at a cap,
** the suggestion to hand it off; the lead or an admin may hand it off. */
void
wellbeing_lead_panel(struct req *r, int64_t incident, int open)
{
	struct exposure_status st;
	char name[72];
	int64_t lead = 0;

	if (mods_incident_lead(r->db, incident, &lead, name, sizeof(name)) !=
	    DB_ROW)
		return;
	html_printf(&r->out, "<p class=\"lead\">%s%s%s</p>\n", lead ? "Led by "
	    : "Nobody leads it yet: nobody on the rota could take it when it "
	    "opened.", lead ? name : "", lead ? "." : "");
	if (!open || (lead != r->user.id && role_parse(r->user.role) <
	    ROLE_ADMIN))
		return;
	if (lead == r->user.id && exposure_status_get(r->db, r->user.id,
	    util_now(), &st) == 0 && st.level != EXPOSURE_FINE)
		html_printf(&r->out, "<div class=\"notice\" role=\"status\">You "
		    "are %s of what you read. Consider handing this incident "
		    "off: the rota picks someone on call who can take it.</div>\n",
		    exposure_level_name(st.level));
	html_printf(&r->out, "<form method=\"post\" action=\"/incidents/%lld/"
	    "handoff\">", (long long)incident);
	page_csrf_field(r);
	html_printf(&r->out, "<button type=\"submit\" class=\"secondary\">Hand "
	    "off%s</button></form>\n", lead ? "" : ": find someone now");
}

/* POST /wellbeing/check: q0 .. q4 */
void
wellbeing_check_post(struct req *r)
{
	char err[ERR_MAX], name[4];
	const char *v;
	long long x;
	int a[SELFCHECK_ITEMS], i, score;

	for (i = 0; i < SELFCHECK_ITEMS; i++) {
		snprintf(name, sizeof(name), "q%d", i);
		if ((v = req_form(r, name)) == NULL || util_parse_int(v, 0, 4,
		    &x) != 0) {
			req_redirect(r, "/wellbeing?error=invalid#sc");
			return;
		}
		a[i] = (int)x;
	}
	req_redirect(r, selfcheck_record(r->gate, a, &score, err) == 0 ?
	    "/wellbeing?done=self-check#sc" : "/wellbeing?error=invalid#sc");
}

struct dlist_ctx {
	struct req *r;
	int n;
};

static int
debrief_row_html(void *ctx, const struct debrief_row *d)
{
	struct dlist_ctx *l = ctx;
	char when[32], what[48];

	util_format_time(d->held_at, when, sizeof(when));
	if (d->incident_id)
		snprintf(what, sizeof(what), "After incident %lld",
		    (long long)d->incident_id);
	else
		snprintf(what, sizeof(what), "The team's");
	html_printf(&l->r->out, "<tr><td><a href=\"/debriefs/%lld\">%s</a>"
	    "</td><td>%s</td><td>%d</td><td>%s</td></tr>\n", (long long)d->id,
	    what, when, d->entries, d->mine ? "written" : d->involved ?
	    "not yet" : "not yours to write");
	l->n++;
	return 0;
}

/* GET /debriefs */
void
debriefs_page(struct req *r)
{
	struct dlist_ctx l = { r, 0 };
	char when[32];
	int64_t at;
	int every;

	if (debrief_slot(r->db, util_now(), 1, &at, &every) != 0) {
		req_fail(r, 500, "The debriefs could not be read.");
		return;
	}
	util_format_time(at, when, sizeof(when));
	page_begin(r, "Debriefs", "/debriefs");
	page_notice(r);
	html_printf(&r->out, "<h1>Debriefs</h1><p class=\"lede\">The team "
	    "meets every %d days, and after every incident those involved "
	    "meet too. Each of you writes what happened, what was hard, what "
	    "helped and what to change for the team, and a reflection that "
	    "only you can ever read.</p>\n<p>The next team debrief: <strong>"
	    "%s</strong>. <a href=\"/debriefs.ics\">Add it to your calendar"
	    "</a> &middot; <a href=\"/debriefs/team\">Write yours for the "
	    "team's debrief</a></p>\n", every, when);
	html_printf(&r->out, "<table class=\"list\"><caption>Debriefs, newest "
	    "first</caption><thead><tr><th scope=\"col\">Debrief</th><th "
	    "scope=\"col\">When</th><th scope=\"col\">Entries</th><th scope=\""
	    "col\">Yours</th></tr></thead><tbody>\n");
	mods_debriefs_each(r->db, r->user.id, debrief_row_html, &l);
	if (l.n == 0)
		html_printf(&r->out, "<tr><td colspan=\"4\">No debrief yet."
		    "</td></tr>\n");
	html_printf(&r->out, "</tbody></table>\n<form method=\"post\" "
	    "action=\"/debriefs/lessons\">");
	page_csrf_field(r);
	html_printf(&r->out, "<button type=\"submit\" class=\"secondary\">"
	    "Read the lessons the team keeps</button></form>\n<section class="
	    "\"panel\" aria-labelledby=\"sched\"><h2 id=\"sched\">The "
	    "team's schedule</h2><form class=\"stack\" method=\"post\" "
	    "action=\"/debriefs/schedule\">");
	page_csrf_field(r);
	html_printf(&r->out, "<label for=\"every\">Every (days)</label><input "
	    "id=\"every\" name=\"every\" type=\"number\" min=\"7\" max=\"56\" "
	    "value=\"%d\" required><label for=\"first\">From (UTC)</label>"
	    "<input id=\"first\" name=\"first\" type=\"datetime-local\" "
	    "aria-describedby=\"first-hint\"><p class=\"hint\" id=\"first-"
	    "hint\">Leave empty to keep the day and hour.</p><button type=\""
	    "submit\">Save the schedule</button></form></section>\n", every);
	page_end(r);
}

/* GET /debriefs.ics */
void
debriefs_ics(struct req *r)
{
	if (debrief_ical(r->db, util_now(), &r->out) != 0) {
		buf_reset(&r->out);
		req_fail(r, 500, "The schedule could not be read.");
		return;
	}
	r->status = 200;
	r->ctype = "text/calendar; charset=utf-8";
}

/* POST /debriefs/schedule: every, first (a datetime-local, UTC) */
void
debriefs_schedule_post(struct req *r)
{
	const char *e = req_form(r, "every"), *f = req_form(r, "first");
	char err[ERR_MAX], t[40];
	long long every;
	int64_t first = 0, at;
	int old;

	if (mods_debrief_schedule_get(r->db, &old, &first) != 0 || e == NULL ||
	    util_parse_int(e, 7, 56, &every) != 0) {
		req_redirect(r, "/debriefs?error=invalid");
		return;
	}
	if (f && f[0]) {
		snprintf(t, sizeof(t), "%s:00Z", f);
		if (strlen(f) != 16 || record_time_rfc3339(t, &at) != 0 ||
		    at <= 0) {
			req_redirect(r, "/debriefs?error=invalid");
			return;
		}
		first = at;
	}
	req_redirect(r, debrief_schedule(r->gate, (int)every, first, err) == 0 ?
	    "/debriefs?done=schedule" : "/debriefs?error=invalid");
}

/* The words of one's own entry in debrief, opened for oneself. */
struct own_ctx {
	struct req *r;
	json_t *shared;
	char *reflection;
	int shown_flag;
};

static int
own_entry(void *ctx, const struct debrief_entry *e)
{
	struct own_ctx *o = ctx;
	char err[ERR_MAX], *text;

	o->shown_flag = e->shown;
	if (e->shared && (text = gate_open_own(o->r->gate,
	    SEALED_DEBRIEF_SHARED, e->id, e->shared, e->shared_n, err))) {
		o->shared = json_loads(text, 0, NULL);
		gate_wipe(text);
	}
	if (e->private_)
		o->reflection = gate_open_own(o->r->gate,
		    SEALED_DEBRIEF_PRIVATE, e->id, e->private_, e->private_n,
		    err);
	return 0;
}

static const char *
field_of(json_t *o, const char *k)
{
	const char *v = o ? json_string_value(json_object_get(o, k)) : NULL;

	return v ? v : "";
}

/* The form of one's entry in debrief (0: the team's current one),
** posting to action. */
static void
entry_form(struct req *r, int64_t debrief, const char *action)
{
	struct own_ctx o = { r, NULL, NULL, 0 };
	static const char *const fields[4][2] = {
		{ "happened", "What happened" },
		{ "hard", "What was hard" },
		{ "helped", "What helped" },
		{ "change", "What to change" },
	};
	int i;

	if (debrief)
		mods_entries_each(r->db, debrief, r->user.id, own_entry, &o);
	html_printf(&r->out, "<form class=\"stack\" method=\"post\" action="
	    "\"%s\">", action);
	page_csrf_field(r);
	html_printf(&r->out, "<fieldset><legend>For the team</legend>");
	for (i = 0; i < 4; i++)
		html_printf(&r->out, "<label for=\"%s\">%s</label><textarea "
		    "id=\"%s\" name=\"%s\" rows=\"3\" maxlength=\"4000\">%s"
		    "</textarea>", fields[i][0], fields[i][1], fields[i][0],
		    fields[i][0], field_of(o.shared, fields[i][0]));
	html_printf(&r->out, "</fieldset><label for=\"reflection\">A reflection "
	    "for yourself alone</label><textarea id=\"reflection\" name=\""
	    "reflection\" rows=\"4\" maxlength=\"4000\" aria-describedby=\""
	    "reflection-hint\">%s</textarea><p class=\"hint\" id=\""
	    "reflection-hint\">Sealed so that only you can ever open it; "
	    "nobody else can, admins included.</p><label class=\"check\">"
	    "<input type=\"checkbox\" name=\"shown\" value=\"yes\"%s> Let the "
	    "team see that I took part</label><button type=\"submit\">"
	    "Keep my entry</button></form>\n", o.reflection ? o.reflection :
	    "", o.shown_flag ? " checked" : "");
	json_decref(o.shared);
	gate_wipe(o.reflection);
}

static void
words_of(struct req *r, struct debrief_words *w)
{
	w->happened = req_form(r, "happened");
	w->hard = req_form(r, "hard");
	w->helped = req_form(r, "helped");
	w->change = req_form(r, "change");
	w->reflection = req_form(r, "reflection");
	w->shown = req_form(r, "shown") != NULL && strcmp(req_form(r,
	    "shown"), "yes") == 0;
}

/* GET /debriefs/team */
void
debrief_team_page(struct req *r)
{
	char err[ERR_MAX], when[32];
	int64_t id, at;
	int every;

	if (debrief_team_current(r->gate, &id, err) != 0 ||
	    debrief_slot(r->db, util_now(), 0, &at, &every) != 0) {
		req_fail(r, 500, "The debriefs could not be read.");
		return;
	}
	util_format_time(at, when, sizeof(when));
	page_begin(r, "The team's debrief", "/debriefs");
	page_notice(r);
	html_printf(&r->out, "<h1>The team's debrief of %s</h1><p class=\"lede"
	    "\">Write what you choose to share with the team, and, if you "
	    "like, a reflection for yourself. <a href=\"/debriefs\">All "
	    "debriefs</a></p>\n", when);
	entry_form(r, id, "/debriefs/team");
	page_end(r);
}

/* POST /debriefs/team */
void
debrief_team_post(struct req *r)
{
	struct debrief_words w;
	char err[ERR_MAX];

	words_of(r, &w);
	req_redirect(r, debrief_write(r->gate, 0, &w, err) == 0 ?
	    "/debriefs?done=debrief-kept" : "/debriefs/team?error=invalid");
}

static int
person_item(void *ctx, int64_t user, const char *name)
{
	(void)user;
	html_printf(&((struct req *)ctx)->out, "<li>%s</li>", name);
	return 0;
}

/* The page of debrief id; read: with the team's entries opened. */
static void
render_debrief(struct req *r, int read);

/* GET /debriefs/{id} */
void
debrief_page(struct req *r)
{
	render_debrief(r, 0);
}

/* POST /debriefs/{id}/read */
void
debrief_read_post(struct req *r)
{
	render_debrief(r, 1);
}

#define LESSONS_OPENED 50	/* entries opened for the lessons at most */

struct read_ctx {
	struct req *r;
	int lessons;		/* only what helped and what to change */
	int n;
};

static int
team_entry(void *ctx, const struct debrief_entry *e)
{
	struct read_ctx *c = ctx;
	struct req *r = c->r;
	char err[ERR_MAX] = "", *text;
	json_t *o;

	/* each opening counts as exposure: the newest lessons only */
	if (e->shared == NULL || (c->lessons && c->n >= LESSONS_OPENED))
		return 0;
	text = gate_open(r->gate, SEALED_DEBRIEF_SHARED, e->id, e->shared,
	    e->shared_n, err);
	if (text == NULL) {
		html_printf(&r->out, "<p class=\"hint\">An entry could not be "
		    "opened: %s.</p>", err);
		return 0;
	}
	o = json_loads(text, 0, NULL);
	gate_wipe(text);
	if (c->lessons) {
		if (field_of(o, "helped")[0])
			html_printf(&r->out, "<li><strong>Helped</strong> (debrief "
			    "%lld): %s</li>", (long long)e->debrief_id,
			    field_of(o, "helped"));
		if (field_of(o, "change")[0])
			html_printf(&r->out, "<li><strong>To change</strong> "
			    "(debrief %lld): %s</li>", (long long)e->debrief_id,
			    field_of(o, "change"));
	} else
		html_printf(&r->out, "<article class=\"panel\"><h3>%s</h3><dl "
		    "class=\"facts\"><dt>What happened</dt><dd>%s</dd><dt>What "
		    "was hard</dt><dd>%s</dd><dt>What helped</dt><dd>%s</dd><dt>"
		    "What to change</dt><dd>%s</dd></dl></article>\n", e->shown ?
		    e->name : "Someone on the team",
		    field_of(o, "happened"), field_of(o, "hard"), field_of(o,
		    "helped"), field_of(o, "change"));
	json_decref(o);
	c->n++;
	return 0;
}

static int
shown_name(void *ctx, const struct debrief_entry *e)
{
	struct read_ctx *t = ctx;

	if (e->shown)
		html_printf(&t->r->out, "%s%s", t->n++ ? ", " : "", e->name);
	return 0;
}

static void
render_debrief(struct req *r, int read)
{
	struct debrief_row d;
	struct read_ctx c = { r, 0, 0 };
	char when[32], title[64], action[48];
	int64_t id = req_param(r, "id");

	if (mods_debrief_get(r->db, id, r->user.id, &d) != DB_ROW) {
		req_fail(r, 404, "There is no such debrief.");
		return;
	}
	util_format_time(d.held_at, when, sizeof(when));
	if (d.incident_id)
		snprintf(title, sizeof(title), "Debrief after incident %lld",
		    (long long)d.incident_id);
	else
		snprintf(title, sizeof(title), "The team's debrief");
	page_begin(r, title, "/debriefs");
	page_notice(r);
	html_printf(&r->out, "<h1>%s</h1><p class=\"lede\">%s. %d entr%s "
	    "written. <a href=\"/debriefs\">All debriefs</a></p>\n", title,
	    when, d.entries, d.entries == 1 ? "y" : "ies");
	if (d.incident_id) {
		html_printf(&r->out, "<p>For those involved:</p><ul>");
		mods_debrief_people_each(r->db, d.id, person_item, r);
		html_printf(&r->out, "</ul>\n");
	}
	{
		struct read_ctx t = { r, 0, 0 };
		html_printf(&r->out, "<p>Took part and chose to let the team "
		    "see it: ");
		mods_entries_each(r->db, d.id, 0, shown_name, &t);
		html_printf(&r->out, "%s.</p>\n", t.n ? "" : "nobody yet");
	}
	if (read && !d.involved && role_parse(r->user.role) < ROLE_ADMIN) {
		html_printf(&r->out, "<p>What was written stays with those "
		    "involved in incident %lld.</p>\n", (long long)d.incident_id);
	} else if (read) {
		html_printf(&r->out, "<section aria-labelledby=\"entries\"><h2 "
		    "id=\"entries\">What the team wrote</h2>");
		mods_entries_each(r->db, d.id, 0, team_entry, &c);
		if (c.n == 0)
			html_printf(&r->out, "<p>Nobody has shared anything "
			    "yet.</p>");
		html_printf(&r->out, "</section>\n");
	} else if (d.entries > 0 && (d.involved || role_parse(r->user.role) >=
	    ROLE_ADMIN)) {
		html_printf(&r->out, "<form method=\"post\" action=\"/debriefs/"
		    "%lld/read\">", (long long)d.id);
		page_csrf_field(r);
		html_printf(&r->out, "<button type=\"submit\" class=\"secondary"
		    "\">Read what the team wrote</button></form>\n");
	}
	if (d.involved || role_parse(r->user.role) >= ROLE_ADMIN) {
		html_printf(&r->out, "<h2>Your entry</h2>");
		snprintf(action, sizeof(action), "/debriefs/%lld/entry",
		    (long long)d.id);
		entry_form(r, d.id, action);
	}
	page_end(r);
}

/* POST /debriefs/{id}/entry */
void
debrief_entry_post(struct req *r)
{
	struct debrief_words w;
	char err[ERR_MAX], to[64];
	int64_t id = req_param(r, "id");
	int ok;

	words_of(r, &w);
	ok = debrief_write(r->gate, id, &w, err) == 0;
	snprintf(to, sizeof(to), "/debriefs/%lld?%s", (long long)id, ok ?
	    "done=debrief-kept" : "error=invalid");
	req_redirect(r, to);
}

/* POST /debriefs/lessons: what helped and what to change, from every
** debrief, opened through the gateway */
void
debriefs_lessons_post(struct req *r)
{
	struct read_ctx c = { r, 1, 0 };

	page_begin(r, "Lessons the team keeps", "/debriefs");
	html_printf(&r->out, "<h1>Lessons the team keeps</h1><p class=\"lede\">"
	    "What helped and what to change, from the newest debriefs. <a "
	    "href=\"/debriefs\">All debriefs</a></p><ul>\n");
	mods_entries_each(r->db, 0, 0, team_entry, &c);
	if (c.n == 0)
		html_printf(&r->out, "<li>No lesson yet.</li>");
	html_printf(&r->out, "</ul>\n");
	page_end(r);
}

/* POST /wellbeing/session: date, cost */
void
wellbeing_session_post(struct req *r)
{
	const char *d = req_form(r, "date");
	char err[ERR_MAX];
	int64_t on, cost;
	int ok;

	ok = d && (on = training_parse_date(d)) > 0 && care_parse_money(
	    req_form(r, "cost"), &cost) == 0 && support_session(r->gate, on,
	    cost, err) == 0;
	req_redirect(r, ok ? "/wellbeing?done=covered#sup" :
	    "/wellbeing?error=session-refused#sup");
}

/* POST /support: name, kind, contact, languages, note */
void
support_add_post(struct req *r)
{
	struct mod_support_row s;
	char err[ERR_MAX];
	int64_t id;

	support_fill(&s, req_form(r, "name"), req_form(r, "kind"),
	    req_form(r, "contact"), req_form(r, "languages"), req_form(r,
	    "note"));
	req_redirect(r, support_add(r->gate, &s, &id, err) == 0 ?
	    "/wellbeing?done=support#sup" : "/wellbeing?error=invalid#sup");
}

/* POST /support/{id}/remove */
void
support_remove_post(struct req *r)
{
	char err[ERR_MAX];

	req_redirect(r, support_remove(r->gate, req_param(r, "id"), err) == 0 ?
	    "/wellbeing?done=support#sup" : "/wellbeing?error=invalid#sup");
}

/* POST /support/budget: amount, currency */
void
support_budget_post(struct req *r)
{
	char err[ERR_MAX];
	int64_t amount;
	int ok;

	ok = care_parse_money(req_form(r, "amount"), &amount) == 0 &&
	    support_budget_set(r->gate, amount, req_form(r, "currency"), err) ==
	    0;
	req_redirect(r, ok ? "/wellbeing?done=support#sup" :
	    "/wellbeing?error=invalid#sup");
}

/* GET /thanks */
void
thanks_page(struct req *r)
{
	page_begin(r, "Say thank you", "/thanks");
	page_notice(r);
	html_printf(&r->out, "<h1>Say thank you</h1><p class=\"lede\">The "
	    "people who keep this place safe read hard things so that others "
	    "do not have to. A few words reach them on their own page.</p>\n"
	    "<form class=\"stack\" method=\"post\" action=\"/thanks\">");
	page_csrf_field(r);
	html_printf(&r->out, "<label for=\"to\">To</label><input id=\"to\" "
	    "name=\"to\" maxlength=\"64\" aria-describedby=\"to-hint\"><p "
	    "class=\"hint\" id=\"to-hint\">The name of someone on the team, "
	    "or leave it empty to thank the whole team.</p><label for=\""
	    "message\">Your words</label><textarea id=\"message\" name=\""
	    "message\" rows=\"4\" maxlength=\"%d\" required></textarea><label "
	    "class=\"check\"><input type=\"checkbox\" name=\"anonymous\" "
	    "value=\"yes\"> Do not say who I am</label><button type=\"submit"
	    "\">Send my thanks</button></form>\n", THANKS_MAX);
	page_end(r);
}

/* POST /thanks: to, message, anonymous */
void
thanks_post(struct req *r)
{
	const char *anon = req_form(r, "anonymous");
	char err[ERR_MAX];

	req_redirect(r, thanks_send(r->gate, req_form(r, "to"), req_form(r,
	    "message"), anon && strcmp(anon, "yes") == 0, err) == 0 ?
	    "/thanks?done=thanked" : "/thanks?error=thanks-refused");
}
