/*
** pledge.c: the confidentiality pledge, its versions and acceptances, and
** `sanctum pledge show|publish|accept`.  See pledge.h.
*/
#include "pledge.h"

#include <getopt.h>
#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../cli.h"
#include "../core/gate.h"
#include "../crypto/digest.h"
#include "../store/community.h"
#include "../store/db.h"
#include "../store/prevention.h"
#include "../util/buf.h"
#include "../util/util.h"
#include "pseudonym.h"

/* The pledge a new community starts with.  Plain words, no legal tone:
** it is read by people who may be in a hard place. */
const char pledge_default_text[] =
    "Our confidentiality pledge\n"
    "\n"
    "People here share things they may never have told anyone. This "
    "space is safe only if each of us keeps it safe. By accepting this "
    "pledge, I agree:\n"
    "\n"
    "1. What is shared in a group stays in the group. I will not repeat "
    "it elsewhere, not even without names, in a way that could let "
    "someone be recognised.\n"
    "2. I will not take screenshots, photos or recordings of anything "
    "here, and I will not copy or forward posts, in whole or in part.\n"
    "3. I will not try to find out who anyone is outside this community, "
    "and I will not share anyone's pseudonym with their real identity.\n"
    "4. If I see something from here posted elsewhere, I will tell the "
    "moderators (the \"report a leak\" page works without an account "
    "and can be anonymous), and I will not share it further.\n"
    "\n"
    "What happens if the pledge is broken: the moderators talk with the "
    "person first wherever it is safe to. Depending on what happened, "
    "the steps are a warning, a suspension for some days, or removal "
    "from the community. Whoever it concerns is told what happened and "
    "how to appeal, and every step is recorded.\n"
    "\n"
    "Please know: the text of every post is marked for the account it "
    "is shown to, invisibly, so a copy found outside can be traced to "
    "the account it was shown to. Nobody records what you read here.\n"
    "\n"
    "If a copy of your words is ever found outside, the moderators will "
    "contact you privately and with care, and you will decide together "
    "what is done.\n";

/* A pledge_get callback: copy the row into a struct pledge. */
static int
take_row(void *ctx, const struct pledge_row *r)
{
	struct pledge *p = ctx;

	if ((p->body = strdup(r->body)) == NULL)
		return -1;
	p->version = r->version;
	p->published_at = r->published_at;
	snprintf(p->published_by, sizeof(p->published_by), "%s",
	    r->published_by);
	p->stored = 1;
	return 1;
}

/* The pledge in force: the newest stored version, or the default as
** version 1 when none is stored.  Returns 0 (free with pledge_free) or
** -1. */
int
pledge_current(struct db *db, struct pledge *p)
{
	int64_t v;
	int rc;

	memset(p, 0, sizeof(*p));
	rc = prevention_pledge_latest(db, &v);
	if (rc < 0)
		return -1;
	if (rc == 0) {
		p->version = 1;
		snprintf(p->published_by, sizeof(p->published_by), "sanctum");
		return (p->body = strdup(pledge_default_text)) ? 0 : -1;
	}
	return prevention_pledge_get(db, v, take_row, p) == 1 ? 0 : -1;
}

void
pledge_free(struct pledge *p)
{
	free(p->body);
	p->body = NULL;
}

/* Store body as pledge version v, by whom, in the caller's transaction,
** audited.  Returns 0 or -1. */
static int
store_version(struct gate *g, int64_t v, const char *body, const char *by)
{
	uint8_t d[DIGEST_BYTES];
	char target[32];

	digest_text(body, strlen(body), d);
	snprintf(target, sizeof(target), "version %lld", (long long)v);
	if (prevention_pledge_add(gate_db(g), v, body, d, sizeof(d),
	    util_now(), by) != 0)
		return -1;
	return gate_audit(g, "pledge.publish", target, v == 1 &&
	    strcmp(body, pledge_default_text) == 0 ? "the default text" : "");
}

/* Make sure the pledge in force is stored, so an acceptance names a
** stored version.  Returns 0 or -1. */
static int
store_current(struct gate *g, struct pledge *p)
{
	if (p->stored)
		return 0;
	if (store_version(g, p->version, p->body, "sanctum") != 0)
		return -1;
	p->stored = 1;
	return 0;
}

