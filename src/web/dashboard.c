/*
** dashboard.c: GET / shows the figures that matter first (open incidents,
** members, groups, posts), read from the database on each visit; members
** see a short page of their own.  GET /api/v1/stats gives the same
** figures as JSON.  Below them, charts over time (chart.c): incidents
** opened and check-ins done by week, check-ins due in the weeks ahead, and
** the hours from a member's report to the first message to someone it
** affects.
*/
#include "dashboard.h"

#include <jansson.h>

#include <stdio.h>
#include <string.h>
#include <time.h>

#include "../prevention/violations.h"
#include "../store/care.h"
#include "../store/community.h"
#include "../store/monitor.h"
#include "../store/prevention.h"
#include "../util/util.h"
#include "chart.h"
#include "html.h"

/* One figure of the "at a glance" grid. */
static void
figure(struct req *r, long long value, const char *label, const char *id)
{
	html_printf(&r->out, "<div class=\"figure\" id=\"%s\"><span class=\""
	    "value\">%lld</span><span class=\"label\">%s</span></div>", id,
	    value, label);
}

/* A member is told, on their own page, what was decided about them and
** how to appeal. */
static int
told_violation(void *ctx, const struct violation_row *v)
{
	struct req *r = ctx;
	char when[32], until[32], appeal[1024];

	util_format_time(v->at, when, sizeof(when));
	util_format_time(v->ends_at, until, sizeof(until));
	violations_appeal_text(r->db, appeal, sizeof(appeal));
	html_printf(&r->out, "<section class=\"panel\" aria-labelledby=\""
	    "violation-%lld\"><h2 id=\"violation-%lld\">", (long long)v->id,
	    (long long)v->id);
	if (strcmp(v->step, "warning") == 0)
		html_printf(&r->out, "A warning from the moderators");
	else if (strcmp(v->step, "suspension") == 0)
		html_printf(&r->out, "Your membership is paused until %s",
		    until);
	else
		html_printf(&r->out, "Your membership has ended");
	html_printf(&r->out, "</h2><p class=\"desc\">%s</p><blockquote class="
	    "\"message\">%s</blockquote><p>%s</p></section>\n", when,
	    v->message, appeal);
	return 0;
}

/* What a member can do with their own data. */
static void
your_data(struct req *r)
{
	html_printf(&r->out, "<section class=\"panel\"><h2>Your data</h2><p>"
	    "<a href=\"/me/export\">Download everything the community keeps "
	    "about you</a> (your posts as you wrote them, where you belonged "
	    "and when, the pledges you accepted, what the moderators decided "
	    "about you), as one JSON file.</p><form class=\"stack\" method=\""
	    "post\" action=\"/me/delete\">");
	page_csrf_field(r);
	html_printf(&r->out, "<label for=\"confirm\">To erase your posts and "
	    "everything kept about you and close your account, type your name"
	    "</label><p class=\"hint\" id=\"confirm-hint\">Your name here "
	    "stays reserved, and the moderators' decisions about you are "
	    "kept. This cannot be undone.</p><input id=\"confirm\" name=\""
	    "confirm\" autocomplete=\"off\" aria-describedby=\"confirm-hint"
	    "\"><button class=\"danger\" type=\"submit\">Erase my data"
	    "</button></form></section>\n");
}

/* A week's label: the day it begins, "Nov 30". */
static void
week_label(int64_t t, char *out, size_t cap)
{
	time_t tt = (time_t)t;
	struct tm tm;

	gmtime_r(&tt, &tm);
	strftime(out, cap, "%b %e", &tm);
}

#define WEEKS 8

