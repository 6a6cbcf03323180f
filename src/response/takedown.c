/*
** takedown.c: consent, removal requests, their status and the re-check,
** and `sanctum incident consent|takedown|takedown-status|recheck`.  See
** takedown.h.
*/
#include "takedown.h"

#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../cli.h"
#include "../core/gate.h"
#include "../detect/extract.h"
#include "../detect/live.h"
#include "../detect/scan.h"
#include "../prevention/pseudonym.h"
#include "../store/community.h"
#include "../store/db.h"
#include "../store/response.h"
#include "../util/buf.h"
#include "../util/util.h"
#include "incident.h"

/* Record what member allows in incident (-1 leaves an answer as it is).
** by_member: the member answers for themselves (their account must be
** the actor's); otherwise a moderator records an answer given another
** way.  Returns 0 or -1 with err. */
int
takedown_consent(struct gate *g, int64_t incident, int64_t member,
    int mention, int copyright, int see, int by_member, char *err)
{
	char target[32], detail[96];
	int64_t user = 0;
	int rc;

	if (by_member && (community_member_user(gate_db(g), member, &user) != 1
	    || user != gate_actor(g)->user_id || user <= 0)) {
		err_set(err, "only the member answers for themselves");
		return -1;
	}
	if (gate_begin(g) != 0) {
		err_set(err, "the database is busy");
		return -1;
	}
	if (incident_ready(g, incident, 2, NULL, err) != 0)
		goto fail;
	rc = response_consent_set(gate_db(g), incident, member, mention,
	    copyright, see, util_now());
	if (rc == 0) {
		err_set(err, "that member is not affected by incident %lld",
		    (long long)incident);
		goto fail;
	}
	snprintf(target, sizeof(target), "incident %lld", (long long)incident);
	snprintf(detail, sizeof(detail), "member %lld%s: mention %s, copyright "
	    "%s, see %s", (long long)member, by_member ? " (themselves)" : "",
	    mention < 0 ? "-" : mention ? "yes" : "no", copyright < 0 ? "-" :
	    copyright ? "yes" : "no", see < 0 ? "-" : see ? "yes" : "no");
	if (rc < 0 || gate_audit(g, "takedown.consent", target, detail) != 0 ||
	    gate_commit(g) != 0) {
		err_set(err, "cannot save: %s", db_error(gate_db(g)));
		goto fail;
	}
	return 0;
fail:
	gate_rollback(g);
	return -1;
}

/* The words of a request, made from the place's address (handed over by
** the gateway to compose them, never shown). */
struct compose_ctx {
	struct buf *b;
	const char *kind, *names, *community;
};

static void
compose_request(void *arg, const char *url, size_t len)
{
	struct compose_ctx *c = arg;

	buf_printf(c->b, "To whom it may concern,\n\nI write for the "
	    "moderators of %s, a closed peer-support community whose members "
	    "share their health and lives in confidence. The page at\n\n  ",
	    c->community);
	buf_append(c->b, url, len);
	buf_printf(c->b, "\n\nholds words copied from the community without "
	    "the consent of the person who wrote them.\n\n");
	if (strcmp(c->kind, "copyright") == 0)
		buf_printf(c->b, "The words were written by a member of our "
		    "community, known to us as %s, who holds their copyright and "
		    "did not allow them to be copied. This is a notice of that "
		    "infringement; we ask that the copy be removed.\n\n",
		    c->names);
	else if (strcmp(c->kind, "terms") == 0)
		buf_printf(c->b, "Posting another person's private health "
		    "disclosures without their consent goes against your terms "
		    "of service on private information and harassment. We ask "
		    "that the copy be removed.\n\n");
	else
		buf_printf(c->b, "It discloses private information about a "
		    "person's mental health, shared in a confidential space. We "
		    "ask that it be removed under your privacy policy.\n\n");
	if (c->names && strcmp(c->kind, "copyright") != 0)
		buf_printf(c->b, "The person it concerns, known in our community "
		    "as %s, has asked us to act for them.\n\n", c->names);
	buf_printf(c->b, "Please do not share this request with the person "
	    "who posted the copy. Thank you for your help.\n\nThe moderators of "
	    "%s\n", c->community);
}

