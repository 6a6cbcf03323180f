/*
** help.c: counselling and practical help, and `sanctum care therapist|
** therapists|budget|offer|session|help`.  See help.h.
*/
#include "help.h"

#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../admin/roles.h"
#include "../cli.h"
#include "../core/gate.h"
#include "../prevention/training.h"
#include "../store/care.h"
#include "../store/db.h"
#include "../util/util.h"
#include "holder.h"

#define HELP_NOTE_MAX 4000

/* The budget and what is spent.  Returns 0 or -1. */
int
care_budget_get(struct db *db, struct care_budget *b)
{
	char v[24] = "";
	size_t n = 0;
	long long amount = 0;

	memset(b, 0, sizeof(*b));
	snprintf(b->currency, sizeof(b->currency), "EUR");
	if (db_meta_get(db, "counselling_budget", v, sizeof(v) - 1, &n) ==
	    DB_ROW) {
		v[n] = '\0';
		if (util_parse_int(v, 0, INT64_MAX / 4, &amount) == 0)
			b->budget = amount;
	}
	if (db_meta_get(db, "counselling_currency", v, 3, &n) == DB_ROW &&
	    n == 3) {
		memcpy(b->currency, v, 3);
		b->currency[3] = '\0';
	}
	return (b->spent = care_spent(db)) < 0 ? -1 : 0;
}

/* "120", "120.5" or "120.50" into minor units.  Returns 0 or -1. */
int
care_parse_money(const char *s, int64_t *minor)
{
	long long whole = 0;
	const char *dot;
	char w[20];
	size_t n;
	int cents = 0;

	if (s == NULL || *s == '\0')
		return -1;
	dot = strchr(s, '.');
	n = dot ? (size_t)(dot - s) : strlen(s);
	if (n == 0 || n >= sizeof(w))
		return -1;
	memcpy(w, s, n);
	w[n] = '\0';
	if (util_parse_int(w, 0, 1000000000, &whole) != 0)
		return -1;
	if (dot) {
		if (dot[1] < '0' || dot[1] > '9' || (dot[2] != '\0' && (dot[2] <
		    '0' || dot[2] > '9' || dot[3] != '\0')))
			return -1;
		cents = (dot[1] - '0') * 10 + (dot[2] ? dot[2] - '0' : 0);
	}
	*minor = whole * 100 + cents;
	return 0;
}

/* minor units as "120.50 EUR". */
void
care_format_money(int64_t minor, const char *currency, char *out, size_t cap)
{
	snprintf(out, cap, "%lld.%02lld %s", (long long)(minor / 100),
	    (long long)(minor % 100), currency);
}

/* Set the counselling budget (admins).  Returns 0 or -1 with err. */
int
care_budget_set(struct gate *g, int64_t amount, const char *currency,
    char *err)
{
	char v[24], detail[48];

	if (gate_actor(g)->role < ROLE_ADMIN) {
		err_set(err, "admins set the budget");
		return -1;
	}
	if (currency == NULL || strlen(currency) != 3 || strspn(currency,
	    "ABCDEFGHIJKLMNOPQRSTUVWXYZ") != 3) {
		err_set(err, "a currency is three capital letters, such as EUR");
		return -1;
	}
	if (gate_begin(g) != 0) {
		err_set(err, "the database is busy");
		return -1;
	}
	snprintf(v, sizeof(v), "%lld", (long long)amount);
	care_format_money(amount, currency, detail, sizeof(detail));
	if (db_meta_set(gate_db(g), "counselling_budget", v, strlen(v)) != 0 ||
	    db_meta_set(gate_db(g), "counselling_currency", currency, 3) != 0 ||
	    gate_audit(g, "care.budget", "counselling", detail) != 0 ||
	    gate_commit(g) != 0) {
		err_set(err, "cannot save: %s", db_error(gate_db(g)));
		gate_rollback(g);
		return -1;
	}
	return 0;
}

static int
open_case(struct gate *g, int64_t case_id, char *err)
{
	struct care_case cs;

	if (care_may_hold(g, case_id, err) != 0)
		return -1;
	if (care_case_get(gate_db(g), case_id, &cs) != DB_ROW ||
	    cs.closed_at != 0) {
		err_set(err, "care case %lld is closed", (long long)case_id);
		return -1;
	}
	return 0;
}

