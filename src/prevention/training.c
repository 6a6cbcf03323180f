/*
** training.c: trainings, completions, who needs renewal, and `sanctum
** training ...` and /training.  See training.h.
*/
#include "training.h"

#include <getopt.h>
#include <jansson.h>
#include <stdio.h>
#include <string.h>
#include <time.h>

#include "../cli.h"
#include "../core/gate.h"
#include "../store/accounts.h"
#include "../store/db.h"
#include "../store/prevention.h"
#include "../util/util.h"
#include "../web/html.h"
#include "../web/server.h"

static const struct {
	const char *name;
	int days;
} defaults[] = {
	{ "trauma-informed communication", 730 },
	{ "mental health first aid", 1095 },
};

/* Store the default trainings when the community has none yet, in one
** part of the caller's transaction, audited.  Returns 0 or -1. */
int
training_defaults(struct gate *g)
{
	struct db *db = gate_db(g);
	size_t i;
	int64_t id;
	int n = prevention_training_count(db);

	if (n != 0)
		return n < 0 ? -1 : 0;
	if (gate_begin(g) != 0)
		return -1;
	for (i = 0; i < sizeof(defaults) / sizeof(defaults[0]); i++)
		if (prevention_training_add(db, defaults[i].name,
		    defaults[i].days, util_now(), &id) != 0)
			goto fail;
	if (gate_audit(g, "training.defaults", "", "") != 0 ||
	    gate_commit(g) != 0)
		goto fail;
	return 0;
fail:
	gate_rollback(g);
	return -1;
}

/* Add a training, current for valid_days after completion.  Returns 0,
** or -1 with err. */
int
training_add(struct gate *g, const char *name, int valid_days, char *err)
{
	int64_t id;
	int rc;

	if (!util_valid_label(name, 80) || valid_days < 1 ||
	    valid_days > 3650) {
		err_set(err, "a training has a name (1 to 80 bytes) and stays "
		    "current 1 to 3650 days");
		return -1;
	}
	if (training_defaults(g) != 0 || gate_begin(g) != 0) {
		err_set(err, "cannot save: %s", db_error(gate_db(g)));
		return -1;
	}
	rc = prevention_training_add(gate_db(g), name, valid_days, util_now(),
	    &id);
	if (rc == DB_EXISTS) {
		gate_rollback(g);
		err_set(err, "there is a training called %s already", name);
		return -1;
	}
	if (rc != 0 || gate_audit(g, "training.add", name, "") != 0 ||
	    gate_commit(g) != 0) {
		gate_rollback(g);
		err_set(err, "cannot save: %s", db_error(gate_db(g)));
		return -1;
	}
	return 0;
}

/* Keep that user completed training at completed_at.  Returns 0, or -1
** with err. */
int
training_record(struct gate *g, const char *user, const char *training,
    int64_t completed_at, char *err)
{
	struct db *db = gate_db(g);
	struct user u;
	int rc;

	if (completed_at > util_now() + 86400) {
		err_set(err, "a completion cannot be in the future");
		return -1;
	}
	if (accounts_user_by_name(db, user, &u) != 1) {
		err_set(err, "no account %s", user);
		return -1;
	}
	if (training_defaults(g) != 0 || gate_begin(g) != 0) {
		err_set(err, "cannot save: %s", db_error(db));
		return -1;
	}
	rc = prevention_training_record(db, u.id, training, completed_at,
	    gate_actor(g)->name);
	if (rc == 1) {
		gate_rollback(g);
		err_set(err, "no training called %s (`sanctum training status` "
		    "lists them)", training);
		return -1;
	}
	if (rc != 0 || gate_audit(g, "training.record", user, training) != 0 ||
	    gate_commit(g) != 0) {
		gate_rollback(g);
		err_set(err, "cannot save: %s", db_error(db));
		return -1;
	}
	return 0;
}

