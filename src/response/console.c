/*
** console.c: the incidents' pages.  See console.h.
*/
#include "console.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../admin/roles.h"
#include "../core/gate.h"
#include "../store/auditlog.h"
#include "../store/community.h"
#include "../store/db.h"
#include "../store/response.h"
#include "../util/util.h"
#include "../web/html.h"
#include "../web/server.h"
#include "incident.h"
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

static void
render(struct req *r, int reveal)
{
	struct incident_row i;
	struct page_ctx p = { r, reveal, 0 };
	int64_t id = req_param(r, "id");
	char title[48], target[32], when[32], err[ERR_MAX] = "", *note = NULL;
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
	snprintf(title, sizeof(title), reveal ? "Incident %lld: what leaked" :
	    "Incident %lld", (long long)id);
	snprintf(target, sizeof(target), "incident %lld", (long long)id);
	util_format_time(i.opened_at, when, sizeof(when));
	page_begin(r, title, "/incidents");
	page_notice(r);
	html_printf(&r->out, "<h1>Incident %lld</h1><p class=\"lede\">Opened "
	    "%s by %s, %s. It is %s.</p>\n", (long long)id, when, i.opened_by,
	    strcmp(i.source, "scan") == 0 ? "from a leak scan" :
	    strcmp(i.source, "report") == 0 ? "from a member's report" :
	    "by hand", i.status);
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
