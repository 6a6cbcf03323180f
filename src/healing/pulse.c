/*
** pulse.c: pulse surveys, `sanctum healing pulse|results`, and the pulse
** page.  See pulse.h.
*/
#include "pulse.h"

#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../admin/roles.h"
#include "../cli.h"
#include "../core/gate.h"
#include "../store/db.h"
#include "../store/healing.h"
#include "../util/util.h"
#include "../web/html.h"
#include "../web/server.h"

#define DEFAULT_QUESTION "How safe does the community feel to you this week?"

static const char *const scale[PULSE_VALUES] = {
	"not safe at all", "not very safe", "somewhat safe", "safe",
	"very safe"
};

/* Open a survey for days (1 to 31); one is open at a time.  Returns 0 and
** sets *id, or -1 with err. */
int
healing_pulse_start(struct gate *g, const char *question, int days,
    int64_t *id, char *err)
{
	char target[32];
	int64_t open;
	size_t n;
	int rc;

	if (question == NULL || *question == '\0')
		question = DEFAULT_QUESTION;
	n = strlen(question);
	if (n > PULSE_QUESTION_MAX || !util_valid_text(question, n) ||
	    strchr(question, '\n') != NULL) {
		err_set(err, "a question is one line of up to %d characters",
		    PULSE_QUESTION_MAX);
		return -1;
	}
	if (days < 1 || days > 31) {
		err_set(err, "a survey stays open 1 to 31 days");
		return -1;
	}
	if (gate_begin(g) != 0) {
		err_set(err, "the database is busy");
		return -1;
	}
	if ((rc = healing_pulse_current(gate_db(g), util_now(), &open)) != 0) {
		if (rc > 0)
			err_set(err, "survey %lld is open; close it first",
			    (long long)open);
		else
			err_set(err, "cannot read the surveys");
		gate_rollback(g);
		return -1;
	}
	if (healing_pulse_open(gate_db(g), question, util_now(), util_now() +
	    (int64_t)days * 86400, gate_actor(g)->name, id) != 0)
		goto fail;
	snprintf(target, sizeof(target), "pulse %lld", (long long)*id);
	if (gate_audit(g, "pulse.open", target, "") != 0 || gate_commit(g) != 0)
		goto fail;
	return 0;
fail:
	err_set(err, "cannot save: %s", db_error(gate_db(g)));
	gate_rollback(g);
	return -1;
}

/* The actor answers survey id with value (1 to 5), once.  The audit
** trail keeps that they answered, never what.  Returns 0, or -1 with err. */
int
healing_pulse_give(struct gate *g, int64_t id, int value, char *err)
{
	struct pulse_row p;
	char target[32];
	int rc;

	if (value < 1 || value > PULSE_VALUES) {
		err_set(err, "an answer is 1 to %d", PULSE_VALUES);
		return -1;
	}
	if (gate_actor(g)->user_id <= 0) {
		err_set(err, "members answer in the console");
		return -1;
	}
	if (gate_begin(g) != 0) {
		err_set(err, "the database is busy");
		return -1;
	}
	if (healing_pulse_get(gate_db(g), id, &p) != DB_ROW || p.closed_at ||
	    p.closes_at <= util_now()) {
		err_set(err, "survey %lld is not open", (long long)id);
		gate_rollback(g);
		return -1;
	}
	rc = healing_pulse_answer(gate_db(g), id, gate_actor(g)->user_id, value);
	if (rc == 0) {
		err_set(err, "you have answered already");
		gate_rollback(g);
		return -1;
	}
	snprintf(target, sizeof(target), "pulse %lld", (long long)id);
	if (rc < 0 || gate_audit(g, "pulse.answer", target, "") != 0 ||
	    gate_commit(g) != 0) {
		err_set(err, "cannot save: %s", db_error(gate_db(g)));
		gate_rollback(g);
		return -1;
	}
	return 0;
}

/* The mean of the answers, in tenths (35 is 3.5). */
static long
mean10(const struct pulse_row *p)
{
	long sum = 0;
	int v;

	for (v = 0; v < PULSE_VALUES; v++)
		sum += (v + 1) * p->counts[v];
	return p->total ? (sum * 10 + p->total / 2) / p->total : 0;
}

/* The command line. */