/* Offer a member in care sessions (1 to 52) with a therapist of the
** directory (0: the member chooses their own).  Returns 0 and sets *id,
** or -1 with err. */
int
care_offer(struct gate *g, int64_t case_id, int64_t therapist, int sessions,
    int64_t *id, char *err)
{
	char target[32], detail[64];

	if (sessions < 1 || sessions > 52) {
		err_set(err, "an offer is of 1 to 52 sessions");
		return -1;
	}
	if (open_case(g, case_id, err) != 0)
		return -1;
	if (therapist != 0 && care_therapist_active(gate_db(g), therapist) !=
	    1) {
		err_set(err, "therapist %lld is not in the directory",
		    (long long)therapist);
		return -1;
	}
	if (gate_begin(g) != 0) {
		err_set(err, "the database is busy");
		return -1;
	}
	snprintf(target, sizeof(target), "care case %lld", (long long)case_id);
	snprintf(detail, sizeof(detail), "counselling offer: %d session%s",
	    sessions, sessions == 1 ? "" : "s");
	if (care_offer_add(gate_db(g), case_id, therapist, sessions,
	    gate_actor(g)->name, util_now(), id) != 0 || gate_audit(g,
	    "care.offer", target, detail) != 0 || gate_commit(g) != 0) {
		err_set(err, "cannot save: %s", db_error(gate_db(g)));
		gate_rollback(g);
		return -1;
	}
	return 0;
}

/* The member accepted or declined an offer, or it ended.  Returns 0 or -1
** with err. */
int
care_offer_mark(struct gate *g, int64_t offer, const char *status,
    char *err)
{
	struct care_offer o;
	char target[32], detail[64];

	if (status == NULL || (strcmp(status, "accepted") != 0 && strcmp(status,
	    "declined") != 0 && strcmp(status, "ended") != 0)) {
		err_set(err, "an offer is accepted, declined or ended");
		return -1;
	}
	if (care_offer_get(gate_db(g), offer, &o) != DB_ROW) {
		err_set(err, "there is no offer %lld", (long long)offer);
		return -1;
	}
	if (open_case(g, o.case_id, err) != 0)
		return -1;
	if (strcmp(o.status, "offered") != 0 && !(strcmp(o.status, "accepted")
	    == 0 && strcmp(status, "ended") == 0)) {
		err_set(err, "offer %lld is %s", (long long)offer, o.status);
		return -1;
	}
	if (gate_begin(g) != 0) {
		err_set(err, "the database is busy");
		return -1;
	}
	snprintf(target, sizeof(target), "care case %lld", (long long)o.case_id);
	snprintf(detail, sizeof(detail), "offer %lld %s", (long long)offer,
	    status);
	if (care_offer_status(gate_db(g), offer, status) != 0 ||
	    gate_audit(g, "care.offer.status", target, detail) != 0 ||
	    gate_commit(g) != 0) {
		err_set(err, "cannot save: %s", db_error(gate_db(g)));
		gate_rollback(g);
		return -1;
	}
	return 0;
}

/* A session of an accepted offer was held on held_on and cost `cost`:
** refused past the offer's sessions or past the budget.  Returns 0 or -1
** with err. */
int
care_session(struct gate *g, int64_t offer, int64_t held_on, int64_t cost,
    char *err)
{
	struct care_offer o;
	struct care_budget b;
	char target[32], detail[96], left[32];

	if (cost < 0 || held_on <= 0 || held_on > util_now() + 86400) {
		err_set(err, "a session was held on a day that has come, and "
		    "costs nothing or more");
		return -1;
	}
	if (gate_begin(g) != 0) {
		err_set(err, "the database is busy");
		return -1;
	}
	if (care_offer_get(gate_db(g), offer, &o) != DB_ROW) {
		err_set(err, "there is no offer %lld", (long long)offer);
		goto fail;
	}
	if (open_case(g, o.case_id, err) != 0)
		goto fail;
	if (strcmp(o.status, "accepted") != 0) {
		err_set(err, "offer %lld is %s; sessions follow an accepted one",
		    (long long)offer, o.status);
		goto fail;
	}
	if (o.used >= o.sessions) {
		err_set(err, "all %d sessions of offer %lld are used",
		    o.sessions, (long long)offer);
		goto fail;
	}
	if (care_budget_get(gate_db(g), &b) != 0)
		goto db_fail;
	if (b.spent + cost > b.budget) {
		care_format_money(b.budget > b.spent ? b.budget - b.spent : 0,
		    b.currency, left, sizeof(left));
		err_set(err, "that would go past the counselling budget (%s "
		    "left); an admin sets it with `care budget`", left);
		goto fail;
	}
	snprintf(target, sizeof(target), "care case %lld", (long long)o.case_id);
	care_format_money(cost, b.currency, left, sizeof(left));
	snprintf(detail, sizeof(detail), "offer %lld: a session covered, %s",
	    (long long)offer, left);
	if (care_session_add(gate_db(g), offer, held_on, cost,
	    gate_actor(g)->name, util_now()) != 0 || gate_audit(g,
	    "care.session", target, detail) != 0 || gate_commit(g) != 0)
		goto db_fail;
	return 0;
db_fail:
	err_set(err, "cannot save: %s", db_error(gate_db(g)));
fail:
	gate_rollback(g);
	return -1;
}

