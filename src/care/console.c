/*
** console.c: the care pages.  See console.h.
*/
#include "console.h"

#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../admin/roles.h"
#include "../core/gate.h"
#include "../healing/measures.h"
#include "../prevention/pseudonym.h"
#include "../prevention/training.h"
#include "../response/console.h"
#include "../response/outreach.h"
#include "../store/accounts.h"
#include "../store/care.h"
#include "../store/community.h"
#include "../store/db.h"
#include "../store/response.h"
#include "../util/util.h"
#include "../web/html.h"
#include "../web/server.h"
#include "case.h"
#include "holder.h"
#include "peers.h"
#include "remind.h"
#include "checkin.h"
#include "help.h"
#include "message.h"
#include "prefs.h"

/* Who the signed-in person is for the care pages: a supporter sees the
** cases they hold, a moderator or admin every case. */
static int64_t
holder_filter(const struct req *r)
{
	return role_parse(r->user.role) >= ROLE_MODERATOR ? 0 : r->user.id;
}

static void
back_to(struct req *r, const char *path, int64_t id, const char *what,
    int ok)
{
	char loc[96];

	snprintf(loc, sizeof(loc), "%s%lld?%s=%s", path, (long long)id,
	    ok ? "done" : "error", what);
	req_redirect(r, loc);
}

struct list_ctx {
	struct req *r;
	int n;
	const char *zone;
};

static int
due_row(void *ctx, const struct care_due *d)
{
	struct list_ctx *c = ctx;
	char when[40];

	util_format_time(d->due_at, when, sizeof(when));
	html_printf(&c->r->out, "<tr><td><a href=\"/care/%lld\">%s</a></td>"
	    "<td>%s</td><td>%s%s</td><td>%s</td><td>%s</td></tr>\n",
	    (long long)d->case_id, d->pseudonym, d->label, when,
	    d->due_at + 2 * 86400 < util_now() ? " (overdue)" : "",
	    d->channel, d->supporter[0] ? d->supporter : "nobody");
	c->n++;
	return 0;
}

static int
case_row(void *ctx, const struct care_case *cs)
{
	struct list_ctx *c = ctx;
	char next[40] = "none planned";

	if (cs->next_due)
		util_format_time(cs->next_due, next, sizeof(next));
	html_printf(&c->r->out, "<tr><td><a href=\"/care/%lld\">Case %lld</a>"
	    "</td><td>%s</td><td>%s</td><td><span class=\"badge%s\">%s</span>"
	    "</td><td>%s%s</td></tr>\n", (long long)cs->id, (long long)cs->id,
	    cs->pseudonym, cs->supporter[0] ? cs->supporter : "nobody",
	    cs->closed_at ? "" : " ok", cs->closed_at ? "closed" : "open",
	    cs->closed_at ? "-" : next, cs->overdue ? " (overdue)" : "");
	c->n++;
	return 0;
}

struct who_ctx {
	struct req *r;
	int64_t skip;
	int n;
};

/* The people who may hold a case, as <option>s. */
static int
holder_option(void *ctx, const struct user *u)
{
	struct who_ctx *w = ctx;

	if (u->id == w->skip || care_user_may_support(w->r->db, u->id,
	    util_now()) != 1)
		return 0;
	html_printf(&w->r->out, "<option value=\"%s\">%s (%s)</option>",
	    u->name, u->name, u->role);
	w->n++;
	return 0;
}

/* A case whose holder may no longer hold it. */
static int
orphan_item(void *ctx, const struct care_case *cs)
{
	struct list_ctx *c = ctx;

	c->n++;
	html_printf(&c->r->out, "<li><a href=\"/care/%lld\">Care case %lld"
	    "</a>, held by %s</li>", (long long)cs->id, (long long)cs->id,
	    cs->supporter);
	return 0;
}

/* Where the viewer is reminded of the check-ins they hold. */
static void
reminder_form(struct req *r)
{
	int on = care_reminder_on(r->db, r->user.id);

	html_printf(&r->out, "<section class=\"panel\" aria-labelledby=\""
	    "reminders\"><h2 id=\"reminders\">Reminders</h2><p>%s</p><form "
	    "class=\"stack\" method=\"post\" action=\"/care/reminders\">",
	    on == 1 ? "You get an e-mail, at most once a day, when check-ins "
	    "you hold are due. It says how many, never who." : "Give an "
	    "address to get an e-mail, at most once a day, when check-ins you "
	    "hold are due. It says how many, never who.");
	page_csrf_field(r);
	html_printf(&r->out, "<label for=\"remind-email\">Your e-mail address"
	    "%s</label><input id=\"remind-email\" name=\"email\" type=\"email"
	    "\" maxlength=\"254\" autocomplete=\"email\"><button type=\"submit"
	    "\">%s</button></form></section>\n", on == 1 ? " (kept sealed; "
	    "leave empty to stop)" : " (kept sealed)", on == 1 ? "Save" :
	    "Remind me");
}

/* POST /care/reminders: email (empty: stop) */
void
care_reminders_post(struct req *r)
{
	const char *email = req_form(r, "email");
	char err[ERR_MAX];

	if (care_reminder_set(r->gate, r->user.id, email, err) != 0) {
		req_redirect(r, "/care?error=reminder-invalid");
		return;
	}
	req_redirect(r, email && *email ? "/care?done=reminders" :
	    "/care?done=reminders-off");
}

/* GET /care: the check-ins due within a day, and the cases. */
void
care_page(struct req *r)
{
	struct list_ctx c = { r, 0, NULL };
	struct who_ctx w = { r, 0, 0 };
	int64_t mine = holder_filter(r);

	page_begin(r, "Care", "/care");
	page_notice(r);
	html_printf(&r->out, "<h1>Care</h1><p class=\"lede\">Sustained "
	    "support of members affected by a leak: one person holds each "
	    "case, and check-ins follow what the member chose. Nobody is "
	    "contacted who asked not to be.</p>\n<table class=\"list\"><caption>"
	    "Check-ins due by tomorrow%s</caption><thead><tr><th scope=\"col\">"
	    "Member</th><th scope=\"col\">Plan</th><th scope=\"col\">Due</th>"
	    "<th scope=\"col\">Channel</th><th scope=\"col\">Held by</th></tr>"
	    "</thead><tbody>\n", mine ? ", yours" : "");
	if (care_due_each(r->db, util_now() + 86400, mine, due_row, &c) != 0)
		html_printf(&r->out, "<tr><td colspan=\"5\">The check-ins could "
		    "not be read.</td></tr>\n");
	else if (c.n == 0)
		html_printf(&r->out, "<tr><td colspan=\"5\">No check-in is due."
		    "</td></tr>\n");
	html_printf(&r->out, "</tbody></table>\n<table class=\"list\"><caption>"
	    "%s, open ones first</caption><thead><tr><th scope=\"col\">Case"
	    "</th><th scope=\"col\">Member</th><th scope=\"col\">Held by</th>"
	    "<th scope=\"col\">Status</th><th scope=\"col\">Next check-in</th>"
	    "</tr></thead><tbody>\n", mine ? "Your cases" : "Every case");
	c.n = 0;
	if (care_cases_each(r->db, mine, 0, 1, util_now(), case_row, &c) != 0)
		html_printf(&r->out, "<tr><td colspan=\"5\">The cases could not "
		    "be read.</td></tr>\n");
	else if (c.n == 0)
		html_printf(&r->out, "<tr><td colspan=\"5\">There is no case."
		    "</td></tr>\n");
	html_printf(&r->out, "</tbody></table>\n");
	if (role_parse(r->user.role) >= ROLE_MODERATOR) {
		c.n = 0;
		html_printf(&r->out, "<section class=\"panel warn\" aria-"
		    "labelledby=\"orphans\"><h2 id=\"orphans\">Cases that need "
		    "a new holder</h2><p>Their holder can no longer hold them "
		    "(the account is disabled, the role changed, or the "
		    "training lapsed). Please hand each one over, so nobody is "
		    "dropped.</p><ul>");
		if (care_orphans_each(r->db, util_now(), orphan_item, &c) != 0)
			html_printf(&r->out, "<li>The cases could not be read."
			    "</li>");
		else if (c.n == 0)
			html_printf(&r->out, "<li>None: every open case has a "
			    "holder.</li>");
		html_printf(&r->out, "</ul></section>\n");
	}
	html_printf(&r->out, "<p><a href=\"/care/peers\">Peer supporters"
	    "</a>: members who have been through a leak and offer to talk "
	    "with others.</p>\n");
	reminder_form(r);
	if (role_parse(r->user.role) >= ROLE_MODERATOR) {
		html_printf(&r->out, "<section class=\"panel\"><h2>Open a care "
		    "case</h2><form class=\"stack\" method=\"post\" action=\""
		    "/care\">");
		page_csrf_field(r);
		html_printf(&r->out, "<label for=\"member\">Member (pseudonym)"
		    "</label><input id=\"member\" name=\"member\" required "
		    "maxlength=\"64\"><label for=\"holder\">Held by</label>"
		    "<select id=\"holder\" name=\"supporter\" aria-describedby="
		    "\"holder-hint\">");
		accounts_user_list(r->db, holder_option, &w);
		html_printf(&r->out, "</select><p class=\"hint\" id=\"holder-hint"
		    "\">A supporter, or a moderator whose training is current.%s"
		    "</p><label for=\"incident\">Incident (number, optional)"
		    "</label><input id=\"incident\" name=\"incident\" inputmode="
		    "\"numeric\" pattern=\"[0-9]*\" maxlength=\"18\"><button type="
		    "\"submit\">Open the case</button></form></section>\n",
		    w.n ? "" : " Nobody can hold a case yet.");
	}
	page_end(r);
}

