/*
** console.c: the incidents' pages.  See console.h.
*/
#include "console.h"

#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../admin/roles.h"
#include "../core/gate.h"
#include "../moderators/console.h"
#include "../moderators/rota.h"
#include "../prevention/pseudonym.h"
#include "../store/auditlog.h"
#include "../store/community.h"
#include "../store/db.h"
#include "../store/response.h"
#include "../util/util.h"
#include "../web/html.h"
#include "../web/server.h"
#include "incident.h"
#include "announce.h"
#include "outreach.h"
#include "report.h"
#include "takedown.h"
#include "triage.h"

/* GET /incidents */

static int
list_row(void *ctx, const struct incident_row *i)
{
	struct req *r = ctx;
	char when[32];

	util_format_time(i->opened_at, when, sizeof(when));
	html_printf(&r->out, "<tr><td><a href=\"/incidents/%lld\">Incident "
	    "%lld</a></td><td>%s</td><td>%s</td><td>%d. %s</td><td><span "
	    "class=\"badge%s\">%s</span></td><td>%s</td><td>%d</td><td>%d</td>"
	    "</tr>\n", (long long)i->id, (long long)i->id, when, i->status,
	    i->step, incident_step_name(i->step), strcmp(i->risk, "immediate")
	    == 0 || strcmp(i->risk, "unassessed") == 0 ? " warn" : "", i->risk,
	    incident_rank_name(i->top_rank), i->nposts, i->nmembers);
	return 0;
}

void
incidents_page(struct req *r)
{
	page_begin(r, "Incidents", "/incidents");
	page_notice(r);
	html_printf(&r->out, "<h1>Incidents</h1><p class=\"lede\">Each "
	    "incident walks the five steps in order: assess immediate risk, "
	    "contact the affected members with care, provide support, remove "
	    "what leaked with their consent, and only then tell the "
	    "community.</p>\n<table class=\"list\"><caption>Open incidents "
	    "first</caption><thead><tr><th scope=\"col\">Incident</th><th "
	    "scope=\"col\">Opened</th><th scope=\"col\">Status</th><th scope="
	    "\"col\">Step</th><th scope=\"col\">Risk</th><th scope=\"col\">"
	    "Triage</th><th scope=\"col\">Posts</th><th scope=\"col\">"
	    "Affected</th></tr></thead><tbody>\n");
	if (response_incident_each(r->db, list_row, r) != 0)
		html_printf(&r->out, "<tr><td colspan=\"8\">The incidents could "
		    "not be read.</td></tr>\n");
	html_printf(&r->out, "</tbody></table>\n<section class=\"panel\"><h2>"
	    "Open an incident by hand</h2><p class=\"hint\" id=\"hand-hint\">"
	    "For a leak you "
	    "heard of or saw yourself. A scan result opens one with the posts "
	    "it found.</p><form class=\"stack\" method=\"post\" action=\""
	    "/incidents\">");
	page_csrf_field(r);
	html_printf(&r->out, "<input type=\"hidden\" name=\"from\" value=\""
	    "hand\"><label for=\"url\">Where it was seen (address, optional; "
	    "kept sealed)</label><input id=\"url\" name=\"url\" type=\"url\" "
	    "maxlength=\"2000\" aria-describedby=\"hand-hint\"><label for=\""
	    "platform\">Platform (optional)"
	    "</label><input id=\"platform\" name=\"platform\" maxlength=\"64\">"
	    "<button type=\"submit\">Open the incident</button></form>"
	    "</section>\n");
	page_end(r);
}

/* POST /incidents: post=ID... (from a scan), url, platform, from */
void
incident_open_post(struct req *r)
{
	int64_t posts[INCIDENT_POSTS_MAX], id;
	struct incident_open in = { "hand", posts, 0, NULL, NULL };
	const char *from = req_form(r, "from");
	char err[ERR_MAX], loc[48];
	long long v;
	int i;

	for (i = 0; i < r->form.n; i++)
		if (strcmp(r->form.f[i].key, "post") == 0) {
			if (in.nposts == INCIDENT_POSTS_MAX ||
			    util_parse_int(r->form.f[i].val.data, 1, INT64_MAX,
			    &v) != 0) {
				req_redirect(r, "/incidents?error=invalid");
				return;
			}
			posts[in.nposts++] = v;
		}
	if (in.nposts > 0 || (from && strcmp(from, "scan") == 0))
		in.source = "scan";
	in.url = req_form(r, "url");
	in.platform = req_form(r, "platform");
	if (incident_create(r->gate, &in, &id, err) != 0) {
		req_redirect(r, "/incidents?error=location");
		return;
	}
	snprintf(loc, sizeof(loc), "/incidents/%lld?done=opened",
	    (long long)id);
	req_redirect(r, loc);
}

/* GET /incidents/{id}, and POST .../open to read what is sealed */

struct page_ctx {
	struct req *r;
	int reveal;
	int n;
};

static const char *
rank_badge(int rank)
{
	return rank > 0 ? " warn" : " ok";
}

static int
member_row(void *ctx, const struct incident_member *m)
{
	struct page_ctx *p = ctx;

	html_printf(&p->r->out, "<tr><td>%s</td><td>%s</td><td><span class=\""
	    "badge%s\">%s</span>%s</td><td>%s</td></tr>\n", m->pseudonym,
	    strcmp(m->why, "author") == 0 ? "their posts leaked" :
	    "added by a moderator", rank_badge(m->top_rank),
	    incident_rank_name(m->top_rank), m->top_rank >= TRIAGE_INTENT ?
	    " (immediate)" : "", m->flags[0] ? m->flags : "none");
	return 0;
}

/* A leaked post's words, with the phrases that set its score, for a
** moderator who asked for them (audited and counted by the gateway). */
static void
post_words(struct page_ctx *p, int64_t post)
{
	struct req *r = p->r;
	struct triage_result tr;
	void *body = NULL, *cw = NULL;
	size_t bn, cn;
	char err[ERR_MAX] = "", *text = NULL;
	int i;

	if (community_post_sealed(r->db, post, &body, &bn, &cw, &cn) == 1 &&
	    body != NULL)
		text = gate_open(r->gate, SEALED_POST_BODY, post, body, bn, err);
	free(body);
	free(cw);
	if (text == NULL) {
		html_printf(&r->out, "<p class=\"hint\">The post's words could "
		    "not be opened: %s.</p>", err[0] ? err : "it has none");
		return;
	}
	triage_text(text, strlen(text), &tr);
	html_printf(&r->out, "<details class=\"cw\"><summary>Content warning: "
	    "this post may speak of suicide, self-harm or abuse. Open to read "
	    "it.</summary><div class=\"content\"><p>%s</p>", text);
	if (tr.nreasons > 0) {
		html_printf(&r->out, "<p>What triage read in it:</p><ul>");
		for (i = 0; i < tr.nreasons; i++)
			html_printf(&r->out, "<li>\"%s\" (characters %lld to "
			    "%lld): %s</li>", tr.reasons[i].phrase,
			    (long long)tr.reasons[i].start,
			    (long long)tr.reasons[i].end, tr.reasons[i].rule);
		html_printf(&r->out, "</ul>");
	}
	html_printf(&r->out, "</div></details>");
	gate_wipe(text);
}

static int
post_row(void *ctx, const struct incident_post *q)
{
	struct page_ctx *p = ctx;
	struct req *r = p->r;

	html_printf(&r->out, "<tr><td>Post %lld</td><td>%s</td><td>%s%s</td>"
	    "<td><span class=\"badge%s\">%s</span></td><td>%s</td></tr>\n",
	    (long long)q->post_id, q->group, q->author, q->anonymous ?
	    " (posted anonymously)" : "", rank_badge(q->rank), q->level,
	    q->flags[0] ? q->flags : "none");
	if (p->reveal) {
		html_printf(&r->out, "<tr><td colspan=\"5\">");
		post_words(p, q->post_id);
		html_printf(&r->out, "</td></tr>\n");
	}
	return 0;
}