static const char *const kinds[] = {
	"employer", "school", "platform appeal", "housing", "other"
};
static const char *const outcomes[] = {
	"open", "helped", "did not help", "member stopped"
};

static int
one_of(const char *s, const char *const *list, size_t n)
{
	size_t i;

	for (i = 0; s && i < n; i++)
		if (strcmp(s, list[i]) == 0)
			return 1;
	return 0;
}

/* Practical help of kind for a case, what was done in a sealed note.
** Returns 0 and sets *id, or -1 with err. */
int
care_help(struct gate *g, int64_t case_id, const char *kind,
    const char *note, int64_t *id, char *err)
{
	char target[32], detail[48];
	uint8_t *sealed = NULL;
	size_t n = note ? strlen(note) : 0, sn;

	if (!one_of(kind, kinds, sizeof(kinds) / sizeof(kinds[0]))) {
		err_set(err, "practical help is with an employer, a school, a "
		    "platform appeal, housing or other");
		return -1;
	}
	if (n == 0 || n > HELP_NOTE_MAX || !util_valid_text(note, n)) {
		err_set(err, "say in 1 to %d characters what is being done",
		    HELP_NOTE_MAX);
		return -1;
	}
	if (open_case(g, case_id, err) != 0)
		return -1;
	if (gate_begin(g) != 0) {
		err_set(err, "the database is busy");
		return -1;
	}
	snprintf(target, sizeof(target), "care case %lld", (long long)case_id);
	snprintf(detail, sizeof(detail), "practical help: %s", kind);
	if (care_help_add(gate_db(g), case_id, kind, gate_actor(g)->name,
	    util_now(), id) != 0 || (sealed = gate_seal(g, SEALED_CARE_HELP,
	    *id, note, &sn)) == NULL || care_help_seal(gate_db(g), *id, sealed,
	    sn) != 0 || gate_audit(g, "care.help", target, detail) != 0 ||
	    gate_commit(g) != 0) {
		err_set(err, "cannot save: %s", db_error(gate_db(g)));
		free(sealed);
		gate_rollback(g);
		return -1;
	}
	free(sealed);
	return 0;
}

static int
help_case(void *ctx, const struct care_help *h)
{
	*(int64_t *)ctx = h->case_id;
	return 0;
}

/* The outcome of practical help.  Returns 0 or -1 with err. */
int
care_help_mark(struct gate *g, int64_t id, const char *outcome, char *err)
{
	char target[32], detail[48];
	int64_t case_id = 0;

	if (!one_of(outcome, outcomes, sizeof(outcomes) / sizeof(outcomes[0]))) {
		err_set(err, "an outcome is open, helped, did not help or member "
		    "stopped");
		return -1;
	}
	if (care_helps_each(gate_db(g), 0, id, help_case, &case_id) != 0 ||
	    case_id == 0) {
		err_set(err, "there is no practical help %lld", (long long)id);
		return -1;
	}
	if (open_case(g, case_id, err) != 0)
		return -1;
	if (gate_begin(g) != 0) {
		err_set(err, "the database is busy");
		return -1;
	}
	snprintf(target, sizeof(target), "care case %lld", (long long)case_id);
	snprintf(detail, sizeof(detail), "help %lld: %s", (long long)id,
	    outcome);
	if (care_help_outcome(gate_db(g), id, outcome, util_now()) != 0 ||
	    gate_audit(g, "care.help.outcome", target, detail) != 0 ||
	    gate_commit(g) != 0) {
		err_set(err, "cannot save: %s", db_error(gate_db(g)));
		gate_rollback(g);
		return -1;
	}
	return 0;
}