/* POST /care: member, supporter, incident */
void
care_open_post(struct req *r)
{
	const char *m = req_form(r, "member"), *s = req_form(r, "supporter"),
	    *inc = req_form(r, "incident");
	char err[ERR_MAX];
	struct user u;
	long long incident = 0;
	int64_t member, id;

	if (m == NULL || s == NULL || (inc && *inc && util_parse_int(inc, 1,
	    INT64_MAX, &incident) != 0)) {
		req_redirect(r, "/care?error=invalid");
		return;
	}
	if (pseudonym_member(r->db, m, &member) != 1) {
		req_redirect(r, "/care?error=unknown-member");
		return;
	}
	if (accounts_user_by_name(r->db, s, &u) != DB_ROW ||
	    care_open(r->gate, member, u.id, incident, &id, err) != 0) {
		req_redirect(r, "/care?error=care-refused");
		return;
	}
	back_to(r, "/care/", id, "care-opened", 1);
}

struct case_ctx {
	struct req *r;
	const struct care_case *cs;
	const char *zone;
	int n, act, contact;
};

static int
checkin_row(void *ctx, const struct care_checkin *k)
{
	struct case_ctx *c = ctx;
	struct req *r = c->r;
	char utc[40], local[96], was[40] = "";

	util_format_time(k->due_at, utc, sizeof(utc));
	checkin_local(k->due_at, c->zone, local, sizeof(local));
	if (k->moved_from)
		util_format_time(k->moved_from, was, sizeof(was));
	html_printf(&r->out, "<tr><td>%s</td><td>%s<br><span class=\"aside\">"
	    "%s for them</span>%s%s%s</td><td><span class=\"badge%s\">%s</span>"
	    "%s%s</td><td>", k->label, utc, local, was[0] ? "<br><span class="
	    "\"aside\">moved from " : "", was, was[0] ? "</span>" : "",
	    strcmp(k->status, "done") == 0 ? " ok" : strcmp(k->status,
	    "planned") == 0 && k->due_at < util_now() ? " warn" : "", k->status,
	    k->done_by[0] ? ", by " : "", k->done_by);
	if (c->act && strcmp(k->status, "planned") == 0) {
		html_printf(&r->out, "<form class=\"stack\" method=\"post\" "
		    "action=\"/checkins/%lld/done\">", (long long)k->id);
		page_csrf_field(r);
		html_printf(&r->out, "<label for=\"note-%lld\">Note (optional, "
		    "sealed; no clinical detail)</label><textarea id=\"note-%lld\" "
		    "name=\"note\" rows=\"2\" maxlength=\"8000\"></textarea>"
		    "<button type=\"submit\">Done: check-in %lld</button></form>"
		    "<form class=\"inline\" method=\"post\" action=\"/checkins/"
		    "%lld/move\">", (long long)k->id, (long long)k->id,
		    (long long)k->id, (long long)k->id);
		page_csrf_field(r);
		html_printf(&r->out, "<label for=\"to-%lld\">Move to (UTC)</label>"
		    "<input id=\"to-%lld\" name=\"to\" type=\"datetime-local\" "
		    "required><button type=\"submit\" class=\"secondary\">Move"
		    "</button></form><form class=\"inline\" method=\"post\" action="
		    "\"/checkins/%lld/skip\">", (long long)k->id, (long long)k->id,
		    (long long)k->id);
		page_csrf_field(r);
		html_printf(&r->out, "<button type=\"submit\" class=\"secondary\">"
		    "Skip check-in %lld</button></form>", (long long)k->id);
		if (c->contact) {
			html_printf(&r->out, "<form class=\"inline\" method=\""
			    "post\" action=\"/checkins/%lld/draft\">",
			    (long long)k->id);
			page_csrf_field(r);
			html_printf(&r->out, "<button type=\"submit\" class=\""
			    "secondary\">Draft a message for check-in %lld"
			    "</button></form>", (long long)k->id);
		}
	}
	html_printf(&r->out, "</td></tr>\n");
	c->n++;
	return 0;
}

/* A check-in's note, opened through the gateway for the reveal. */
static int
checkin_note(void *ctx, const struct care_checkin *k)
{
	struct case_ctx *c = ctx;
	char err[ERR_MAX], when[40], *text = NULL;
	void *sealed = NULL;
	size_t n = 0;

	if (!k->has_note)
		return 0;
	if (care_checkin_note_get(c->r->db, k->id, &sealed, &n) == 0 && sealed)
		text = gate_open(c->r->gate, SEALED_FOLLOWUP_NOTES, k->id, sealed,
		    n, err);
	free(sealed);
	util_format_time(k->done_at ? k->done_at : k->due_at, when,
	    sizeof(when));
	html_printf(&c->r->out, "<h3>Check-in %s, %s</h3><pre class=\""
	    "message\">%s</pre>", k->label, when, text ? text :
	    "(the note could not be opened)");
	gate_wipe(text);
	return 0;
}

static int
message_row(void *ctx, const struct care_message *m)
{
	struct case_ctx *c = ctx;
	struct req *r = c->r;
	char when[40];

	util_format_time(m->sent_at ? m->sent_at : m->created_at, when,
	    sizeof(when));
	html_printf(&r->out, "<tr><td>Message %lld, %s (%s, %s)</td><td><span "
	    "class=\"badge%s\">%s</span>%s%s</td><td>%s</td><td>",
	    (long long)m->id, when, m->channel, m->lang, strcmp(m->status,
	    "sent") == 0 ? " ok" : strcmp(m->status, "failed") == 0 ? " warn" :
	    "", m->status, m->error[0] ? ": " : "", m->error, m->replied_at ?
	    "yes" : "no");
	if (c->act && strcmp(m->status, "sent") != 0) {
		html_printf(&r->out, "<form method=\"post\" action=\"/care-"
		    "messages/%lld/open\">", (long long)m->id);
		page_csrf_field(r);
		html_printf(&r->out, "<button type=\"submit\">Edit and send "
		    "message %lld</button></form>", (long long)m->id);
	}
	html_printf(&r->out, "</td></tr>\n");
	c->n++;
	return 0;
}

/* A member's answer to a message, opened for the reveal. */
static int
message_reply(void *ctx, const struct care_message *m)
{
	struct case_ctx *c = ctx;
	char err[ERR_MAX], when[40], *text = NULL;

	if (m->reply == NULL)
		return 0;
	text = gate_open(c->r->gate, SEALED_CARE_REPLY, m->id, m->reply,
	    m->reply_n, err);
	util_format_time(m->replied_at, when, sizeof(when));
	html_printf(&c->r->out, "<h3>Their answer to message %lld, %s</h3><pre "
	    "class=\"message\">%s</pre>", (long long)m->id, when, text ? text :
	    "(the answer could not be opened)");
	gate_wipe(text);
	return 0;
}