static int
leak_row(void *ctx, const struct leak_row *l)
{
	struct page_ctx *p = ctx;
	struct req *r = p->r;
	char when[32], err[ERR_MAX] = "", *addr = NULL;

	util_format_time(l->found_at, when, sizeof(when));
	if (l->purged_at) {
		html_printf(&r->out, "<li>%s, added %s by %s; takedown: %s. The "
		    "address was purged under the retention period.</li>\n",
		    l->platform, when, l->added_by, l->takedown);
		p->n++;
		return 0;
	}
	if (p->reveal && l->location != NULL)
		addr = gate_open(r->gate, SEALED_LEAK_LOCATION, l->id,
		    l->location, l->location_n, err);
	html_printf(&r->out, "<li>%s, added %s by %s; takedown: %s. ",
	    l->platform, when, l->added_by, l->takedown);
	if (addr)
		html_printf(&r->out, "Address: <code>%s</code>", addr);
	else if (p->reveal)
		html_printf(&r->out, "The address could not be opened: %s.",
		    err[0] ? err : "none was given");
	else
		html_printf(&r->out, "The address is sealed.");
	html_printf(&r->out, "</li>\n");
	gate_wipe(addr);
	p->n++;
	return 0;
}

static int
seen_name(void *ctx, int64_t member, const char *pseudonym)
{
	struct page_ctx *p = ctx;

	(void)member;
	html_printf(&p->r->out, "%s%s", p->n ? ", " : "", pseudonym);
	p->n++;
	return 0;
}

static int
seen_count(void *ctx, int64_t member, const char *pseudonym)
{
	(void)member;
	(void)pseudonym;
	((struct page_ctx *)ctx)->n++;
	return 0;
}

static int
event_row(void *ctx, const struct audit_row *a)
{
	struct req *r = ctx;
	char when[32];

	util_format_time(a->at, when, sizeof(when));
	if (a->detail[0])
		html_printf(&r->out, "<li><time>%s</time> %s: %s (%s)</li>\n",
		    when, a->actor, a->action, a->detail);
	else
		html_printf(&r->out, "<li><time>%s</time> %s: %s</li>\n", when,
		    a->actor, a->action);
	return 0;
}

static void
steps(struct req *r, const struct incident_row *i)
{
	int s;

	html_printf(&r->out, "<ol class=\"steps\" aria-label=\"The five "
	    "steps\">");
	for (s = 1; s <= 5; s++) {
		if (s < i->step)
			html_printf(&r->out, "<li class=\"done\">%s (done)</li>",
			    incident_step_name(s));
		else if (s == i->step && strcmp(i->status, "open") == 0)
			html_printf(&r->out, "<li class=\"current\" aria-current="
			    "\"step\">%s (now)</li>", incident_step_name(s));
		else
			html_printf(&r->out, "<li>%s</li>",
			    incident_step_name(s));
	}
	html_printf(&r->out, "</ol>\n");
}

static void
assess_form(struct req *r, const struct incident_row *i)
{
	static const char *const risks[] = { "low", "elevated", "immediate" };
	const char *suggested = incident_suggested_risk(i);
	int k;

	html_printf(&r->out, "<form class=\"stack\" method=\"post\" action=\""
	    "/incidents/%lld/assess\">", (long long)i->id);
	page_csrf_field(r);
	html_printf(&r->out, "<label for=\"risk\">Your assessment of the "
	    "risk</label><select id=\"risk\" name=\"risk\" aria-describedby="
	    "\"risk-hint\">");
	for (k = 0; k < 3; k++)
		html_printf(&r->out, "<option value=\"%s\"%s>%s%s</option>",
		    risks[k], strcmp(risks[k], suggested) == 0 ? " selected" :
		    "", risks[k], strcmp(risks[k], suggested) == 0 ?
		    " (what triage suggests)" : "");
	html_printf(&r->out, "</select><p class=\"hint\" id=\"risk-hint\">"
	    "Triage reads words, not people. If you know more (you have spoken "
	    "with them, the post is years old), say so in the note; a risk "
	    "lower than triage suggests needs one.</p><label for=\"note\">Note "
	    "(sealed; for the people handling this incident)</label><textarea "
	    "id=\"note\" name=\"note\" rows=\"3\" maxlength=\"4000\"></textarea>"
	    "<button type=\"submit\">Record the assessment</button></form>\n");
}

static void step2(struct req *r, const struct incident_row *i);
static int request_words(void *ctx, const struct takedown_row *t);
static void step3(struct req *r, const struct incident_row *i);
static void step4(struct req *r, const struct incident_row *i);
static void step5(struct req *r, const struct incident_row *i);

