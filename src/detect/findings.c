/*
** findings.c: the review queue.  See findings.h.
*/
#include "findings.h"

#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../cli.h"
#include "../core/gate.h"
#include "../response/incident.h"
#include "../store/db.h"
#include "../store/monitor.h"
#include "../util/util.h"
#include "../web/html.h"
#include "../web/server.h"
#include "monitor.h"

/* The post ids of a finding's comma-separated list.  Returns how many. */
static int
parse_posts(const char *list, int64_t *out, int cap)
{
	const char *p = list;
	char *end;
	int n = 0;
	long long v;

	while (*p && n < cap) {
		v = strtoll(p, &end, 10);
		if (end == p || v <= 0)
			break;
		out[n++] = v;
		p = *end == ',' ? end + 1 : end;
	}
	return n;
}

/* Close finding id as nothing to act on.  Returns 0, or -1 with err. */
int
finding_dismiss(struct gate *g, int64_t id, char *err)
{
	char target[32];
	int rc;

	if (gate_begin(g) != 0) {
		err_set(err, "the database is busy");
		return -1;
	}
	rc = monitor_finding_review(gate_db(g), id, "dismissed", 0,
	    gate_actor(g)->name, util_now());
	if (rc == 1) {
		gate_rollback(g);
		err_set(err, "no new finding %lld", (long long)id);
		return -1;
	}
	snprintf(target, sizeof(target), "finding %lld", (long long)id);
	if (rc != 0 || gate_audit(g, "monitor.dismiss", target, "") != 0 ||
	    gate_commit(g) != 0) {
		gate_rollback(g);
		err_set(err, "cannot save: %s", db_error(gate_db(g)));
		return -1;
	}
	return 0;
}

/* gate_machine_read's reader: a copy of the finding's address. */
static void
keep_link(void *arg, const char *text, size_t len)
{
	char **out = arg;

	if ((*out = malloc(len + 1)) != NULL) {
		memcpy(*out, text, len);
		(*out)[len] = '\0';
	}
}

/* Open an incident from finding id: its posts, and its address as the
** first location.  Returns 0 with *incident, or -1 with err. */
int
finding_incident(struct gate *g, int64_t id, int64_t *incident, char *err)
{
	struct finding_row f;
	struct incident_open in;
	int64_t posts[INCIDENT_POSTS_MAX];
	char *link = NULL;
	void *sealed = NULL;
	size_t n;
	int rc;

	if (gate_begin(g) != 0) {
		err_set(err, "the database is busy");
		return -1;
	}
	rc = monitor_finding_get(gate_db(g), id, &f);
	if (rc != 1 || strcmp(f.status, "new") != 0) {
		gate_rollback(g);
		if (rc < 0)
			err_set(err, "cannot read: %s", db_error(gate_db(g)));
		else
			err_set(err, "no new finding %lld", (long long)id);
		return -1;
	}
	/* the address goes from its seal to the incident's, read by the
	** program alone; incident.open is the audit entry of it all */
	if (monitor_finding_link(gate_db(g), id, &sealed, &n) == 1 &&
	    gate_machine_read(g, SEALED_FINDING_LINK, id, sealed, n, keep_link,
	    &link) != 0) {
		free(sealed);
		gate_rollback(g);
		err_set(err, "the finding's address does not open");
		return -1;
	}
	free(sealed);
	memset(&in, 0, sizeof(in));
	in.source = "scan";
	in.posts = posts;
	in.nposts = parse_posts(f.posts, posts, INCIDENT_POSTS_MAX);
	in.url = link && strlen(link) <= INCIDENT_URL_MAX ? link : NULL;
	in.platform = "";
	rc = incident_create(g, &in, incident, err);
	if (link) {
		explicit_bzero(link, strlen(link));
		free(link);
	}
	if (rc != 0) {
		gate_rollback(g);
		return -1;
	}
	if (monitor_finding_review(gate_db(g), id, "incident", *incident,
	    gate_actor(g)->name, util_now()) != 0 || gate_commit(g) != 0) {
		gate_rollback(g);
		err_set(err, "cannot save: %s", db_error(gate_db(g)));
		return -1;
	}
	return 0;
}

