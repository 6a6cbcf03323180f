/*
** post.c: posts.  A post's body and its content-warning labels are sealed
** to the row (through the gateway) before they reach the database, and its
** keyed fingerprints are updated with it: an edited post matches its new
** text, a deleted post matches nothing and its body is erased.  Each runs
** as one part of the caller's transaction, which names the audit entry:
** one per post from the command line, one for a whole import.
*/
#include "post.h"

#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../cli.h"
#include "../core/gate.h"
#include "../detect/index.h"
#include "../store/community.h"
#include "../store/db.h"
#include "../store/fingerprints.h"
#include "../util/buf.h"
#include "../util/util.h"

/* Add a post with its sealed body and labels.  Returns 0 and sets *id, or
** -1 (and nothing of it is kept). */
int
post_create(struct gate *g, const struct post_new *p, int64_t *id)
{
	struct db *db = gate_db(g);
	uint8_t *sb = NULL, *sc = NULL;
	size_t sbn = 0, scn = 0;
	int rc = -1;

	if (gate_begin(g) != 0)
		return -1;
	if (community_post_add(db, p->group_id, p->member_id, p->anonymous,
	    p->created_at, p->source, p->external_id, id) != 0)
		goto cleanup;
	sb = gate_seal(g, SEALED_POST_BODY, *id, p->body, &sbn);
	if (sb == NULL)
		goto cleanup;
	if (p->cw) {
		sc = gate_seal(g, SEALED_POST_CW, *id, p->cw, &scn);
		if (sc == NULL)
			goto cleanup;
	}
	if (community_post_seal(db, *id, sb, sbn, sc, scn) != 0 ||
	    index_post_update(g, *id, p->body) != 0)
		goto cleanup;
	rc = gate_commit(g);
cleanup:
	if (rc != 0)
		gate_rollback(g);
	free(sb);
	free(sc);
	return rc;
}

/* Replace a post's text.  Returns 0, 1 when there is no such live post,
** or -1. */
int
post_edit(struct gate *g, int64_t id, const char *body)
{
	struct db *db = gate_db(g);
	uint8_t *sb;
	size_t n;
	int rc;

	if (gate_begin(g) != 0)
		return -1;
	rc = community_post_live(db, id);
	if (rc != 1) {
		gate_rollback(g);
		return rc == 0 ? 1 : -1;
	}
	rc = -1;
	sb = gate_seal(g, SEALED_POST_BODY, id, body, &n);
	if (sb != NULL && community_post_set_body(db, id, sb, n, util_now())
	    == 0 && index_post_update(g, id, body) == 0)
		rc = gate_commit(g);
	if (rc != 0)
		gate_rollback(g);
	free(sb);
	return rc;
}

/* Delete a post: its body is erased and it stops matching.  Returns 0, 1
** when there is no such live post, or -1. */
int
post_delete(struct gate *g, int64_t id)
{
	struct db *db = gate_db(g);
	int rc;

	if (gate_begin(g) != 0)
		return -1;
	rc = community_post_live(db, id);
	if (rc != 1) {
		gate_rollback(g);
		return rc == 0 ? 1 : -1;
	}
	if (community_post_mark_deleted(db, id, util_now()) != 0 ||
	    fingerprints_delete(db, id) != 0 || gate_commit(g) != 0) {
		gate_rollback(g);
		return -1;
	}
	return 0;
}

/* Find the post that ref names: its number, or FORMAT:ID, the id an
** imported post had in its export (kept as a keyed hash, extid.h).
** Returns 1 with *id set, 0 when there is no such post, or -1. */
int
post_ref(struct gate *g, const char *ref, int64_t *id)
{
	char source[32], key[EXTID_LEN + 1];
	const char *colon = strchr(ref, ':');
	long long v;
	size_t n;

	if (colon == NULL) {
		if (util_parse_int(ref, 1, INT64_MAX, &v) != 0)
			return 0;
		*id = v;
		return 1;
	}
	n = (size_t)(colon - ref);
	if (n == 0 || n >= sizeof(source) || colon[1] == '\0')
		return 0;
	memcpy(source, ref, n);
	source[n] = '\0';
	gate_extid(g, source, colon + 1, key);
	return community_post_find_external(gate_db(g), source, key, id);
}

/* Read all of standard input as a post body (at most 1 MiB of UTF-8).
** Returns an allocated string or NULL with err filled. */
static char *
read_body(char *err)
{
	struct buf b;
	char chunk[8192];
	size_t n;

	buf_init(&b, (size_t)1 << 20);
	while ((n = fread(chunk, 1, sizeof(chunk), stdin)) > 0)
		if (buf_append(&b, chunk, n) != 0) {
			buf_free(&b);
			err_set(err, "the post is longer than 1 MiB");
			return NULL;
		}
	if (b.len == 0) {
		buf_free(&b);
		err_set(err, "no text on standard input");
		return NULL;
	}
	return buf_steal(&b);
}