static void
render(struct req *r, int reveal)
{
	struct incident_row i;
	struct page_ctx p = { r, reveal, 0 };
	int64_t id = req_param(r, "id");
	char title[64], target[32], when[32], err[ERR_MAX] = "", *note = NULL;
	void *sealed = NULL;
	size_t sn = 0;
	int rc, open;

	rc = response_incident_get(r->db, id, &i);
	if (rc != DB_ROW) {
		req_fail(r, rc == DB_DONE ? 404 : 500, rc == DB_DONE ?
		    "There is no such incident." : "The incident could not be "
		    "read.");
		return;
	}
	open = strcmp(i.status, "open") == 0;
	if (reveal)
		snprintf(title, sizeof(title), "Incident %lld: what leaked",
		    (long long)id);
	else
		snprintf(title, sizeof(title), "Incident %lld, step %d",
		    (long long)id, i.step);
	snprintf(target, sizeof(target), "incident %lld", (long long)id);
	util_format_time(i.opened_at, when, sizeof(when));
	page_begin(r, title, "/incidents");
	page_notice(r);
	html_printf(&r->out, "<h1>Incident %lld</h1><p class=\"lede\">Opened "
	    "%s by %s, %s. It is %s. <a href=\"/incidents/%lld/report\">The "
	    "report</a></p>\n", (long long)id, when, i.opened_by,
	    strcmp(i.source, "scan") == 0 ? "from a leak scan" :
	    strcmp(i.source, "report") == 0 ? "from a member's report" :
	    "by hand", i.status, (long long)id);
	if (i.purged_at) {
		util_format_time(i.purged_at, when, sizeof(when));
		html_printf(&r->out, "<div class=\"notice\" role=\"status\">"
		    "Its record was purged on %s, as the community's retention "
		    "period for closed incidents asks: its dates, steps and "
		    "risk stay; the leaked posts, the people affected, the "
		    "messages, the addresses and the notes do not.</div>\n",
		    when);
	}
	wellbeing_lead_panel(r, id, open);
	steps(r, &i);
	if (open && (i.top_rank >= TRIAGE_INTENT ||
	    strcmp(i.risk, "immediate") == 0))
		html_printf(&r->out, "<div class=\"notice error\" role=\"alert\">"
		    "<strong>Immediate risk.</strong> %s</div>\n",
		    triage_crisis_actions());

	/* step 1 */
	html_printf(&r->out, "<section class=\"panel\" aria-labelledby=\"s1\">"
	    "<h2 id=\"s1\">1. Assess immediate risk</h2><p>Triage suggests "
	    "<strong>%s</strong> risk from the leaked posts.",
	    incident_suggested_risk(&i));
	if (i.assessed_at) {
		util_format_time(i.assessed_at, when, sizeof(when));
		html_printf(&r->out, " The recorded assessment is <strong>%s"
		    "</strong>, by %s on %s.", i.risk, i.assessed_by, when);
	} else {
		html_printf(&r->out, " No assessment is recorded yet: contacting "
		    "members waits for it.");
	}
	html_printf(&r->out, "</p>\n<table class=\"list\"><caption>Who is "
	    "affected, highest risk first</caption><thead><tr><th scope=\""
	    "col\">Member</th><th scope=\"col\">Why</th><th scope=\"col\">"
	    "Triage</th><th scope=\"col\">Also</th></tr></thead><tbody>\n");
	if (response_incident_members_each(r->db, id, member_row, &p) != 0 ||
	    i.nmembers == 0)
		html_printf(&r->out, "<tr><td colspan=\"4\">No one yet.</td>"
		    "</tr>\n");
	html_printf(&r->out, "</tbody></table>\n<table class=\"list\">"
	    "<caption>What leaked</caption><thead><tr><th scope=\"col\">Post"
	    "</th><th scope=\"col\">Group</th><th scope=\"col\">Author</th>"
	    "<th scope=\"col\">Triage</th><th scope=\"col\">Also</th></tr>"
	    "</thead><tbody>\n");
	if (response_incident_posts_each(r->db, id, post_row, &p) != 0 ||
	    i.nposts == 0)
		html_printf(&r->out, "<tr><td colspan=\"5\">No post of the "
		    "community is linked to it.</td></tr>\n");
	html_printf(&r->out, "</tbody></table>\n");
	if (reveal && i.has_note &&
	    response_incident_assessment(r->db, id, &sealed, &sn) == DB_ROW) {
		note = gate_open(r->gate, SEALED_INCIDENT_ASSESSMENT, id, sealed,
		    sn, err);
		html_printf(&r->out, "<p>The assessment's note: %s</p>\n", note ?
		    note : err);
		gate_wipe(note);
		free(sealed);
	}
	if (!reveal) {
		html_printf(&r->out, "<form method=\"post\" action=\"/incidents/"
		    "%lld/open\">", (long long)id);
		page_csrf_field(r);
		html_printf(&r->out, "<p class=\"hint\" id=\"open-hint\">The "
		    "posts' words, the addresses and the note stay sealed until "
		    "you ask. Each opening is kept in the audit trail and counts "
		    "toward your exposure.</p><button type=\"submit\" class=\""
		    "secondary\" aria-describedby=\"open-hint\">Read what leaked"
		    "</button></form>\n");
	}
	if (open)
		assess_form(r, &i);
	html_printf(&r->out, "</section>\n");

	step2(r, &i);
	if (i.assessed_at)
		step3(r, &i);
	step4(r, &i);
	step5(r, &i);
	if (reveal)
		response_takedowns_each(r->db, id, 0, request_words, r);

	/* where, who else, who could see */
	html_printf(&r->out, "<section class=\"panel\" aria-labelledby=\"loc\">"
	    "<h2 id=\"loc\">Where the leak is</h2><ul>\n");
	p.n = 0;
	response_leaks_each(r->db, id, leak_row, &p);
	if (p.n == 0)
		html_printf(&r->out, "<li>No place is recorded yet.</li>\n");
	html_printf(&r->out, "</ul>");
	if (open) {
		html_printf(&r->out, "<form class=\"stack\" method=\"post\" "
		    "action=\"/incidents/%lld/locations\">", (long long)id);
		page_csrf_field(r);
		html_printf(&r->out, "<label for=\"url\">Address (kept sealed)"
		    "</label><input id=\"url\" name=\"url\" type=\"url\" "
		    "required maxlength=\"2000\"><label for=\"platform\">"
		    "Platform (optional)</label><input id=\"platform\" name=\""
		    "platform\" maxlength=\"64\"><button type=\"submit\">Add the "
		    "place</button></form>");
	}
	html_printf(&r->out, "</section>\n<section class=\"panel\" aria-"
	    "labelledby=\"who\"><h2 id=\"who\">Who else is affected</h2><p "
	    "class=\"hint\" id=\"who-hint\">Someone whose posts did not leak "
	    "may still be "
	    "exposed: named in a screenshot, or answered in a thread.</p>");
	if (open) {
		html_printf(&r->out, "<form class=\"inline\" method=\"post\" "
		    "action=\"/incidents/%lld/members\">", (long long)id);
		page_csrf_field(r);
		html_printf(&r->out, "<label for=\"pseudonym\">Member</label>"
		    "<input id=\"pseudonym\" name=\"pseudonym\" required "
		    "maxlength=\"256\" aria-describedby=\"who-hint\"><button "
		    "type=\"submit\">Add to the incident</button></form>");
	}
	p.n = 0;
	response_incident_could_see_each(r->db, id, seen_count, &p);
	html_printf(&r->out, "</section>\n<section class=\"panel\" aria-"
	    "labelledby=\"saw\"><h2 id=\"saw\">Who could have seen the posts"
	    "</h2><p>%d member%s belonged to the posts' groups while the posts "
	    "stood (from the membership history; what anyone read is never "
	    "recorded).</p>", p.n, p.n == 1 ? "" : "s");
	if (p.n > 0) {
		p.n = 0;
		html_printf(&r->out, "<details><summary>Their names</summary><p>");
		response_incident_could_see_each(r->db, id, seen_name, &p);
		html_printf(&r->out, "</p></details>");
	}
	html_printf(&r->out, "</section>\n<section class=\"panel\" aria-"
	    "labelledby=\"tl\"><h2 id=\"tl\">Timeline</h2><ol class=\""
	    "timeline\">\n");
	auditlog_target_each(r->db, target, event_row, r);
	html_printf(&r->out, "</ol></section>\n");
	page_end(r);
}

void
incident_page(struct req *r)
{
	render(r, 0);
}

void
incident_reveal_post(struct req *r)
{
	render(r, 1);
}

static void
back(struct req *r, const char *what, int ok)
{
	char loc[64];

	snprintf(loc, sizeof(loc), "/incidents/%lld?%s=%s",
	    (long long)req_param(r, "id"), ok ? "done" : "error", what);
	req_redirect(r, loc);
}

/* POST /incidents/{id}/assess: risk, note */
void
incident_assess_post(struct req *r)
{
	const char *risk = req_form(r, "risk"), *note = req_form(r, "note");
	char err[ERR_MAX];

	if (incident_assess(r->gate, req_param(r, "id"), risk, note && note[0] ?
	    note : NULL, err) != 0) {
		back(r, risk && strstr(err, "add a note") ? "risk-note" :
		    "invalid", 0);
		return;
	}
	back(r, "assessed", 1);
}

/* POST /incidents/{id}/members: pseudonym */
void
incident_member_post(struct req *r)
{
	char err[ERR_MAX];

	if (incident_add_member(r->gate, req_param(r, "id"), req_form(r,
	    "pseudonym"), err) != 0) {
		back(r, "no-member", 0);
		return;
	}
	back(r, "member-added", 1);
}

/* POST /incidents/{id}/locations: url, platform */
void
incident_location_post(struct req *r)
{
	char err[ERR_MAX];

	if (incident_add_location(r->gate, req_param(r, "id"), req_form(r,
	    "platform"), req_form(r, "url"), err) != 0) {
		back(r, "location", 0);
		return;
	}
	back(r, "location-added", 1);
}

/* Step 2 on the incident's page: each affected member's message. */

struct step2_ctx {
	struct req *r;
	int n;
};

static int
outreach_row(void *ctx, const struct outreach_row *o)
{
	struct step2_ctx *s = ctx;
	struct req *r = s->r;
	char when[32] = "";

	if (o->sent_at)
		util_format_time(o->sent_at, when, sizeof(when));
	html_printf(&r->out, "<tr><td>%s</td><td>%s</td><td><span class=\""
	    "badge%s\">%s</span>%s%s</td><td>%s</td><td><form method=\"post\" "
	    "action=\"/outreach/%lld/open\">", o->pseudonym, o->channel,
	    strcmp(o->status, "sent") == 0 ? " ok" : " warn", o->status,
	    o->sent_at ? " " : "", when, o->replied_at ? "yes" : "not yet",
	    (long long)o->id);
	page_csrf_field(r);
	html_printf(&r->out, "<button type=\"submit\" class=\"secondary\">%s "
	    "the message to %s</button></form></td></tr>\n",
	    strcmp(o->status, "sent") == 0 ? "Read" : "Edit and send",
	    o->pseudonym);
	if (o->error[0])
		html_printf(&r->out, "<tr><td colspan=\"5\">Not delivered: %s"
		    "</td></tr>\n", o->error);
	s->n++;
	return 0;
}

