/*
** measures.c: safety measures and milestones, `sanctum healing
** measure|measures|milestones`, and the "what we changed" page.  See
** measures.h.
*/
#include "measures.h"

#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../admin/roles.h"
#include "../cli.h"
#include "../core/gate.h"
#include "../prevention/training.h"
#include "../response/announce.h"
#include "../store/community.h"
#include "../store/db.h"
#include "../store/healing.h"
#include "../store/response.h"
#include "../util/util.h"
#include "../web/html.h"
#include "../web/server.h"

/* Keep a safety measure taken at taken_at (after incident, or 0), once
** the guard finds nothing about anyone in it.  Returns 0 and sets *id, or
** -1 with err (the guard's first finding). */
int
healing_measure(struct gate *g, const char *title, const char *detail,
    int64_t taken_at, int64_t incident, int64_t *id, char *err)
{
	struct announce_guard guard;
	struct incident_row ir;
	char *both, target[32];
	size_t tn, dn;

	if (detail == NULL)
		detail = "";
	tn = title ? strlen(title) : 0;
	dn = strlen(detail);
	if (tn == 0 || tn > MEASURE_TITLE_MAX || !util_valid_text(title, tn) ||
	    strchr(title, '\n') != NULL) {
		err_set(err, "a measure's title is one line of 1 to %d characters",
		    MEASURE_TITLE_MAX);
		return -1;
	}
	if (dn > MEASURE_DETAIL_MAX || !util_valid_text(detail, dn)) {
		err_set(err, "its detail is up to %d characters of text",
		    MEASURE_DETAIL_MAX);
		return -1;
	}
	if (taken_at <= 0 || taken_at > util_now() + 86400) {
		err_set(err, "a measure was taken on a day that has come");
		return -1;
	}
	if (incident != 0 && response_incident_get(gate_db(g), incident, &ir) !=
	    DB_ROW) {
		err_set(err, "there is no incident %lld", (long long)incident);
		return -1;
	}
	if ((both = malloc(tn + dn + 3)) == NULL) {
		err_set(err, "out of memory");
		return -1;
	}
	snprintf(both, tn + dn + 3, "%s\n\n%s", title, detail);
	if (announce_guard_check(g, both, &guard, err) < 0) {
		free(both);
		return -1;
	}
	free(both);
	if (guard.n > 0) {
		err_set(err, "%s", guard.finding[0]);
		return -1;
	}
	if (gate_begin(g) != 0) {
		err_set(err, "the database is busy");
		return -1;
	}
	if (healing_measure_add(gate_db(g), title, detail, taken_at, incident,
	    gate_actor(g)->name, util_now(), id) != 0)
		goto fail;
	snprintf(target, sizeof(target), "measure %lld", (long long)*id);
	if (gate_audit(g, "healing.measure", target, incident ? "after an "
	    "incident" : "") != 0 || gate_commit(g) != 0)
		goto fail;
	return 0;
fail:
	err_set(err, "cannot save: %s", db_error(gate_db(g)));
	gate_rollback(g);
	return -1;
}

/* Whether everyone sees the milestones, or moderators only. */
static int
milestones_public(struct db *db)
{
	char v[8] = "";
	size_t n = 0;

	if (db_meta_get(db, "milestones_public", v, sizeof(v) - 1, &n) !=
	    DB_ROW)
		return 0;
	v[n] = '\0';
	return strcmp(v, "yes") == 0;
}

struct milestones {
	int64_t weeks;		/* without a new incident; -1: never one */
	int measures;
	int64_t better;		/* members who shared they are doing better */
};

static int
count_measure(void *ctx, const struct measure_row *m)
{
	(void)m;
	((struct milestones *)ctx)->measures++;
	return 0;
}

static int
milestones_get(struct db *db, struct milestones *ms)
{
	int64_t last = healing_last_incident(db);

	ms->measures = 0;
	if (last < 0 || healing_measures_each(db, count_measure, ms) != 0)
		return -1;
	ms->weeks = last == 0 ? -1 : (util_now() - last) / (7 * 86400);
	ms->better = healing_doing_better(db, 0);
	return ms->better < 0 ? -1 : 0;
}

/* The command line. */

/* sanctum healing measure TITLE [--detail TEXT] [--date YYYY-MM-DD]
**     [--incident N] */
int
healing_measure_cmd(struct cli *c, int argc, char **argv)
{
	const char *detail = "";
	char err[ERR_MAX];
	long long incident = 0;
	int64_t at = util_now(), id;
	int i, rc;

	if (argc < 2)
		return cli_usage(c, "healing");
	for (i = 2; i + 1 < argc; i += 2) {
		if (strcmp(argv[i], "--detail") == 0)
			detail = argv[i + 1];
		else if (strcmp(argv[i], "--date") == 0) {
			if ((at = training_parse_date(argv[i + 1])) <= 0)
				return cli_fail("healing: --date is YYYY-MM-DD");
		} else if (strcmp(argv[i], "--incident") == 0) {
			if (util_parse_int(argv[i + 1], 1, INT64_MAX, &incident) !=
			    0)
				return cli_usage(c, "healing");
		} else
			return cli_usage(c, "healing");
	}
	if (i != argc)
		return cli_usage(c, "healing");
	if ((rc = cli_open(c)) != EXIT_OK)
		return rc;
	if (healing_measure(c->gate, argv[1], detail, at, incident, &id, err) !=
	    0)
		return cli_fail("healing: %s", err);
	cli_say(c, "measure %lld is listed under what we changed\n",
	    (long long)id);
	return EXIT_OK;
}

