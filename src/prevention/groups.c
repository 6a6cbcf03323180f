/*
** groups.c: support groups, and `sanctum group add|list`.  See groups.h.
**
** A group's name may be written in any script.  Making a group is in the
** audit trail, in the same transaction.
*/
#include "groups.h"

#include <getopt.h>
#include <jansson.h>
#include <stdio.h>
#include <string.h>

#include "../cli.h"
#include "../core/gate.h"
#include "../store/community.h"
#include "../store/db.h"
#include "../util/util.h"

/* Add the group called name for capacity people (2 to 14), in one part
** of the caller's transaction.  Returns 0 and sets *id, DB_EXISTS when
** the name is taken, or -1; err says why. */
int
groups_add(struct gate *g, const char *name, int capacity, int64_t *id,
    char *err)
{
	struct db *db = gate_db(g);
	char detail[32];
	int rc;

	if (!util_valid_label(name, GROUPS_NAME_MAX)) {
		err_set(err, "a group's name is 1 to %d bytes of text, without "
		    "control characters", GROUPS_NAME_MAX);
		return -1;
	}
	if (capacity < 2 || capacity > GROUPS_MAX_CAPACITY) {
		err_set(err, "a group holds 2 to %d people: support groups "
		    "stay small", GROUPS_MAX_CAPACITY);
		return -1;
	}
	if (gate_begin(g) != 0) {
		err_set(err, "the database is busy");
		return -1;
	}
	rc = community_group_add(db, name, "", capacity, util_now(), id);
	if (rc == DB_EXISTS) {
		gate_rollback(g);
		err_set(err, "there is a group called %s already", name);
		return DB_EXISTS;
	}
	snprintf(detail, sizeof(detail), "for %d people", capacity);
	if (rc != 0 || gate_audit(g, "group.add", name, detail) != 0 ||
	    gate_commit(g) != 0) {
		gate_rollback(g);
		err_set(err, "cannot save the group: %s", db_error(db));
		return -1;
	}
	return 0;
}

/* Print one group for `group list`. */
static int
print_group(void *ctx, const struct group_row *g)
{
	(void)ctx;
	printf("%-32s %2lld of %2d%s%s\n", g->name, (long long)g->members,
	    g->capacity, strcmp(g->source, "sanctum") != 0 ?
	    "  imported from " : "", strcmp(g->source, "sanctum") != 0 ?
	    g->source : "");
	return 0;
}

/* Add one group to a JSON array. */
static int
json_group(void *ctx, const struct group_row *g)
{
	json_array_append_new(ctx, json_pack("{s:I, s:s, s:i, s:I, s:s}",
	    "id", (json_int_t)g->id, "name", g->name, "capacity", g->capacity,
	    "members", (json_int_t)g->members, "source", g->source));
	return 0;
}

/* sanctum group add NAME [--capacity N] */
int
groups_add_cmd(struct cli *c, int argc, char **argv)
{
	static const struct option opts[] = {
		{ "capacity", required_argument, NULL, 'c' },
		{ NULL, 0, NULL, 0 }
	};
	char err[ERR_MAX];
	long long v;
	int64_t id;
	int ch, rc, capacity = GROUPS_DEFAULT_CAPACITY;

	optind = 0;
	while ((ch = getopt_long(argc, argv, "", opts, NULL)) != -1) {
		if (ch != 'c' || util_parse_int(optarg, 0, 1000, &v) != 0)
			return cli_usage(c, "group");
		capacity = (int)v;
	}
	if (optind != argc - 1)
		return cli_usage(c, "group");
	if ((rc = cli_open(c)) != EXIT_OK)
		return rc;
	if (groups_add(c->gate, argv[optind], capacity, &id, err) != 0)
		return cli_fail("group: %s", err);
	cli_say(c, "added the group %s, for %d people\n", argv[optind],
	    capacity);
	return EXIT_OK;
}

/* sanctum group list [--json] */
int
groups_list_cmd(struct cli *c, int argc, char **argv)
{
	json_t *arr;
	int json = argc == 2 && strcmp(argv[1], "--json") == 0, rc;

	if (argc > 2 || (argc == 2 && !json))
		return cli_usage(c, "group");
	if ((rc = cli_open(c)) != EXIT_OK)
		return rc;
	if (!json)
		return community_group_each(c->db, print_group, NULL) == 0 ?
		    EXIT_OK : cli_fail("group: cannot read the groups");
	arr = json_array();
	rc = community_group_each(c->db, json_group, arr);
	if (rc == 0)
		cli_print_json(arr);
	json_decref(arr);
	return rc == 0 ? EXIT_OK : cli_fail("group: cannot read the groups");
}
