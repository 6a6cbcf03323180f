/*
** post.h: writing, editing and deleting posts.  Each keeps the sealed
** body and the leak detector's fingerprints in step, in one transaction.
*/
#ifndef SANCTUM_POST_H
#define SANCTUM_POST_H

#include <stdint.h>

struct gate;
struct cli;

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

int post_create(struct gate *g, const struct post_new *p, int64_t *id);
int post_edit(struct gate *g, int64_t id, const char *body);
int post_delete(struct gate *g, int64_t id);
int post_ref(struct gate *g, const char *ref, int64_t *id);

int post_add_cmd(struct cli *c, int argc, char **argv);
int post_edit_cmd(struct cli *c, int argc, char **argv);
int post_delete_cmd(struct cli *c, int argc, char **argv);

#endif
