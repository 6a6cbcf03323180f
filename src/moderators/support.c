/*
** support.c: support for moderators, and `sanctum support ...`.  See
** support.h.
*/
#include "support.h"

#include <jansson.h>
#include <stdio.h>
#include <string.h>

#include "../cli.h"
#include "../care/help.h"
#include "../core/gate.h"
#include "../store/db.h"
#include "../store/moderators.h"
#include "../util/util.h"

static const char *const kinds[] = {
	"counselling", "helpline", "peer support", "other"
};

/* An entry of the directory from what someone typed (NULL: empty). */
void
support_fill(struct mod_support_row *s, const char *name, const char *kind,
    const char *contact, const char *languages, const char *note)
{
	memset(s, 0, sizeof(*s));
	snprintf(s->name, sizeof(s->name), "%s", name ? name : "");
	snprintf(s->kind, sizeof(s->kind), "%s", kind ? kind : "");
	snprintf(s->contact, sizeof(s->contact), "%s", contact ? contact : "");
	snprintf(s->languages, sizeof(s->languages), "%s", languages ?
	    languages : "");
	snprintf(s->note, sizeof(s->note), "%s", note ? note : "");
}

/* Add to the directory (an admin's).  Returns 0 with *id, or -1 with
** err. */
int
support_add(struct gate *g, const struct mod_support_row *s, int64_t *id,
    char *err)
{
	size_t i;

	for (i = 0; i < sizeof(kinds) / sizeof(kinds[0]); i++)
		if (strcmp(s->kind, kinds[i]) == 0)
			break;
	if (i == sizeof(kinds) / sizeof(kinds[0]) ||
	    !util_valid_label(s->name, 120) || !util_valid_label(s->contact,
	    250) || (s->languages[0] && !util_valid_label(s->languages, 60)) ||
	    (s->note[0] && !util_valid_label(s->note, 250))) {
		err_set(err, "support has a name, a kind (counselling, helpline, "
		    "peer support or other) and a way to reach it, each on one "
		    "line");
		return -1;
	}
	if (gate_begin(g) != 0) {
		err_set(err, "the database is busy");
		return -1;
	}
	if (mods_support_add(gate_db(g), s, gate_actor(g)->name, util_now(),
	    id) != 0 || gate_audit(g, "support.add", s->name, s->kind) != 0 ||
	    gate_commit(g) != 0) {
		err_set(err, "cannot save: %s", db_error(gate_db(g)));
		gate_rollback(g);
		return -1;
	}
	return 0;
}

/* Take an entry out of the directory.  Returns 0 or -1 with err. */
int
support_remove(struct gate *g, int64_t id, char *err)
{
	char target[32];
	int rc;

	if (gate_begin(g) != 0) {
		err_set(err, "the database is busy");
		return -1;
	}
	snprintf(target, sizeof(target), "support %lld", (long long)id);
	rc = mods_support_remove(gate_db(g), id, util_now());
	if (rc != 0 || gate_audit(g, "support.remove", target, "") != 0 ||
	    gate_commit(g) != 0) {
		if (rc == 1)
			err_set(err, "there is no support %lld", (long long)id);
		else
			err_set(err, "cannot save: %s", db_error(gate_db(g)));
		gate_rollback(g);
		return -1;
	}
	return 0;
}

/* Set the counselling budget for moderators (minor units).  Returns 0 or
** -1 with err. */
int
support_budget_set(struct gate *g, int64_t amount, const char *currency,
    char *err)
{
	char detail[48];

	if (amount < 0 || currency == NULL || strlen(currency) != 3 ||
	    strspn(currency, "ABCDEFGHIJKLMNOPQRSTUVWXYZ") != 3) {
		err_set(err, "a budget is an amount and a currency such as EUR");
		return -1;
	}
	if (gate_begin(g) != 0) {
		err_set(err, "the database is busy");
		return -1;
	}
	care_format_money(amount, currency, detail, sizeof(detail));
	if (mods_budget_set(gate_db(g), amount, currency) != 0 ||
	    gate_audit(g, "support.budget", "", detail) != 0 ||
	    gate_commit(g) != 0) {
		err_set(err, "cannot save: %s", db_error(gate_db(g)));
		gate_rollback(g);
		return -1;
	}
	return 0;
}

/* The actor had a covered session on held_on costing `cost`: refused
** past the budget or for a day to come.  The audit entry keeps that
** someone on the team recorded one, not who.  Returns 0 or -1 with err. */
int
support_session(struct gate *g, int64_t held_on, int64_t cost, char *err)
{
	char currency[8], left[40];
	int64_t budget, spent;

	if (gate_actor(g)->user_id <= 0) {
		err_set(err, "a covered session is recorded by its own person");
		return -1;
	}
	if (held_on <= 0 || held_on > util_now() + 86400 || cost < 0) {
		err_set(err, "a session was held on a day that has come, and "
		    "costs nothing or more");
		return -1;
	}
	if (gate_begin(g) != 0) {
		err_set(err, "the database is busy");
		return -1;
	}
	if (mods_budget_get(gate_db(g), &budget, currency, sizeof(currency),
	    &spent) != 0)
		goto fail;
	if (spent + cost > budget) {
		care_format_money(budget > spent ? budget - spent : 0, currency,
		    left, sizeof(left));
		err_set(err, "that would go past the budget for moderators' "
		    "counselling (%s left); an admin sets it", left);
		gate_rollback(g);
		return -1;
	}
	if (mods_session_add(gate_db(g), gate_actor(g)->user_id, held_on, cost,
	    util_now()) != 0 || gate_audit_unnamed(g, "support.session", "", "") != 0 ||
	    gate_commit(g) != 0)
		goto fail;
	return 0;
fail:
	err_set(err, "cannot save: %s", db_error(gate_db(g)));
	gate_rollback(g);
	return -1;
}