static json_t *
finding_json(const struct finding_row *f)
{
	return json_pack("{s:I, s:I, s:s, s:i, s:s, s:s, s:s, s:I, s:I, s:i, "
	    "s:o?, s:s?}", "id", (json_int_t)f->id, "source",
	    (json_int_t)f->source, "status", f->status, "score", f->score,
	    "posts", f->posts, "rules", f->rules, "reason", f->reason,
	    "found_at", (json_int_t)f->found_at, "seen_at",
	    (json_int_t)f->seen_at, "times", f->times, "incident",
	    f->incident_id ? json_integer(f->incident_id) : NULL,
	    "reviewed_by", f->reviewed_by[0] ? f->reviewed_by : NULL);
}

/* ---- the command line ---- */

static int
list_finding(void *ctx, const struct finding_row *f)
{
	json_t *arr = ctx;
	char when[32];

	if (arr) {
		json_array_append_new(arr, finding_json(f));
		return 0;
	}
	util_format_time(f->found_at, when, sizeof(when));
	printf("%-4lld %-9s score %3d  %s  source %lld%s\n     %s\n",
	    (long long)f->id, f->status, f->score, when, (long long)f->source,
	    f->times > 1 ? " (seen again)" : "", f->reason);
	return 0;
}

/* sanctum monitor findings [--all] [--json] */
int
monitor_findings_cmd(struct cli *c, int argc, char **argv)
{
	json_t *arr = NULL;
	int i, rc, all = 0;

	for (i = 1; i < argc; i++) {
		if (strcmp(argv[i], "--all") == 0)
			all = 1;
		else if (strcmp(argv[i], "--json") == 0 && arr == NULL)
			arr = json_array();
		else {
			json_decref(arr);
			return cli_usage(c, "monitor");
		}
	}
	if ((rc = cli_open(c)) != EXIT_OK) {
		json_decref(arr);
		return rc;
	}
	if (monitor_finding_each(c->db, all ? "" : "new", 1000, list_finding,
	    arr) != 0) {
		json_decref(arr);
		return cli_fail("monitor: cannot read the findings");
	}
	if (arr) {
		cli_print_json(arr);
		json_decref(arr);
	}
	return EXIT_OK;
}

/* sanctum monitor dismiss ID */
int
monitor_dismiss_cmd(struct cli *c, int argc, char **argv)
{
	char err[ERR_MAX];
	long long id;
	int rc;

	if (argc != 2 || util_parse_int(argv[1], 1, INT64_MAX, &id) != 0)
		return cli_usage(c, "monitor");
	if ((rc = cli_open(c)) != EXIT_OK)
		return rc;
	if (finding_dismiss(c->gate, id, err) != 0)
		return cli_fail("monitor: %s", err);
	cli_say(c, "finding %lld dismissed\n", id);
	return EXIT_OK;
}

/* sanctum monitor incident ID */
int
monitor_incident_cmd(struct cli *c, int argc, char **argv)
{
	char err[ERR_MAX];
	long long id;
	int64_t inc;
	int rc;

	if (argc != 2 || util_parse_int(argv[1], 1, INT64_MAX, &id) != 0)
		return cli_usage(c, "monitor");
	if ((rc = cli_open(c)) != EXIT_OK)
		return rc;
	if (finding_incident(c->gate, id, &inc, err) != 0)
		return cli_fail("monitor: %s", err);
	cli_say(c, "opened incident %lld from finding %lld at step 1: assess "
	    "immediate risk (sanctum incident show %lld)\n", (long long)inc, id,
	    (long long)inc);
	return EXIT_OK;
}

/* ---- the console ---- */