static int
handover_row(void *ctx, const struct care_handover *h)
{
	struct case_ctx *c = ctx;
	char when[40];

	util_format_time(h->at, when, sizeof(when));
	html_printf(&c->r->out, "<li>%s: from %s to %s (%s), by %s</li>\n",
	    when, h->from[0] ? h->from : "nobody", h->to, h->reason, h->by);
	c->n++;
	return 0;
}

/* Updates on the removal requests of the case's incident. */

struct updates_ctx {
	struct req *r;
	const struct care_case *cs;
	int act, n;
};

static int
update_row(void *ctx, const struct takedown_row *t)
{
	struct updates_ctx *u = ctx;
	struct req *r = u->r;
	char when[40];
	int news = strcmp(t->status, "requested") == 0 || strcmp(t->status,
	    "removed") == 0 || strcmp(t->status, "refused") == 0 ||
	    strcmp(t->status, "reappeared") == 0;
	int done = news && care_update_exists(r->db, u->cs->id, t->id,
	    t->status) == 1;

	util_format_time(t->changed_at ? t->changed_at : t->created_at, when,
	    sizeof(when));
	html_printf(&r->out, "<tr><td>Request %lld (%s)</td><td>%s, %s</td><td>"
	    "%s</td><td>", (long long)t->id, t->platform, t->status, when,
	    done ? "drafted" : news ? "not yet" : "nothing to tell");
	if (u->act && news && !done) {
		html_printf(&r->out, "<form class=\"inline\" method=\"post\" "
		    "action=\"/care/%lld/updates\">", (long long)u->cs->id);
		page_csrf_field(r);
		html_printf(&r->out, "<input type=\"hidden\" name=\"takedown\" "
		    "value=\"%lld\"><button type=\"submit\" class=\"secondary\">"
		    "Draft an update on request %lld</button></form>",
		    (long long)t->id, (long long)t->id);
	}
	html_printf(&r->out, "</td></tr>\n");
	u->n++;
	return 0;
}

static void
updates_panel(struct req *r, const struct care_case *cs, int act)
{
	struct updates_ctx u = { r, cs, act, 0 };

	html_printf(&r->out, "<table class=\"list\" id=\"updates\"><caption>"
	    "Removal requests of incident %lld, and the member's updates"
	    "</caption><thead><tr><th scope=\"col\">Request</th><th scope=\""
	    "col\">Status</th><th scope=\"col\">Update</th><th scope=\"col\">"
	    "Act</th></tr></thead><tbody>\n", (long long)cs->incident_id);
	response_takedowns_each(r->db, cs->incident_id, 0, update_row, &u);
	if (u.n == 0)
		html_printf(&r->out, "<tr><td colspan=\"4\">No removal request "
		    "yet.</td></tr>\n");
	html_printf(&r->out, "</tbody></table>\n");
}

/* POST /care/{id}/updates: takedown */
void
care_update_post(struct req *r)
{
	const char *t = req_form(r, "takedown");
	char err[ERR_MAX];
	long long takedown;
	int64_t id = req_param(r, "id"), made;
	int ok;

	ok = t && util_parse_int(t, 1, INT64_MAX, &takedown) == 0 &&
	    care_update_draft(r->gate, id, takedown, &made, err) == 0;
	back_to(r, "/care/", id, ok ? "update-drafted" : "care-refused", ok);
}

/* Counselling the community covers, on the case page. */

struct panel_ctx {
	struct req *r;
	int act, n;
	struct care_budget b;
};

static int
offer_row(void *ctx, const struct care_offer *o)
{
	struct panel_ctx *p = ctx;
	struct req *r = p->r;
	char spent[32], when[40];

	util_format_time(o->offered_at, when, sizeof(when));
	care_format_money(o->spent, p->b.currency, spent, sizeof(spent));
	html_printf(&r->out, "<tr><td>Offer %lld, %s</td><td>%s</td><td>%d of "
	    "%d (%s)</td><td><span class=\"badge%s\">%s</span></td><td>",
	    (long long)o->id, when, o->therapist[0] ? o->therapist :
	    "their own choice", o->used, o->sessions, spent, strcmp(o->status,
	    "accepted") == 0 ? " ok" : "", o->status);
	if (p->act && strcmp(o->status, "offered") == 0) {
		html_printf(&r->out, "<form class=\"inline\" method=\"post\" "
		    "action=\"/offers/%lld/status\">", (long long)o->id);
		page_csrf_field(r);
		html_printf(&r->out, "<label for=\"os-%lld\">Their answer to "
		    "offer %lld</label><select id=\"os-%lld\" name=\"status\">"
		    "<option>accepted</option><option>declined</option></select>"
		    "<button type=\"submit\">Record</button></form>",
		    (long long)o->id, (long long)o->id, (long long)o->id);
	} else if (p->act && strcmp(o->status, "accepted") == 0) {
		html_printf(&r->out, "<form class=\"inline\" method=\"post\" "
		    "action=\"/offers/%lld/sessions\">", (long long)o->id);
		page_csrf_field(r);
		html_printf(&r->out, "<label for=\"sd-%lld\">Session held on"
		    "</label><input id=\"sd-%lld\" name=\"date\" type=\"date\" "
		    "required><label for=\"sc-%lld\">Cost</label><input id=\"sc-"
		    "%lld\" name=\"cost\" inputmode=\"decimal\" maxlength=\"12\" "
		    "required><button type=\"submit\">Record a session</button>"
		    "</form>", (long long)o->id, (long long)o->id,
		    (long long)o->id, (long long)o->id);
	}
	html_printf(&r->out, "</td></tr>\n");
	p->n++;
	return 0;
}

static int
therapist_option(void *ctx, const struct care_therapist *t)
{
	struct panel_ctx *p = ctx;

	html_printf(&p->r->out, "<option value=\"%lld\">%s (%s%s%s)</option>",
	    (long long)t->id, t->name, t->region, t->languages[0] ? "; " : "",
	    t->languages);
	return 0;
}

static void
counselling_panel(struct req *r, const struct care_case *cs, int act)
{
	struct panel_ctx p = { r, act, 0, { 0, 0, "" } };
	char have[32], spent[32];

	care_budget_get(r->db, &p.b);
	care_format_money(p.b.budget, p.b.currency, have, sizeof(have));
	care_format_money(p.b.spent, p.b.currency, spent, sizeof(spent));
	html_printf(&r->out, "<table class=\"list\" id=\"counselling\">"
	    "<caption>Counselling the community covers (budget %s, %s spent)"
	    "</caption><thead><tr><th scope=\"col\">Offer</th><th scope=\"col"
	    "\">With</th><th scope=\"col\">Sessions</th><th scope=\"col\">"
	    "Status</th><th scope=\"col\">Act</th></tr></thead><tbody>\n", have,
	    spent);
	care_offers_each(r->db, cs->id, offer_row, &p);
	if (p.n == 0)
		html_printf(&r->out, "<tr><td colspan=\"5\">No offer yet."
		    "</td></tr>\n");
	html_printf(&r->out, "</tbody></table>\n");
	if (!act)
		return;
	html_printf(&r->out, "<form class=\"inline\" method=\"post\" action="
	    "\"/care/%lld/offers\">", (long long)cs->id);
	page_csrf_field(r);
	html_printf(&r->out, "<label for=\"therapist\">Offer sessions with"
	    "</label><select id=\"therapist\" name=\"therapist\"><option value="
	    "\"0\">a therapist they choose</option>");
	care_therapists_each(r->db, therapist_option, &p);
	html_printf(&r->out, "</select><label for=\"sessions\">Sessions"
	    "</label><input id=\"sessions\" name=\"sessions\" inputmode=\""
	    "numeric\" pattern=\"[0-9]*\" maxlength=\"2\" value=\"6\">"
	    "<button type=\"submit\">Offer counselling</button></form>\n");
}

static const char *const help_kinds[] = {
	"employer", "school", "platform appeal", "housing", "other"
};