/* Publish body as the next version of the pledge, in one part of the
** caller's transaction: every active member is asked to accept it again
** (a notice each).  Returns 0 with *version set, or -1; err says why. */
int
pledge_publish(struct gate *g, const char *body, int64_t *version,
    char *err)
{
	struct db *db = gate_db(g);
	struct pledge cur;
	size_t n = body ? strlen(body) : 0;
	int rc = -1;

	if (n == 0 || n > PLEDGE_MAX || !util_valid_text(body, n)) {
		err_set(err, "a pledge is 1 to %zu bytes of text (UTF-8, no "
		    "control characters)", PLEDGE_MAX);
		return -1;
	}
	if (gate_begin(g) != 0) {
		err_set(err, "the database is busy");
		return -1;
	}
	if (pledge_current(db, &cur) != 0)
		goto fail;
	if (strcmp(cur.body, body) == 0 && cur.stored) {
		pledge_free(&cur);
		gate_rollback(g);
		err_set(err, "that is the text of version %lld, in force "
		    "already", (long long)cur.version);
		return -1;
	}
	/* the default was in force until now: keep that it was */
	if (store_current(g, &cur) != 0)
		goto fail;
	*version = cur.version + 1;
	if (strcmp(cur.body, body) == 0)
		*version = cur.version;	/* the default, now stored */
	else if (store_version(g, *version, body, gate_actor(g)->name) != 0)
		goto fail;
	if (prevention_notice_all_members(db, "pledge.new", util_now()) != 0)
		goto fail;
	rc = gate_commit(g);
	if (rc != 0)
		goto fail;
	pledge_free(&cur);
	return 0;
fail:
	pledge_free(&cur);
	gate_rollback(g);
	err_set(err, "cannot save the pledge: %s", db_error(db));
	return -1;
}

/* Keep that member accepted the pledge in force, in one part of the
** caller's transaction, whose audit entry names it.  Returns 0 with
** *version set, or -1. */
int
pledge_keep_acceptance(struct gate *g, int64_t member_id, int64_t *version)
{
	struct db *db = gate_db(g);
	struct pledge cur;
	uint8_t d[DIGEST_BYTES];
	int rc = -1;

	if (pledge_current(db, &cur) != 0)
		return -1;
	digest_text(cur.body, strlen(cur.body), d);
	if (store_current(g, &cur) == 0 && prevention_pledge_accept(db,
	    member_id, cur.version, d, sizeof(d), util_now()) == 0) {
		*version = cur.version;
		rc = 0;
	}
	pledge_free(&cur);
	return rc;
}

/* Keep that member (pseudonym, for the audit trail) accepted the pledge
** in force, in one part of the caller's transaction.  Returns 0 with
** *version set, or -1; err says why. */
int
pledge_accept(struct gate *g, int64_t member_id, const char *pseudonym,
    int64_t *version, char *err)
{
	struct db *db = gate_db(g);
	char detail[32];

	if (gate_begin(g) != 0) {
		err_set(err, "the database is busy");
		return -1;
	}
	if (pledge_keep_acceptance(g, member_id, version) != 0)
		goto fail;
	snprintf(detail, sizeof(detail), "version %lld", (long long)*version);
	if (gate_audit(g, "pledge.accept", pseudonym, detail) != 0 ||
	    gate_commit(g) != 0)
		goto fail;
	return 0;
fail:
	gate_rollback(g);
	err_set(err, "cannot save the acceptance: %s", db_error(db));
	return -1;
}

/* Has member accepted the pledge in force?  Returns 1, 0 or -1. */
int
pledge_accepted_current(struct db *db, int64_t member_id)
{
	int64_t v;
	int rc = prevention_pledge_latest(db, &v);

	if (rc <= 0)
		return rc;	/* nothing stored: nobody accepted anything */
	return prevention_pledge_accepted(db, member_id, v);
}

