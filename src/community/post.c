/*
** post.c: posts.  A post's body and its content-warning labels are sealed
** to the row before they reach the database, and its keyed fingerprints
** are updated with it: an edited post matches its new text, a deleted post
** matches nothing and its body is erased.  Each runs inside the caller's
** transaction when there is one.
*/
#include "post.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../admin/audit.h"
#include "../crypto/extid.h"
#include "../crypto/seal.h"
#include "../detect/index.h"
#include "../store/community.h"
#include "../store/db.h"
#include "../store/fingerprints.h"
#include "../app.h"
#include "../cli.h"
#include "../util/buf.h"
#include "../util/util.h"

/* Add a post with its sealed body.  Returns 0 and sets *id, or -1. */
int
post_create(struct db *db, const struct keyring *kr,
    const struct post_new *p, int64_t *id)
{
	uint8_t *sb = NULL, *sc = NULL;
	size_t sbn = 0, scn = 0;
	int rc = -1;

	if (db_begin(db) != 0)
		return -1;
	if (community_post_add(db, p->group_id, p->member_id, p->anonymous,
	    p->created_at, p->source, p->external_id, id) != 0)
		goto cleanup;
	sb = seal_text(kr, "posts", "body", *id, p->body, strlen(p->body),
	    &sbn);
	if (sb == NULL)
		goto cleanup;
	if (p->cw) {
		sc = seal_text(kr, "posts", "cw", *id, p->cw, strlen(p->cw),
		    &scn);
		if (sc == NULL)
			goto cleanup;
	}
	if (community_post_seal(db, *id, sb, sbn, sc, scn) != 0 ||
	    index_post_update(db, kr, *id, p->body) != 0)
		goto cleanup;
	rc = db_commit(db);
cleanup:
	if (rc != 0)
		db_rollback(db);
	free(sb);
	free(sc);
	return rc;
}

/* Replace a post's text.  Returns 0, 1 when there is no such live post,
** or -1. */
int
post_edit(struct db *db, const struct keyring *kr, int64_t id,
    const char *body)
{
	uint8_t *sb;
	size_t n;
	int rc = -1;

	if (db_begin(db) != 0)
		return -1;
	rc = community_post_live(db, id);
	if (rc != 1) {
		db_rollback(db);
		return rc == 0 ? 1 : -1;
	}
	rc = -1;
	sb = seal_text(kr, "posts", "body", id, body, strlen(body), &n);
	if (sb != NULL && community_post_set_body(db, id, sb, n, util_now())
	    == 0 && index_post_update(db, kr, id, body) == 0)
		rc = db_commit(db);
	if (rc != 0)
		db_rollback(db);
	free(sb);
	return rc;
}

/* Delete a post: its body is erased and it stops matching.  Returns 0, 1
** when there is no such live post, or -1. */
int
post_delete(struct db *db, int64_t id)
{
	int rc;

	if (db_begin(db) != 0)
		return -1;
	rc = community_post_live(db, id);
	if (rc != 1) {
		db_rollback(db);
		return rc == 0 ? 1 : -1;
	}
	if (community_post_mark_deleted(db, id, util_now()) != 0 ||
	    fingerprints_delete(db, id) != 0 || db_commit(db) != 0) {
		db_rollback(db);
		return -1;
	}
	return 0;
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

/* Find the post that ref names: its number, or FORMAT:ID, the id an
** imported post had in its export (kept as a keyed hash, extid.h).
** Returns 1 with *id set, 0 when there is no such post, or -1. */
int
post_ref(struct db *db, const struct keyring *kr, const char *ref,
    int64_t *id)
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
	extid_hash(kr, source, colon + 1, key);
	return community_post_find_external(db, source, key, id);
}