/* sanctum support add NAME --kind K --contact HOW [--languages L]
** [--note TEXT] */
int
support_add_cmd(struct cli *c, int argc, char **argv)
{
	struct mod_support_row s;
	char err[ERR_MAX];
	int64_t id;
	int i, rc;

	memset(&s, 0, sizeof(s));
	if (argc < 2 || (argc - 2) % 2 != 0)
		return cli_usage(c, "support");
	snprintf(s.name, sizeof(s.name), "%s", argv[1]);
	for (i = 2; i + 1 < argc; i += 2) {
		if (strcmp(argv[i], "--kind") == 0)
			snprintf(s.kind, sizeof(s.kind), "%s", argv[i + 1]);
		else if (strcmp(argv[i], "--contact") == 0)
			snprintf(s.contact, sizeof(s.contact), "%s", argv[i + 1]);
		else if (strcmp(argv[i], "--languages") == 0)
			snprintf(s.languages, sizeof(s.languages), "%s",
			    argv[i + 1]);
		else if (strcmp(argv[i], "--note") == 0)
			snprintf(s.note, sizeof(s.note), "%s", argv[i + 1]);
		else
			return cli_usage(c, "support");
	}
	if ((rc = cli_open(c)) != EXIT_OK)
		return rc;
	if (support_add(c->gate, &s, &id, err) != 0)
		return cli_fail("support: %s", err);
	cli_say(c, "%lld\n", (long long)id);
	return EXIT_OK;
}

static int
list_one(void *ctx, const struct mod_support_row *s)
{
	json_t *arr = ctx;

	if (arr)
		json_array_append_new(arr, json_pack("{s:I, s:s, s:s, s:s, s:s, "
		    "s:s}", "id", (json_int_t)s->id, "name", s->name, "kind",
		    s->kind, "contact", s->contact, "languages", s->languages,
		    "note", s->note));
	else
		printf("%-4lld %-13s %-30s %s%s%s\n", (long long)s->id, s->kind,
		    s->name, s->contact, s->languages[0] ? "  " : "",
		    s->languages);
	return 0;
}

/* sanctum support list [--json]: the directory, and the budget */
int
support_list_cmd(struct cli *c, int argc, char **argv)
{
	json_t *arr = NULL;
	char currency[8], b[40], sp[40];
	int64_t budget, spent;
	int rc, json = argc == 2 && strcmp(argv[1], "--json") == 0;

	if (argc != 1 && !json)
		return cli_usage(c, "support");
	if ((rc = cli_open(c)) != EXIT_OK)
		return rc;
	if (json)
		arr = json_array();
	if (mods_support_each(c->db, list_one, arr) != 0 ||
	    mods_budget_get(c->db, &budget, currency, sizeof(currency), &spent)
	    != 0) {
		json_decref(arr);
		return cli_fail("support: cannot read the directory");
	}
	care_format_money(budget, currency, b, sizeof(b));
	care_format_money(spent, currency, sp, sizeof(sp));
	if (json) {
		json_t *o = json_pack("{s:o, s:I, s:I, s:s}", "support", arr,
		    "budget", (json_int_t)budget, "spent", (json_int_t)spent,
		    "currency", currency);
		cli_print_json(o);
		json_decref(o);
	} else
		printf("counselling covered for moderators: %s of %s spent\n",
		    sp, b);
	return EXIT_OK;
}

/* sanctum support remove ID */
int
support_remove_cmd(struct cli *c, int argc, char **argv)
{
	char err[ERR_MAX];
	long long id;
	int rc;

	if (argc != 2 || util_parse_int(argv[1], 1, INT64_MAX, &id) != 0)
		return cli_usage(c, "support");
	if ((rc = cli_open(c)) != EXIT_OK)
		return rc;
	if (support_remove(c->gate, id, err) != 0)
		return cli_fail("support: %s", err);
	cli_say(c, "removed support %lld from the directory\n", id);
	return EXIT_OK;
}

/* sanctum support budget AMOUNT CURRENCY */
int
support_budget_cmd(struct cli *c, int argc, char **argv)
{
	char err[ERR_MAX];
	int64_t amount;
	int rc;

	if (argc != 3 || care_parse_money(argv[1], &amount) != 0)
		return cli_usage(c, "support");
	if ((rc = cli_open(c)) != EXIT_OK)
		return rc;
	if (support_budget_set(c->gate, amount, argv[2], err) != 0)
		return cli_fail("support: %s", err);
	cli_say(c, "the budget for moderators' counselling is %s %s\n",
	    argv[1], argv[2]);
	return EXIT_OK;
}