/* Make a removal request for place leak: kind privacy, terms or copyright,
** naming a member only if they allowed it (a copyright notice always names
** its author, who must have allowed that).  Returns 0 and sets *id, or -1
** with err. */
int
takedown_create(struct gate *g, int64_t leak, const char *kind,
    const char *names, const char *send_to, int64_t *id, char *err)
{
	struct db *db = gate_db(g);
	struct compose_ctx cc;
	struct buf b;
	char name[4 * PSEUDONYM_MAX + 1], community[128] = "our community",
	    target[32], detail[128];
	int64_t incident = 0, member = 0;
	int mention = -1, copyright = -1, see = -1;
	void *loc = NULL;
	size_t ln = 0, n = 0;
	uint8_t *sealed = NULL;
	size_t sn;

	if (kind == NULL || (strcmp(kind, "privacy") != 0 && strcmp(kind,
	    "terms") != 0 && strcmp(kind, "copyright") != 0)) {
		err_set(err, "a request is privacy, terms or copyright");
		return -1;
	}
	if (send_to == NULL)
		send_to = "";
	if (strlen(send_to) > 250 || (send_to[0] && !util_valid_label(send_to,
	    250))) {
		err_set(err, "where it goes is text of up to 250 bytes");
		return -1;
	}
	if (names && names[0] && (pseudonym_member(db, names, &member) != 1 ||
	    pseudonym_normalize(names, name, sizeof(name)) != 0)) {
		err_set(err, "no member is known by that pseudonym");
		return -1;
	}
	if (strcmp(kind, "copyright") == 0 && member == 0) {
		err_set(err, "a copyright notice names its author: say who");
		return -1;
	}
	if (gate_begin(g) != 0) {
		err_set(err, "the database is busy");
		return -1;
	}
	if (response_leak_get(db, leak, &incident, &loc, &ln) != DB_ROW ||
	    loc == NULL) {
		err_set(err, "there is no place %lld with an address",
		    (long long)leak);
		goto fail;
	}
	if (incident_ready(g, incident, 4, NULL, err) != 0)
		goto fail;
	if (member) {
		if (response_consent_get(db, incident, member, &mention,
		    &copyright, &see) != DB_ROW) {
			err_set(err, "%s is not affected by incident %lld", name,
			    (long long)incident);
			goto fail;
		}
		/* without their yes, a request names nobody */
		if (mention != 1) {
			err_set(err, "%s has not allowed a request that names "
			    "them; ask them first, or make one that names no one",
			    name);
			goto fail;
		}
		if (strcmp(kind, "copyright") == 0 && copyright != 1) {
			err_set(err, "%s has not allowed a copyright notice (it "
			    "usually shows the poster who wrote the words)", name);
			goto fail;
		}
	}
	if (db_meta_get(db, "community_name", community, sizeof(community) - 1,
	    &n) == DB_ROW)
		community[n] = '\0';
	if (response_takedown_add(db, leak, kind, member, send_to,
	    gate_actor(g)->name, util_now(), id) != 0) {
		err_set(err, "cannot save: %s", db_error(db));
		goto fail;
	}
	buf_init(&b, 16384);
	cc.b = &b;
	cc.kind = kind;
	cc.names = member ? name : NULL;
	cc.community = community;
	if (gate_machine_read(g, SEALED_LEAK_LOCATION, leak, loc, ln,
	    compose_request, &cc) != 0 || b.failed || (sealed = gate_seal(g,
	    SEALED_TAKEDOWN_REQUEST, *id, b.data, &sn)) == NULL ||
	    response_takedown_seal(db, *id, sealed, sn) != 0) {
		buf_free(&b);
		err_set(err, "cannot make the request's words");
		goto fail;
	}
	buf_free(&b);
	snprintf(target, sizeof(target), "incident %lld", (long long)incident);
	snprintf(detail, sizeof(detail), "request %lld (%s) for place %lld, "
	    "naming %s", (long long)*id, kind, (long long)leak, member ?
	    "the member who allowed it" : "no one");
	if (response_incident_step(db, incident, 4) != 0 ||
	    gate_audit(g, "takedown.create", target, detail) != 0 ||
	    gate_commit(g) != 0) {
		err_set(err, "cannot save: %s", db_error(db));
		goto fail;
	}
	free(sealed);
	free(loc);
	return 0;
fail:
	free(sealed);
	free(loc);
	gate_rollback(g);
	return -1;
}

struct one_td {
	struct takedown_row t;
	int found;
};

