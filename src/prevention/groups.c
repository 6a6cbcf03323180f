/*
** groups.c: support groups, who belongs to them and who waits, and
** `sanctum group create|add|leave|show|list`.  See groups.h.
**
** A group's name may be written in any script.  Every change is in the
** audit trail, in the same transaction.
*/
#include "groups.h"

#include <getopt.h>
#include <jansson.h>
#include <stdio.h>
#include <string.h>

#include "../cli.h"
#include "../core/gate.h"
#include "pledge.h"
#include "../store/accounts.h"
#include "../store/community.h"
#include "../store/db.h"
#include "../store/healing.h"
#include "../store/prevention.h"
#include "../util/util.h"
#include "pseudonym.h"

/* Add the group called name for capacity people (2 to 14), in one part
** of the caller's transaction.  Returns 0 and sets *id, DB_EXISTS when
** the name is taken, or -1; err says why. */
int
groups_create(struct gate *g, const char *name, int capacity, int64_t *id,
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
	if (rc != 0 || gate_audit(g, "group.create", name, detail) != 0 ||
	    gate_commit(g) != 0) {
		gate_rollback(g);
		err_set(err, "cannot save the group: %s", db_error(db));
		return -1;
	}
	return 0;
}

/* The name of group id into out, for messages and the audit trail. */
static void
group_name(struct db *db, int64_t id, char *out, size_t cap)
{
	int anon;

	if (community_group_get(db, id, out, cap, &anon) != 1)
		snprintf(out, cap, "group %lld", (long long)id);
}

/* The pseudonym of member id into out. */
static void
member_name(struct db *db, int64_t id, char *out, size_t cap)
{
	if (community_member_name(db, id, out, cap) != 1)
		snprintf(out, cap, "member %lld", (long long)id);
}

/* Let member into group, in one part of the caller's transaction: they
** must be active and have accepted the pledge in force.  When the group
** is full, they wait for a place if wait is set (*position: their place
** in the waiting list).  Returns a groups_joined, or -1; err says why. */
int
groups_join(struct gate *g, int64_t group_id, int64_t member_id, int wait,
    int64_t *position, char *err)
{
	struct db *db = gate_db(g);
	char status[16], gname[GROUPS_NAME_MAX + 1], who[72], detail[48];
	int64_t members = 0;
	int rc, capacity = 0;

	group_name(db, group_id, gname, sizeof(gname));
	member_name(db, member_id, who, sizeof(who));
	if (community_member_status(db, member_id, status, sizeof(status))
	    != 1 || community_group_size(db, group_id, &capacity, &members)
	    != 1) {
		err_set(err, "cannot read the member or the group");
		return -1;
	}
	if (strcmp(status, "active") != 0) {
		err_set(err, "%s cannot join a group: %s", who,
		    strcmp(status, "suspended") == 0 ? "their membership is "
		    "suspended" : strcmp(status, "applicant") == 0 ? "their "
		    "application has not been approved" : "they have left the "
		    "community");
		return -1;
	}
	if ((rc = pledge_accepted_current(db, member_id)) != 1) {
		if (rc < 0)
			err_set(err, "cannot read the pledges");
		else
			err_set(err, "%s has not accepted the confidentiality "
			    "pledge in force; no group is open to them until "
			    "they do (`sanctum pledge accept %s` when they "
			    "accepted it elsewhere)", who, who);
		return -1;
	}
	if ((rc = healing_space_admits(db, group_id, member_id, util_now()))
	    != 1) {
		err_set(err, rc < 0 ? "cannot read the group" : "%s is a "
		    "healing space: one enters it by accepting an invitation, "
		    "while it is open", gname);
		return -1;
	}
	if (gate_begin(g) != 0) {
		err_set(err, "the database is busy");
		return -1;
	}
	rc = community_group_join(db, group_id, member_id, util_now());
	if (rc == 1) {
		gate_rollback(g);
		return GROUPS_ALREADY;
	}
	if (rc == DB_FULL && !wait) {
		gate_rollback(g);
		err_set(err, "%s is full (%lld of %d)", gname,
		    (long long)members, capacity);
		return GROUPS_FULL;
	}
	if (rc == DB_FULL) {
		rc = prevention_wait_add(db, group_id, member_id, util_now(),
		    position);
		snprintf(detail, sizeof(detail), "waits for a place, number "
		    "%lld", (long long)*position);
		if ((rc == 0 && gate_audit(g, "group.wait", gname, detail) != 0)
		    || (rc != 0 && rc != DB_EXISTS) || gate_commit(g) != 0)
			goto fail;
		return GROUPS_WAITING;
	}
	if (rc != 0 || prevention_wait_remove(db, group_id, member_id) < 0 ||
	    gate_audit(g, "group.join", gname, who) != 0 || gate_commit(g) != 0)
		goto fail;
	return GROUPS_JOINED;
fail:
	gate_rollback(g);
	err_set(err, "cannot save: %s", db_error(db));
	return -1;
}