/* Wipe and free a body read by read_body. */
static void
body_free(char *body)
{
	if (body) {
		explicit_bzero(body, strlen(body));
		free(body);
	}
}

/* Audit what the command line did to post id: action "post.add",
** "post.edit" or "post.delete".  Returns EXIT_OK, or EXIT_FAIL after
** saying why. */
static int
post_audited(struct cli *c, const char *action, int64_t id)
{
	char target[48];

	snprintf(target, sizeof(target), "post %lld", (long long)id);
	if (gate_audit(c->gate, action, target, "") != 0)
		return cli_fail("post: cannot write the audit trail");
	return EXIT_OK;
}

/* sanctum post add --group G --author A [--cw LABELS] [--anonymous]; the
** text comes on standard input. */
int
post_add_cmd(struct cli *c, int argc, char **argv)
{
	static const struct option opts[] = {
		{ "group", required_argument, NULL, 'g' },
		{ "author", required_argument, NULL, 'a' },
		{ "cw", required_argument, NULL, 'c' },
		{ "anonymous", no_argument, NULL, 'n' },
		{ NULL, 0, NULL, 0 }
	};
	const char *group = NULL, *author = NULL;
	struct post_new np;
	char err[ERR_MAX] = "", *body;
	int64_t id;
	int ch, rc;

	memset(&np, 0, sizeof(np));
	optind = 0;
	while ((ch = getopt_long(argc, argv, "", opts, NULL)) != -1) {
		switch (ch) {
		case 'g': group = optarg; break;
		case 'a': author = optarg; break;
		case 'c': np.cw = optarg; break;
		case 'n': np.anonymous = 1; break;
		default: return cli_usage(c, "post");
		}
	}
	if (group == NULL || author == NULL || optind != argc)
		return cli_usage(c, "post");
	if ((rc = cli_open(c)) != EXIT_OK)
		return rc;

	if (community_group_by_name(c->db, group, &np.group_id) != 1)
		return cli_fail("post: no group %s (`sanctum group list` shows "
		    "the groups; `sanctum group create NAME` makes one)", group);
	if (community_member_by_pseudonym(c->db, author, &np.member_id) != 1)
		return cli_fail("post: no member %s (`sanctum user add %s "
		    "--role member` makes one)", author, author);
	if ((body = read_body(err)) == NULL)
		return cli_fail("post: %s", err);
	np.created_at = util_now();
	np.body = body;
	if (post_create(c->gate, &np, &id) != 0)
		rc = cli_fail("post: cannot save: %s", db_error(c->db));
	else if ((rc = post_audited(c, "post.add", id)) == EXIT_OK)
		cli_say(c, "post %lld added\n", (long long)id);
	body_free(body);
	return rc;
}

/* The post argv[1] names, for post edit and delete.  Returns 1 with *id
** set, or an exit code after saying why. */
static int
post_named(struct cli *c, int argc, char **argv, int64_t *id)
{
	int r;

	if (argc != 2 || argv[1][0] == '\0' || argv[1][0] == '-')
		return cli_usage(c, "post");
	if ((r = cli_open(c)) != EXIT_OK)
		return r;
	r = post_ref(c->gate, argv[1], id);
	if (r == 0)
		return cli_fail("post: no post %s", argv[1]);
	if (r < 0)
		return cli_fail("post: cannot read: %s", db_error(c->db));
	return 1;
}

/* sanctum post edit POST; the new text comes on standard input. */
int
post_edit_cmd(struct cli *c, int argc, char **argv)
{
	char err[ERR_MAX] = "", *body;
	int64_t id;
	int rc;

	if ((rc = post_named(c, argc, argv, &id)) != 1)
		return rc;
	if ((body = read_body(err)) == NULL)
		return cli_fail("post: %s", err);
	rc = post_edit(c->gate, id, body);
	if (rc == 1)
		rc = cli_fail("post: no post %s", argv[1]);
	else if (rc != 0)
		rc = cli_fail("post: cannot save: %s", db_error(c->db));
	else if ((rc = post_audited(c, "post.edit", id)) == EXIT_OK)
		cli_say(c, "post %lld edited\n", (long long)id);
	body_free(body);
	return rc;
}

/* sanctum post delete POST */
int
post_delete_cmd(struct cli *c, int argc, char **argv)
{
	int64_t id;
	int rc;

	if ((rc = post_named(c, argc, argv, &id)) != 1)
		return rc;
	rc = post_delete(c->gate, id);
	if (rc == 1)
		return cli_fail("post: no post %s", argv[1]);
	if (rc != 0)
		return cli_fail("post: cannot save: %s", db_error(c->db));
	if ((rc = post_audited(c, "post.delete", id)) == EXIT_OK)
		cli_say(c, "post %lld deleted\n", (long long)id);
	return rc;
}