/* "current", "renew soon", "lapsed" or "never" for a completion. */
static const char *
standing(int64_t until, int64_t now)
{
	if (until == 0)
		return "never";
	if (until <= now)
		return "lapsed";
	if (until <= now + 86400 * TRAINING_RENEW_DAYS)
		return "renew soon";
	return "current";
}

/* sanctum training add NAME [--valid-days N] */
int
training_add_cmd(struct cli *c, int argc, char **argv)
{
	static const struct option opts[] = {
		{ "valid-days", required_argument, NULL, 'd' },
		{ NULL, 0, NULL, 0 }
	};
	char err[ERR_MAX];
	long long v;
	int ch, rc, days = 730;

	optind = 0;
	while ((ch = getopt_long(argc, argv, "", opts, NULL)) != -1) {
		if (ch != 'd' || util_parse_int(optarg, 0, 100000, &v) != 0)
			return cli_usage(c, "training");
		days = (int)v;
	}
	if (argc - optind != 1)
		return cli_usage(c, "training");
	if ((rc = cli_open(c)) != EXIT_OK)
		return rc;
	if (training_add(c->gate, argv[optind], days, err) != 0)
		return cli_fail("training: %s", err);
	cli_say(c, "added the training %s, current for %d days after "
	    "completion\n", argv[optind], days);
	return EXIT_OK;
}

/* A date YYYY-MM-DD as a time (midnight UTC), or -1. */
int64_t
training_parse_date(const char *s)
{
	struct tm tm;
	const char *end;

	memset(&tm, 0, sizeof(tm));
	end = strptime(s, "%Y-%m-%d", &tm);
	if (end == NULL || *end != '\0')
		return -1;
	return (int64_t)timegm(&tm);
}

/* sanctum training record USER TRAINING [--date YYYY-MM-DD] */
int
training_record_cmd(struct cli *c, int argc, char **argv)
{
	static const struct option opts[] = {
		{ "date", required_argument, NULL, 'd' },
		{ NULL, 0, NULL, 0 }
	};
	char err[ERR_MAX];
	int64_t at = util_now();
	int ch, rc;

	optind = 0;
	while ((ch = getopt_long(argc, argv, "", opts, NULL)) != -1) {
		if (ch != 'd' || (at = training_parse_date(optarg)) < 0)
			return cli_usage(c, "training");
	}
	if (argc - optind != 2)
		return cli_usage(c, "training");
	if ((rc = cli_open(c)) != EXIT_OK)
		return rc;
	if (training_record(c->gate, argv[optind], argv[optind + 1], at, err)
	    != 0)
		return cli_fail("training: %s", err);
	cli_say(c, "recorded: %s completed %s\n", argv[optind],
	    argv[optind + 1]);
	return EXIT_OK;
}

struct status_ctx {
	json_t *arr;		/* --json */
	int64_t now;
};

static int
print_status(void *ctx, const struct training_status *t)
{
	struct status_ctx *s = ctx;
	char until[32] = "";

	if (t->current_until)
		util_format_time(t->current_until, until, sizeof(until));
	if (s->arr) {
		json_array_append_new(s->arr, json_pack("{s:s, s:s, s:s, s:s, "
		    "s:I}", "user", t->user, "role", t->role, "training",
		    t->training, "standing", standing(t->current_until, s->now),
		    "current_until", (json_int_t)t->current_until));
		return 0;
	}
	printf("%-20s %-10s %-32s %-10s %s\n", t->user, t->role, t->training,
	    standing(t->current_until, s->now), until);
	return 0;
}

/* sanctum training status [--json] */
int
training_status_cmd(struct cli *c, int argc, char **argv)
{
	struct status_ctx s = { NULL, util_now() };
	int json = argc == 2 && strcmp(argv[1], "--json") == 0, rc;

	if (argc > 2 || (argc == 2 && !json))
		return cli_usage(c, "training");
	if ((rc = cli_open(c)) != EXIT_OK)
		return rc;
	if (training_defaults(c->gate) != 0)
		return cli_fail("training: cannot save the default trainings");
	if (json)
		s.arr = json_array();
	rc = prevention_training_status_each(c->db, print_status, &s);
	if (rc == 0 && json)
		cli_print_json(s.arr);
	json_decref(s.arr);
	return rc == 0 ? EXIT_OK : cli_fail("training: cannot read them");
}

