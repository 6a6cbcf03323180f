/*
** audit.c: appending to and verifying the audit trail; its command and
** its page.  See audit.h.
**
** Entry i carries mac_i = BLAKE2b keyed with the audit sub-key over
** (mac_{i-1}, id, time, actor id, actor, action, target, detail), with
** mac_0 = 32 zero bytes.  The meta row "audit_head" holds the last id and
** a keyed MAC of it, so cutting entries off the end is noticed too.
** audit_append must run inside the caller's transaction, so an action and
** its entry commit together or not at all.
*/
#include "audit.h"

#include <getopt.h>
#include <jansson.h>
#include <pwd.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "../cli.h"
#include "../crypto/token.h"
#include "../store/auditlog.h"
#include "../store/db.h"
#include "../util/util.h"
#include "../web/html.h"
#include "../web/server.h"

#define HEAD_KEY "audit_head"

/* Compute the MAC of row r after prev. */
static void
entry_mac(const struct keyring *kr, const uint8_t prev[MAC_BYTES],
    const struct audit_row *r, uint8_t out[MAC_BYTES])
{
	uint8_t id[8], at[8], actor[8];
	struct mac_field f[8];
	int i;

	for (i = 0; i < 8; i++) {
		id[i] = (uint8_t)((uint64_t)r->id >> (8 * i));
		at[i] = (uint8_t)((uint64_t)r->at >> (8 * i));
		actor[i] = (uint8_t)((uint64_t)r->actor_id >> (8 * i));
	}
	f[0] = (struct mac_field){ prev, MAC_BYTES };
	f[1] = (struct mac_field){ id, 8 };
	f[2] = (struct mac_field){ at, 8 };
	f[3] = (struct mac_field){ actor, 8 };
	f[4] = (struct mac_field){ r->actor, strlen(r->actor) };
	f[5] = (struct mac_field){ r->action, strlen(r->action) };
	f[6] = (struct mac_field){ r->target, strlen(r->target) };
	f[7] = (struct mac_field){ r->detail, strlen(r->detail) };
	token_mac(kr, 1, f, 8, out);
}

/* The head record for the entry with id and mac: 8 id bytes and a MAC. */
static void
head_make(const struct keyring *kr, int64_t id, const uint8_t *mac,
    uint8_t out[8 + MAC_BYTES])
{
	struct mac_field f[3];
	int i;

	for (i = 0; i < 8; i++)
		out[i] = (uint8_t)((uint64_t)id >> (8 * i));
	f[0] = (struct mac_field){ "head", 4 };
	f[1] = (struct mac_field){ out, 8 };
	f[2] = (struct mac_field){ mac, MAC_BYTES };
	token_mac(kr, 1, f, 3, out + 8);
}

/* Append an entry (inside the caller's transaction).  Texts are cut to
** their column sizes; they must be ids and names, never content.
** Returns 0 or -1. */
int
audit_append(struct db *db, const struct keyring *kr, int64_t actor_id,
    const char *actor, const char *action, const char *target,
    const char *detail)
{
	struct audit_row last, r;
	uint8_t prev[MAC_BYTES] = { 0 }, head[8 + MAC_BYTES];
	int rc;

	rc = auditlog_last(db, &last);
	if (rc < 0)
		return -1;
	memset(&r, 0, sizeof(r));
	r.id = 1;
	if (rc == DB_ROW) {
		if (last.maclen != MAC_BYTES)
			return -1;
		memcpy(prev, last.mac, MAC_BYTES);
		r.id = last.id + 1;
	}
	r.at = util_now();
	r.actor_id = actor_id;
	snprintf(r.actor, sizeof(r.actor), "%s", actor ? actor : "");
	snprintf(r.action, sizeof(r.action), "%s", action ? action : "");
	snprintf(r.target, sizeof(r.target), "%s", target ? target : "");
	snprintf(r.detail, sizeof(r.detail), "%s", detail ? detail : "");
	entry_mac(kr, prev, &r, r.mac);
	r.maclen = MAC_BYTES;
	if (auditlog_insert(db, &r) != 0)
		return -1;
	head_make(kr, r.id, r.mac, head);
	return db_meta_set(db, HEAD_KEY, head, sizeof(head));
}

struct walk {
	const struct keyring *kr;
	struct audit_report *rep;
	uint8_t prev[MAC_BYTES];
	int64_t last_id;
};

/* Check one entry against the one before it. */
static int
verify_one(void *ctx, const struct audit_row *r)
{
	struct walk *w = ctx;
	uint8_t mac[MAC_BYTES];

	if (r->id != w->last_id + 1) {
		w->rep->broken_id = w->last_id + 1;
		snprintf(w->rep->reason, sizeof(w->rep->reason),
		    "entry %lld is missing", (long long)(w->last_id + 1));
		return 1;
	}
	entry_mac(w->kr, w->prev, r, mac);
	if (r->maclen != MAC_BYTES || !token_bytes_equal(mac, r->mac, MAC_BYTES)) {
		w->rep->broken_id = r->id;
		snprintf(w->rep->reason, sizeof(w->rep->reason),
		    "entry %lld was changed, or an entry before it was",
		    (long long)r->id);
		return 1;
	}
	memcpy(w->prev, mac, MAC_BYTES);
	w->last_id = r->id;
	w->rep->entries++;
	return 0;
}