static int
take_one(void *ctx, const struct takedown_row *t)
{
	struct one_td *o = ctx;

	o->t = *t;
	o->t.request = NULL;
	o->found = 1;
	return 1;
}

/* May a request go from one status to another? */
static int
allowed(const char *from, const char *to)
{
	static const char *const moves[][2] = {
		{ "to request", "requested" }, { "to request", "refused" },
		{ "requested", "removed" }, { "requested", "refused" },
		{ "removed", "reappeared" }, { "reappeared", "requested" },
		{ "reappeared", "removed" }, { "reappeared", "refused" },
		{ "refused", "requested" },
	};
	size_t i;

	for (i = 0; i < sizeof(moves) / sizeof(moves[0]); i++)
		if (strcmp(moves[i][0], from) == 0 && strcmp(moves[i][1], to) ==
		    0)
			return 1;
	return 0;
}

static int
set_status(struct gate *g, const struct takedown_row *t, const char *to,
    const char *why)
{
	char target[32], detail[96];
	int64_t check = 0, now = util_now();

	if (strcmp(to, "requested") == 0)
		check = now + (int64_t)TAKEDOWN_RECHECK_DAYS * 86400;
	else if (strcmp(to, "reappeared") == 0)
		check = now;
	snprintf(target, sizeof(target), "incident %lld",
	    (long long)t->incident_id);
	snprintf(detail, sizeof(detail), "request %lld: %s, then %s%s",
	    (long long)t->id, t->status, to, why);
	return response_takedown_status(gate_db(g), t->id, to, check, now) !=
	    0 || gate_audit(g, "takedown.status", target, detail) != 0 ? -1 :
	    0;
}

/* Move a request on: requested (sent, by its form or address), removed,
** refused, reappeared.  Returns 0 or -1 with err. */
int
takedown_mark(struct gate *g, int64_t id, const char *status, char *err)
{
	struct one_td o = { .found = 0 };

	if (gate_begin(g) != 0) {
		err_set(err, "the database is busy");
		return -1;
	}
	response_takedowns_each(gate_db(g), 0, -id, take_one, &o);
	if (!o.found) {
		err_set(err, "there is no request %lld", (long long)id);
		goto fail;
	}
	if (incident_ready(g, o.t.incident_id, 4, NULL, err) != 0)
		goto fail;
	if (status == NULL || !allowed(o.t.status, status)) {
		err_set(err, "request %lld is %s; it cannot become %s",
		    (long long)id, o.t.status, status ? status : "that");
		goto fail;
	}
	if (set_status(g, &o.t, status, "") != 0 || gate_commit(g) != 0) {
		err_set(err, "cannot save: %s", db_error(gate_db(g)));
		goto fail;
	}
	return 0;
fail:
	gate_rollback(g);
	return -1;
}

/* The re-check: fetch each place with a request under way and read it
** with the leak detector. */

struct recheck {
	struct gate *g;
	const struct live_view *lv;
	int allow_private;
	int64_t posts[64];
	int nposts;
	int gone, found, failed;
	char err[ERR_MAX];
};

static void
fetch_and_scan(void *arg, const char *url, size_t len)
{
	struct recheck *rc = arg;
	struct extract_opts xo;
	enum extract_kind kind;
	struct scan_match *m = NULL;
	struct scanner s;
	char *u = malloc(len + 1), err[ERR_MAX] = "";
	size_t n = 0, i;
	int k, ok, hit = 0;

	if (u == NULL)
		return;
	memcpy(u, url, len);
	u[len] = '\0';
	memset(&xo, 0, sizeof(xo));
	xo.lang = "eng";
	xo.allow_private = rc->allow_private;
	scanner_init(&s, rc->lv->ix, rc->lv->delta, SCAN_MIN_FPS,
	    SCAN_MIN_WORDS);
	ok = extract_source(u, &xo, scanner_feed, &s, &kind, err) == 0;
	if (scanner_finish(&s, &m, &n) == 0)
		for (i = 0; i < n; i++)
			for (k = 0; k < rc->nposts; k++)
				hit |= m[i].post_id == rc->posts[k];
	scan_matches_free(m, n);
	scanner_free(&s);
	memset(u, 0, len);
	free(u);
	/* a page that is gone (not found, or no longer holding the posts)
	** counts as removed; one that could not be read counts as neither */
	if (hit)
		rc->found = 1;
	else if (ok || strstr(err, "404") || strstr(err, "410"))
		rc->gone = 1;
	else
		rc->failed = 1;
}

