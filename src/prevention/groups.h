/*
** groups.h: support groups.  The framework asks for small groups, under
** 15 people: a group holds 12 by default and 14 at most, and no option
** raises that.  Joining one asks for an active member who accepted the
** pledge in force (pledge.h); a full group keeps a waiting list, and when
** someone leaves, the first who waits is told (a notice).  Every join and
** leave is kept with its time, so "who could have seen this post" has an
** answer.
*/
#ifndef SANCTUM_GROUPS_H
#define SANCTUM_GROUPS_H

#include <stdint.h>

struct gate;
struct cli;

#define GROUPS_DEFAULT_CAPACITY 12
#define GROUPS_MAX_CAPACITY 14
#define GROUPS_NAME_MAX 80	/* bytes of UTF-8 */

/* What groups_join did. */
enum groups_joined {
	GROUPS_JOINED = 1,	/* the member belongs to the group now */
	GROUPS_ALREADY,		/* they belonged already */
	GROUPS_WAITING,		/* it was full: they wait for a place */
	GROUPS_FULL		/* it was full, and they did not ask to wait */
};

int groups_create(struct gate *g, const char *name, int capacity,
    int64_t *id, char *err);
int groups_join(struct gate *g, int64_t group_id, int64_t member_id,
    int wait, int64_t *position, char *err);
int groups_leave(struct gate *g, int64_t group_id, int64_t member_id,
    int64_t *told, char *err);

int groups_create_cmd(struct cli *c, int argc, char **argv);
int groups_add_cmd(struct cli *c, int argc, char **argv);
int groups_leave_cmd(struct cli *c, int argc, char **argv);
int groups_moderator_cmd(struct cli *c, int argc, char **argv);
int groups_show_cmd(struct cli *c, int argc, char **argv);
int groups_list_cmd(struct cli *c, int argc, char **argv);

#endif
