/*
** groups.h: support groups.  The framework asks for small groups, under
** 15 people: a group holds 12 by default and 14 at most, and no option
** raises that.
*/
#ifndef SANCTUM_GROUPS_H
#define SANCTUM_GROUPS_H

#include <stdint.h>

struct gate;
struct cli;

#define GROUPS_DEFAULT_CAPACITY 12
#define GROUPS_MAX_CAPACITY 14
#define GROUPS_NAME_MAX 80	/* bytes of UTF-8 */

int groups_add(struct gate *g, const char *name, int capacity, int64_t *id,
    char *err);
int groups_add_cmd(struct cli *c, int argc, char **argv);
int groups_list_cmd(struct cli *c, int argc, char **argv);

#endif