static int
collect(void *ctx, const struct incident_post *p)
{
	struct recheck *rc = ctx;

	if (rc->nposts < 64)
		rc->posts[rc->nposts++] = p->post_id;
	return 0;
}

struct due_list {
	struct takedown_row t[64];
	int n;
};

static int
collect_td(void *ctx, const struct takedown_row *t)
{
	struct due_list *d = ctx;

	if (d->n < 64 && (strcmp(t->status, "requested") == 0 ||
	    strcmp(t->status, "removed") == 0 || strcmp(t->status,
	    "reappeared") == 0)) {
		d->t[d->n] = *t;
		d->t[d->n++].request = NULL;
	}
	return 0;
}

/* Look again at every place of incident with a request under way: a
** requested or reappeared one that is gone becomes removed, a removed one
** found again becomes reappeared.  Sets *gone and *found (places).
** Returns 0 or -1 with err. */
int
takedown_recheck(struct gate *g, int64_t incident, int allow_private,
    int *gone, int *found, char *err)
{
	struct recheck rc;
	struct due_list d;
	struct live_view *lv;
	char target[32], detail[96];
	int64_t inc;
	void *loc;
	size_t ln;
	int i, unread = 0;
	int result[64];	/* 1 gone, 2 found, 0 not readable */

	*gone = *found = 0;
	memset(&d, 0, sizeof(d));
	memset(&rc, 0, sizeof(rc));
	if (incident_ready(g, incident, 4, NULL, err) != 0)
		return -1;
	if ((lv = live_take(g, err)) == NULL)
		return -1;
	rc.g = g;
	rc.lv = lv;
	rc.allow_private = allow_private;
	response_incident_posts_each(gate_db(g), incident, collect, &rc);
	response_takedowns_each(gate_db(g), incident, 0, collect_td, &d);
	/* fetch outside any transaction: the network does not hold the
	** database */
	for (i = 0; i < d.n; i++) {
		rc.gone = rc.found = rc.failed = 0;
		result[i] = 0;
		if (response_leak_get(gate_db(g), d.t[i].leak_id, &inc, &loc,
		    &ln) != DB_ROW || loc == NULL)
			continue;
		gate_machine_read(g, SEALED_LEAK_LOCATION, d.t[i].leak_id, loc,
		    ln, fetch_and_scan, &rc);
		free(loc);
		result[i] = rc.found ? 2 : rc.gone ? 1 : 0;
		unread += result[i] == 0;
	}
	live_give(lv);
	if (gate_begin(g) != 0) {
		err_set(err, "the database is busy");
		return -1;
	}
	for (i = 0; i < d.n; i++) {
		if (result[i] == 1 && strcmp(d.t[i].status, "removed") != 0) {
			if (set_status(g, &d.t[i], "removed", " (re-check)") != 0)
				goto fail;
			(*gone)++;
		} else if (result[i] == 2 && strcmp(d.t[i].status, "removed") ==
		    0) {
			if (set_status(g, &d.t[i], "reappeared", " (re-check)")
			    != 0)
				goto fail;
			(*found)++;
		} else if (result[i] == 2) {
			(*found)++;
		}
	}
	snprintf(target, sizeof(target), "incident %lld", (long long)incident);
	snprintf(detail, sizeof(detail), "%d request%s looked at: %d gone, "
	    "%d still there, %d not readable", d.n, d.n == 1 ? "" : "s", *gone,
	    *found, unread);
	if (gate_audit(g, "takedown.recheck", target, detail) != 0 ||
	    gate_commit(g) != 0) {
		err_set(err, "cannot save: %s", db_error(gate_db(g)));
		goto fail;
	}
	return 0;
fail:
	gate_rollback(g);
	return -1;
}

/* The command line. */

static int
yes_no(const char *s)
{
	if (strcmp(s, "yes") == 0)
		return 1;
	if (strcmp(s, "no") == 0)
		return 0;
	return -2;
}