/* sanctum pledge show [--version N] [--json] */
int
pledge_show_cmd(struct cli *c, int argc, char **argv)
{
	static const struct option opts[] = {
		{ "version", required_argument, NULL, 'v' },
		{ "json", no_argument, NULL, 'j' },
		{ NULL, 0, NULL, 0 }
	};
	struct pledge p;
	char when[32];
	long long v = 0;
	int64_t accepted = 0, members = 0;
	int ch, json = 0, rc;

	optind = 0;
	while ((ch = getopt_long(argc, argv, "", opts, NULL)) != -1) {
		if (ch == 'j')
			json = 1;
		else if (ch != 'v' || util_parse_int(optarg, 1, INT64_MAX / 2,
		    &v) != 0)
			return cli_usage(c, "pledge");
	}
	if (optind != argc)
		return cli_usage(c, "pledge");
	if ((rc = cli_open(c)) != EXIT_OK)
		return rc;
	if (v == 0) {
		if (pledge_current(c->db, &p) != 0)
			return cli_fail("pledge: cannot read the pledge");
	} else {
		memset(&p, 0, sizeof(p));
		rc = prevention_pledge_get(c->db, v, take_row, &p);
		if (rc < 0)
			return cli_fail("pledge: cannot read the pledge");
		if (rc == 0 && v == 1 && pledge_current(c->db, &p) == 0 &&
		    !p.stored)
			rc = 1;	/* the default, in force unstored */
		else if (rc == 0) {
			pledge_free(&p);
			return cli_fail("pledge: there is no version %lld", v);
		}
	}
	if (prevention_pledge_counts(c->db, p.version, &accepted, &members)
	    != 0) {
		pledge_free(&p);
		return cli_fail("pledge: cannot count acceptances");
	}
	if (json) {
		json_t *o = json_pack("{s:I, s:s, s:b, s:I, s:s, s:I, s:I}",
		    "version", (json_int_t)p.version, "text", p.body,
		    "stored", p.stored, "published_at",
		    (json_int_t)p.published_at, "published_by", p.published_by,
		    "accepted", (json_int_t)accepted, "members",
		    (json_int_t)members);
		cli_print_json(o);
		json_decref(o);
	} else {
		if (p.stored)
			util_format_time(p.published_at, when, sizeof(when));
		printf("version %lld%s%s%s%s; accepted by %lld of %lld active "
		    "members\n\n%s", (long long)p.version, p.stored ?
		    ", published " : " (the default; stored when first "
		    "accepted)", p.stored ? when : "", p.stored ? " by " : "",
		    p.stored ? p.published_by : "", (long long)accepted,
		    (long long)members, p.body);
		if (p.body[0] && p.body[strlen(p.body) - 1] != '\n')
			putchar('\n');
	}
	pledge_free(&p);
	return EXIT_OK;
}

/* Read a whole file, or standard input for "-", of at most PLEDGE_MAX
** bytes.  Returns it NUL-terminated, or NULL with err. */
static char *
read_text(const char *path, char *err)
{
	FILE *f = strcmp(path, "-") == 0 ? stdin : fopen(path, "rb");
	struct buf b;
	char chunk[8192];
	size_t n;

	if (f == NULL) {
		err_set(err, "cannot open %s", path);
		return NULL;
	}
	buf_init(&b, PLEDGE_MAX);
	while ((n = fread(chunk, 1, sizeof(chunk), f)) > 0)
		if (buf_append(&b, chunk, n) != 0)
			break;
	if (f != stdin)
		fclose(f);
	if (b.failed) {
		err_set(err, "%s is longer than %zu bytes", path, PLEDGE_MAX);
		buf_free(&b);
		return NULL;
	}
	if (b.data != NULL && memchr(b.data, '\0', b.len) != NULL) {
		err_set(err, "%s holds a NUL byte: not text", path);
		buf_free(&b);
		return NULL;
	}
	return buf_steal(&b);
}

/* sanctum pledge publish FILE|- */
int
pledge_publish_cmd(struct cli *c, int argc, char **argv)
{
	char err[ERR_MAX], *body;
	int64_t v;
	int rc;

	if (argc != 2)
		return cli_usage(c, "pledge");
	if ((rc = cli_open(c)) != EXIT_OK)
		return rc;
	if ((body = read_text(argv[1], err)) == NULL)
		return cli_fail("pledge: %s", err);
	rc = pledge_publish(c->gate, body, &v, err);
	free(body);
	if (rc != 0)
		return cli_fail("pledge: %s", err);
	cli_say(c, "published version %lld of the pledge; every member is "
	    "asked to accept it before entering a group again\n",
	    (long long)v);
	return EXIT_OK;
}

/* sanctum pledge accept PSEUDONYM: for members who accepted elsewhere
** (an imported community's own pledge, on paper, in a call). */
int
pledge_accept_cmd(struct cli *c, int argc, char **argv)
{
	char err[ERR_MAX];
	int64_t id, v;
	int rc;

	if (argc != 2)
		return cli_usage(c, "pledge");
	if ((rc = cli_open(c)) != EXIT_OK)
		return rc;
	rc = pseudonym_member(c->db, argv[1], &id);
	if (rc < 0)
		return cli_fail("pledge: cannot read the members");
	if (rc == 0)
		return cli_fail("pledge: no member %s", argv[1]);
	if (pledge_accept(c->gate, id, argv[1], &v, err) != 0)
		return cli_fail("pledge: %s", err);
	cli_say(c, "%s accepted version %lld of the pledge\n", argv[1],
	    (long long)v);
	return EXIT_OK;
}