static int
help_row(void *ctx, const struct care_help *h)
{
	struct panel_ctx *p = ctx;
	struct req *r = p->r;
	char when[40];

	util_format_time(h->created_at, when, sizeof(when));
	html_printf(&r->out, "<tr><td>Help %lld, %s</td><td>%s</td><td><span "
	    "class=\"badge%s\">%s</span></td><td>", (long long)h->id, when,
	    h->kind, strcmp(h->outcome, "helped") == 0 ? " ok" : "",
	    h->outcome);
	if (p->act) {
		html_printf(&r->out, "<form class=\"inline\" method=\"post\" "
		    "action=\"/help/%lld/outcome\">", (long long)h->id);
		page_csrf_field(r);
		html_printf(&r->out, "<label for=\"ho-%lld\">Outcome of help "
		    "%lld</label><select id=\"ho-%lld\" name=\"outcome\"><option>"
		    "open</option><option>helped</option><option>did not help"
		    "</option><option>member stopped</option></select><button "
		    "type=\"submit\">Record</button></form>", (long long)h->id,
		    (long long)h->id, (long long)h->id);
	}
	html_printf(&r->out, "</td></tr>\n");
	p->n++;
	return 0;
}

static void
help_panel(struct req *r, const struct care_case *cs, int act)
{
	struct panel_ctx p = { r, act, 0, { 0, 0, "" } };
	size_t i;

	html_printf(&r->out, "<table class=\"list\" id=\"practical\"><caption>"
	    "Practical help (what was done is sealed)</caption><thead><tr><th "
	    "scope=\"col\">Help</th><th scope=\"col\">With</th><th scope=\""
	    "col\">Outcome</th><th scope=\"col\">Act</th></tr></thead><tbody>"
	    "\n");
	care_helps_each(r->db, cs->id, 0, help_row, &p);
	if (p.n == 0)
		html_printf(&r->out, "<tr><td colspan=\"4\">None yet.</td></tr>"
		    "\n");
	html_printf(&r->out, "</tbody></table>\n");
	if (!act)
		return;
	html_printf(&r->out, "<form class=\"stack\" method=\"post\" action=\""
	    "/care/%lld/help\">", (long long)cs->id);
	page_csrf_field(r);
	html_printf(&r->out, "<label for=\"kind\">Practical help with</label>"
	    "<select id=\"kind\" name=\"kind\">");
	for (i = 0; i < sizeof(help_kinds) / sizeof(help_kinds[0]); i++)
		html_printf(&r->out, "<option>%s</option>", help_kinds[i]);
	html_printf(&r->out, "</select><label for=\"help-note\">What is being "
	    "done (sealed)</label><textarea id=\"help-note\" name=\"note\" "
	    "rows=\"3\" maxlength=\"4000\" required></textarea><button type="
	    "\"submit\">Record the help</button></form>\n");
}

/* A piece of practical help's note, opened for the reveal. */
static int
help_note(void *ctx, const struct care_help *h)
{
	struct case_ctx *c = ctx;
	char err[ERR_MAX], *text = NULL;

	if (h->note == NULL)
		return 0;
	text = gate_open(c->r->gate, SEALED_CARE_HELP, h->id, h->note,
	    h->note_n, err);
	html_printf(&c->r->out, "<h3>Practical help %lld (%s), %s</h3><pre "
	    "class=\"message\">%s</pre>", (long long)h->id, h->kind, h->outcome,
	    text ? text : "(the note could not be opened)");
	gate_wipe(text);
	return 0;
}

/* POST /care/{id}/offers: therapist, sessions */
void
care_offers_post(struct req *r)
{
	const char *t = req_form(r, "therapist"), *n = req_form(r, "sessions");
	char err[ERR_MAX];
	long long therapist = 0, sessions = 6;
	int64_t id = req_param(r, "id"), made;
	int ok;

	ok = (t == NULL || util_parse_int(t, 0, INT64_MAX, &therapist) == 0) &&
	    (n == NULL || util_parse_int(n, 1, 52, &sessions) == 0) &&
	    care_offer(r->gate, id, therapist, (int)sessions, &made, err) == 0;
	back_to(r, "/care/", id, ok ? "offered" : "care-refused", ok);
}

/* POST /offers/{id}/status: status */
void
care_offer_status_post(struct req *r)
{
	struct care_offer o;
	char err[ERR_MAX];
	int ok;

	if (care_offer_get(r->db, req_param(r, "id"), &o) != DB_ROW) {
		req_fail(r, 404, "There is no such offer.");
		return;
	}
	ok = care_offer_mark(r->gate, o.id, req_form(r, "status"), err) == 0;
	back_to(r, "/care/", o.case_id, ok ? "offer-marked" : "care-refused",
	    ok);
}

/* POST /offers/{id}/sessions: date, cost */
void
care_session_post(struct req *r)
{
	struct care_offer o;
	const char *d = req_form(r, "date");
	char err[ERR_MAX] = "";
	int64_t on = d ? training_parse_date(d) : 0, cost;
	int ok;

	if (care_offer_get(r->db, req_param(r, "id"), &o) != DB_ROW) {
		req_fail(r, 404, "There is no such offer.");
		return;
	}
	ok = on > 0 && care_parse_money(req_form(r, "cost"), &cost) == 0 &&
	    care_session(r->gate, o.id, on, cost, err) == 0;
	back_to(r, "/care/", o.case_id, ok ? "session" : strstr(err, "budget") ?
	    "over-budget" : "care-refused", ok);
}

/* POST /care/{id}/help: kind, note */
void
care_help_post(struct req *r)
{
	char err[ERR_MAX];
	int64_t id = req_param(r, "id"), made;
	int ok = care_help(r->gate, id, req_form(r, "kind"), req_form(r,
	    "note"), &made, err) == 0;

	back_to(r, "/care/", id, ok ? "help" : "care-refused", ok);
}

static int
help_case_of(void *ctx, const struct care_help *h)
{
	*(int64_t *)ctx = h->case_id;
	return 0;
}

/* POST /help/{id}/outcome: outcome */
void
care_help_outcome_post(struct req *r)
{
	char err[ERR_MAX];
	int64_t case_id = 0;
	int ok;

	care_helps_each(r->db, 0, req_param(r, "id"), help_case_of, &case_id);
	if (case_id == 0) {
		req_fail(r, 404, "There is no such help.");
		return;
	}
	ok = care_help_mark(r->gate, req_param(r, "id"), req_form(r, "outcome"),
	    err) == 0;
	back_to(r, "/care/", case_id, ok ? "help-outcome" : "care-refused", ok);
}