struct list_ctx {
	json_t *arr;
	struct req *r;
};

static int
measure_json(void *ctx, const struct measure_row *m)
{
	struct list_ctx *l = ctx;
	char day[32];

	util_format_rfc3339(m->taken_at, day, sizeof(day));
	day[10] = '\0';
	if (l->arr) {
		json_array_append_new(l->arr, json_pack("{sIssssssss*}", "id",
		    (json_int_t)m->id, "date", day, "title", m->title, "detail",
		    m->detail, "incident", m->incident_id ? "yes" : NULL));
		return 0;
	}
	printf("%-6lld %s  %s\n", (long long)m->id, day, m->title);
	return 0;
}

/* sanctum healing measures [--json] */
int
healing_measures_cmd(struct cli *c, int argc, char **argv)
{
	struct list_ctx l = { NULL, NULL };
	int rc, json = argc == 2 && strcmp(argv[1], "--json") == 0;

	if (argc != 1 && !json)
		return cli_usage(c, "healing");
	if ((rc = cli_open(c)) != EXIT_OK)
		return rc;
	if (json)
		l.arr = json_array();
	if (healing_measures_each(c->db, measure_json, &l) != 0) {
		json_decref(l.arr);
		return cli_fail("healing: cannot read the measures");
	}
	if (json) {
		json_t *o = json_pack("{so}", "measures", l.arr);
		cli_print_json(o);
		json_decref(o);
	}
	return EXIT_OK;
}

/* sanctum healing milestones [show|public|private] */
int
healing_milestones_cmd(struct cli *c, int argc, char **argv)
{
	struct milestones ms;
	const char *v = argc == 2 ? argv[1] : "show";
	char target[] = "milestones";
	int rc;

	if (argc > 2 || (strcmp(v, "show") != 0 && strcmp(v, "public") != 0 &&
	    strcmp(v, "private") != 0))
		return cli_usage(c, "healing");
	if ((rc = cli_open(c)) != EXIT_OK)
		return rc;
	if (strcmp(v, "show") == 0) {
		if (milestones_get(c->db, &ms) != 0)
			return cli_fail("healing: cannot read the milestones");
		if (ms.weeks < 0)
			printf("no incident yet\n");
		else
			printf("%lld week%s without a new incident\n",
			    (long long)ms.weeks, ms.weeks == 1 ? "" : "s");
		if (ms.better >= BETTER_MIN)
			printf("%lld members shared that they are doing "
			    "better\n", (long long)ms.better);
		printf("%d safety measure%s taken\nshown to %s\n", ms.measures,
		    ms.measures == 1 ? "" : "s", milestones_public(c->db) ?
		    "everyone" : "moderators only");
		return EXIT_OK;
	}
	if (db_meta_set(c->db, "milestones_public", strcmp(v, "public") == 0 ?
	    "yes" : "no", strlen(strcmp(v, "public") == 0 ? "yes" : "no")) !=
	    0 || gate_audit(c->gate, "healing.milestones", target, v) != 0)
		return cli_fail("healing: cannot save");
	cli_say(c, "milestones are shown to %s\n", strcmp(v, "public") == 0 ?
	    "everyone" : "moderators only");
	return EXIT_OK;
}

/* The page. */

static int
measure_item(void *ctx, const struct measure_row *m)
{
	struct list_ctx *l = ctx;
	char day[32];

	util_format_rfc3339(m->taken_at, day, sizeof(day));
	day[10] = '\0';
	html_printf(&l->r->out, "<li><time datetime=\"%s\">%s</time>: <strong>"
	    "%s</strong>%s%s</li>\n", day, day, m->title, m->detail[0] ?
	    "<br>" : "", m->detail);
	return 0;
}