static int
country_option(void *ctx, const struct resource_row *x)
{
	struct step2_ctx *s = ctx;

	if (x->country[0] && s->n++ >= 0)
		html_printf(&s->r->out, "<option value=\"%s\">%s (%s)</option>",
		    x->country, x->country, x->name);
	return 0;
}

static void
step2(struct req *r, const struct incident_row *i)
{
	struct step2_ctx s = { r, 0 };

	html_printf(&r->out, "<section class=\"panel\" aria-labelledby=\"s2\" "
	    "id=\"outreach\"><h2 id=\"s2\">2. Contact the affected members, "
	    "with care</h2>");
	if (i->assessed_at == 0) {
		html_printf(&r->out, "<p>This comes after the risk assessment "
		    "above.</p></section>\n");
		return;
	}
	html_printf(&r->out, "<table class=\"list\"><caption>Private messages"
	    "</caption><thead><tr><th scope=\"col\">Member</th><th scope=\""
	    "col\">Channel</th><th scope=\"col\">Status</th><th scope=\"col\">"
	    "Answered</th><th scope=\"col\">Message</th></tr></thead><tbody>\n");
	response_outreach_each(r->db, i->id, outreach_row, &s);
	if (s.n == 0)
		html_printf(&r->out, "<tr><td colspan=\"5\">No message is drafted "
		    "yet.</td></tr>\n");
	html_printf(&r->out, "</tbody></table>\n");
	if (strcmp(i->status, "open") != 0 || s.n >= i->nmembers) {
		html_printf(&r->out, "</section>\n");
		return;
	}
	html_printf(&r->out, "<form class=\"stack\" method=\"post\" action=\""
	    "/incidents/%lld/outreach\">", (long long)i->id);
	page_csrf_field(r);
	html_printf(&r->out, "<label for=\"country\">Support resources of"
	    "</label><select id=\"country\" name=\"country\" aria-describedby="
	    "\"draft-hint\"><option value=\"\">everywhere (international "
	    "directories)</option>");
	s.n = 0;
	response_resources_each(r->db, NULL, country_option, &s);
	html_printf(&r->out, "</select><p class=\"hint\" id=\"draft-hint\">"
	    "Each message is drafted from a trauma-informed template: what "
	    "happened in plain words (never the leaked words), what is being "
	    "done, an invitation to say how they are, their choices, and "
	    "support resources. You edit each one before it goes.</p><button "
	    "type=\"submit\">Draft the messages</button></form></section>\n");
}

/* POST /incidents/{id}/outreach: country */
void
incident_outreach_post(struct req *r)
{
	const char *country = req_form(r, "country");
	char err[ERR_MAX];
	int made;

	if (outreach_draft_all(r->gate, req_param(r, "id"), country ? country :
	    "", &made, err) != 0) {
		back(r, strstr(err, "step 1") ? "step1-first" : "invalid", 0);
		return;
	}
	back(r, "drafted", 1);
}

/* The lint's findings on a draft, as a notice (outreach and care). */
void
outreach_lint_notice(struct req *r, const struct outreach_lint *l)
{
	int k;

	if (l->n == 0) {
		html_printf(&r->out, "<div class=\"notice\" role=\"status\">It "
		    "reads with care and gives support resources: it can go."
		    "</div>\n");
		return;
	}
	html_printf(&r->out, "<div class=\"notice error\" role=\"alert\">It "
	    "cannot go yet:<ul>");
	for (k = 0; k < l->n; k++)
		html_printf(&r->out, "<li>%s</li>", l->problem[k]);
	html_printf(&r->out, "</ul></div>\n");
}

struct editor_ctx {
	struct req *r;
	const char *text;		/* given, or NULL: open the sealed one */
	const struct outreach_lint *lint;
	int done;
};

static int
editor(void *ctx, const struct outreach_row *o)
{
	struct editor_ctx *e = ctx;
	struct req *r = e->r;
	struct outreach_lint lint;
	char err[ERR_MAX] = "", title[64], *text = NULL, *reply = NULL;
	int sent = strcmp(o->status, "sent") == 0;

	e->done = 1;
	if (e->text == NULL && o->body)
		text = gate_open(r->gate, SEALED_OUTREACH_BODY, o->id, o->body,
		    o->body_n, err);
	if (o->reply)
		reply = gate_open(r->gate, SEALED_OUTREACH_REPLY, o->id,
		    o->reply, o->reply_n, err);
	snprintf(title, sizeof(title), "Message %lld", (long long)o->id);
	page_begin(r, title, "/incidents");
	html_printf(&r->out, "<h1>The message to %s</h1><p class=\"lede\">"
	    "Incident %lld, %s, %s. <a href=\"/incidents/%lld#outreach\">Back "
	    "to the incident</a></p>\n", o->pseudonym,
	    (long long)o->incident_id, o->channel, o->status,
	    (long long)o->incident_id);
	if (!sent) {
		if (e->lint)
			outreach_lint_notice(r, e->lint);
		else if (outreach_lint_full(r->gate, o->incident_id, e->text ?
		    e->text : text ? text : "", &lint) >= 0)
			outreach_lint_notice(r, &lint);
	}
	if (sent) {
		html_printf(&r->out, "<section class=\"panel\"><h2>What was sent"
		    "</h2><pre class=\"message\">%s</pre></section>\n", text ?
		    text : err);
	} else {
		html_printf(&r->out, "<form class=\"stack\" method=\"post\" "
		    "action=\"/outreach/%lld\">", (long long)o->id);
		page_csrf_field(r);
		html_printf(&r->out, "<label for=\"body\">The message</label>"
		    "<textarea id=\"body\" name=\"body\" rows=\"22\" maxlength=\""
		    "8000\" aria-describedby=\"body-hint\">%s</textarea><p class="
		    "\"hint\" id=\"body-hint\">Warm, no judgement, no blame; what "
		    "happened in plain words, never the leaked words; what they "
		    "can choose; at least one support resource.</p><label for=\""
		    "channel\">Send it</label><select id=\"channel\" name=\""
		    "channel\"><option value=\"in-app\"%s>in the app</option>"
		    "%s%s%s</select><button type=\"submit\" class=\"secondary\">"
		    "Save and check</button></form>\n", e->text ? e->text :
		    text ? text : "", strcmp(o->channel, "in-app") == 0 ?
		    " selected" : "", o->has_contact ? "<option value=\"email\""
		    : "", o->has_contact && strcmp(o->channel, "email") == 0 ?
		    " selected" : "", o->has_contact ? ">by e-mail (the address "
		    "stays sealed)</option>" : "");
		html_printf(&r->out, "<form method=\"post\" action=\"/outreach/"
		    "%lld/send\">", (long long)o->id);
		page_csrf_field(r);
		html_printf(&r->out, "<button type=\"submit\">Send the saved "
		    "message</button></form>\n");
	}
	html_printf(&r->out, "<section class=\"panel\"><h2>Their answer</h2>");
	if (reply)
		html_printf(&r->out, "<details class=\"cw\"><summary>Their own "
		    "words about how they are and what they need. Open to read."
		    "</summary><div class=\"content\"><p>%s</p></div></details>",
		    reply);
	else
		html_printf(&r->out, "<p>%s</p>", o->replied_at ? err :
		    "No answer yet. They do not have to answer.");
	html_printf(&r->out, "</section>\n");
	page_end(r);
	gate_wipe(text);
	gate_wipe(reply);
	return 1;
}