/* The case page; reveal: with the member's words and the notes opened
** (through the gateway, audited). */
static void
render_case(struct req *r, int reveal)
{
	struct care_case cs;
	struct care_prefs p;
	struct case_ctx c = { r, &cs, NULL, 0, 0, 0 };
	struct who_ctx w = { r, 0, 0 };
	char err[ERR_MAX], opened[40], title[48];
	int64_t id = req_param(r, "id");

	if (care_case_get(r->db, id, &cs) != DB_ROW || care_may_hold(r->gate,
	    id, err) != 0) {
		req_fail(r, 404, "There is no such case, or it is held by "
		    "someone else.");
		return;
	}
	care_prefs_get(r->db, cs.member_id, &p);
	c.zone = p.zone;
	c.act = cs.closed_at == 0;
	c.contact = p.contact;
	w.skip = cs.supporter_id;
	util_format_time(cs.opened_at, opened, sizeof(opened));
	snprintf(title, sizeof(title), "Care case %lld", (long long)id);
	page_begin(r, title, "/care");
	page_notice(r);
	html_printf(&r->out, "<h1>Care case %lld: %s</h1><p class=\"lede\">"
	    "Opened %s%s. Held by %s. <span class=\"badge%s\">%s</span></p>\n",
	    (long long)id, cs.pseudonym, opened, cs.incident_id ?
	    " after an incident" : "", cs.supporter[0] ? cs.supporter :
	    "nobody", cs.closed_at ? "" : " ok", cs.closed_at ? "closed" :
	    "open");
	html_printf(&r->out, "<section class=\"panel\"><h2>What %s chose</h2>",
	    cs.pseudonym);
	if (!p.contact)
		html_printf(&r->out, "<p><strong>Please don't contact me.</strong> "
		    "No check-in is due while this holds.</p>");
	else if (p.every_days)
		html_printf(&r->out, "<p>To be contacted by %s message every %d "
		    "days, around %d:00 in %s, in the language %s.</p>",
		    strcmp(p.channel, "email") == 0 ? "email" : "in-app",
		    p.every_days, p.hour, p.zone, p.lang);
	else
		html_printf(&r->out, "<p>To be contacted by %s message on the "
		    "default plan (a day, a week, a month, three and six months), "
		    "around %d:00 in %s, in the language %s.</p>",
		    strcmp(p.channel, "email") == 0 ? "email" : "in-app",
		    p.hour, p.zone, p.lang);
	if (reveal) {
		void *sealed = NULL;
		size_t n = 0;
		char *text = NULL;
		if (care_case_needs_get(r->db, id, &sealed, &n) == 0 && sealed)
			text = gate_open(r->gate, SEALED_CARE_NEEDS, id, sealed, n,
			    err);
		free(sealed);
		html_printf(&r->out, "<h3>In their own words</h3><pre class=\""
		    "message\">%s</pre>", text ? text : cs.has_needs ?
		    "(their words could not be opened)" : "(they wrote nothing)");
		gate_wipe(text);
		text = NULL;
		sealed = NULL;
		if (care_case_notes_get(r->db, id, &sealed, &n) == 0 && sealed)
			text = gate_open(r->gate, SEALED_CASE_NOTES, id, sealed, n,
			    err);
		free(sealed);
		html_printf(&r->out, "<h3>Notes</h3><pre class=\"message\">%s"
		    "</pre>", text ? text : cs.has_notes ?
		    "(the notes could not be opened)" : "(no notes)");
		gate_wipe(text);
		c.n = 0;
		care_checkins_each(r->db, id, checkin_note, &c);
		care_messages_each(r->db, id, 0, message_reply, &c);
		care_helps_each(r->db, id, 0, help_note, &c);
	} else if (cs.has_needs || cs.has_notes) {
		html_printf(&r->out, "<form method=\"post\" action=\"/care/%lld/"
		    "open\">", (long long)id);
		page_csrf_field(r);
		html_printf(&r->out, "<button type=\"submit\" class=\"secondary\">"
		    "Read %s and the notes</button></form>",
		    cs.has_needs ? "their own words" : "the case");
	} else {
		html_printf(&r->out, "<p>They have not written what they need, "
		    "and there are no notes.</p>");
	}
	html_printf(&r->out, "</section>\n<table class=\"list\"><caption>"
	    "Check-ins</caption><thead><tr><th scope=\"col\">Plan</th><th "
	    "scope=\"col\">Due</th><th scope=\"col\">Status</th><th scope=\""
	    "col\">Act</th></tr></thead><tbody>\n");
	care_checkins_each(r->db, id, checkin_row, &c);
	if (c.n == 0)
		html_printf(&r->out, "<tr><td colspan=\"4\">No check-in is "
		    "planned.</td></tr>\n");
	html_printf(&r->out, "</tbody></table>\n<table class=\"list\" id=\""
	    "messages\"><caption>Messages to %s</caption><thead><tr><th scope="
	    "\"col\">Message</th><th scope=\"col\">Status</th><th scope=\""
	    "col\">Answered</th><th scope=\"col\">Act</th></tr></thead><tbody>"
	    "\n", cs.pseudonym);
	c.n = 0;
	care_messages_each(r->db, id, 0, message_row, &c);
	if (c.n == 0)
		html_printf(&r->out, "<tr><td colspan=\"4\">None yet: draft one "
		    "from a planned check-in.</td></tr>\n");
	html_printf(&r->out, "</tbody></table>\n");
	if (cs.incident_id)
		updates_panel(r, &cs, c.act && p.contact);
	counselling_panel(r, &cs, c.act);
	help_panel(r, &cs, c.act);
	if (c.act && cs.closed_at == 0)
		peer_case_panel(r, id);
	c.n = 0;
	html_printf(&r->out, "<section class=\"panel\"><h2>Handovers</h2>"
	    "<ul>");
	care_handovers_each(r->db, id, handover_row, &c);
	if (c.n == 0)
		html_printf(&r->out, "<li>None: %s has held it from the start."
		    "</li>", cs.supporter[0] ? cs.supporter : "nobody");
	html_printf(&r->out, "</ul>");
	if (cs.closed_at == 0) {
		html_printf(&r->out, "<form class=\"stack\" method=\"post\" "
		    "action=\"/care/%lld/hand\">", (long long)id);
		page_csrf_field(r);
		html_printf(&r->out, "<label for=\"to\">Hand the case to</label>"
		    "<select id=\"to\" name=\"to\">");
		accounts_user_list(r->db, holder_option, &w);
		html_printf(&r->out, "</select><label for=\"reason\">Why</label>"
		    "<select id=\"reason\" name=\"reason\"><option>rota</option>"
		    "<option>stepping back</option><option>member asked</option>"
		    "<option>other</option></select><button type=\"submit\">Hand "
		    "it over</button></form>");
	}
	html_printf(&r->out, "</section>\n");
	if (cs.closed_at == 0) {
		html_printf(&r->out, "<section class=\"panel\"><h2>Notes</h2>"
		    "<form class=\"stack\" method=\"post\" action=\"/care/%lld/"
		    "notes\">", (long long)id);
		page_csrf_field(r);
		html_printf(&r->out, "<label for=\"notes\">Replace the case's "
		    "notes (sealed; what helps, not clinical detail)</label>"
		    "<textarea id=\"notes\" name=\"notes\" rows=\"4\" maxlength="
		    "\"8000\"></textarea><button type=\"submit\">Save the notes"
		    "</button></form><form method=\"post\" action=\"/care/%lld/"
		    "close\">", (long long)id);
		page_csrf_field(r);
		html_printf(&r->out, "<button type=\"submit\" class=\"secondary\">"
		    "Close the case</button></form></section>\n");
	}
	page_end(r);
}

void
care_case_page(struct req *r)
{
	render_case(r, 0);
}

/* POST /care/{id}/open */
void
care_reveal_post(struct req *r)
{
	render_case(r, 1);
}

/* POST /care/{id}/notes: notes */
void
care_notes_post(struct req *r)
{
	char err[ERR_MAX];
	const char *notes = req_form(r, "notes");
	int64_t id = req_param(r, "id");
	int ok = care_set_notes(r->gate, id, notes ? notes : "", err) == 0;

	back_to(r, "/care/", id, ok ? "notes-saved" : "invalid", ok);
}

/* POST /care/{id}/hand: to, reason */
void
care_hand_post(struct req *r)
{
	char err[ERR_MAX];
	struct user u;
	int64_t id = req_param(r, "id");
	int ok;

	ok = accounts_user_by_name(r->db, req_form(r, "to") ? req_form(r, "to")
	    : "", &u) == DB_ROW && care_hand(r->gate, id, u.id, req_form(r,
	    "reason"), err) == 0;
	back_to(r, "/care/", id, ok ? "handed" : "care-refused", ok);
}

/* POST /care/{id}/close */
void
care_close_post(struct req *r)
{
	char err[ERR_MAX];
	int64_t id = req_param(r, "id");
	int ok = care_close(r->gate, id, 0, err) == 0;

	back_to(r, "/care/", id, ok ? "case-closed" : "care-refused", ok);
}

static void
checkin_back(struct req *r, int64_t checkin, const char *what, int ok)
{
	struct care_checkin k;

	if (care_checkin_get(r->db, checkin, &k) != DB_ROW) {
		req_fail(r, 404, "There is no such check-in.");
		return;
	}
	back_to(r, "/care/", k.case_id, what, ok);
}

/* POST /checkins/{id}/done: note */
void
care_checkin_done_post(struct req *r)
{
	char err[ERR_MAX];
	const char *note = req_form(r, "note");
	int ok = checkin_done(r->gate, req_param(r, "id"), note && *note ?
	    note : NULL, err) == 0;

	checkin_back(r, req_param(r, "id"), ok ? "checkin-done" :
	    "care-refused", ok);
}

/* POST /checkins/{id}/skip */
void
care_checkin_skip_post(struct req *r)
{
	char err[ERR_MAX];
	int ok = checkin_skip(r->gate, req_param(r, "id"), err) == 0;

	checkin_back(r, req_param(r, "id"), ok ? "checkin-skipped" :
	    "care-refused", ok);
}

