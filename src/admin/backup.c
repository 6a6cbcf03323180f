/*
** backup.c: the backup commands.  See backup.h.
*/
#include "backup.h"

#include <jansson.h>
#include <stdio.h>
#include <string.h>

#include "../app.h"
#include "../cli.h"
#include "../core/gate.h"
#include "../util/util.h"

/* sanctum backup FILE */
int
backup_cmd(struct cli *c, int argc, char **argv)
{
	char err[ERR_MAX], target[64];
	int rc;

	if (argc != 2)
		return cli_usage(c, "backup");
	if ((rc = cli_open(c)) != EXIT_OK)
		return rc;
	if (app_backup(cli_app(), argv[1], err) != 0)
		return cli_fail("backup: %s", err);
	/* the trail says a copy was made, not where it went */
	snprintf(target, sizeof(target), "community");
	if (gate_begin(c->gate) != 0 || gate_audit(c->gate, "backup", target,
	    "a sealed copy of the database was made") != 0 ||
	    gate_commit(c->gate) != 0) {
		gate_rollback(c->gate);
		return cli_fail("backup: made, but its audit entry could not be "
		    "saved");
	}
	printf("backed up to %s (sealed with the community's key)\n", argv[1]);
	return EXIT_OK;
}

/* sanctum verify-backup FILE [--json] */
int
verify_backup_cmd(struct cli *c, int argc, char **argv)
{
	struct app_backup_report r;
	char err[ERR_MAX];
	int json = argc == 3 && strcmp(argv[2], "--json") == 0;

	if (argc != 2 && !json)
		return cli_usage(c, "verify-backup");
	if (app_verify_backup(&c->opts, argv[1], &r, err) != 0) {
		if (json) {
			json_t *j = json_pack("{s:b, s:s}", "ok", 0, "error",
			    err);
			cli_print_json(j);
			json_decref(j);
		}
		return cli_fail("verify-backup: %s", err);
	}
	if (json) {
		json_t *j = json_pack("{s:b, s:i, s:I}", "ok", 1, "schema",
		    r.version, "audit_entries", (json_int_t)r.audit_entries);
		cli_print_json(j);
		json_decref(j);
	} else
		printf("%s: opens with the key, integrity_check ok, audit trail "
		    "intact (%lld entries), schema %d\n", argv[1],
		    r.audit_entries, r.version);
	return EXIT_OK;
}

/* sanctum restore FILE [--force] */
int
restore_cmd(struct cli *c, int argc, char **argv)
{
	struct app_backup_report r;
	char err[ERR_MAX];
	int force = argc == 3 && strcmp(argv[2], "--force") == 0;

	if (argc != 2 && !force)
		return cli_usage(c, "restore");
	if (app_restore(&c->opts, argv[1], force, &r, err) != 0)
		return cli_fail("restore: %s", err);
	if (r.moved_to[0])
		printf("the database that was there is now %s\n", r.moved_to);
	printf("restored %s from %s (audit trail intact, %lld entries)\n",
	    c->opts.db_path, argv[1], r.audit_entries);
	return EXIT_OK;
}