static int
queue_row(void *ctx, const struct finding_row *f)
{
	struct req *r = ctx;
	char when[32];

	util_format_time(f->found_at, when, sizeof(when));
	html_printf(&r->out, "<li class=\"panel finding\"><h3>Finding %lld: "
	    "score %d</h3><p>Found %s by source %lld%s.</p><p>%s</p>",
	    (long long)f->id, f->score, when, (long long)f->source,
	    f->times > 1 ? ", and seen again since" : "", f->reason);
	html_printf(&r->out, "<div class=\"actions\"><form class=\"inline\" "
	    "method=\"post\" action=\"/monitor/%lld/incident\">",
	    (long long)f->id);
	page_csrf_field(r);
	html_printf(&r->out, "<button type=\"submit\">Open an incident: finding "
	    "%lld</button></form> <form class=\"inline\" method=\"post\" "
	    "action=\"/monitor/%lld/dismiss\">", (long long)f->id,
	    (long long)f->id);
	page_csrf_field(r);
	html_printf(&r->out, "<button type=\"submit\" class=\"secondary\">"
	    "Dismiss finding %lld</button></form></div></li>\n",
	    (long long)f->id);
	return 0;
}

static int
reviewed_row(void *ctx, const struct finding_row *f)
{
	struct req *r = ctx;
	char when[32];

	if (strcmp(f->status, "new") == 0)
		return 0;
	util_format_time(f->reviewed_at, when, sizeof(when));
	if (f->incident_id)
		html_printf(&r->out, "<tr><td>%lld</td><td>%d</td><td><a href=\""
		    "/incidents/%lld\">incident %lld</a></td><td>%s, %s</td>"
		    "</tr>\n", (long long)f->id, f->score,
		    (long long)f->incident_id, (long long)f->incident_id,
		    f->reviewed_by, when);
	else
		html_printf(&r->out, "<tr><td>%lld</td><td>%d</td><td>dismissed"
		    "</td><td>%s, %s</td></tr>\n", (long long)f->id, f->score,
		    f->reviewed_by, when);
	return 0;
}

static int
source_row(void *ctx, const struct source_row *s)
{
	struct req *r = ctx;
	char last[32], next[32];

	if (s->last_at)
		util_format_time(s->last_at, last, sizeof(last));
	else
		snprintf(last, sizeof(last), "never");
	util_format_time(s->next_at, next, sizeof(next));
	html_printf(&r->out, "<tr><td>%lld</td><td>%s</td><td class=\"url\">%s"
	    "</td><td>%s: %s</td><td>%s</td></tr>\n", (long long)s->id,
	    s->kind, s->url, last, s->last_result[0] ? s->last_result : "-",
	    next);
	return 0;
}

/* GET /monitor: the findings waiting, what was decided, the sources */
void
monitor_page(struct req *r)
{
	int n = monitor_findings_count(r->db, "new");

	page_begin(r, n > 0 ? "Monitoring: findings to review" :
	    "Monitoring", "/monitor");
	page_notice(r);
	html_printf(&r->out, "<h1>Monitoring</h1><p class=\"lede\">What "
	    "sanctum found in the outside places it reads: the community's "
	    "posts, or its name near words of leaks and mental health. No "
	    "outside words are kept; each finding says why it matched. "
	    "Monitoring looks only outward: it never follows members.</p>\n"
	    "<section aria-labelledby=\"q\"><h2 id=\"q\">To review</h2>");
	if (n <= 0)
		html_printf(&r->out, "<p>Nothing waits for review.</p>");
	else {
		html_printf(&r->out, "<ul class=\"plain\">");
		if (monitor_finding_each(r->db, "new", 200, queue_row, r) != 0)
			html_printf(&r->out, "<li>The findings could not be read."
			    "</li>");
		html_printf(&r->out, "</ul>");
	}
	html_printf(&r->out, "</section>\n<section aria-labelledby=\"d\"><h2 "
	    "id=\"d\">Decided</h2><table class=\"list\"><caption>The latest "
	    "decisions</caption><thead><tr><th scope=\"col\">Finding</th><th "
	    "scope=\"col\">Score</th><th scope=\"col\">Outcome</th><th scope="
	    "\"col\">By, when</th></tr></thead><tbody>\n");
	if (monitor_finding_each(r->db, "", 50, reviewed_row, r) != 0)
		html_printf(&r->out, "<tr><td colspan=\"4\">They could not be "
		    "read.</td></tr>");
	html_printf(&r->out, "</tbody></table></section>\n<section aria-"
	    "labelledby=\"s\"><h2 id=\"s\">Sources</h2><table class=\"list\">"
	    "<caption>Where sanctum looks, and when</caption><thead><tr><th "
	    "scope=\"col\">Source</th><th scope=\"col\">Kind</th><th scope="
	    "\"col\">Address</th><th scope=\"col\">Last read</th><th scope="
	    "\"col\">Next</th></tr></thead><tbody>\n");
	if (monitor_source_each(r->db, 0, source_row, r) != 0)
		html_printf(&r->out, "<tr><td colspan=\"5\">They could not be "
		    "read.</td></tr>");
	html_printf(&r->out, "</tbody></table><p>Sources, the "
	    "watch list and webhooks are kept with <code>sanctum source</code>,"
	    " <code>sanctum watch</code> and <code>sanctum alert</code>; "
	    "<code>sanctum monitor log</code> lists every address fetched."
	    "</p></section>\n");
	page_end(r);
}