/* Walk the whole trail.  Returns 0 when intact, 1 when broken (rep says
** where and why), -1 on a store error. */
int
audit_verify(struct db *db, const struct keyring *kr,
    struct audit_report *rep)
{
	struct walk w;
	uint8_t head[8 + MAC_BYTES], want[8 + MAC_BYTES];
	size_t n = 0;
	int rc;

	memset(rep, 0, sizeof(*rep));
	memset(&w, 0, sizeof(w));
	w.kr = kr;
	w.rep = rep;
	if (auditlog_each_asc(db, verify_one, &w) != 0)
		return -1;
	if (rep->broken_id)
		return 1;
	rc = db_meta_get(db, HEAD_KEY, head, sizeof(head), &n);
	if (rc < 0)
		return -1;
	if (rc == 0 && w.last_id == 0)
		return 0;
	head_make(kr, w.last_id, w.prev, want);
	if (rc == 0 || n != sizeof(head) ||
	    !token_bytes_equal(head, want, sizeof(head))) {
		rep->broken_id = w.last_id + 1;
		snprintf(rep->reason, sizeof(rep->reason), "the trail ends at "
		    "entry %lld but was longer: entries were cut off the end",
		    (long long)w.last_id);
		return 1;
	}
	return 0;
}

/* The actor name for actions taken at the command line: "cli:" and the
** name of the operating-system account that runs the command (from the
** password database, not from $USER, which the caller controls and which
** is often unset under cron, systemd or su), or its uid when it has none. */
const char *
audit_cli_actor(void)
{
	static char name[80];
	struct passwd pw, *res = NULL;
	char pbuf[4096];
	uid_t uid = geteuid();

	if (getpwuid_r(uid, &pw, pbuf, sizeof(pbuf), &res) == 0 && res &&
	    res->pw_name[0])
		snprintf(name, sizeof(name), "cli:%s", res->pw_name);
	else
		snprintf(name, sizeof(name), "cli:uid %lu", (unsigned long)uid);
	return name;
}

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

/* sanctum audit verify | list [--limit N] [--json] */
int
audit_cmd(struct cli *c, int argc, char **argv)
{
	static const struct option opts[] = {
		{ "limit", required_argument, NULL, 'n' },
		{ "json", no_argument, NULL, 'j' },
		{ NULL, 0, NULL, 0 }
	};
	struct audit_report rep;
	struct app a;
	struct list_ctx l;
	char err[ERR_MAX];
	long long limit = 50;
	int json = 0, ch, rc;

	if (argc < 2)
		return cli_usage(c, "audit");
	optind = 2;
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
	if (app_open(&c->opts, &a, err) != 0)
		return cli_fail("%s", err);
	if (strcmp(argv[1], "verify") == 0) {
		rc = audit_verify(a.db, a.kr, &rep);
		app_close(&a);
		if (rc < 0)
			return cli_fail("audit: cannot read the trail");
		if (json) {
			printf("{\"intact\": %s, \"entries\": %lld, "
			    "\"broken_id\": %lld}\n", rc ? "false" : "true",
			    (long long)rep.entries, (long long)rep.broken_id);
			return rc ? EXIT_FAIL : EXIT_OK;
		}
		if (rc == 0) {
			printf("audit trail intact: %lld entries\n",
			    (long long)rep.entries);
			return EXIT_OK;
		}
		printf("audit trail broken at entry %lld: %s\n",
		    (long long)rep.broken_id, rep.reason);
		return EXIT_FAIL;
	}
	if (strcmp(argv[1], "list") == 0) {
		if (json) {
			memset(&l, 0, sizeof(l));
			l.arr = json_array();
			rc = auditlog_each(a.db, 0, limit, json_row, &l);
			json_dumpf(l.arr, stdout, JSON_INDENT(2));
			putchar('\n');
			json_decref(l.arr);
		} else {
			rc = auditlog_each(a.db, 0, limit, print_row, NULL);
		}
		app_close(&a);
		return rc == 0 ? EXIT_OK : cli_fail("audit: cannot read");
	}
	app_close(&a);
	return cli_usage(c, "audit");
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
	struct audit_report rep;
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
		rc = audit_verify(r->db, r->kr, &rep);
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
	struct audit_report rep;
	int rc = audit_verify(r->db, r->kr, &rep);

	if (rc < 0) {
		req_fail(r, 500, "the trail could not be read");
		return;
	}
	req_json(r, 200, json_pack("{s:b, s:I, s:I, s:s}", "intact", rc == 0,
	    "entries", (json_int_t)rep.entries, "broken_id",
	    (json_int_t)rep.broken_id, "reason", rep.reason));
}