/* POST /checkins/{id}/move: to ("2027-01-31T10:00", UTC) */
void
care_checkin_move_post(struct req *r)
{
	const char *to = req_form(r, "to");
	char err[ERR_MAX], t[40];
	int64_t due;
	int ok = 0;

	/* a datetime-local value, read as UTC */
	if (to && strlen(to) == 16 && snprintf(t, sizeof(t), "%s:00Z", to) > 0 &&
	    checkin_parse_time(t, &due) == 0)
		ok = checkin_move(r->gate, req_param(r, "id"), due, err) == 0;
	checkin_back(r, req_param(r, "id"), ok ? "checkin-moved" :
	    "care-refused", ok);
}

/* POST /checkins/{id}/draft: country */
void
care_draft_post(struct req *r)
{
	struct care_checkin k;
	char err[ERR_MAX];
	int64_t id;
	int ok;

	if (care_checkin_get(r->db, req_param(r, "id"), &k) != DB_ROW) {
		req_fail(r, 404, "There is no such check-in.");
		return;
	}
	ok = care_message_draft(r->gate, k.id, req_form(r, "country"), &id,
	    err) == 0;
	back_to(r, "/care/", k.case_id, ok ? "message-drafted" :
	    "no-message", ok);
}

/* The editor of a check-in message: its words (opened through the
** gateway, or as just saved) and the lint. */
static void
message_editor(struct req *r, const char *given,
    const struct outreach_lint *l)
{
	struct care_message m;
	struct care_case cs;
	struct outreach_lint lint;
	char err[ERR_MAX] = "", title[48], *text = NULL;
	int64_t id = req_param(r, "id");

	if (care_message_get(r->db, id, &m) != DB_ROW || care_may_hold(r->gate,
	    m.case_id, err) != 0 || care_case_get(r->db, m.case_id, &cs) !=
	    DB_ROW) {
		free((void *)m.body);
		req_fail(r, 404, "There is no such message, or its case is held "
		    "by someone else.");
		return;
	}
	if (given == NULL && m.body)
		text = gate_open(r->gate, SEALED_CARE_MESSAGE, id, m.body,
		    m.body_n, err);
	free((void *)m.body);
	snprintf(title, sizeof(title), "Check-in message %lld", (long long)id);
	page_begin(r, title, "/care");
	html_printf(&r->out, "<h1>The check-in message to %s</h1><p class=\""
	    "lede\">Care case %lld, %s, %s. <a href=\"/care/%lld#messages\">"
	    "Back to the case</a></p>\n", cs.pseudonym, (long long)cs.id,
	    m.channel, m.status, (long long)cs.id);
	if (strcmp(m.status, "sent") == 0) {
		html_printf(&r->out, "<pre class=\"message\">%s</pre>\n", text ?
		    text : err);
	} else {
		if (l)
			outreach_lint_notice(r, l);
		else if (outreach_lint_full(r->gate, m.incident_id, text ? text :
		    "", &lint) >= 0)
			outreach_lint_notice(r, &lint);
		html_printf(&r->out, "<form class=\"stack\" method=\"post\" "
		    "action=\"/care-messages/%lld\">", (long long)id);
		page_csrf_field(r);
		html_printf(&r->out, "<label for=\"body\">The message</label>"
		    "<textarea id=\"body\" name=\"body\" rows=\"20\" maxlength="
		    "\"8000\" aria-describedby=\"body-hint\">%s</textarea><p "
		    "class=\"hint\" id=\"body-hint\">Warm, without pressure, in "
		    "their language; no blame; at least one support resource. It "
		    "goes %s, as they chose.</p><button type=\"submit\" class=\""
		    "secondary\">Save and check</button></form>\n", given ? given :
		    text ? text : "", strcmp(m.channel, "email") == 0 ?
		    "by e-mail" : "in the app");
		html_printf(&r->out, "<form method=\"post\" action=\"/care-"
		    "messages/%lld/send\">", (long long)id);
		page_csrf_field(r);
		html_printf(&r->out, "<button type=\"submit\">Send the saved "
		    "message</button></form>\n");
	}
	gate_wipe(text);
	page_end(r);
}

/* POST /care-messages/{id}/open */
void
care_message_open_post(struct req *r)
{
	message_editor(r, NULL, NULL);
}

/* POST /care-messages/{id}: body */
void
care_message_save_post(struct req *r)
{
	struct outreach_lint lint;
	char err[ERR_MAX];

	if (care_message_edit(r->gate, req_param(r, "id"), req_form(r, "body"),
	    &lint, err) != 0) {
		req_fail(r, 422, err);
		return;
	}
	message_editor(r, req_form(r, "body"), &lint);
}

/* POST /care-messages/{id}/send */
void
care_message_send_post(struct req *r)
{
	struct care_message m;
	struct outreach_lint lint;
	char err[ERR_MAX];
	int rc;

	rc = care_message_get(r->db, req_param(r, "id"), &m);
	free((void *)m.body);
	if (rc != DB_ROW) {
		req_fail(r, 404, "There is no such message.");
		return;
	}
	rc = care_message_send(r->gate, m.id, &lint, err);
	back_to(r, "/care/", m.case_id, rc == 0 ? "message-sent" : rc == 1 ?
	    "message-not-delivered" : "message-not-sent", rc == 0);
}

/* GET /api/v1/care/{id}: the case as `sanctum care show --json` prints it */
void
care_case_api(struct req *r)
{
	char err[ERR_MAX];
	json_t *o;

	if (care_may_hold(r->gate, req_param(r, "id"), err) != 0 ||
	    (o = care_case_json(r->db, req_param(r, "id"))) == NULL) {
		req_fail(r, 404, "There is no such case, or it is held by "
		    "someone else.");
		return;
	}
	req_json(r, 200, o);
}

static int
due_json(void *ctx, const struct care_due *d)
{
	char when[32];

	util_format_rfc3339(d->due_at, when, sizeof(when));
	json_array_append_new(ctx, json_pack("{sIsIssssssss}", "checkin",
	    (json_int_t)d->checkin_id, "case", (json_int_t)d->case_id,
	    "due_at", when, "label", d->label, "member", d->pseudonym,
	    "channel", d->channel));
	return 0;
}

/* GET /api/v1/care/due?at=TIME: check-ins due (the caller's, for a
** supporter) */
void
care_due_api(struct req *r)
{
	const char *at = req_arg(r, "at");
	int64_t t = util_now();
	json_t *list;

	if (at && checkin_parse_time(at, &t) != 0) {
		req_fail(r, 400, "at is an RFC 3339 time");
		return;
	}
	list = json_array();
	if (care_due_each(r->db, t, holder_filter(r), due_json, list) != 0) {
		json_decref(list);
		req_fail(r, 500, "The check-ins could not be read.");
		return;
	}
	req_json(r, 200, json_pack("{so}", "due", list));
}

/* The member's own page. */

struct mine_ctx {
	struct req *r;
	struct care_prefs *p;
	int n;
};

static int
my_checkin(void *ctx, const struct care_checkin *k)
{
	struct mine_ctx *m = ctx;
	char local[96];

	if (strcmp(k->status, "planned") != 0)
		return 0;
	checkin_local(k->due_at, m->p->zone, local, sizeof(local));
	html_printf(&m->r->out, "<li>%s: around %s</li>", k->label, local);
	m->n++;
	return 0;
}