/* Write, edit or delete a post for the command line, with its audit entry
** in the same transaction.  what is "add", "edit" or "delete"; for "add",
** np is the new post and *id is set.  Returns 0, 1 when there is no such
** live post, or -1. */
static int
post_change(struct app *a, const char *what, const struct post_new *np,
    const char *body, int64_t *id)
{
	char action[32], target[48];
	int r;

	if (db_begin(a->db) != 0)
		return -1;
	if (strcmp(what, "add") == 0)
		r = post_create(a->db, a->kr, np, id);
	else if (strcmp(what, "edit") == 0)
		r = post_edit(a->db, a->kr, *id, body);
	else
		r = post_delete(a->db, *id);
	if (r != 0) {
		db_rollback(a->db);
		return r;
	}
	snprintf(action, sizeof(action), "post.%s", what);
	snprintf(target, sizeof(target), "post %lld", (long long)*id);
	if (audit_append(a->db, a->kr, 0, audit_cli_actor(), action, target,
	    "") != 0 || db_commit(a->db) != 0) {
		db_rollback(a->db);
		return -1;
	}
	return 0;
}

/* sanctum post add --group G --author A [--cw LABELS] [--anonymous] |
** edit POST | delete POST; the text comes on standard input. */
int
post_cmd(struct cli *c, int argc, char **argv)
{
	const char *group = NULL, *author = NULL, *cw = NULL, *what;
	struct post_new np;
	struct app a;
	char err[ERR_MAX] = "", *body = NULL;
	int64_t id = 0;
	int i, anon = 0, rc = EXIT_OK, r;

	if (argc < 2)
		return cli_usage(c, "post");
	what = argv[1];
	if (strcmp(what, "add") == 0) {
		for (i = 2; i < argc; i++) {
			if (strcmp(argv[i], "--group") == 0 && i + 1 < argc)
				group = argv[++i];
			else if (strcmp(argv[i], "--author") == 0 &&
			    i + 1 < argc)
				author = argv[++i];
			else if (strcmp(argv[i], "--cw") == 0 && i + 1 < argc)
				cw = argv[++i];
			else if (strcmp(argv[i], "--anonymous") == 0)
				anon = 1;
			else
				return cli_usage(c, "post");
		}
		if (group == NULL || author == NULL)
			return cli_usage(c, "post");
	} else if (strcmp(what, "edit") == 0 || strcmp(what, "delete") == 0) {
		if (argc != 3 || argv[2][0] == '\0' || argv[2][0] == '-')
			return cli_usage(c, "post");
	} else {
		return cli_usage(c, "post");
	}
	if (strcmp(what, "delete") != 0 && (body = read_body(err)) == NULL)
		return cli_fail("post: %s", err);
	if (app_open(&c->opts, &a, err) != 0) {
		free(body);
		return cli_fail("%s", err);
	}
	memset(&np, 0, sizeof(np));
	if (strcmp(what, "add") == 0) {
		if (community_group_by_name(a.db, group, &np.group_id) != 1) {
			rc = cli_fail("post: no group %s (`sanctum group list` "
			    "shows the groups; `sanctum group add NAME` makes "
			    "one)", group);
			goto done;
		}
		if (community_member_by_pseudonym(a.db, author,
		    &np.member_id) != 1) {
			rc = cli_fail("post: no member %s (`sanctum user add "
			    "%s --role member` makes one)", author, author);
			goto done;
		}
		np.anonymous = anon;
		np.created_at = util_now();
		np.body = body;
		np.cw = cw;
	} else if ((r = post_ref(a.db, a.kr, argv[2], &id)) != 1) {
		rc = r == 0 ? cli_fail("post: no post %s", argv[2]) :
		    cli_fail("post: cannot read: %s", db_error(a.db));
		goto done;
	}
	r = post_change(&a, what, &np, body, &id);
	if (r == 1)
		rc = cli_fail("post: no post %s", argv[2]);
	else if (r != 0)
		rc = cli_fail("post: cannot save: %s", db_error(a.db));
	else
		printf("post %lld %s\n", (long long)id, strcmp(what, "add") ==
		    0 ? "added" : strcmp(what, "edit") == 0 ? "edited" :
		    "deleted");
done:
	if (body) {
		explicit_bzero(body, strlen(body));
		free(body);
	}
	app_close(&a);
	return rc;
}
