/*
** dashboard.c: GET / shows the figures that matter first (open incidents,
** members, groups, posts), read from the database on each visit; members
** see a short page of their own.  GET /api/v1/stats gives the same
** figures as JSON.  Only figures that something in sanctum can change are
** shown: follow-ups and member reports join them with the features that
** make them.
*/
#include "dashboard.h"

#include <jansson.h>

#include "../store/community.h"
#include "../util/util.h"
#include "html.h"

/* One figure of the "at a glance" grid. */
static void
figure(struct req *r, long long value, const char *label, const char *id)
{
	html_printf(&r->out, "<div class=\"figure\" id=\"%s\"><span class=\""
	    "value\">%lld</span><span class=\"label\">%s</span></div>", id,
	    value, label);
}

/* GET / */
void
dashboard_page(struct req *r)
{
	struct community_stats s;

	if (role_parse(r->user.role) < ROLE_SUPPORTER) {
		page_begin(r, "Welcome", "/");
		html_printf(&r->out, "<h1>Welcome, %s</h1><p class=\"lede\">"
		    "You are logged in to your community's sanctum. What you "
		    "read here is never recorded.</p>\n", r->user.name);
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
	html_printf(&r->out, "<section class=\"figures\" aria-label=\"At a "
	    "glance\">");
	figure(r, (long long)s.open_incidents, "Open incidents",
	    "open-incidents");
	figure(r, (long long)s.members, "Members", "members");
	figure(r, (long long)s.groups, "Groups", "groups");
	figure(r, (long long)s.posts, "Posts", "posts");
	html_printf(&r->out, "</section>\n");
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
