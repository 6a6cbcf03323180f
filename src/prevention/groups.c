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

#include "../admin/audit.h"
#include "../app.h"
#include "../cli.h"
#include "../store/community.h"
#include "../store/db.h"
#include "../util/util.h"

/* Add the group called name for capacity people (2 to 14).  Returns 0 and
** sets *id, DB_EXISTS when the name is taken, or -1; err says why. */
int
groups_add(struct db *db, const struct keyring *kr, int64_t actor_id,
    const char *actor, const char *name, int capacity, int64_t *id,
    char *err)
{
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
	if (db_begin(db) != 0) {
		err_set(err, "the database is busy");
		return -1;
	}
	rc = community_group_add(db, name, "", capacity, util_now(), id);
	if (rc == DB_EXISTS) {
		db_rollback(db);
		err_set(err, "there is a group called %s already", name);
		return DB_EXISTS;
	}
	snprintf(detail, sizeof(detail), "for %d people", capacity);
	if (rc != 0 || audit_append(db, kr, actor_id, actor, "group.add",
	    name, detail) != 0 || db_commit(db) != 0) {
		db_rollback(db);
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

/* sanctum group add NAME [--capacity N] | group list [--json] */
int
groups_cmd(struct cli *c, int argc, char **argv)
{
	static const struct option opts[] = {
		{ "capacity", required_argument, NULL, 'c' },
		{ "json", no_argument, NULL, 'j' },
		{ NULL, 0, NULL, 0 }
	};
	struct app a;
	char err[ERR_MAX];
	long long v;
	int64_t id;
	int ch, json = 0, capacity = GROUPS_DEFAULT_CAPACITY, add, rc;
	json_t *arr;

	if (argc < 2)
		return cli_usage(c, "group");
	add = strcmp(argv[1], "add") == 0;
	if (!add && strcmp(argv[1], "list") != 0)
		return cli_usage(c, "group");
	optind = 2;
	while ((ch = getopt_long(argc, argv, "", opts, NULL)) != -1) {
		if (ch == 'c' && add && util_parse_int(optarg, 0, 1000, &v) ==
		    0)
			capacity = (int)v;
		else if (ch == 'j' && !add)
			json = 1;
		else
			return cli_usage(c, "group");
	}
	if (optind != argc - (add ? 1 : 0))
		return cli_usage(c, "group");
	if (app_open(&c->opts, &a, err) != 0)
		return cli_fail("%s", err);
	rc = EXIT_OK;
	if (add) {
		if (groups_add(a.db, a.kr, 0, audit_cli_actor(), argv[optind],
		    capacity, &id, err) != 0)
			rc = cli_fail("group: %s", err);
		else
			printf("added the group %s, for %d people\n",
			    argv[optind], capacity);
	} else if (json) {
		arr = json_array();
		if (community_group_each(a.db, json_group, arr) != 0)
			rc = cli_fail("group: cannot read the groups");
		json_dumpf(arr, stdout, JSON_INDENT(2));
		putchar('\n');
		json_decref(arr);
	} else if (community_group_each(a.db, print_group, NULL) != 0) {
		rc = cli_fail("group: cannot read the groups");
	}
	app_close(&a);
	return rc;
}
