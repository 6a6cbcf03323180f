/*
** violations.c: the consequence ladder, and `sanctum violation ...`.  See
** violations.h.
*/
#include "violations.h"

#include <getopt.h>
#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../cli.h"
#include "../core/gate.h"
#include "../store/accounts.h"
#include "../store/community.h"
#include "../store/db.h"
#include "../store/prevention.h"
#include "../store/response.h"
#include "../util/util.h"
#include "pseudonym.h"

#define LADDER_KEY "violations.ladder"
#define APPEAL_KEY "violations.appeal"
#define DEFAULT_LADDER "warning,suspension:7,removal"

/* Parse a ladder ("warning,suspension:7,removal") into s.  Returns the
** number of steps, or -1 when it is not one. */
static int
parse_ladder(const char *spec, struct ladder_step *s, int max)
{
	char buf[256], *p, *save = NULL, *colon;
	long long days;
	int n = 0;

	if (strlen(spec) >= sizeof(buf))
		return -1;
	snprintf(buf, sizeof(buf), "%s", spec);
	for (p = strtok_r(buf, ",", &save); p; p = strtok_r(NULL, ",", &save)) {
		if (n == max)
			return -1;
		colon = strchr(p, ':');
		days = 0;
		if (colon) {
			*colon = '\0';
			if (util_parse_int(colon + 1, 1, 365, &days) != 0)
				return -1;
		}
		if (strcmp(p, "suspension") == 0 ? days == 0 :
		    (colon != NULL || (strcmp(p, "warning") != 0 &&
		    strcmp(p, "removal") != 0)))
			return -1;
		snprintf(s[n].step, sizeof(s[n].step), "%s", p);
		s[n++].days = (int)days;
	}
	return n > 0 ? n : -1;
}

/* The community's ladder into s.  Returns the number of steps. */
int
violations_ladder(struct db *db, struct ladder_step *s, int max)
{
	char v[256];
	size_t n = 0;
	int k;

	if (db_meta_get(db, LADDER_KEY, v, sizeof(v) - 1, &n) == DB_ROW) {
		v[n] = '\0';
		if ((k = parse_ladder(v, s, max)) > 0)
			return k;
	}
	return parse_ladder(DEFAULT_LADDER, s, max);
}

/* Set the ladder, audited.  Returns 0 or -1 with err. */
int
violations_set_ladder(struct gate *g, const char *spec, char *err)
{
	struct ladder_step s[VIOLATIONS_LADDER_MAX];

	if (parse_ladder(spec, s, VIOLATIONS_LADDER_MAX) < 0) {
		err_set(err, "a ladder is up to %d steps, each warning, "
		    "suspension:DAYS (1 to 365) or removal, with commas between",
		    VIOLATIONS_LADDER_MAX);
		return -1;
	}
	if (gate_begin(g) != 0 || db_meta_set(gate_db(g), LADDER_KEY, spec,
	    strlen(spec)) != 0 || gate_audit(g, "violation.ladder", spec, "")
	    != 0 || gate_commit(g) != 0) {
		gate_rollback(g);
		err_set(err, "cannot save: %s", db_error(gate_db(g)));
		return -1;
	}
	return 0;
}

/* How a member may appeal, in the community's words or ours. */
void
violations_appeal_text(struct db *db, char *out, size_t cap)
{
	size_t n = 0;

	if (cap > 0 && db_meta_get(db, APPEAL_KEY, out, cap - 1, &n) ==
	    DB_ROW && n > 0) {
		out[n] = '\0';
		return;
	}
	snprintf(out, cap, "If you think this is not right, you can appeal: "
	    "write to the moderators within 14 days, in the way the community "
	    "told you when you joined. A moderator who was not part of this "
	    "decision will look at it again, and you will hear back.");
}