/* The command line. */

/* sanctum care therapist NAME [--region R] [--languages L] [--contact C]
**     [--source URL] */
int
care_therapist_cmd(struct cli *c, int argc, char **argv)
{
	struct care_therapist t = { 0, NULL, "", "", "", "" };
	char target[32];
	int64_t id;
	int i, rc;

	if (argc < 2 || *argv[1] == '\0' || strlen(argv[1]) > 120)
		return cli_usage(c, "care");
	t.name = argv[1];
	for (i = 2; i + 1 < argc; i += 2) {
		const char *v = argv[i + 1];
		if (strlen(v) > 300 || !util_valid_text(v, strlen(v)))
			return cli_usage(c, "care");
		if (strcmp(argv[i], "--region") == 0)
			t.region = v;
		else if (strcmp(argv[i], "--languages") == 0)
			t.languages = v;
		else if (strcmp(argv[i], "--contact") == 0)
			t.contact = v;
		else if (strcmp(argv[i], "--source") == 0)
			t.source = v;
		else
			return cli_usage(c, "care");
	}
	if (i != argc || !util_valid_text(t.name, strlen(t.name)))
		return cli_usage(c, "care");
	if ((rc = cli_open(c)) != EXIT_OK)
		return rc;
	if (care_therapist_add(c->db, &t, cli_actor(), util_now(), &id) != 0)
		return cli_fail("care: cannot save: %s", db_error(c->db));
	snprintf(target, sizeof(target), "therapist %lld", (long long)id);
	if (gate_audit(c->gate, "care.therapist", target, "") != 0)
		return cli_fail("care: cannot save");
	cli_say(c, "therapist %lld is in the directory\n", (long long)id);
	return EXIT_OK;
}

static int
therapist_json(void *ctx, const struct care_therapist *t)
{
	json_array_append_new(ctx, json_pack("{sIssssssssss}", "id",
	    (json_int_t)t->id, "name", t->name, "region", t->region,
	    "languages", t->languages, "contact", t->contact, "source",
	    t->source));
	return 0;
}

/* sanctum care therapists [--json] */
int
care_therapists_cmd(struct cli *c, int argc, char **argv)
{
	json_t *arr, *o, *t;
	size_t i;
	int rc, json = argc == 2 && strcmp(argv[1], "--json") == 0;

	if (argc != 1 && !json)
		return cli_usage(c, "care");
	if ((rc = cli_open(c)) != EXIT_OK)
		return rc;
	arr = json_array();
	if (care_therapists_each(c->db, therapist_json, arr) != 0) {
		json_decref(arr);
		return cli_fail("care: cannot read the directory");
	}
	if (json) {
		o = json_pack("{so}", "therapists", arr);
		cli_print_json(o);
		json_decref(o);
		return EXIT_OK;
	}
	json_array_foreach(arr, i, t)
		printf("%-5lld %-30s %-16s %s\n", (long long)json_integer_value(
		    json_object_get(t, "id")), json_string_value(json_object_get(
		    t, "name")), json_string_value(json_object_get(t, "region")),
		    json_string_value(json_object_get(t, "languages")));
	json_decref(arr);
	return EXIT_OK;
}

/* sanctum care budget [AMOUNT CURRENCY] */
int
care_budget_cmd(struct cli *c, int argc, char **argv)
{
	struct care_budget b;
	char err[ERR_MAX], have[32], spent[32];
	int64_t amount;
	int rc;

	if (argc != 1 && argc != 3)
		return cli_usage(c, "care");
	if (argc == 3 && care_parse_money(argv[1], &amount) != 0)
		return cli_fail("care: %s is not an amount such as 1500 or "
		    "1500.00", argv[1]);
	if ((rc = cli_open(c)) != EXIT_OK)
		return rc;
	if (argc == 3 && care_budget_set(c->gate, amount, argv[2], err) != 0)
		return cli_fail("care: %s", err);
	if (care_budget_get(c->db, &b) != 0)
		return cli_fail("care: cannot read the budget");
	care_format_money(b.budget, b.currency, have, sizeof(have));
	care_format_money(b.spent, b.currency, spent, sizeof(spent));
	cli_say(c, "counselling budget %s, %s spent\n", have, spent);
	return EXIT_OK;
}