static void
show_editor(struct req *r, const char *text, const struct outreach_lint *l)
{
	struct editor_ctx e = { r, text, l, 0 };

	response_outreach_one(r->db, req_param(r, "id"), 0, editor, &e);
	if (!e.done)
		req_fail(r, 404, "There is no such message.");
}

/* POST /outreach/{id}/open: the message, its lint and the answer */
void
outreach_open_post(struct req *r)
{
	show_editor(r, NULL, NULL);
}

/* POST /outreach/{id}: body, channel; saved, then shown with its lint */
void
outreach_save_post(struct req *r)
{
	struct outreach_lint lint;
	char err[ERR_MAX];

	if (outreach_edit(r->gate, req_param(r, "id"), req_form(r, "body"),
	    req_form(r, "channel"), &lint, err) != 0) {
		req_fail(r, 422, err);
		return;
	}
	show_editor(r, req_form(r, "body"), &lint);
}

static int
incident_of(void *ctx, const struct outreach_row *o)
{
	*(int64_t *)ctx = o->incident_id;
	return 1;
}

/* POST /outreach/{id}/send */
void
outreach_send_post(struct req *r)
{
	struct outreach_lint lint;
	char err[ERR_MAX], loc[80];
	int64_t inc = 0;
	int rc;

	response_outreach_one(r->db, req_param(r, "id"), 0, incident_of, &inc);
	if (inc == 0) {
		req_fail(r, 404, "There is no such message.");
		return;
	}
	rc = outreach_send(r->gate, req_param(r, "id"), &lint, err);
	snprintf(loc, sizeof(loc), "/incidents/%lld?%s#outreach",
	    (long long)inc, rc == 0 ? "done=sent" : rc == 1 ?
	    "error=not-delivered" : "error=not-sent");
	req_redirect(r, loc);
}

/* A yes/no choice whose ids carry the message's number. */
static void
yes_no_select_n(struct req *r, const char *name, int64_t id,
    const char *label)
{
	html_printf(&r->out, "<label for=\"%s-%lld\">%s</label><select id=\""
	    "%s-%lld\" name=\"%s\"><option value=\"\">I have not decided"
	    "</option><option value=\"yes\">yes</option><option value=\"no\">"
	    "no</option></select>", name, (long long)id, label, name,
	    (long long)id, name);
}

static int
copy_meta(void *ctx, const struct outreach_row *o)
{
	struct outreach_row *out = ctx;

	*out = *o;
	out->body = out->reply = NULL;
	return 1;
}

/* A member's messages from the moderators: GET /me/messages */

static int
member_message(void *ctx, const struct outreach_row *o)
{
	struct step2_ctx *s = ctx;
	struct req *r = s->r;
	char err[ERR_MAX] = "", when[32], *text;

	text = gate_open_as_member(r->gate, SEALED_OUTREACH_BODY, o->id,
	    o->body, o->body_n, err);
	util_format_time(o->sent_at, when, sizeof(when));
	html_printf(&r->out, "<section class=\"panel\"><h2>From the moderators, "
	    "%s</h2><pre class=\"message\">%s</pre>", when, text ? text :
	    "(this message could not be opened)");
	gate_wipe(text);
	if (o->replied_at) {
		html_printf(&r->out, "<p>You answered. Thank you; only the people "
		    "supporting you read it.</p></section>\n");
	} else {
		html_printf(&r->out, "<form class=\"stack\" method=\"post\" "
		    "action=\"/me/messages/%lld/reply\">", (long long)o->id);
		page_csrf_field(r);
		html_printf(&r->out, "<label for=\"reply-%lld\">If you like: how "
		    "you are, and what you need</label><textarea id=\"reply-%lld\" "
		    "name=\"reply\" rows=\"5\" maxlength=\"8000\" aria-"
		    "describedby=\"reply-hint-%lld\"></textarea><p class=\"hint\" "
		    "id=\"reply-hint-%lld\">Only the people supporting you read "
		    "it. You do not have to answer.</p><button type=\"submit\">"
		    "Send my answer</button></form></section>\n",
		    (long long)o->id, (long long)o->id, (long long)o->id,
		    (long long)o->id);
	}
	html_printf(&r->out, "<form method=\"post\" action=\"/me/messages/"
	    "%lld/connect\">", (long long)o->id);
	page_csrf_field(r);
	html_printf(&r->out, "<p class=\"hint\" id=\"connect-hint-%lld\">"
	    "Someone from the moderators will be in touch within a day, the "
	    "way you chose.</p><button type=\"submit\" class=\"secondary\" "
	    "aria-describedby=\"connect-hint-%lld\">I would like to talk "
	    "with someone</button></form>\n", (long long)o->id,
	    (long long)o->id);
	html_printf(&r->out, "<section class=\"panel\"><h2>What is done in "
	    "your name</h2><form class=\"stack\" method=\"post\" action=\""
	    "/me/messages/%lld/consent\">", (long long)o->id);
	page_csrf_field(r);
	yes_no_select_n(r, "mention", o->id, "May a request to remove what was "
	    "shared mention you?");
	yes_no_select_n(r, "copyright", o->id, "May we send a copyright notice? "
	    "(It usually shows the person who posted the copy who wrote the "
	    "words.)");
	yes_no_select_n(r, "see", o->id, "Do you want to see what was shared?");
	html_printf(&r->out, "<button type=\"submit\">Save my choices</button>"
	    "</form></section>\n");
	s->n++;
	return 0;
}

void
member_messages_page(struct req *r)
{
	struct step2_ctx s = { r, 0 };

	page_begin(r, "Messages", "/me/messages");
	page_notice(r);
	html_printf(&r->out, "<h1>Messages</h1><p class=\"lede\">Private "
	    "messages the moderators wrote to you. No one else sees them.</p>\n");
	response_outreach_one(r->db, 0, r->user.id, member_message, &s);
	if (s.n == 0)
		html_printf(&r->out, "<p>There is no message for you.</p>\n");
	page_end(r);
}

/* POST /me/messages/{id}/reply: reply */
void
member_reply_post(struct req *r)
{
	char err[ERR_MAX];

	if (outreach_reply(r->gate, req_param(r, "id"), req_form(r, "reply"),
	    err) != 0) {
		req_redirect(r, "/me/messages?error=invalid");
		return;
	}
	req_redirect(r, "/me/messages?done=answered");
}

/* Step 4 on the incident's page: consent, removal requests, re-check. */

static const char *
answer(int v)
{
	return v < 0 ? "not answered" : v ? "yes" : "no";
}

static int
consent_row(void *ctx, const struct incident_member *m)
{
	struct step2_ctx *s = ctx;

	html_printf(&s->r->out, "<tr><td>%s</td><td>%s</td><td>%s</td><td>%s"
	    "</td></tr>\n", m->pseudonym, answer(m->mention),
	    answer(m->copyright), answer(m->see));
	s->n++;
	return 0;
}

static int
member_option(void *ctx, const struct incident_member *m)
{
	struct step2_ctx *s = ctx;

	/* n: 0 every affected member, 1 only those who allowed naming */
	if (s->n == 0 || m->mention == 1)
		html_printf(&s->r->out, "<option value=\"%s\">%s</option>",
		    m->pseudonym, m->pseudonym);
	return 0;
}

static int
place_option(void *ctx, const struct leak_row *l)
{
	struct step2_ctx *s = ctx;

	html_printf(&s->r->out, "<option value=\"%lld\">place %lld, %s</option>",
	    (long long)l->id, (long long)l->id, l->platform);
	s->n++;
	return 0;
}