/* A check-in message sent to the member, and their answer. */
static int
my_message(void *ctx, const struct care_message *msg)
{
	struct mine_ctx *m = ctx;
	struct req *r = m->r;
	char err[ERR_MAX], when[40], *text;

	if (strcmp(msg->status, "sent") != 0)
		return 0;
	util_format_time(msg->sent_at, when, sizeof(when));
	if (msg->body == NULL) {
		/* the retention period for notes ended it with the case */
		html_printf(&r->out, "<h3>A message, %s</h3><p>Its words are "
		    "deleted, with the notes of your support.</p>", when);
		return 0;
	}
	text = gate_open_as_member(r->gate, SEALED_CARE_MESSAGE, msg->id,
	    msg->body, msg->body_n, err);
	html_printf(&r->out, "<h3>A message, %s</h3><pre class=\"message\">%s"
	    "</pre>", when, text ? text : "(this message could not be opened)");
	gate_wipe(text);
	if (msg->replied_at) {
		html_printf(&r->out, "<p>You answered. Thank you.</p>");
		return 0;
	}
	html_printf(&r->out, "<form class=\"stack\" method=\"post\" action="
	    "\"/me/support/messages/%lld/reply\">", (long long)msg->id);
	page_csrf_field(r);
	html_printf(&r->out, "<label for=\"answer-%lld\">If you like, your "
	    "answer</label><textarea id=\"answer-%lld\" name=\"reply\" rows="
	    "\"4\" maxlength=\"8000\"></textarea><button type=\"submit\">"
	    "Send my answer</button></form>", (long long)msg->id,
	    (long long)msg->id);
	return 0;
}

static int
my_case(void *ctx, const struct care_case *cs)
{
	struct mine_ctx *m = ctx;
	struct req *r = m->r;
	struct mine_ctx k = { r, m->p, 0 };
	char opened[40], err[ERR_MAX], *text = NULL;
	void *sealed = NULL;
	size_t n = 0;

	util_format_time(cs->opened_at, opened, sizeof(opened));
	html_printf(&r->out, "<section class=\"panel\" aria-labelledby=\"case-"
	    "%lld\"><h2 id=\"case-%lld\">Your support since %s</h2>",
	    (long long)cs->id, (long long)cs->id, opened);
	if (cs->closed_at) {
		html_printf(&r->out, "<p>This is closed. Thank you for letting us "
		    "be there.</p>");
		if (cs->notes_deleted_at)
			html_printf(&r->out, "<p>Its notes are deleted, as you "
			    "asked.</p>");
		else if (cs->notes_purged_at)
			html_printf(&r->out, "<p>Its notes and messages are "
			    "deleted: the community keeps them for a time after "
			    "support ends, and that time has passed.</p>");
		else {
			html_printf(&r->out, "<form method=\"post\" action=\"/me/"
			    "support/%lld/forget\">", (long long)cs->id);
			page_csrf_field(r);
			html_printf(&r->out, "<p class=\"hint\" id=\"forget-%lld\">"
			    "The notes kept about your support and your own words "
			    "are deleted for good. A record stays that they were "
			    "deleted, not what they said.</p><button type=\"submit\" "
			    "class=\"secondary\" aria-describedby=\"forget-%lld\">"
			    "Delete the notes</button></form>", (long long)cs->id,
			    (long long)cs->id);
		}
		html_printf(&r->out, "</section>\n");
		m->n++;
		return 0;
	}
	html_printf(&r->out, "<p>%s is the person supporting you.</p>",
	    cs->supporter[0] ? cs->supporter : "Someone from the moderators");
	if (!m->p->contact) {
		html_printf(&r->out, "<p>You asked not to be contacted, so nobody "
		    "will write to you. You can change that below whenever you "
		    "like.</p>");
	} else {
		html_printf(&r->out, "<p>What is planned next:</p><ul>");
		care_checkins_each(r->db, cs->id, my_checkin, &k);
		if (k.n == 0)
			html_printf(&r->out, "<li>Nothing is planned just now.</li>");
		html_printf(&r->out, "</ul>");
	}
	care_messages_each(r->db, cs->id, 0, my_message, m);
	if (care_case_needs_get(r->db, cs->id, &sealed, &n) == 0 && sealed)
		text = gate_open_as_member(r->gate, SEALED_CARE_NEEDS, cs->id,
		    sealed, n, err);
	free(sealed);
	html_printf(&r->out, "<form class=\"stack\" method=\"post\" action=\""
	    "/me/support/%lld/needs\">", (long long)cs->id);
	page_csrf_field(r);
	html_printf(&r->out, "<label for=\"needs-%lld\">In your own words: "
	    "what you need, and what does not help</label><textarea id=\"needs-"
	    "%lld\" name=\"needs\" rows=\"4\" maxlength=\"8000\" aria-"
	    "describedby=\"needs-hint-%lld\">%s</textarea><p class=\"hint\" id="
	    "\"needs-hint-%lld\">Only the person supporting you reads it, so "
	    "nobody has to guess.</p><button type=\"submit\">Save my words"
	    "</button></form>", (long long)cs->id, (long long)cs->id,
	    (long long)cs->id, text ? text : "", (long long)cs->id);
	gate_wipe(text);
	html_printf(&r->out, "<form method=\"post\" action=\"/me/support/%lld/"
	    "close\">", (long long)cs->id);
	page_csrf_field(r);
	html_printf(&r->out, "<p class=\"hint\" id=\"close-%lld\">When you are "
	    "ready, you can close this. You can always ask for support again."
	    "</p><button type=\"submit\" class=\"secondary\" aria-describedby="
	    "\"close-%lld\">Close my support</button></form></section>\n",
	    (long long)cs->id, (long long)cs->id);
	m->n++;
	return 0;
}

/* What has been done for the member, and what the community holds about
** them, in plain words and without anyone else's details. */

static int
done_incident(void *ctx, const struct care_incident *i)
{
	struct mine_ctx *m = ctx;
	char when[40];

	util_format_rfc3339(i->opened_at, when, sizeof(when));
	when[10] = '\0';
	html_printf(&m->r->out, "<li>Something that concerned you was shared "
	    "outside the community; the moderators began to act on %s. They "
	    "wrote to you %d time%s. They asked for copies to be removed %d "
	    "time%s, and %d %s removed. %s</li>", when, i->messages,
	    i->messages == 1 ? "" : "s", i->requested, i->requested == 1 ?
	    "" : "s", i->removed, i->removed == 1 ? "was" : "were",
	    i->announced ? "The community was told, without anyone's name." :
	    "The community has not been told yet.");
	m->n++;
	return 0;
}

static int
held_case(void *ctx, const struct care_case *cs)
{
	struct mine_ctx *m = ctx;
	struct care_counts c;

	if (care_case_counts(m->r->db, cs->id, &c) != 0)
		return 0;
	html_printf(&m->r->out, "<li>Your support%s: %d check-in%s done, %d "
	    "message%s to you, %d answer%s of yours, %d offer%s of counselling, "
	    "%d piece%s of practical help. %s</li>", cs->closed_at ?
	    " (closed)" : "", c.checkins_done, c.checkins_done == 1 ? "" : "s",
	    c.messages, c.messages == 1 ? "" : "s", c.answers, c.answers == 1 ?
	    "" : "s", c.offers, c.offers == 1 ? "" : "s", c.helps, c.helps == 1 ?
	    "" : "s", cs->notes_deleted_at ? "Its notes are deleted, as you "
	    "asked." : cs->notes_purged_at ? "Its notes and messages are "
	    "deleted, as the community keeps them for a time only after "
	    "support ends." : cs->has_notes || c.checkin_notes || c.help_notes ?
	    "The person supporting you keeps notes, sealed, which only they "
	    "and the moderators can open, and each opening is recorded." :
	    "There are no notes.");
	return 0;
}

static void
what_we_hold(struct req *r, int64_t member, struct care_prefs *p)
{
	struct mine_ctx m = { r, p, 0 };
	void *contact = NULL;
	size_t cn = 0;

	html_printf(&r->out, "<section class=\"panel\" aria-labelledby=\""
	    "held\"><h2 id=\"held\">What has been done, and what we hold"
	    "</h2><ul>");
	care_member_incidents_each(r->db, member, done_incident, &m);
	if (m.n == 0)
		html_printf(&r->out, "<li>Nothing of yours has been found shared "
		    "outside the community.</li>");
	care_cases_each(r->db, 0, member, 1, util_now(), held_case, &m);
	community_member_contact(r->db, member, &contact, &cn);
	free(contact);
	html_printf(&r->out, "<li>Your pseudonym, and %s</li><li>%s</li></ul>"
	    "<p>What members read is never recorded. Your own words, the notes "
	    "and your answers are deleted when you close your support and ask "
	    "for it; the record keeps only that it happened.</p></section>\n",
	    cn ? "contact details you gave (sealed; only an admin can open them, "
	    "giving a reason that is recorded)." : "no contact details.",
	    p->updated_at ? "Your choices about being contacted, as you see them "
	    "above." : "No choices yet: the defaults above hold until you make "
	    "your own.");
}