/* The rows of /training before any training is stored: each moderator
** and admin, never trained in any of the defaults. */
static int
page_default_rows(void *ctx, const struct user *u)
{
	struct req *r = ctx;
	size_t i;

	if (u->disabled || (strcmp(u->role, "moderator") != 0 &&
	    strcmp(u->role, "admin") != 0))
		return 0;
	for (i = 0; i < sizeof(defaults) / sizeof(defaults[0]); i++)
		html_printf(&r->out, "<tr><td>%s</td><td>%s</td><td><span class=\""
		    "badge warn\">never</span></td><td></td></tr>\n", u->name,
		    defaults[i].name);
	return 0;
}

/* One row of /training. */
static int
page_row(void *ctx, const struct training_status *t)
{
	struct req *r = ctx;
	char until[32] = "";
	const char *st = standing(t->current_until, util_now());

	if (t->current_until)
		util_format_time(t->current_until, until, sizeof(until));
	html_printf(&r->out, "<tr><td>%s</td><td>%s</td><td><span class=\""
	    "badge%s\">%s</span></td><td>%s</td></tr>\n", t->user, t->training,
	    strcmp(st, "current") == 0 ? " ok" : " warn", st, until);
	return 0;
}

/* GET /training: who is current, who needs renewal; admins record. */
void
training_page(struct req *r)
{
	page_begin(r, "Training", "/training");
	page_notice(r);
	html_printf(&r->out, "<h1>Training</h1><p class=\"lede\">Moderators "
	    "and admins keep their training current. Without it, leaked "
	    "material and incident summaries stay closed to them.</p>\n"
	    "<table class=\"list\"><caption>Who is current</caption><thead>"
	    "<tr><th scope=\"col\">Person</th><th scope=\"col\">Training</th>"
	    "<th scope=\"col\">Standing</th><th scope=\"col\">Current until"
	    "</th></tr></thead><tbody>\n");
	if (prevention_training_count(r->db) == 0) {
		/* the defaults are asked of everyone, stored or not yet */
		if (accounts_user_list(r->db, page_default_rows, r) != 0)
			html_printf(&r->out, "<tr><td colspan=\"4\">The records "
			    "could not be read.</td></tr>\n");
	} else if (prevention_training_status_each(r->db, page_row, r) != 0)
		html_printf(&r->out, "<tr><td colspan=\"4\">The records could "
		    "not be read.</td></tr>\n");
	html_printf(&r->out, "</tbody></table>\n");
	if (role_parse(r->user.role) >= ROLE_ADMIN) {
		html_printf(&r->out, "<section class=\"panel\"><h2>Record a "
		    "completion</h2><form class=\"stack\" method=\"post\" "
		    "action=\"/training\">");
		page_csrf_field(r);
		html_printf(&r->out, "<label for=\"user\">Person (account name)"
		    "</label><input id=\"user\" name=\"user\" required><label "
		    "for=\"training\">Training</label><input id=\"training\" "
		    "name=\"training\" required value=\"trauma-informed "
		    "communication\"><label for=\"date\">Completed on</label>"
		    "<input id=\"date\" name=\"date\" type=\"date\" required>"
		    "<button type=\"submit\">Record</button></form></section>\n");
	}
	page_end(r);
}

/* POST /training: user, training, date (admins) */
void
training_record_post(struct req *r)
{
	const char *user = req_form(r, "user"), *t = req_form(r, "training"),
	    *d = req_form(r, "date");
	char err[ERR_MAX];
	int64_t at;

	if (user == NULL || t == NULL || d == NULL ||
	    (at = training_parse_date(d)) < 0 ||
	    training_record(r->gate, user, t, at, err) != 0) {
		req_redirect(r, "/training?error=invalid");
		return;
	}
	req_redirect(r, "/training?done=added");
}