/* POST /monitor/{id}/dismiss */
void
finding_dismiss_post(struct req *r)
{
	char err[ERR_MAX];

	if (finding_dismiss(r->gate, req_param(r, "id"), err) != 0) {
		req_fail(r, 404, "There is no such finding waiting.");
		return;
	}
	req_redirect(r, "/monitor?done=finding-dismissed");
}

/* POST /monitor/{id}/incident */
void
finding_incident_post(struct req *r)
{
	char err[ERR_MAX], loc[64];
	int64_t inc;

	if (finding_incident(r->gate, req_param(r, "id"), &inc, err) != 0) {
		req_fail(r, 404, "There is no such finding waiting.");
		return;
	}
	snprintf(loc, sizeof(loc), "/incidents/%lld?done=opened",
	    (long long)inc);
	req_redirect(r, loc);
}

static int
json_finding(void *ctx, const struct finding_row *f)
{
	return json_array_append_new(ctx, finding_json(f));
}

/* GET /api/v1/monitor/findings[?all=1]: the new ones, or all */
void
findings_api(struct req *r)
{
	const char *all = req_arg(r, "all");
	json_t *arr = json_array();

	if (arr == NULL || monitor_finding_each(r->db, all && strcmp(all, "1")
	    == 0 ? "" : "new", 1000, json_finding, arr) != 0) {
		json_decref(arr);
		req_fail(r, 500, "The findings could not be read.");
		return;
	}
	req_json(r, 200, arr);
}

static int
json_source(void *ctx, const struct source_row *s)
{
	return json_array_append_new(ctx, monitor_source_json(s));
}

/* GET /api/v1/monitor/sources: each source, its last fetch and next */
void
sources_api(struct req *r)
{
	json_t *arr = json_array();

	if (arr == NULL || monitor_source_each(r->db, 0, json_source, arr) !=
	    0) {
		json_decref(arr);
		req_fail(r, 500, "The sources could not be read.");
		return;
	}
	req_json(r, 200, arr);
}

/* POST /api/v1/monitor/findings/{id}/dismiss */
void
finding_dismiss_api(struct req *r)
{
	char err[ERR_MAX];

	if (finding_dismiss(r->gate, req_param(r, "id"), err) != 0) {
		req_fail(r, 404, "There is no such finding waiting.");
		return;
	}
	req_json(r, 200, json_pack("{s:I, s:s}", "id", (json_int_t)
	    req_param(r, "id"), "status", "dismissed"));
}

/* POST /api/v1/monitor/findings/{id}/incident */
void
finding_incident_api(struct req *r)
{
	char err[ERR_MAX];
	int64_t inc;

	if (finding_incident(r->gate, req_param(r, "id"), &inc, err) != 0) {
		req_fail(r, 404, "There is no such finding waiting.");
		return;
	}
	req_json(r, 201, json_pack("{s:I, s:s, s:I}", "id", (json_int_t)
	    req_param(r, "id"), "status", "incident", "incident",
	    (json_int_t)inc));
}
