/*
** audit.c: reading the audit trail: its commands, its page and its API.
** See audit.h; the chain itself is kept by src/core/trail.c, through the
** gateway.
*/
#include "audit.h"

#include <getopt.h>
#include <getopt.h>
#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../cli.h"
#include "../core/gate.h"
#include "../core/trail.h"
#include "../store/auditlog.h"
#include "../store/db.h"
#include "../util/util.h"
#include "../web/html.h"
#include "../web/server.h"

struct list_ctx {
	struct req *r;
	json_t *arr;
	int64_t oldest;
	int n;
};

/* Print one entry as a line of text. */
static int
print_row(void *ctx, const struct audit_row *r)
{
	char when[40];

	(void)ctx;
	util_format_time(r->at, when, sizeof(when));
	printf("%6lld  %s  %-18s %-22s %s %s\n", (long long)r->id, when,
	    r->actor, r->action, r->target, r->detail);
	return 0;
}

/* Add one entry to a JSON array. */
static int
json_row(void *ctx, const struct audit_row *r)
{
	struct list_ctx *l = ctx;

	json_array_append_new(l->arr, json_pack("{s:I, s:I, s:s, s:s, s:s, "
	    "s:s}", "id", (json_int_t)r->id, "at", (json_int_t)r->at, "actor",
	    r->actor, "action", r->action, "target", r->target, "detail",
	    r->detail));
	return 0;
}

/* sanctum audit verify [--json]: exit 1 when the chain is broken. */
int
audit_verify_cmd(struct cli *c, int argc, char **argv)
{
	struct trail_report rep;
	int json = argc == 2 && strcmp(argv[1], "--json") == 0, rc;

	if (argc > 2 || (argc == 2 && !json))
		return cli_usage(c, "audit");
	if ((rc = cli_open(c)) != EXIT_OK)
		return rc;
	rc = gate_verify_trail(c->gate, &rep);
	if (rc < 0)
		return cli_fail("audit: cannot read the trail");
	if (json) {
		printf("{\"intact\": %s, \"entries\": %lld, \"broken_id\": "
		    "%lld}\n", rc ? "false" : "true", (long long)rep.entries,
		    (long long)rep.broken_id);
	} else if (rc == 0) {
		printf("audit trail intact: %lld entries\n",
		    (long long)rep.entries);
	} else {
		printf("audit trail broken at entry %lld: %s\n",
		    (long long)rep.broken_id, rep.reason);
	}
	return rc ? EXIT_FAIL : EXIT_OK;
}

/* sanctum audit list [--limit N] [--json] */
int
audit_list_cmd(struct cli *c, int argc, char **argv)
{
	static const struct option opts[] = {
		{ "limit", required_argument, NULL, 'n' },
		{ "json", no_argument, NULL, 'j' },
		{ NULL, 0, NULL, 0 }
	};
	struct list_ctx l;
	long long limit = 50;
	int json = 0, ch, rc;

	optind = 0;
	while ((ch = getopt_long(argc, argv, "", opts, NULL)) != -1) {
		if (ch == 'n' && util_parse_int(optarg, 1, 1000000, &limit) == 0)
			continue;
		if (ch == 'j') {
			json = 1;
			continue;
		}
		return cli_usage(c, "audit");
	}
	if (optind != argc)
		return cli_usage(c, "audit");
	if ((rc = cli_open(c)) != EXIT_OK)
		return rc;
	if (!json)
		return auditlog_each(c->db, 0, limit, print_row, NULL) == 0 ?
		    EXIT_OK : cli_fail("audit: cannot read");
	memset(&l, 0, sizeof(l));
	l.arr = json_array();
	rc = auditlog_each(c->db, 0, limit, json_row, &l);
	if (rc == 0)
		cli_print_json(l.arr);
	json_decref(l.arr);
	return rc == 0 ? EXIT_OK : cli_fail("audit: cannot read");
}

/* One table row of the audit page. */
static int
page_row(void *ctx, const struct audit_row *row)
{
	struct list_ctx *l = ctx;
	char when[40];

	util_format_time(row->at, when, sizeof(when));
	html_printf(&l->r->out, "<tr><td>%lld</td><td>%s</td><td>%s</td>"
	    "<td>%s</td><td>%s</td><td>%s</td></tr>\n", (long long)row->id,
	    when, row->actor, row->action, row->target, row->detail);
	l->oldest = row->id;
	l->n++;
	return 0;
}