static void
option(struct req *r, const char *value, const char *label, int selected)
{
	html_printf(&r->out, "<option value=\"%s\"%s>%s</option>", value,
	    selected ? " selected" : "", label);
}

/* GET /me/support */
void
my_support_page(struct req *r)
{
	struct care_prefs p;
	struct mine_ctx m = { r, &p, 0 };
	static const int every[] = { 3, 7, 14, 30 };
	static const char *const langs[][2] = {
		{ "en", "English" }, { "fr", "French" }, { "de", "German" },
		{ "es", "Spanish" }, { "pt", "Portuguese" }, { "it", "Italian" },
		{ "nl", "Dutch" }, { "pl", "Polish" }, { "ar", "Arabic" },
		{ "hi", "Hindi" }, { "zh", "Chinese" }, { "ja", "Japanese" }
	};
	char buf[24];
	int64_t member = 0;
	size_t i;
	int h;

	page_begin(r, "My support", "/me/support");
	page_notice(r);
	html_printf(&r->out, "<h1>My support</h1><p class=\"lede\">Here you "
	    "choose whether and how the community's supporters get in touch, "
	    "and see what is planned. It is your choice, and you can change it "
	    "at any time.</p>\n");
	if (community_member_of_user(r->db, r->user.id, &member) != DB_ROW) {
		html_printf(&r->out, "<p>Your account is not a member's, so "
		    "there is no support to show.</p>\n");
		page_end(r);
		return;
	}
	care_prefs_get(r->db, member, &p);
	care_cases_each(r->db, 0, member, 1, util_now(), my_case, &m);
	if (m.n == 0)
		html_printf(&r->out, "<p>No one is supporting you through a "
		    "case just now. If you would like support, write to the "
		    "moderators from your messages.</p>\n");
	html_printf(&r->out, "<section class=\"panel\"><h2>How to reach me"
	    "</h2><form class=\"stack\" method=\"post\" action=\"/me/support/"
	    "prefs\">");
	page_csrf_field(r);
	html_printf(&r->out, "<fieldset><legend>May supporters contact you?"
	    "</legend><label><input type=\"radio\" name=\"contact\" value=\"yes"
	    "\"%s> Yes</label><label><input type=\"radio\" name=\"contact\" "
	    "value=\"no\"%s> Please don't contact me</label></fieldset><label "
	    "for=\"channel\">How</label><select id=\"channel\" name=\"channel\">",
	    p.contact ? " checked" : "", p.contact ? "" : " checked");
	option(r, "in-app", "A message here, in the app",
	    strcmp(p.channel, "in-app") == 0);
	option(r, "email", "Email (to the address the admins hold)",
	    strcmp(p.channel, "email") == 0);
	html_printf(&r->out, "</select><label for=\"every\">How often</label>"
	    "<select id=\"every\" name=\"every\">");
	option(r, "0", "A day, a week, a month, then three and six months "
	    "after", p.every_days == 0);
	for (i = 0; i < sizeof(every) / sizeof(every[0]); i++) {
		snprintf(buf, sizeof(buf), "%d", every[i]);
		html_printf(&r->out, "<option value=\"%s\"%s>Every %d days"
		    "</option>", buf, p.every_days == every[i] ? " selected" : "",
		    every[i]);
	}
	html_printf(&r->out, "</select><label for=\"hour\">Around what time of "
	    "your day</label><select id=\"hour\" name=\"hour\">");
	for (h = 0; h < 24; h++)
		html_printf(&r->out, "<option value=\"%d\"%s>%02d:00</option>", h,
		    p.hour == h ? " selected" : "", h);
	html_printf(&r->out, "</select><label for=\"zone\">Your time zone"
	    "</label><input id=\"zone\" name=\"zone\" maxlength=\"63\" value="
	    "\"%s\" aria-describedby=\"zone-hint\"><p class=\"hint\" id=\""
	    "zone-hint\">For example Europe/London, America/Chicago or "
	    "Asia/Kolkata.</p><label for=\"lang\">Language</label><select id="
	    "\"lang\" name=\"lang\">", p.zone);
	for (i = 0; i < sizeof(langs) / sizeof(langs[0]); i++)
		option(r, langs[i][0], langs[i][1], strcmp(p.lang, langs[i][0])
		    == 0);
	html_printf(&r->out, "</select><button type=\"submit\">Save my choices"
	    "</button></form></section>\n");
	peer_panel(r, member);
	healing_better_panel(r, member);
	what_we_hold(r, member, &p);
	page_end(r);
}

/* POST /me/support/prefs: contact, channel, every, hour, zone, lang */
void
my_support_prefs_post(struct req *r)
{
	struct care_prefs p;
	const char *contact = req_form(r, "contact"), *ch = req_form(r,
	    "channel"), *zone = req_form(r, "zone"), *lang = req_form(r,
	    "lang"), *every = req_form(r, "every"), *hour = req_form(r, "hour");
	char err[ERR_MAX];
	long long e = 0, h = 10;
	int64_t member;

	if (community_member_of_user(r->db, r->user.id, &member) != DB_ROW) {
		req_redirect(r, "/me/support?error=invalid");
		return;
	}
	care_prefs_get(r->db, member, &p);
	if (contact == NULL || (strcmp(contact, "yes") != 0 && strcmp(contact,
	    "no") != 0) || (every && util_parse_int(every, 0, 90, &e) != 0) ||
	    (hour && util_parse_int(hour, 0, 23, &h) != 0) || (ch &&
	    strlen(ch) >= sizeof(p.channel)) || (zone && strlen(zone) >=
	    sizeof(p.zone)) || (lang && strlen(lang) >= sizeof(p.lang))) {
		req_redirect(r, "/me/support?error=invalid");
		return;
	}
	p.contact = strcmp(contact, "yes") == 0;
	if (ch)
		snprintf(p.channel, sizeof(p.channel), "%s", ch);
	if (every)
		p.every_days = (int)e;
	if (hour)
		p.hour = (int)h;
	if (zone && *zone)
		snprintf(p.zone, sizeof(p.zone), "%s", zone);
	if (lang)
		snprintf(p.lang, sizeof(p.lang), "%s", lang);
	if (care_prefs_change(r->gate, member, &p, 1, err) != 0) {
		req_redirect(r, strstr(err, "time zone") ? "/me/support?error="
		    "zone" : strstr(err, "email") ? "/me/support?error=no-email" :
		    "/me/support?error=invalid");
		return;
	}
	req_redirect(r, p.contact ? "/me/support?done=prefs" :
	    "/me/support?done=contact-stopped");
}

/* POST /me/support/{id}/needs: needs */
void
my_support_needs_post(struct req *r)
{
	char err[ERR_MAX];

	if (care_set_needs(r->gate, req_param(r, "id"), req_form(r, "needs") ?
	    req_form(r, "needs") : "", err) != 0) {
		req_redirect(r, "/me/support?error=invalid");
		return;
	}
	req_redirect(r, "/me/support?done=needs");
}

/* POST /me/support/{id}/close */
void
my_support_close_post(struct req *r)
{
	char err[ERR_MAX];

	if (care_close(r->gate, req_param(r, "id"), 1, err) != 0) {
		req_redirect(r, "/me/support?error=invalid");
		return;
	}
	req_redirect(r, "/me/support?done=support-closed");
}

/* POST /me/support/{id}/forget */
void
my_support_forget_post(struct req *r)
{
	char err[ERR_MAX];

	if (care_forget(r->gate, req_param(r, "id"), 1, err) != 0) {
		req_redirect(r, "/me/support?error=invalid");
		return;
	}
	req_redirect(r, "/me/support?done=forgotten");
}

/* POST /me/support/messages/{id}/reply: reply */
void
my_support_reply_post(struct req *r)
{
	char err[ERR_MAX];

	if (care_message_reply(r->gate, req_param(r, "id"), req_form(r,
	    "reply"), err) != 0) {
		req_redirect(r, "/me/support?error=invalid");
		return;
	}
	req_redirect(r, "/me/support?done=answered");
}