/* GET /changes: what we changed, for everyone */
void
changes_page(struct req *r)
{
	struct list_ctx l = { NULL, r };
	struct milestones ms;
	int mod = r->user.id > 0 && role_parse(r->user.role) >= ROLE_MODERATOR;

	page_begin(r, "What we changed", "/changes");
	page_notice(r);
	html_printf(&r->out, "<h1>What we changed</h1><p class=\"lede\">The "
	    "safety measures this community has taken, with their dates. They "
	    "say what changed, never who was affected.</p>\n");
	if ((mod || milestones_public(r->db)) && milestones_get(r->db, &ms) ==
	    0) {
		html_printf(&r->out, "<section class=\"panel\" aria-labelledby=\""
		    "ms\"><h2 id=\"ms\">Milestones</h2><ul>");
		if (ms.weeks >= 0)
			html_printf(&r->out, "<li>%lld week%s without a new "
			    "incident</li>", (long long)ms.weeks, ms.weeks == 1 ?
			    "" : "s");
		if (ms.better >= BETTER_MIN)
			html_printf(&r->out, "<li>%lld members chose to share "
			    "that they are doing better</li>",
			    (long long)ms.better);
		html_printf(&r->out, "<li>%d safety measure%s taken</li></ul>%s"
		    "</section>\n", ms.measures, ms.measures == 1 ? "" : "s",
		    mod && !milestones_public(r->db) ? "<p class=\"aside\">Shown "
		    "to moderators only; `sanctum healing milestones public` "
		    "shows them to everyone.</p>" : "");
	}
	html_printf(&r->out, "<ul class=\"measures\">\n");
	if (healing_measures_each(r->db, measure_item, &l) != 0)
		html_printf(&r->out, "<li>The measures could not be read.</li>\n");
	html_printf(&r->out, "</ul>\n");
	if (mod) {
		html_printf(&r->out, "<section class=\"panel\"><h2>Add a measure"
		    "</h2><form class=\"stack\" method=\"post\" action=\"/changes"
		    "\">");
		page_csrf_field(r);
		html_printf(&r->out, "<label for=\"title\">What changed</label>"
		    "<input id=\"title\" name=\"title\" required maxlength=\"200\" "
		    "aria-describedby=\"title-hint\"><p class=\"hint\" id=\""
		    "title-hint\">For example: \"Screenshots are now blurred in "
		    "the support groups\". No names, no words of any post: the "
		    "guard checks.</p><label for=\"detail\">More (optional)"
		    "</label><textarea id=\"detail\" name=\"detail\" rows=\"3\" "
		    "maxlength=\"2000\"></textarea><label for=\"date\">Taken on"
		    "</label><input id=\"date\" name=\"date\" type=\"date\" "
		    "required><button type=\"submit\">Add it</button></form>"
		    "</section>\n");
	}
	page_end(r);
}

/* POST /changes: title, detail, date */
void
changes_post(struct req *r)
{
	const char *date = req_form(r, "date");
	char err[ERR_MAX] = "";
	int64_t at, id;

	at = date ? training_parse_date(date) : 0;
	if (at <= 0 || healing_measure(r->gate, req_form(r, "title"),
	    req_form(r, "detail"), at, 0, &id, err) != 0) {
		req_redirect(r, strstr(err, "it ") == err ? "/changes?error="
		    "measure-guard" : "/changes?error=invalid");
		return;
	}
	req_redirect(r, "/changes?done=measure");
}

/* Member shares that they are doing better (on), or takes it back.
** Returns 0 or -1 with err. */
int
healing_better_share(struct gate *g, int64_t member, int on, char *err)
{
	struct db *db = gate_db(g);
	char target[48];

	snprintf(target, sizeof(target), "member %lld", (long long)member);
	if (gate_begin(g) != 0 || healing_doing_better_set(db, member, on,
	    util_now()) != 0 || (db_changes(db) > 0 && gate_audit(g,
	    on ? "healing.better" : "healing.better-withdrawn", target, "") !=
	    0) || gate_commit(g) != 0) {
		gate_rollback(g);
		err_set(err, "cannot save: %s", db_error(db));
		return -1;
	}
	return 0;
}

/* The member's own choice to share that they are doing better, on their
** "my support" page. */
void
healing_better_panel(struct req *r, int64_t member)
{
	int64_t shared = healing_doing_better(r->db, member);

	if (shared < 0)
		return;
	html_printf(&r->out, "<section class=\"panel\" aria-labelledby=\""
	    "better\"><h2 id=\"better\">Doing better?</h2><p>If you are, and "
	    "would like to, you can let it count in the community's healing "
	    "milestones. Only a number is shown (once at least %d people have "
	    "shared), never who. You can take it back at any time.</p><form "
	    "method=\"post\" action=\"/me/support/better\">", BETTER_MIN);
	page_csrf_field(r);
	html_printf(&r->out, "<input type=\"hidden\" name=\"share\" value=\""
	    "%s\"><button%s type=\"submit\">%s</button></form></section>\n",
	    shared ? "no" : "yes", shared ? " class=\"secondary\"" : "",
	    shared ? "Take back that I am doing better" : "Share that I am "
	    "doing better");
}

/* POST /me/support/better: share=yes|no */
void
my_better_post(struct req *r)
{
	const char *share = req_form(r, "share");
	char err[ERR_MAX];
	int64_t member = 0;

	if (community_member_of_user(r->db, r->user.id, &member) != DB_ROW) {
		req_fail(r, 403, "Only members share this.");
		return;
	}
	if (share == NULL || (strcmp(share, "yes") != 0 && strcmp(share, "no")
	    != 0)) {
		req_fail(r, 400, "Share yes or no.");
		return;
	}
	if (healing_better_share(r->gate, member, strcmp(share, "yes") == 0,
	    err) != 0) {
		req_fail(r, 500, "The choice could not be saved.");
		return;
	}
	req_redirect(r, strcmp(share, "yes") == 0 ?
	    "/me/support?done=better-shared" :
	    "/me/support?done=better-withdrawn");
}