/* Record a violation of member_id and apply a step: the one named (step,
** with days for a suspension) or, with step NULL, the next on the ladder.
** In one part of the caller's transaction; sets *id and *applied.
** Returns 0, or -1 with err. */
int
violations_record(struct gate *g, int64_t member_id, int64_t incident,
    const char *step, int days, const char *message, const char *note,
    int64_t *id, struct ladder_step *applied, char *err)
{
	struct db *db = gate_db(g);
	struct ladder_step ladder[VIOLATIONS_LADDER_MAX];
	char who[72], detail[48];
	uint8_t *sn = NULL;
	size_t snn = 0;
	int64_t had = 0, now = util_now(), ends = 0, user = 0;
	int n;

	if (message == NULL || message[0] == '\0' || strlen(message) >
	    VIOLATIONS_MESSAGE_MAX || !util_valid_text(message,
	    strlen(message)) || (note && (strlen(note) > 8000 ||
	    !util_valid_text(note, strlen(note))))) {
		err_set(err, "a message to the member (1 to %d bytes of text) "
		    "is needed; a note is up to 8000 bytes",
		    VIOLATIONS_MESSAGE_MAX);
		return -1;
	}
	if (community_member_name(db, member_id, who, sizeof(who)) != 1) {
		err_set(err, "no such member");
		return -1;
	}
	if (step) {
		if (strcmp(step, "suspension") == 0 && (days < 1 ||
		    days > 365)) {
			err_set(err, "a suspension lasts 1 to 365 days");
			return -1;
		}
		if (strcmp(step, "warning") != 0 && strcmp(step, "suspension")
		    != 0 && strcmp(step, "removal") != 0) {
			err_set(err, "a step is warning, suspension or removal");
			return -1;
		}
		snprintf(applied->step, sizeof(applied->step), "%s", step);
		applied->days = strcmp(step, "suspension") == 0 ? days : 0;
	}
	if (gate_begin(g) != 0) {
		err_set(err, "the database is busy");
		return -1;
	}
	if (incident) {
		struct incident_row ir;

		if (response_incident_get(db, incident, &ir) != 1) {
			gate_rollback(g);
			err_set(err, "no incident %lld", (long long)incident);
			return -1;
		}
	}
	if (!step) {
		n = violations_ladder(db, ladder, VIOLATIONS_LADDER_MAX);
		if (prevention_violation_count(db, member_id, &had) != 0)
			goto fail;
		*applied = ladder[had < n ? had : n - 1];
	}
	if (strcmp(applied->step, "suspension") == 0)
		ends = now + 86400 * (int64_t)applied->days;
	if (prevention_violation_add(db, member_id, incident, applied->step,
	    applied->days, message, gate_actor(g)->name, now, ends, id) != 0)
		goto fail;
	if (note && note[0]) {
		if ((sn = gate_seal(g, SEALED_VIOLATION_NOTE, *id, note, &snn))
		    == NULL || prevention_violation_seal(db, *id, sn, snn) != 0)
			goto fail;
	}
	/* a suspension or a removal takes effect at once */
	if (strcmp(applied->step, "warning") != 0) {
		if (prevention_member_restrict(db, member_id, ends, now) != 0)
			goto fail;
		if (community_member_user(db, member_id, &user) < 0 ||
		    (user && accounts_sessions_end_user(db, user) != 0))
			goto fail;
	}
	if (applied->days)
		snprintf(detail, sizeof(detail), "%s for %d days",
		    applied->step, applied->days);
	else
		snprintf(detail, sizeof(detail), "%s", applied->step);
	if (prevention_notice_violation(db, member_id, *id, now) != 0 ||
	    gate_audit(g, "violation.record", who, detail) != 0 ||
	    gate_commit(g) != 0)
		goto fail;
	free(sn);
	return 0;
fail:
	gate_rollback(g);
	free(sn);
	err_set(err, "cannot save: %s", db_error(db));
	return -1;
}

/* sanctum violation record PSEUDONYM --message TEXT [--note TEXT]
**     [--step warning|suspension|removal] [--days N] [--incident N] */
int
violations_record_cmd(struct cli *c, int argc, char **argv)
{
	static const struct option opts[] = {
		{ "message", required_argument, NULL, 'm' },
		{ "note", required_argument, NULL, 'n' },
		{ "step", required_argument, NULL, 's' },
		{ "days", required_argument, NULL, 'd' },
		{ "incident", required_argument, NULL, 'i' },
		{ NULL, 0, NULL, 0 }
	};
	const char *message = NULL, *note = NULL, *step = NULL;
	struct ladder_step applied;
	char err[ERR_MAX] = "";
	long long v;
	int64_t mid, id, incident = 0;
	int ch, rc, days = 0;

	optind = 0;
	while ((ch = getopt_long(argc, argv, "", opts, NULL)) != -1) {
		switch (ch) {
		case 'm': message = optarg; break;
		case 'n': note = optarg; break;
		case 's': step = optarg; break;
		case 'd':
		case 'i':
			if (util_parse_int(optarg, 1, INT64_MAX / 2, &v) != 0)
				return cli_usage(c, "violation");
			if (ch == 'd')
				days = v > 100000 ? 100000 : (int)v;
			else
				incident = v;
			break;
		default:
			return cli_usage(c, "violation");
		}
	}
	if (argc - optind != 1 || message == NULL)
		return cli_usage(c, "violation");
	if ((rc = cli_open(c)) != EXIT_OK)
		return rc;
	rc = pseudonym_member(c->db, argv[optind], &mid);
	if (rc != 1)
		return rc < 0 ? cli_fail("violation: cannot read the members") :
		    cli_fail("violation: no member %s", argv[optind]);
	if (violations_record(c->gate, mid, incident, step, days, message,
	    note, &id, &applied, err) != 0)
		return cli_fail("violation: %s", err);
	if (applied.days)
		cli_say(c, "violation %lld recorded: %s suspended for %d days; "
		    "their sessions have ended, and they are told why and how "
		    "to appeal\n", (long long)id, argv[optind], applied.days);
	else
		cli_say(c, "violation %lld recorded: %s for %s; they are told "
		    "why and how to appeal\n", (long long)id, applied.step,
		    argv[optind]);
	return EXIT_OK;
}

