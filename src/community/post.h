/*
** post.h: writing, editing and deleting posts.  Each keeps the sealed
** body and the leak detector's fingerprints in step, in one transaction.
*/
#ifndef SANCTUM_POST_H
#define SANCTUM_POST_H

#include <stdint.h>

struct db;
struct keyring;

struct post_new {
	int64_t group_id;
	int64_t member_id;
	int anonymous;
	int64_t created_at;
	const char *body;
	const char *cw;			/* content-warning labels or NULL */
	const char *source;		/* NULL for posts written in sanctum */
	const char *external_id;	/* the keyed hash of the id the source
					   platform gave it (extid.h) */
};

int post_create(struct db *db, const struct keyring *kr,
    const struct post_new *p, int64_t *id);
int post_edit(struct db *db, const struct keyring *kr, int64_t id,
    const char *body);
int post_delete(struct db *db, int64_t id);
int post_ref(struct db *db, const struct keyring *kr, const char *ref,
    int64_t *id);

struct cli;
int post_cmd(struct cli *c, int argc, char **argv);

#endif