static int
takedown_row(void *ctx, const struct takedown_row *t)
{
	struct step2_ctx *s = ctx;
	struct req *r = s->r;
	char due[32] = "";
	static const char *const next[] = { "requested", "removed", "refused",
	    "reappeared" };
	int k;

	if (t->check_at)
		util_format_time(t->check_at, due, sizeof(due));
	html_printf(&r->out, "<tr><td>Request %lld</td><td>%s</td><td>%s</td>"
	    "<td>%s</td><td>%s</td><td><span class=\"badge%s\">%s</span>%s%s%s"
	    "</td><td><form class=\"inline\" method=\"post\" action=\""
	    "/takedowns/%lld/status\">", (long long)t->id, t->platform, t->kind,
	    t->names[0] ? t->names : "no one", t->send_to[0] ? t->send_to :
	    "not said", strcmp(t->status, "removed") == 0 ? " ok" : " warn",
	    t->status, due[0] ? " (look again " : "", due, due[0] ? ")" : "",
	    (long long)t->id);
	page_csrf_field(r);
	html_printf(&r->out, "<label class=\"visually-hidden\" for=\"st-%lld\">"
	    "New status of request %lld</label><select id=\"st-%lld\" name=\""
	    "status\">", (long long)t->id, (long long)t->id, (long long)t->id);
	for (k = 0; k < 4; k++)
		html_printf(&r->out, "<option>%s</option>", next[k]);
	html_printf(&r->out, "</select><button type=\"submit\" class=\""
	    "secondary\">Set</button></form></td></tr>\n");
	s->n++;
	return 0;
}

static void
yes_no_select(struct req *r, const char *id, const char *label)
{
	html_printf(&r->out, "<label for=\"%s\">%s</label><select id=\"%s\" "
	    "name=\"%s\"><option value=\"\">leave as it is</option><option "
	    "value=\"yes\">yes</option><option value=\"no\">no</option>"
	    "</select>", id, label, id, id);
}

static void
step4(struct req *r, const struct incident_row *i)
{
	struct step2_ctx s = { r, 0 };

	html_printf(&r->out, "<section class=\"panel\" aria-labelledby=\"s4\" "
	    "id=\"takedown\"><h2 id=\"s4\">4. Remove what leaked, with their "
	    "consent</h2>");
	if (i->assessed_at == 0) {
		html_printf(&r->out, "<p>This comes after the risk assessment "
		    "above.</p></section>\n");
		return;
	}
	html_printf(&r->out, "<p class=\"hint\" id=\"consent-hint\">Each "
	    "affected member decides what is done in their name. Without their "
	    "yes, only requests that name no one are made.</p><table class=\""
	    "list\"><caption>What they allow</caption><thead><tr><th scope=\""
	    "col\">Member</th><th scope=\"col\">A request that mentions them"
	    "</th><th scope=\"col\">A copyright notice</th><th scope=\"col\">"
	    "To see what leaked</th></tr></thead><tbody>\n");
	response_incident_members_each(r->db, i->id, consent_row, &s);
	html_printf(&r->out, "</tbody></table>\n");
	if (strcmp(i->status, "open") == 0 && s.n > 0) {
		html_printf(&r->out, "<details><summary>Record an answer they "
		    "gave another way</summary><form class=\"stack\" method=\""
		    "post\" action=\"/incidents/%lld/consent\">",
		    (long long)i->id);
		page_csrf_field(r);
		html_printf(&r->out, "<label for=\"c-member\">Member</label>"
		    "<select id=\"c-member\" name=\"pseudonym\" aria-describedby="
		    "\"consent-hint\">");
		s.n = 0;
		response_incident_members_each(r->db, i->id, member_option, &s);
		html_printf(&r->out, "</select>");
		yes_no_select(r, "mention", "May a request mention them?");
		yes_no_select(r, "copyright", "May a copyright notice be sent?");
		yes_no_select(r, "see", "Do they want to see what leaked?");
		html_printf(&r->out, "<button type=\"submit\">Record it</button>"
		    "</form></details>\n");
	}
	html_printf(&r->out, "<table class=\"list\"><caption>Removal requests"
	    "</caption><thead><tr><th scope=\"col\">Request</th><th scope=\""
	    "col\">Place</th><th scope=\"col\">Kind</th><th scope=\"col\">"
	    "Names</th><th scope=\"col\">Goes to</th><th scope=\"col\">Status"
	    "</th><th scope=\"col\">Change</th></tr></thead><tbody>\n");
	s.n = 0;
	response_takedowns_each(r->db, i->id, 0, takedown_row, &s);
	if (s.n == 0)
		html_printf(&r->out, "<tr><td colspan=\"7\">None yet.</td></tr>\n");
	html_printf(&r->out, "</tbody></table>\n");
	if (strcmp(i->status, "open") != 0 || i->nlocations == 0) {
		html_printf(&r->out, "%s</section>\n", i->nlocations == 0 ?
		    "<p>Add a place where the leak is (below) to ask for its "
		    "removal.</p>" : "");
		return;
	}
	html_printf(&r->out, "<form class=\"stack\" method=\"post\" action=\""
	    "/incidents/%lld/takedowns\">", (long long)i->id);
	page_csrf_field(r);
	html_printf(&r->out, "<label for=\"leak\">Place</label><select id=\""
	    "leak\" name=\"leak\">");
	s.n = 0;
	response_leaks_each(r->db, i->id, place_option, &s);
	html_printf(&r->out, "</select><label for=\"kind\">Kind of request"
	    "</label><select id=\"kind\" name=\"kind\"><option value=\"privacy"
	    "\">privacy (names no one)</option><option value=\"terms\">terms "
	    "of service</option><option value=\"copyright\">copyright (names "
	    "its author, who must allow it)</option></select><label for=\""
	    "names\">Name in it</label><select id=\"names\" name=\"names\" "
	    "aria-describedby=\"consent-hint\"><option value=\"\">no one"
	    "</option>");
	s.n = 1;
	response_incident_members_each(r->db, i->id, member_option, &s);
	html_printf(&r->out, "</select><label for=\"to\">Where it goes (the "
	    "platform's form or address)</label><input id=\"to\" name=\"to\" "
	    "maxlength=\"250\"><button type=\"submit\">Make the request"
	    "</button></form>\n<form method=\"post\" action=\"/incidents/%lld/"
	    "recheck\">", (long long)i->id);
	page_csrf_field(r);
	html_printf(&r->out, "<button type=\"submit\" class=\"secondary\">Look "
	    "at the places again</button></form></section>\n");
}

static int
consent_value(const char *v)
{
	return v == NULL || v[0] == '\0' ? -1 : strcmp(v, "yes") == 0 ? 1 :
	    strcmp(v, "no") == 0 ? 0 : -2;
}

/* POST /incidents/{id}/consent: pseudonym, mention, copyright, see */
void
incident_consent_post(struct req *r)
{
	const char *who = req_form(r, "pseudonym");
	int m = consent_value(req_form(r, "mention")),
	    c = consent_value(req_form(r, "copyright")),
	    s = consent_value(req_form(r, "see"));
	char err[ERR_MAX];
	int64_t member;

	if (who == NULL || m == -2 || c == -2 || s == -2 ||
	    pseudonym_member(r->db, who, &member) != 1 ||
	    takedown_consent(r->gate, req_param(r, "id"), member, m, c, s, 0,
	    err) != 0) {
		back(r, "invalid", 0);
		return;
	}
	back(r, "consent", 1);
}

/* POST /incidents/{id}/takedowns: leak, kind, names, to */
void
incident_takedown_post(struct req *r)
{
	const char *leak = req_form(r, "leak");
	char err[ERR_MAX];
	long long v;
	int64_t id;

	if (leak == NULL || util_parse_int(leak, 1, INT64_MAX, &v) != 0 ||
	    takedown_create(r->gate, v, req_form(r, "kind"), req_form(r,
	    "names"), req_form(r, "to"), &id, err) != 0) {
		back(r, strstr(err, "has not allowed") ? "no-consent" :
		    "invalid", 0);
		return;
	}
	back(r, "requested", 1);
}

static int
incident_of_td(void *ctx, const struct takedown_row *t)
{
	*(int64_t *)ctx = t->incident_id;
	return 1;
}