/* sanctum care offer N [--therapist ID] [--sessions K]
**   | care offer OFFER accepted|declined|ended */
int
care_offer_cmd(struct cli *c, int argc, char **argv)
{
	char err[ERR_MAX];
	long long id, therapist = 0, sessions = 6;
	int64_t made;
	int i, rc;

	if (argc < 2 || util_parse_int(argv[1], 1, INT64_MAX, &id) != 0)
		return cli_usage(c, "care");
	if (argc == 3 && argv[2][0] != '-') {
		if ((rc = cli_open(c)) != EXIT_OK)
			return rc;
		if (care_offer_mark(c->gate, id, argv[2], err) != 0)
			return cli_fail("care: %s", err);
		cli_say(c, "offer %lld is %s\n", id, argv[2]);
		return EXIT_OK;
	}
	for (i = 2; i + 1 < argc; i += 2) {
		if (strcmp(argv[i], "--therapist") == 0) {
			if (util_parse_int(argv[i + 1], 1, INT64_MAX, &therapist) !=
			    0)
				return cli_usage(c, "care");
		} else if (strcmp(argv[i], "--sessions") == 0) {
			if (util_parse_int(argv[i + 1], 1, 52, &sessions) != 0)
				return cli_fail("care: --sessions is 1 to 52");
		} else
			return cli_usage(c, "care");
	}
	if (i != argc)
		return cli_usage(c, "care");
	if ((rc = cli_open(c)) != EXIT_OK)
		return rc;
	if (care_offer(c->gate, id, therapist, (int)sessions, &made, err) != 0)
		return cli_fail("care: %s", err);
	cli_say(c, "offer %lld: %lld covered session%s\n", (long long)made,
	    sessions, sessions == 1 ? "" : "s");
	return EXIT_OK;
}

/* sanctum care session OFFER --date YYYY-MM-DD --cost AMOUNT */
int
care_session_cmd(struct cli *c, int argc, char **argv)
{
	char err[ERR_MAX];
	long long offer;
	int64_t on = 0, cost = -1;
	int i, rc;

	if (argc != 6 || util_parse_int(argv[1], 1, INT64_MAX, &offer) != 0)
		return cli_usage(c, "care");
	for (i = 2; i + 1 < argc; i += 2) {
		if (strcmp(argv[i], "--date") == 0)
			on = training_parse_date(argv[i + 1]);
		else if (strcmp(argv[i], "--cost") == 0) {
			if (care_parse_money(argv[i + 1], &cost) != 0)
				return cli_fail("care: --cost is an amount such as "
				    "80 or 80.00");
		} else
			return cli_usage(c, "care");
	}
	if (on <= 0 || cost < 0)
		return cli_usage(c, "care");
	if ((rc = cli_open(c)) != EXIT_OK)
		return rc;
	if (care_session(c->gate, offer, on, cost, err) != 0)
		return cli_fail("care: %s", err);
	cli_say(c, "a session of offer %lld is recorded\n", offer);
	return EXIT_OK;
}

/* sanctum care help N --kind KIND --note TEXT | care help ID OUTCOME */
int
care_help_cmd(struct cli *c, int argc, char **argv)
{
	const char *kind = NULL, *note = NULL;
	char err[ERR_MAX];
	long long id;
	int64_t made;
	int i, rc;

	if (argc < 3 || util_parse_int(argv[1], 1, INT64_MAX, &id) != 0)
		return cli_usage(c, "care");
	if (argc == 3) {
		if ((rc = cli_open(c)) != EXIT_OK)
			return rc;
		if (care_help_mark(c->gate, id, argv[2], err) != 0)
			return cli_fail("care: %s", err);
		cli_say(c, "practical help %lld: %s\n", id, argv[2]);
		return EXIT_OK;
	}
	for (i = 2; i + 1 < argc; i += 2) {
		if (strcmp(argv[i], "--kind") == 0)
			kind = argv[i + 1];
		else if (strcmp(argv[i], "--note") == 0)
			note = argv[i + 1];
		else
			return cli_usage(c, "care");
	}
	if (i != argc || kind == NULL || note == NULL)
		return cli_usage(c, "care");
	if ((rc = cli_open(c)) != EXIT_OK)
		return rc;
	if (care_help(c->gate, id, kind, note, &made, err) != 0)
		return cli_fail("care: %s", err);
	cli_say(c, "practical help %lld (%s) is recorded; its note is sealed\n",
	    (long long)made, kind);
	return EXIT_OK;
}