/* GET /audit[?before=ID][&verify=1] */
void
audit_page(struct req *r)
{
	struct trail_report rep;
	struct list_ctx l;
	const char *b = req_arg(r, "before"), *v = req_arg(r, "verify");
	const char *title = "Audit trail";
	long long before = 0;
	int rc = 0;

	if (b && util_parse_int(b, 0, INT64_MAX, &before) != 0) {
		req_fail(r, 400, "That page of the trail does not exist.");
		return;
	}
	/* the title says what this view shows: a check's outcome, or an
	** older page of entries */
	if (v) {
		rc = gate_verify_trail(r->gate, &rep);
		title = rc == 0 ? "Audit trail: intact" : rc < 0 ?
		    "Audit trail: not checked" : "Audit trail: broken";
	} else if (before > 0) {
		title = "Audit trail: older entries";
	}
	page_begin(r, title, "/audit");
	html_printf(&r->out, "<h1>Audit trail</h1><p class=\"lede\">Every "
	    "action that opened sealed content or changed something, chained "
	    "so that no entry can be changed or removed unnoticed.</p>\n");
	if (v) {
		if (rc == 0)
			html_printf(&r->out, "<div class=\"notice\" role=\""
			    "status\" id=\"verify\">Intact: %lld entries "
			    "verified.</div>\n", (long long)rep.entries);
		else
			html_printf(&r->out, "<div class=\"notice error\" role="
			    "\"alert\" id=\"verify\">Broken at entry %lld: %s"
			    "</div>\n", (long long)rep.broken_id, rc < 0 ?
			    "the trail could not be read" : rep.reason);
	} else {
		html_printf(&r->out, "<p><a href=\"/audit?verify=1\">Verify the "
		    "whole trail</a></p>\n");
	}
	html_printf(&r->out, "<table class=\"list\"><caption>Newest first"
	    "</caption><thead><tr><th scope=\"col\">#</th><th scope=\"col\">"
	    "When</th><th scope=\"col\">Who</th><th scope=\"col\">Action</th>"
	    "<th scope=\"col\">Target</th><th scope=\"col\">Detail</th></tr>"
	    "</thead><tbody>\n");
	memset(&l, 0, sizeof(l));
	l.r = r;
	auditlog_each(r->db, before, 100, page_row, &l);
	html_printf(&r->out, "</tbody></table>\n");
	if (l.n == 100 && l.oldest > 1)
		html_printf(&r->out, "<p><a href=\"/audit?before=%lld\">Older "
		    "entries</a></p>\n", (long long)l.oldest);
	page_end(r);
}

/* GET /api/v1/audit[?before=ID&limit=N] */
void
audit_list_api(struct req *r)
{
	struct list_ctx l;
	const char *b = req_arg(r, "before"), *n = req_arg(r, "limit");
	long long before = 0, limit = 100;

	if ((b && util_parse_int(b, 0, INT64_MAX, &before) != 0) ||
	    (n && util_parse_int(n, 1, 1000, &limit) != 0)) {
		req_fail(r, 400, "before and limit must be numbers");
		return;
	}
	memset(&l, 0, sizeof(l));
	l.arr = json_array();
	if (auditlog_each(r->db, before, limit, json_row, &l) != 0) {
		json_decref(l.arr);
		req_fail(r, 500, "the trail could not be read");
		return;
	}
	req_json(r, 200, json_pack("{s:o}", "entries", l.arr));
}

/* GET /api/v1/audit/verify */
void
audit_verify_api(struct req *r)
{
	struct trail_report rep;
	int rc = gate_verify_trail(r->gate, &rep);

	if (rc < 0) {
		req_fail(r, 500, "the trail could not be read");
		return;
	}
	req_json(r, 200, json_pack("{s:b, s:I, s:I, s:s}", "intact", rc == 0,
	    "entries", (json_int_t)rep.entries, "broken_id",
	    (json_int_t)rep.broken_id, "reason", rep.reason));
}