/* POST /takedowns/{id}/status: status */
void
takedown_status_post(struct req *r)
{
	char err[ERR_MAX], loc[80];
	int64_t inc = 0;
	int ok;

	response_takedowns_each(r->db, 0, -req_param(r, "id"), incident_of_td,
	    &inc);
	if (inc == 0) {
		req_fail(r, 404, "There is no such request.");
		return;
	}
	ok = takedown_mark(r->gate, req_param(r, "id"), req_form(r, "status"),
	    err) == 0;
	snprintf(loc, sizeof(loc), "/incidents/%lld?%s#takedown",
	    (long long)inc, ok ? "done=status" : "error=status-refused");
	req_redirect(r, loc);
}

/* POST /incidents/{id}/recheck */
void
incident_recheck_post(struct req *r)
{
	char err[ERR_MAX];
	int gone, found;

	if (takedown_recheck(r->gate, req_param(r, "id"),
	    r->cfg->allow_private_fetch, &gone, &found, err) != 0) {
		back(r, "invalid", 0);
		return;
	}
	back(r, "rechecked", 1);
}

/* POST /me/messages/{id}/consent: mention, copyright, see (the member) */
void
member_consent_post(struct req *r)
{
	int m = consent_value(req_form(r, "mention")),
	    c = consent_value(req_form(r, "copyright")),
	    s = consent_value(req_form(r, "see"));
	struct outreach_row o;
	char err[ERR_MAX];

	memset(&o, 0, sizeof(o));
	response_outreach_one(r->db, req_param(r, "id"), 0, copy_meta, &o);
	if (o.id == 0 || o.user_id != r->user.id || m == -2 || c == -2 ||
	    s == -2 || takedown_consent(r->gate, o.incident_id, o.member_id, m,
	    c, s, 1, err) != 0) {
		req_redirect(r, "/me/messages?error=invalid");
		return;
	}
	req_redirect(r, "/me/messages?done=choices");
}

/* A removal request's words, for the moderator who sends them. */
static int
request_words(void *ctx, const struct takedown_row *t)
{
	struct req *r = ctx;
	char err[ERR_MAX] = "", *text = NULL;

	if (t->request)
		text = gate_open(r->gate, SEALED_TAKEDOWN_REQUEST, t->id,
		    t->request, t->request_n, err);
	html_printf(&r->out, "<section class=\"panel\"><h2>Request %lld, to "
	    "send to %s</h2><pre class=\"message\">%s</pre></section>\n",
	    (long long)t->id, t->send_to[0] ? t->send_to : t->platform, text ?
	    text : err);
	gate_wipe(text);
	return 0;
}

/* Step 5 on the incident's page, and the announcement's editor. */

static int
announcement_row(void *ctx, const struct announcement_row *a)
{
	struct step2_ctx *s = ctx;
	struct req *r = s->r;
	char when[32] = "";

	if (a->published_at)
		util_format_time(a->published_at, when, sizeof(when));
	html_printf(&r->out, "<li>Announcement %lld, %s%s%s. <form class=\""
	    "inline\" method=\"post\" action=\"/announcements/%lld/open\">",
	    (long long)a->id, a->status, when[0] ? " " : "", when,
	    (long long)a->id);
	page_csrf_field(r);
	html_printf(&r->out, "<button type=\"submit\" class=\"secondary\">%s "
	    "announcement %lld</button></form></li>\n",
	    strcmp(a->status, "draft") == 0 ? "Edit and publish" : "Read",
	    (long long)a->id);
	s->n++;
	return 0;
}

static void
step5(struct req *r, const struct incident_row *i)
{
	struct step2_ctx s = { r, 0 };
	char err[ERR_MAX];

	html_printf(&r->out, "<section class=\"panel\" aria-labelledby=\"s5\" "
	    "id=\"announce\"><h2 id=\"s5\">5. Tell the community, carefully"
	    "</h2>");
	if (!incident_may(i, 5, err)) {
		html_printf(&r->out, "<p>This comes after every affected member "
		    "has been written to.</p></section>\n");
		return;
	}
	html_printf(&r->out, "<ul>");
	response_announcements_each(r->db, i->id, 0, announcement_row, &s);
	if (s.n == 0)
		html_printf(&r->out, "<li>No announcement yet.</li>");
	html_printf(&r->out, "</ul><form method=\"post\" action=\"/incidents/"
	    "%lld/announcement\">", (long long)i->id);
	page_csrf_field(r);
	html_printf(&r->out, "<p class=\"hint\" id=\"announce-hint\">Drafted "
	    "from a template: an acknowledgment, what is being done, the "
	    "community's purpose, support. It is published only when it names "
	    "no one, holds no words of any post, no contact data and no details "
	    "of a method.</p><button type=\"submit\" aria-describedby=\""
	    "announce-hint\">Draft an announcement</button></form></section>\n");
}

/* POST /incidents/{id}/announcement */
void
incident_announce_post(struct req *r)
{
	char err[ERR_MAX];
	int64_t id;

	if (announce_draft(r->gate, req_param(r, "id"), &id, err) != 0) {
		back(r, "invalid", 0);
		return;
	}
	back(r, "announce-drafted", 1);
}

static void
guard_list(struct req *r, const struct announce_guard *g)
{
	int k;

	if (g->n == 0) {
		html_printf(&r->out, "<div class=\"notice\" role=\"status\">The "
		    "guard finds nothing in the way: it can be published.</div>\n");
		return;
	}
	html_printf(&r->out, "<div class=\"notice error\" role=\"alert\">It "
	    "cannot be published yet:<ul>");
	for (k = 0; k < g->n; k++)
		html_printf(&r->out, "<li>%s</li>", g->finding[k]);
	html_printf(&r->out, "</ul></div>\n");
}

struct ann_editor {
	struct req *r;
	const char *text;
	const struct announce_guard *guard;
	int done;
};

static int
ann_editor(void *ctx, const struct announcement_row *a)
{
	struct ann_editor *e = ctx;
	struct req *r = e->r;
	struct announce_guard g;
	char err[ERR_MAX] = "", title[64], *text = NULL;
	const char *shown;

	e->done = 1;
	if (e->text == NULL && a->draft)
		text = gate_open(r->gate, SEALED_ANNOUNCEMENT_DRAFT, a->id,
		    a->draft, a->draft_n, err);
	shown = e->text ? e->text : text ? text : a->body ? a->body : "";
	snprintf(title, sizeof(title), "Announcement %lld", (long long)a->id);
	page_begin(r, title, "/incidents");
	html_printf(&r->out, "<h1>Announcement %lld</h1><p class=\"lede\">"
	    "Incident %lld, %s. <a href=\"/incidents/%lld#announce\">Back to "
	    "the incident</a></p>\n", (long long)a->id,
	    (long long)a->incident_id, a->status, (long long)a->incident_id);
	if (strcmp(a->status, "published") == 0) {
		html_printf(&r->out, "<section class=\"panel\"><pre class=\""
		    "message\">%s</pre></section>\n", shown);
	} else {
		if (e->guard)
			guard_list(r, e->guard);
		else if (announce_guard_check(r->gate, shown, &g, err) >= 0)
			guard_list(r, &g);
		html_printf(&r->out, "<form class=\"stack\" method=\"post\" "
		    "action=\"/announcements/%lld\">", (long long)a->id);
		page_csrf_field(r);
		html_printf(&r->out, "<label for=\"body\">The announcement"
		    "</label><textarea id=\"body\" name=\"body\" rows=\"20\" "
		    "maxlength=\"6000\">%s</textarea><button type=\"submit\" "
		    "class=\"secondary\">Save and check</button></form>\n"
		    "<form method=\"post\" action=\"/announcements/%lld/publish"
		    "\">", shown, (long long)a->id);
		page_csrf_field(r);
		html_printf(&r->out, "<button type=\"submit\">Publish the saved "
		    "announcement</button></form>\n");
	}
	page_end(r);
	gate_wipe(text);
	return 1;
}