static int
print_violation(void *ctx, const struct violation_row *v)
{
	char when[32];

	if (ctx) {
		json_array_append_new(ctx, json_pack("{s:I, s:s, s:s, s:i, s:I, "
		    "s:s, s:I}", "id", (json_int_t)v->id, "member", v->pseudonym,
		    "step", v->step, "days", v->days, "at", (json_int_t)v->at,
		    "recorded_by", v->recorded_by, "incident",
		    (json_int_t)v->incident_id));
		return 0;
	}
	util_format_time(v->at, when, sizeof(when));
	printf("%5lld  %s  %-24s %s", (long long)v->id, when, v->pseudonym,
	    v->step);
	if (v->days)
		printf(" for %d days", v->days);
	if (v->incident_id)
		printf(" (incident %lld)", (long long)v->incident_id);
	printf("  by %s\n", v->recorded_by);
	return 0;
}

/* sanctum violation list [PSEUDONYM] [--json] */
int
violations_list_cmd(struct cli *c, int argc, char **argv)
{
	const char *who = NULL;
	json_t *arr = NULL;
	int64_t mid = 0;
	int i, json = 0, rc;

	for (i = 1; i < argc; i++) {
		if (strcmp(argv[i], "--json") == 0)
			json = 1;
		else if (who == NULL && argv[i][0] != '-')
			who = argv[i];
		else
			return cli_usage(c, "violation");
	}
	if ((rc = cli_open(c)) != EXIT_OK)
		return rc;
	if (who && (rc = pseudonym_member(c->db, who, &mid)) != 1)
		return rc < 0 ? cli_fail("violation: cannot read the members") :
		    cli_fail("violation: no member %s", who);
	if (json)
		arr = json_array();
	rc = prevention_violation_each(c->db, mid, print_violation, arr);
	if (rc == 0 && json)
		cli_print_json(arr);
	json_decref(arr);
	return rc == 0 ? EXIT_OK : cli_fail("violation: cannot read them");
}

/* sanctum violation ladder [SPEC] */
int
violations_ladder_cmd(struct cli *c, int argc, char **argv)
{
	struct ladder_step s[VIOLATIONS_LADDER_MAX];
	char err[ERR_MAX];
	int rc, n, i;

	if (argc > 2)
		return cli_usage(c, "violation");
	if ((rc = cli_open(c)) != EXIT_OK)
		return rc;
	if (argc == 2) {
		if (violations_set_ladder(c->gate, argv[1], err) != 0)
			return cli_fail("violation: %s", err);
		cli_say(c, "the ladder is %s now\n", argv[1]);
		return EXIT_OK;
	}
	n = violations_ladder(c->db, s, VIOLATIONS_LADDER_MAX);
	for (i = 0; i < n; i++)
		if (s[i].days)
			printf("%d. %s for %d days\n", i + 1, s[i].step,
			    s[i].days);
		else
			printf("%d. %s\n", i + 1, s[i].step);
	return EXIT_OK;
}

/* sanctum violation appeal [TEXT]: how members may appeal, shown with
** every decision about them */
int
violations_appeal_cmd(struct cli *c, int argc, char **argv)
{
	char text[1024];
	int rc;

	if (argc > 2)
		return cli_usage(c, "violation");
	if ((rc = cli_open(c)) != EXIT_OK)
		return rc;
	if (argc == 1) {
		violations_appeal_text(c->db, text, sizeof(text));
		printf("%s\n", text);
		return EXIT_OK;
	}
	if (strlen(argv[1]) < 10 || strlen(argv[1]) >= sizeof(text) ||
	    !util_valid_text(argv[1], strlen(argv[1])))
		return cli_fail("violation: how to appeal is 10 to %zu bytes of "
		    "text", sizeof(text) - 1);
	if (db_meta_set(c->db, APPEAL_KEY, argv[1], strlen(argv[1])) != 0 ||
	    gate_audit(c->gate, "violation.appeal", "", "") != 0)
		return cli_fail("violation: cannot save: %s", db_error(c->db));
	cli_say(c, "members will read this with every decision about them\n");
	return EXIT_OK;
}
