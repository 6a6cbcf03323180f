/*
** post.c: posts.  A post's body and its content-warning labels are sealed
** to the row before they reach the database.  Runs inside the caller's
** transaction when there is one.
*/
#include "post.h"

#include <stdlib.h>
#include <string.h>

#include "../crypto/seal.h"
#include "../store/community.h"
#include "../store/db.h"

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
	if (community_post_seal(db, *id, sb, sbn, sc, scn) != 0)
		goto cleanup;
	rc = db_commit(db);
cleanup:
	if (rc != 0)
		db_rollback(db);
	free(sb);
	free(sc);
	return rc;
}