/* Incidents over time, check-ins done and due, and the time from a
** member's report to the first message to someone affected. */
static void
charts(struct req *r)
{
	struct chart c;
	int64_t now = util_now(), start, incident[CHART_MAX];
	long counts[WEEKS], hours[CHART_MAX];
	int i, n;

	/* weeks begin on the day of the week this one did, at midnight UTC */
	start = now - now % 86400 - (int64_t)(WEEKS - 1) * 7 * 86400;
	html_printf(&r->out, "<section class=\"charts\" aria-label=\""
	    "Over time\">");
	memset(&c, 0, sizeof(c));
	c.id = "chart-incidents";
	c.title = "Incidents opened, by week";
	c.unit = "opened";
	c.n = WEEKS;
	if (care_incidents_by_week(r->db, start, WEEKS, counts) == 0) {
		for (i = 0; i < WEEKS; i++) {
			week_label(start + (int64_t)i * 7 * 86400, c.label[i],
			    sizeof(c.label[i]));
			c.value[i] = counts[i];
		}
		chart_bars(r, &c);
	}
	c.id = "chart-done";
	c.title = "Check-ins done, by week";
	c.unit = "done";
	if (care_checkins_by_week(r->db, 1, start, WEEKS, counts) == 0) {
		for (i = 0; i < WEEKS; i++)
			c.value[i] = counts[i];
		chart_bars(r, &c);
	}
	c.id = "chart-due";
	c.title = "Check-ins due, the weeks ahead";
	c.unit = "due";
	start = now - now % 86400;
	if (care_checkins_by_week(r->db, 0, start, WEEKS, counts) == 0) {
		for (i = 0; i < WEEKS; i++) {
			week_label(start + (int64_t)i * 7 * 86400, c.label[i],
			    sizeof(c.label[i]));
			c.value[i] = counts[i];
		}
		chart_bars(r, &c);
	}
	n = care_report_to_contact(r->db, incident, hours, 8);
	if (n > 0) {
		memset(&c, 0, sizeof(c));
		c.id = "chart-contact";
		c.title = "Hours from a member's report to first contact";
		c.unit = "hours";
		c.n = n;
		for (i = 0; i < n; i++) {
			snprintf(c.label[i], sizeof(c.label[i]), "#%lld",
			    (long long)incident[i]);
			c.value[i] = hours[i];
		}
		chart_bars(r, &c);
	}
	html_printf(&r->out, "</section>\n");
}

/* GET / */
void
dashboard_page(struct req *r)
{
	struct community_stats s;
	int found;

	if (role_parse(r->user.role) < ROLE_SUPPORTER) {
		int64_t me = 0;
		page_begin(r, "Welcome", "/");
		html_printf(&r->out, "<h1>Welcome, %s</h1><p class=\"lede\">"
		    "You are logged in to your community's sanctum. What you "
		    "read here is never recorded.</p>\n", r->user.name);
		page_notice(r);
		if (community_member_of_user(r->db, r->user.id, &me) == 1) {
			prevention_violation_each(r->db, me, told_violation, r);
			your_data(r);
		}
		page_end(r);
		return;
	}
	if (community_stats(r->db, util_now(), &s) != 0) {
		req_fail(r, 500, "The figures could not be read.");
		return;
	}
	page_begin(r, "Dashboard", "/");
	html_printf(&r->out, "<h1>Dashboard</h1><p class=\"lede\">What needs "
	    "care today, %s.</p>\n", r->user.name);
	/* monitoring's alert in the console: what waits, never what it is */
	if (role_parse(r->user.role) >= ROLE_MODERATOR &&
	    (found = monitor_findings_count(r->db, "new")) > 0)
		html_printf(&r->out, "<div class=\"notice warn\" role=\"status\">"
		    "Monitoring found %d possible leak%s outside that need%s "
		    "review. <a href=\"/monitor\">Open the review queue</a>"
		    "</div>\n", found, found == 1 ? "" : "s", found == 1 ? "s" :
		    "");
	html_printf(&r->out, "<section class=\"figures\" aria-label=\"At a "
	    "glance\">");
	figure(r, (long long)s.open_incidents, "Open incidents",
	    "open-incidents");
	figure(r, (long long)s.members, "Members", "members");
	figure(r, (long long)s.groups, "Groups", "groups");
	figure(r, (long long)s.posts, "Posts", "posts");
	html_printf(&r->out, "</section>\n");
	charts(r);
	page_end(r);
}

/* GET /api/v1/stats */
void
dashboard_api(struct req *r)
{
	struct community_stats s;

	if (community_stats(r->db, util_now(), &s) != 0) {
		req_fail(r, 500, "the figures could not be read");
		return;
	}
	req_json(r, 200, json_pack("{s:I, s:I, s:I, s:I}",
	    "open_incidents", (json_int_t)s.open_incidents,
	    "members", (json_int_t)s.members, "groups", (json_int_t)s.groups,
	    "posts", (json_int_t)s.posts));
}
