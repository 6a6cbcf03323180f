/*
** report.c: an incident's report.  See report.h.
*/
#include "report.h"

#include <stdio.h>
#include <string.h>

#include "../cli.h"
#include "../store/accounts.h"
#include "../store/auditlog.h"
#include "../store/db.h"
#include "../store/response.h"
#include "../util/buf.h"
#include "../util/util.h"
#include "../web/html.h"
#include "incident.h"

struct counts {
	int places, requests, removed, messages, sent, answered, published,
	    seen, asked;
};

static int
count_leak(void *ctx, const struct leak_row *l)
{
	(void)l;
	((struct counts *)ctx)->places++;
	return 0;
}

static int
count_request(void *ctx, const struct takedown_row *t)
{
	struct counts *c = ctx;

	c->requests++;
	c->removed += strcmp(t->status, "removed") == 0;
	return 0;
}

static int
count_message(void *ctx, const struct outreach_row *o)
{
	struct counts *c = ctx;

	c->messages++;
	c->sent += strcmp(o->status, "sent") == 0;
	c->answered += o->replied_at != 0;
	return 0;
}

static int
count_announcement(void *ctx, const struct announcement_row *a)
{
	((struct counts *)ctx)->published += strcmp(a->status, "published") ==
	    0;
	return 0;
}

static int
count_seen(void *ctx, int64_t member, const char *pseudonym)
{
	(void)member;
	(void)pseudonym;
	((struct counts *)ctx)->seen++;
	return 0;
}

static int
count_consent(void *ctx, const struct incident_member *m)
{
	((struct counts *)ctx)->asked += m->mention >= 0 || m->copyright >= 0 ||
	    m->see >= 0;
	return 0;
}

struct event_ctx {
	struct db *db;
	struct buf *out;
};

static int
event(void *ctx, const struct audit_row *a)
{
	struct event_ctx *e = ctx;
	struct user u;
	char when[32];
	const char *who = a->actor;

	util_format_time(a->at, when, sizeof(when));
	/* the entries hold ids and kinds of action, never content; the
	** actor is named when they acted for the community, and an affected
	** member who answered, asked or chose is not named */
	if (a->actor_id > 0 && (accounts_user_by_id(e->db, a->actor_id, &u) !=
	    DB_ROW || strcmp(u.role, "member") == 0))
		who = "a member";
	html_printf(e->out, "<tr><td>%s</td><td>%s</td><td>%s</td><td>%s</td>"
	    "</tr>\n", when, who, a->action, a->detail);
	return 0;
}

/* The report's body for incident id into out.  Returns 0, or -1 when
** there is no such incident. */
int
incident_report_body(struct db *db, int64_t id, struct buf *out)
{
	struct incident_row r;
	struct counts c;
	char opened[32], assessed[32] = "not recorded", target[32];

	if (response_incident_get(db, id, &r) != DB_ROW)
		return -1;
	memset(&c, 0, sizeof(c));
	response_leaks_each(db, id, count_leak, &c);
	response_takedowns_each(db, id, 0, count_request, &c);
	response_outreach_each(db, id, count_message, &c);
	response_announcements_each(db, id, 0, count_announcement, &c);
	response_incident_could_see_each(db, id, count_seen, &c);
	response_incident_members_each(db, id, count_consent, &c);
	util_format_time(r.opened_at, opened, sizeof(opened));
	if (r.assessed_at)
		util_format_time(r.assessed_at, assessed, sizeof(assessed));
	html_printf(out, "<h1>Incident %lld: report</h1><p class=\"lede\">"
	    "Opened %s, %s. It is %s, at step %d (%s). This report holds no "
	    "leaked words, no names of the people affected, no addresses and "
	    "no notes.</p>\n", (long long)id, opened, strcmp(r.source, "scan")
	    == 0 ? "from a leak scan" : strcmp(r.source, "report") == 0 ?
	    "from a member's report" : "by hand", r.status, r.step,
	    incident_step_name(r.step));
	html_printf(out, "<table class=\"list\"><caption>The five steps"
	    "</caption><thead><tr><th scope=\"col\">Step</th><th scope=\"col\">"
	    "What was done</th></tr></thead><tbody>\n");
	html_printf(out, "<tr><td>1. Assess immediate risk</td><td>Triage "
	    "suggested %s risk (highest level: %s). Recorded: %s risk, %s."
	    "</td></tr>\n", incident_suggested_risk(&r),
	    incident_rank_name(r.top_rank), r.risk, assessed);
	html_printf(out, "<tr><td>2. Contact affected members</td><td>%d "
	    "affected; %d message%s drafted, %d sent, %d answered.</td></tr>\n",
	    r.nmembers, c.messages, c.messages == 1 ? "" : "s", c.sent,
	    c.answered);
	html_printf(out, "<tr><td>3. Provide support resources</td><td>Each "
	    "message gave the support resources of the member's country."
	    "</td></tr>\n");
	html_printf(out, "<tr><td>4. Remove leaked content</td><td>%d place%s; "
	    "%d removal request%s, %d removed; %d member%s answered what may be "
	    "done in their name.</td></tr>\n", c.places, c.places == 1 ? "" :
	    "s", c.requests, c.requests == 1 ? "" : "s", c.removed, c.asked,
	    c.asked == 1 ? "" : "s");
	html_printf(out, "<tr><td>5. Communicate with the community</td><td>%d "
	    "announcement%s published.</td></tr>\n</tbody></table>\n",
	    c.published, c.published == 1 ? "" : "s");
	html_printf(out, "<p>%d leaked post%s; %d member%s could have seen them "
	    "(from the membership history).</p>\n", r.nposts, r.nposts == 1 ?
	    "" : "s", c.seen, c.seen == 1 ? "" : "s");
	html_printf(out, "<table class=\"list\"><caption>Timeline</caption>"
	    "<thead><tr><th scope=\"col\">When</th><th scope=\"col\">Who</th>"
	    "<th scope=\"col\">What</th><th scope=\"col\">Detail</th></tr>"
	    "</thead><tbody>\n");
	snprintf(target, sizeof(target), "incident %lld", (long long)id);
	{
		struct event_ctx e = { db, out };
		auditlog_target_each(db, target, event, &e);
	}
	html_printf(out, "</tbody></table>\n");
	return out->failed ? -1 : 0;
}

/* sanctum incident report N: a page of its own on standard output */
int
incident_report_cmd(struct cli *c, int argc, char **argv)
{
	struct buf b;
	long long v;
	int rc;

	if (argc != 2 || util_parse_int(argv[1], 1, INT64_MAX, &v) != 0)
		return cli_usage(c, "incident");
	if ((rc = cli_open(c)) != EXIT_OK)
		return rc;
	buf_init(&b, (size_t)8 << 20);
	html_printf(&b, "<!doctype html>\n<html lang=\"en\"><head><meta "
	    "charset=\"utf-8\"><title>Incident %lld: report</title></head>"
	    "<body>\n", v);
	if (incident_report_body(c->db, v, &b) != 0) {
		buf_free(&b);
		return cli_fail("incident: there is no incident %lld", v);
	}
	html_printf(&b, "</body></html>\n");
	fwrite(b.data, 1, b.len, stdout);
	buf_free(&b);
	return EXIT_OK;
}