/* Member leaves group (or is taken off its waiting list), in one part of
** the caller's transaction.  When a place opens, the first who waits is
** told (*told: their member id, or 0).  Returns 1 when they belonged or
** waited, 0 when neither, or -1; err says why. */
int
groups_leave(struct gate *g, int64_t group_id, int64_t member_id,
    int64_t *told, char *err)
{
	struct db *db = gate_db(g);
	char gname[GROUPS_NAME_MAX + 1], who[72];
	int64_t members = 0;
	int left, waited, rc, capacity = 0;

	*told = 0;
	group_name(db, group_id, gname, sizeof(gname));
	member_name(db, member_id, who, sizeof(who));
	if (gate_begin(g) != 0) {
		err_set(err, "the database is busy");
		return -1;
	}
	left = community_group_leave(db, group_id, member_id, util_now());
	waited = prevention_wait_remove(db, group_id, member_id);
	if (left < 0 || waited < 0)
		goto fail;
	if (!left && !waited) {
		gate_rollback(g);
		return 0;
	}
	/* a place opened (an imported group may hold more than it may
	** take: then none did) */
	rc = 0;
	if (left && community_group_size(db, group_id, &capacity, &members)
	    == 1 && members < capacity)
		rc = prevention_wait_tell_next(db, group_id, util_now(), told);
	if (rc < 0 || gate_audit(g, left ? "group.leave" : "group.unwait",
	    gname, who) != 0 || gate_commit(g) != 0)
		goto fail;
	return 1;
fail:
	gate_rollback(g);
	err_set(err, "cannot save: %s", db_error(db));
	return -1;
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

/* sanctum group create NAME [--cap N] */
int
groups_create_cmd(struct cli *c, int argc, char **argv)
{
	static const struct option opts[] = {
		{ "cap", required_argument, NULL, 'c' },
		{ "anonymous", no_argument, NULL, 'a' },
		{ "visible-mark", no_argument, NULL, 'v' },
		{ NULL, 0, NULL, 0 }
	};
	char err[ERR_MAX];
	long long v;
	int64_t id;
	int ch, rc, capacity = GROUPS_DEFAULT_CAPACITY, anonymous = 0, mark = 0;

	optind = 0;
	while ((ch = getopt_long(argc, argv, "", opts, NULL)) != -1) {
		if (ch == 'a' || ch == 'v') {
			if (ch == 'a')
				anonymous = 1;
			else
				mark = 1;
			continue;
		}
		if (ch != 'c' || util_parse_int(optarg, 0, 1000000, &v) != 0)
			return cli_usage(c, "group");
		capacity = (int)v;
	}
	if (optind != argc - 1)
		return cli_usage(c, "group");
	if ((rc = cli_open(c)) != EXIT_OK)
		return rc;
	if (groups_create(c->gate, argv[optind], capacity, &id, err) != 0)
		return cli_fail("group: %s", err);
	if (anonymous && (community_group_set_anonymous(c->db, id, 1) != 0 ||
	    gate_audit(c->gate, "group.anonymous", argv[optind], "on") != 0))
		return cli_fail("group: cannot save: %s", db_error(c->db));
	if (mark && (prevention_group_set_visible_mark(c->db, id, 1) != 0 ||
	    gate_audit(c->gate, "group.visible-mark", argv[optind], "on") != 0))
		return cli_fail("group: cannot save: %s", db_error(c->db));
	cli_say(c, "created the group %s, for %d people%s\n", argv[optind],
	    capacity, anonymous ? "; members may post anonymously" : "");
	return EXIT_OK;
}

/* The group and member that argv[1] and argv[2] name.  Returns 1 with
** both set, or an exit code after saying why. */
static int
group_and_member(struct cli *c, char **argv, int64_t *gid, int64_t *mid)
{
	int rc;

	if ((rc = cli_open(c)) != EXIT_OK)
		return rc;
	rc = community_group_by_name(c->db, argv[1], gid);
	if (rc != 1)
		return rc < 0 ? cli_fail("group: cannot read the groups") :
		    cli_fail("group: no group %s (`sanctum group list` shows "
		    "them)", argv[1]);
	rc = pseudonym_member(c->db, argv[2], mid);
	if (rc != 1)
		return rc < 0 ? cli_fail("group: cannot read the members") :
		    cli_fail("group: no member %s", argv[2]);
	return 1;
}

/* sanctum group add GROUP PSEUDONYM [--wait] */
int
groups_add_cmd(struct cli *c, int argc, char **argv)
{
	static const struct option opts[] = {
		{ "wait", no_argument, NULL, 'w' },
		{ NULL, 0, NULL, 0 }
	};
	char err[ERR_MAX];
	int64_t gid, mid, pos = 0;
	int ch, rc, wait = 0;

	optind = 0;
	while ((ch = getopt_long(argc, argv, "", opts, NULL)) != -1) {
		if (ch != 'w')
			return cli_usage(c, "group");
		wait = 1;
	}
	if (argc - optind != 2)
		return cli_usage(c, "group");
	argv += optind - 1;
	if ((rc = group_and_member(c, argv, &gid, &mid)) != 1)
		return rc;
	switch (groups_join(c->gate, gid, mid, wait, &pos, err)) {
	case GROUPS_JOINED:
		cli_say(c, "%s belongs to %s now\n", argv[2], argv[1]);
		return EXIT_OK;
	case GROUPS_ALREADY:
		cli_say(c, "%s belongs to %s already\n", argv[2], argv[1]);
		return EXIT_OK;
	case GROUPS_WAITING:
		cli_say(c, "%s is full: %s is number %lld on its waiting list "
		    "and is told when a place opens\n", argv[1], argv[2],
		    (long long)pos);
		return EXIT_OK;
	case GROUPS_FULL:
		return cli_fail("group: %s; support groups stay under 15 "
		    "people. --wait puts %s on its waiting list", err,
		    argv[2]);
	default:
		return cli_fail("group: %s", err);
	}
}

/* sanctum group leave GROUP PSEUDONYM */
int
groups_leave_cmd(struct cli *c, int argc, char **argv)
{
	char err[ERR_MAX], told_name[72];
	int64_t gid, mid, told;
	int rc;

	if (argc != 3)
		return cli_usage(c, "group");
	if ((rc = group_and_member(c, argv, &gid, &mid)) != 1)
		return rc;
	rc = groups_leave(c->gate, gid, mid, &told, err);
	if (rc < 0)
		return cli_fail("group: %s", err);
	if (rc == 0)
		return cli_fail("group: %s neither belongs to %s nor waits for "
		    "it", argv[2], argv[1]);
	cli_say(c, "%s no longer belongs to %s\n", argv[2], argv[1]);
	if (told) {
		member_name(c->db, told, told_name, sizeof(told_name));
		cli_say(c, "a place opened: %s, first on the waiting list, is "
		    "told\n", told_name);
	}
	return EXIT_OK;
}

/* sanctum group moderator GROUP NAME [--remove] */
int
groups_moderator_cmd(struct cli *c, int argc, char **argv)
{
	struct user u;
	int64_t gid;
	int rc, on = 1;

	if (argc == 4 && strcmp(argv[3], "--remove") == 0)
		on = 0;
	else if (argc != 3)
		return cli_usage(c, "group");
	if ((rc = cli_open(c)) != EXIT_OK)
		return rc;
	rc = community_group_by_name(c->db, argv[1], &gid);
	if (rc != 1)
		return rc < 0 ? cli_fail("group: cannot read the groups") :
		    cli_fail("group: no group %s", argv[1]);
	if (accounts_user_by_name(c->db, argv[2], &u) != 1)
		return cli_fail("group: no account %s", argv[2]);
	if (role_parse(u.role) < ROLE_MODERATOR)
		return cli_fail("group: %s is a %s; a group's moderator is a "
		    "moderator or an admin", argv[2], u.role);
	rc = prevention_group_moderator(c->db, gid, u.id, on, util_now());
	if (rc < 0 || (rc == 0 && gate_audit(c->gate, on ?
	    "group.moderator" : "group.unmoderator", argv[1], argv[2]) != 0))
		return cli_fail("group: cannot save: %s", db_error(c->db));
	cli_say(c, rc == 1 ? "nothing to change\n" : on ? "%s moderates %s "
	    "now\n" : "%s no longer moderates %s\n", argv[2], argv[1]);
	return EXIT_OK;
}

static int
json_name(void *ctx, const char *name)
{
	json_array_append_new(ctx, json_string(name));
	return 0;
}

/* Collect members for `group show`. */
static int
json_member(void *ctx, const char *pseudonym, int64_t joined_at)
{
	json_array_append_new(ctx, json_pack("{s:s, s:I}", "pseudonym",
	    pseudonym, "joined_at", (json_int_t)joined_at));
	return 0;
}

static int
json_waiter(void *ctx, const struct wait_row *w)
{
	json_array_append_new(ctx, json_pack("{s:s, s:I, s:b}", "pseudonym",
	    w->pseudonym, "asked_at", (json_int_t)w->asked_at, "told",
	    w->told_at != 0));
	return 0;
}

/* sanctum group show GROUP [--json]: who belongs now, and who waits. */
int
groups_show_cmd(struct cli *c, int argc, char **argv)
{
	json_t *o, *members, *waiting, *mods;
	const char *name;
	char when[32];
	int64_t gid, n = 0;
	size_t i;
	int json = 0, rc, capacity = 0;

	if (argc == 3 && strcmp(argv[1], "--json") == 0) {
		json = 1;
		name = argv[2];
	} else if (argc == 3 && strcmp(argv[2], "--json") == 0) {
		json = 1;
		name = argv[1];
	} else if (argc == 2) {
		name = argv[1];
	} else {
		return cli_usage(c, "group");
	}
	if ((rc = cli_open(c)) != EXIT_OK)
		return rc;
	rc = community_group_by_name(c->db, name, &gid);
	if (rc != 1)
		return rc < 0 ? cli_fail("group: cannot read the groups") :
		    cli_fail("group: no group %s", name);
	members = json_array();
	waiting = json_array();
	if (community_group_size(c->db, gid, &capacity, &n) != 1 ||
	    community_group_members_each(c->db, gid, json_member, members)
	    != 0 || prevention_wait_each(c->db, gid, json_waiter, waiting)
	    != 0) {
		json_decref(members);
		json_decref(waiting);
		return cli_fail("group: cannot read the group");
	}
	mods = json_array();
	if (prevention_group_moderators_each(c->db, gid, json_name, mods) != 0)
		json_array_clear(mods);
	o = json_pack("{s:I, s:s, s:i, s:o, s:o, s:o}", "id", (json_int_t)gid,
	    "name", name, "capacity", capacity, "members", members,
	    "waiting", waiting, "moderators", mods);
	if (json) {
		cli_print_json(o);
	} else {
		printf("%s: %lld of %d\n", name, (long long)n, capacity);
		for (i = 0; i < json_array_size(mods); i++)
			printf("  moderated by %s\n", json_string_value(
			    json_array_get(mods, i)));
		for (i = 0; i < json_array_size(members); i++) {
			json_t *m = json_array_get(members, i);
			util_format_time(json_integer_value(json_object_get(m,
			    "joined_at")), when, sizeof(when));
			printf("  %-32s since %s\n", json_string_value(
			    json_object_get(m, "pseudonym")), when);
		}
		for (i = 0; i < json_array_size(waiting); i++) {
			json_t *w = json_array_get(waiting, i);
			printf("  waiting %zu: %s%s\n", i + 1,
			    json_string_value(json_object_get(w, "pseudonym")),
			    json_is_true(json_object_get(w, "told")) ?
			    " (told a place opened)" : "");
		}
	}
	json_decref(o);
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