/* sanctum healing pulse [--question TEXT] [--days N] | pulse close ID */
int
healing_pulse_cmd(struct cli *c, int argc, char **argv)
{
	const char *question = NULL;
	char err[ERR_MAX], target[32];
	long long days = 7, id;
	int64_t made;
	int i, rc;

	if (argc == 3 && strcmp(argv[1], "close") == 0) {
		if (util_parse_int(argv[2], 1, INT64_MAX, &id) != 0)
			return cli_usage(c, "healing");
		if ((rc = cli_open(c)) != EXIT_OK)
			return rc;
		snprintf(target, sizeof(target), "pulse %lld", id);
		if (healing_pulse_close(c->db, id, util_now()) != 0 ||
		    db_changes(c->db) == 0)
			return cli_fail("healing: survey %lld is not open", id);
		if (gate_audit(c->gate, "pulse.close", target, "") != 0)
			return cli_fail("healing: cannot save");
		cli_say(c, "survey %lld is closed\n", id);
		return EXIT_OK;
	}
	for (i = 1; i + 1 < argc; i += 2) {
		if (strcmp(argv[i], "--question") == 0)
			question = argv[i + 1];
		else if (strcmp(argv[i], "--days") == 0) {
			if (util_parse_int(argv[i + 1], 1, 31, &days) != 0)
				return cli_fail("healing: --days is 1 to 31");
		} else
			return cli_usage(c, "healing");
	}
	if (i != argc)
		return cli_usage(c, "healing");
	if ((rc = cli_open(c)) != EXIT_OK)
		return rc;
	if (healing_pulse_start(c->gate, question, (int)days, &made, err) != 0)
		return cli_fail("healing: %s", err);
	cli_say(c, "survey %lld is open for %lld day%s\n", (long long)made,
	    days, days == 1 ? "" : "s");
	return EXIT_OK;
}

static int
result_json(void *ctx, const struct pulse_row *p)
{
	json_t *o, *dist;
	char opened[32];
	int v;

	util_format_rfc3339(p->opened_at, opened, sizeof(opened));
	o = json_pack("{sIsssssIsb}", "id", (json_int_t)p->id, "question",
	    p->question, "opened_at", opened, "answers", (json_int_t)p->total,
	    "open", !p->closed_at && p->closes_at > util_now());
	if (p->total >= PULSE_MIN_ANSWERS) {
		dist = json_object();
		for (v = 0; v < PULSE_VALUES; v++)
			json_object_set_new(dist, scale[v], json_integer(
			    p->counts[v]));
		json_object_set_new(o, "counts", dist);
		json_object_set_new(o, "mean", json_real((double)mean10(p) /
		    10.0));
	}
	json_array_append_new(ctx, o);
	return 0;
}

/* sanctum healing results [--json] */
int
healing_results_cmd(struct cli *c, int argc, char **argv)
{
	json_t *arr, *o, *r;
	size_t i;
	int rc, json = argc == 2 && strcmp(argv[1], "--json") == 0;

	if (argc != 1 && !json)
		return cli_usage(c, "healing");
	if ((rc = cli_open(c)) != EXIT_OK)
		return rc;
	arr = json_array();
	if (healing_pulse_each(c->db, result_json, arr) != 0) {
		json_decref(arr);
		return cli_fail("healing: cannot read the surveys");
	}
	if (json) {
		o = json_pack("{so}", "surveys", arr);
		cli_print_json(o);
		json_decref(o);
		return EXIT_OK;
	}
	json_array_foreach(arr, i, r) {
		printf("survey %lld: %s\n", (long long)json_integer_value(
		    json_object_get(r, "id")), json_string_value(json_object_get(r,
		    "question")));
		if (json_object_get(r, "mean"))
			printf("  %lld answers, mean %.1f of 5\n", (long long)
			    json_integer_value(json_object_get(r, "answers")),
			    json_real_value(json_object_get(r, "mean")));
		else
			printf("  fewer than %d answers: not shown\n",
			    PULSE_MIN_ANSWERS);
	}
	json_decref(arr);
	return EXIT_OK;
}

/* The page. */