static void
show_ann(struct req *r, const char *text, const struct announce_guard *g)
{
	struct ann_editor e = { r, text, g, 0 };

	response_announcements_each(r->db, 0, req_param(r, "id"), ann_editor,
	    &e);
	if (!e.done)
		req_fail(r, 404, "There is no such announcement.");
}

/* POST /announcements/{id}/open */
void
announcement_open_post(struct req *r)
{
	show_ann(r, NULL, NULL);
}

/* POST /announcements/{id}: body */
void
announcement_save_post(struct req *r)
{
	struct announce_guard g;
	char err[ERR_MAX] = "";

	if (announce_edit(r->gate, req_param(r, "id"), req_form(r, "body"), &g,
	    err) != 0) {
		req_fail(r, 422, err);
		return;
	}
	show_ann(r, req_form(r, "body"), &g);
}

static int
ann_incident(void *ctx, const struct announcement_row *a)
{
	*(int64_t *)ctx = a->incident_id;
	return 1;
}

/* POST /announcements/{id}/publish */
void
announcement_publish_post(struct req *r)
{
	struct announce_guard g;
	char err[ERR_MAX] = "", loc[80];
	int64_t inc = 0;
	int ok;

	response_announcements_each(r->db, 0, req_param(r, "id"), ann_incident,
	    &inc);
	if (inc == 0) {
		req_fail(r, 404, "There is no such announcement.");
		return;
	}
	ok = announce_publish(r->gate, req_param(r, "id"), &g, err) == 0;
	snprintf(loc, sizeof(loc), "/incidents/%lld?%s#announce",
	    (long long)inc, ok ? "done=published" : "error=guard");
	req_redirect(r, loc);
}

/* GET /announcements: what the community was told */
static int
published_row(void *ctx, const struct announcement_row *a)
{
	struct step2_ctx *s = ctx;
	char when[32];

	util_format_time(a->published_at, when, sizeof(when));
	html_printf(&s->r->out, "<section class=\"panel\"><h2>From the "
	    "moderators, %s</h2><pre class=\"message\">%s</pre></section>\n",
	    when, a->body ? a->body : "");
	s->n++;
	return 0;
}

void
announcements_page(struct req *r)
{
	struct step2_ctx s = { r, 0 };

	page_begin(r, "Announcements", "/announcements");
	html_printf(&r->out, "<h1>Announcements</h1><p class=\"lede\">What the "
	    "moderators have told the whole community.</p>\n");
	response_announcements_each(r->db, 0, 0, published_row, &s);
	if (s.n == 0)
		html_printf(&r->out, "<p>There is no announcement.</p>\n");
	page_end(r);
}

/* GET /incidents/{id}/report */
void
incident_report_page(struct req *r)
{
	char title[48];
	int64_t id = req_param(r, "id");
	struct incident_row i;

	if (response_incident_get(r->db, id, &i) != DB_ROW) {
		req_fail(r, 404, "There is no such incident.");
		return;
	}
	snprintf(title, sizeof(title), "Incident %lld: report", (long long)id);
	page_begin(r, title, "/incidents");
	incident_report_body(r->db, id, &r->out);
	page_end(r);
}

/* POST /reports/{id}/incident: an incident from a member's report, with
** the posts the leak detector found in it */
void
report_incident_post(struct req *r)
{
	int64_t id = req_param(r, "id"), posts[INCIDENT_POSTS_MAX], inc;
	struct incident_open in = { "report", posts, 0, NULL, NULL };
	char err[ERR_MAX], loc[64];
	int n;

	n = response_report_posts(r->db, id, posts, INCIDENT_POSTS_MAX);
	if (n < 0) {
		req_fail(r, 500, "The report could not be read.");
		return;
	}
	in.nposts = n;
	if (incident_create(r->gate, &in, &inc, err) != 0 ||
	    response_report_status(r->db, id, "linked", inc) != 1) {
		req_redirect(r, "/reports?error=invalid");
		return;
	}
	snprintf(loc, sizeof(loc), "/incidents/%lld?done=opened",
	    (long long)inc);
	req_redirect(r, loc);
}


/* Step 3 on the incident's page: the requests to be connected. */
static int
connect_row(void *ctx, const struct connect_row *c)
{
	struct step2_ctx *s = ctx;
	struct req *r = s->r;
	char due[32];

	util_format_time(c->due_at, due, sizeof(due));
	html_printf(&r->out, "<li>%s asked to be connected; %s, by %s: %s",
	    c->pseudonym, c->assigned_to, due, c->done_at ? "done" :
	    c->due_at < util_now() ? "overdue" : "to do");
	if (!c->done_at) {
		html_printf(&r->out, " <form class=\"inline\" method=\"post\" "
		    "action=\"/connects/%lld/done\">", (long long)c->id);
		page_csrf_field(r);
		html_printf(&r->out, "<button type=\"submit\" class=\"secondary"
		    "\">Done: request %lld</button></form>", (long long)c->id);
	}
	html_printf(&r->out, "</li>\n");
	s->n++;
	return 0;
}

static void
step3(struct req *r, const struct incident_row *i)
{
	struct step2_ctx s = { r, 0 };

	html_printf(&r->out, "<section class=\"panel\" aria-labelledby=\"s3\" "
	    "id=\"connect\"><h2 id=\"s3\">3. Support resources, and "
	    "connecting</h2><p>Every message carries the support resources of "
	    "the member's country (<code>sanctum resources list</code>). A "
	    "member who asks to talk with someone is connected with the person "
	    "who wrote to them, within a day.</p><ul>");
	response_connects_each(r->db, i->id, 0, connect_row, &s);
	if (s.n == 0)
		html_printf(&r->out, "<li>No one has asked yet.</li>");
	html_printf(&r->out, "</ul></section>\n");
}

/* POST /me/messages/{id}/connect (the member) */
void
member_connect_post(struct req *r)
{
	char err[ERR_MAX];

	if (outreach_connect(r->gate, req_param(r, "id"), err) != 0) {
		req_redirect(r, "/me/messages?error=invalid");
		return;
	}
	req_redirect(r, "/me/messages?done=connect");
}

/* POST /connects/{id}/done */
void
connect_done_post(struct req *r)
{
	char err[ERR_MAX], loc[64];
	int64_t inc = 0;

	if (outreach_connect_done(r->gate, req_param(r, "id"), &inc, err) !=
	    0) {
		if (inc == 0) {
			req_fail(r, 404, "There is no such request.");
			return;
		}
		snprintf(loc, sizeof(loc), "/incidents/%lld?error=invalid",
		    (long long)inc);
		req_redirect(r, loc);
		return;
	}
	snprintf(loc, sizeof(loc), "/incidents/%lld?done=connected#connect",
	    (long long)inc);
	req_redirect(r, loc);
}

/* POST /incidents/{id}/handoff: the lead (or an admin) hands it off */
void
incident_handoff_post(struct req *r)
{
	struct rota_pick p;
	char err[ERR_MAX], to[64];
	int64_t id = req_param(r, "id");
	int ok = incident_handoff(r->gate, id, &p, err) == 0;

	snprintf(to, sizeof(to), "/incidents/%lld?%s", (long long)id, ok ?
	    "done=handed-off" : "error=handoff-refused");
	req_redirect(r, to);
}

/* POST /api/v1/incidents/{id}/handoff */
void
incident_handoff_api(struct req *r)
{
	struct rota_pick p;
	char err[ERR_MAX];

	if (incident_handoff(r->gate, req_param(r, "id"), &p, err) != 0) {
		req_json(r, strstr(err, "only the incident's lead") ? 403 :
		    strstr(err, "no open incident") ? 404 : 409,
		    json_pack("{s:s}", "error", err));
		return;
	}
	req_json(r, 200, json_pack("{s:s, s:s}", "lead", p.name, "why",
	    p.why));
}