/* sanctum incident consent N PSEUDONYM [--mention yes|no]
**     [--copyright yes|no] [--see yes|no] */
int
takedown_consent_cmd(struct cli *c, int argc, char **argv)
{
	static const struct option opts[] = {
		{ "mention", required_argument, NULL, 'm' },
		{ "copyright", required_argument, NULL, 'c' },
		{ "see", required_argument, NULL, 's' },
		{ NULL, 0, NULL, 0 }
	};
	char err[ERR_MAX], name[4 * PSEUDONYM_MAX + 1];
	int ch, rc, v[3] = { -1, -1, -1 };
	int64_t member;
	long long id;

	optind = 0;
	while ((ch = getopt_long(argc, argv, "", opts, NULL)) != -1) {
		int k = ch == 'm' ? 0 : ch == 'c' ? 1 : ch == 's' ? 2 : -1;
		if (k < 0 || (v[k] = yes_no(optarg)) == -2)
			return cli_usage(c, "incident");
	}
	if (argc - optind != 2 || util_parse_int(argv[optind], 1, INT64_MAX,
	    &id) != 0)
		return cli_usage(c, "incident");
	if ((rc = cli_open(c)) != EXIT_OK)
		return rc;
	if (pseudonym_normalize(argv[optind + 1], name, sizeof(name)) != 0 ||
	    pseudonym_member(c->db, name, &member) != 1)
		return cli_fail("incident: no member is known by that pseudonym");
	if (takedown_consent(c->gate, id, member, v[0], v[1], v[2], 0, err) !=
	    0)
		return cli_fail("incident: %s", err);
	cli_say(c, "recorded what %s allows\n", name);
	return EXIT_OK;
}

/* sanctum incident takedown PLACE --kind privacy|terms|copyright
**     [--names PSEUDONYM] [--to WHERE] */
int
takedown_create_cmd(struct cli *c, int argc, char **argv)
{
	static const struct option opts[] = {
		{ "kind", required_argument, NULL, 'k' },
		{ "names", required_argument, NULL, 'n' },
		{ "to", required_argument, NULL, 't' },
		{ NULL, 0, NULL, 0 }
	};
	const char *kind = "privacy", *names = NULL, *to = "";
	char err[ERR_MAX];
	int64_t id;
	long long leak;
	int ch, rc;

	optind = 0;
	while ((ch = getopt_long(argc, argv, "", opts, NULL)) != -1) {
		if (ch == 'k')
			kind = optarg;
		else if (ch == 'n')
			names = optarg;
		else if (ch == 't')
			to = optarg;
		else
			return cli_usage(c, "incident");
	}
	if (argc - optind != 1 || util_parse_int(argv[optind], 1, INT64_MAX,
	    &leak) != 0)
		return cli_usage(c, "incident");
	if ((rc = cli_open(c)) != EXIT_OK)
		return rc;
	if (takedown_create(c->gate, leak, kind, names, to, &id, err) != 0)
		return cli_fail("incident: %s", err);
	cli_say(c, "made removal request %lld (%s); its words are in the "
	    "console\n", (long long)id, kind);
	return EXIT_OK;
}

/* sanctum incident takedown-status REQUEST STATUS */
int
takedown_mark_cmd(struct cli *c, int argc, char **argv)
{
	char err[ERR_MAX];
	long long id;
	int rc;

	if (argc != 3 || util_parse_int(argv[1], 1, INT64_MAX, &id) != 0)
		return cli_usage(c, "incident");
	if ((rc = cli_open(c)) != EXIT_OK)
		return rc;
	if (takedown_mark(c->gate, id, argv[2], err) != 0)
		return cli_fail("incident: %s", err);
	cli_say(c, "request %lld is %s\n", id, argv[2]);
	return EXIT_OK;
}

/* sanctum incident recheck N */
int
takedown_recheck_cmd(struct cli *c, int argc, char **argv)
{
	char err[ERR_MAX];
	long long id;
	int rc, gone, found;

	if (argc != 2 || util_parse_int(argv[1], 1, INT64_MAX, &id) != 0)
		return cli_usage(c, "incident");
	if ((rc = cli_open(c)) != EXIT_OK)
		return rc;
	/* the command line may look at loopback, as `scan` does */
	if (takedown_recheck(c->gate, id, 1, &gone, &found, err) != 0)
		return cli_fail("incident: %s", err);
	cli_say(c, "looked again: %d place%s gone, %d still holding the "
	    "posts\n", gone, gone == 1 ? "" : "s", found);
	return EXIT_OK;
}