static int
result_html(void *ctx, const struct pulse_row *p)
{
	struct req *r = ctx;
	long m = mean10(p);
	int v;

	html_printf(&r->out, "<section class=\"panel\"><h2>%s</h2>",
	    p->question);
	if (p->total < PULSE_MIN_ANSWERS) {
		html_printf(&r->out, "<p>Fewer than %d people have answered, so "
		    "nothing is shown yet.</p></section>\n", PULSE_MIN_ANSWERS);
		return 0;
	}
	html_printf(&r->out, "<p>%ld people answered; on average %ld.%ld of 5."
	    "</p><table class=\"list\"><caption>How the answers fall</caption>"
	    "<thead><tr><th scope=\"col\">Answer</th><th scope=\"col\">People"
	    "</th></tr></thead><tbody>", p->total, m / 10, m % 10);
	for (v = PULSE_VALUES - 1; v >= 0; v--)
		html_printf(&r->out, "<tr><td>%s</td><td>%ld</td></tr>", scale[v],
		    p->counts[v]);
	html_printf(&r->out, "</tbody></table></section>\n");
	return 0;
}

/* GET /pulse: the open survey, and the results */
void
pulse_page(struct req *r)
{
	struct pulse_row p;
	int64_t id;
	int v, mod = role_parse(r->user.role) >= ROLE_MODERATOR;

	page_begin(r, "Pulse", "/pulse");
	page_notice(r);
	html_printf(&r->out, "<h1>Pulse</h1><p class=\"lede\">A short, "
	    "optional question about how the community feels. Your answer is "
	    "counted and never linked to you; results show only once at least "
	    "%d people have answered.</p>\n", PULSE_MIN_ANSWERS);
	if (healing_pulse_current(r->db, util_now(), &id) == 1 &&
	    healing_pulse_get(r->db, id, &p) == DB_ROW) {
		if (healing_pulse_answered(r->db, id, r->user.id) == 1) {
			html_printf(&r->out, "<p>You answered this week's question. "
			    "Thank you.</p>\n");
		} else {
			html_printf(&r->out, "<form class=\"stack\" method=\"post\" "
			    "action=\"/pulse/%lld/answer\">", (long long)id);
			page_csrf_field(r);
			html_printf(&r->out, "<fieldset><legend>%s</legend>",
			    p.question);
			for (v = PULSE_VALUES; v >= 1; v--)
				html_printf(&r->out, "<label><input type=\"radio\" "
				    "name=\"value\" value=\"%d\" required> %s</label>",
				    v, scale[v - 1]);
			html_printf(&r->out, "</fieldset><button type=\"submit\">"
			    "Answer</button></form>\n");
		}
	} else {
		html_printf(&r->out, "<p>There is no question open just now.</p>\n");
	}
	if (healing_pulse_each(r->db, result_html, r) != 0)
		html_printf(&r->out, "<p>The results could not be read.</p>\n");
	if (mod) {
		html_printf(&r->out, "<section class=\"panel\"><h2>Ask the "
		    "community</h2><form class=\"stack\" method=\"post\" action=\""
		    "/pulse\">");
		page_csrf_field(r);
		html_printf(&r->out, "<label for=\"question\">Question</label>"
		    "<input id=\"question\" name=\"question\" maxlength=\"200\" "
		    "value=\"%s\"><label for=\"days\">Open for (days)</label>"
		    "<input id=\"days\" name=\"days\" inputmode=\"numeric\" "
		    "pattern=\"[0-9]*\" maxlength=\"2\" value=\"7\"><button type="
		    "\"submit\">Open the survey</button></form></section>\n",
		    DEFAULT_QUESTION);
	}
	page_end(r);
}

/* POST /pulse/{id}/answer: value */
void
pulse_answer_post(struct req *r)
{
	const char *v = req_form(r, "value");
	char err[ERR_MAX];
	long long value;

	if (v == NULL || util_parse_int(v, 1, PULSE_VALUES, &value) != 0 ||
	    healing_pulse_give(r->gate, req_param(r, "id"), (int)value, err) !=
	    0) {
		req_redirect(r, "/pulse?error=pulse-refused");
		return;
	}
	req_redirect(r, "/pulse?done=pulse-counted");
}

/* POST /pulse: question, days */
void
pulse_open_post(struct req *r)
{
	const char *d = req_form(r, "days");
	char err[ERR_MAX];
	long long days = 7;
	int64_t id;

	if ((d && *d && util_parse_int(d, 1, 31, &days) != 0) ||
	    healing_pulse_start(r->gate, req_form(r, "question"), (int)days, &id,
	    err) != 0) {
		req_redirect(r, "/pulse?error=invalid");
		return;
	}
	req_redirect(r, "/pulse?done=pulse-open");
}
