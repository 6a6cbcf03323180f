/*
** tasks.c: the scheduled work, and `sanctum tasks`.  See tasks.h.
*/
#include "tasks.h"

#include <stdio.h>
#include <string.h>

#include "admin/retention.h"
#include "care/remind.h"
#include "cli.h"
#include "core/gate.h"
#include "healing/spaces.h"
#include "import/record.h"
#include "store/db.h"
#include "util/log.h"
#include "util/util.h"

static int
count_case(void *ctx, const struct care_case *c)
{
	(void)c;
	(*(int *)ctx)++;
	return 0;
}

/* After a key rotation's grace period, forget the way from the old key
** to the new one (admin/keyrotate.h), and checkpoint so that it is gone
** from the write-ahead log too.  Returns 0 or -1. */
static int
retire_old_key(struct gate *g, int *retired)
{
	*retired = 0;
	if (gate_begin(g) != 0 || gate_key_retire(g, 0, retired) != 0 ||
	    (*retired && (db_wal_owe(gate_db(g)) != 0 || gate_audit(g,
	    "key.retire", "community", "the grace period of the key rotation "
	    "ended: the old key opens nothing") != 0)) || gate_commit(g) != 0) {
		gate_rollback(g);
		return -1;
	}
	/* also what an earlier purge or rotation could not truncate */
	db_wal_settle(gate_db(g));
	return 0;
}

/* Run every task as of now.  One that fails does not stop the others;
** the first failure is in err.  Returns 0, or -1. */
int
tasks_run(struct gate *g, int64_t now, struct tasks_done *d, char *err)
{
	char e[ERR_MAX];
	int rc = 0;

	memset(d, 0, sizeof(*d));
	err[0] = '\0';
	if (healing_spaces_end_due(g, now, &d->spaces_ended, e) != 0) {
		err_set(err, "healing spaces: %s", e);
		rc = -1;
	}
	if (care_remind(g, now, &d->reminders_sent, &d->reminders_failed, e)
	    != 0 && rc == 0) {
		err_set(err, "reminders: %s", e);
		rc = -1;
	}
	if (care_orphans_each(gate_db(g), now, count_case,
	    &d->cases_without_holder) != 0 && rc == 0) {
		err_set(err, "cannot read the care cases");
		rc = -1;
	}
	if (retire_old_key(g, &d->old_key_retired) != 0 && rc == 0) {
		err_set(err, "cannot retire the old key of a key rotation");
		rc = -1;
	}
	/* last: its checkpoint then takes the writes of the tasks above */
	if (retention_scheduled(g, now, &d->purged, e) != 0 && rc == 0) {
		err_set(err, "retention: %s", e);
		rc = -1;
	}
	return rc;
}

/* What `sanctum serve` calls every few minutes, with the command's cli. */
void
tasks_tick(void *arg)
{
	struct cli *c = arg;
	struct tasks_done d;
	char err[ERR_MAX];

	if (tasks_run(c->gate, util_now(), &d, err) != 0)
		log_msg(LOG_ERROR, "tasks: %s", err);
	if (d.spaces_ended || d.reminders_sent || d.reminders_failed)
		log_msg(LOG_INFO, "tasks: %d healing space%s ended, %d "
		    "reminder%s sent, %d not sent", d.spaces_ended,
		    d.spaces_ended == 1 ? "" : "s", d.reminders_sent,
		    d.reminders_sent == 1 ? "" : "s", d.reminders_failed);
	if (retention_total(&d.purged))
		log_msg(LOG_INFO, "tasks: retention purged %d report%s, %d "
		    "place%s, %d finding%s, the notes of %d case%s and %d "
		    "incident%s", d.purged.reports, d.purged.reports == 1 ? "" :
		    "s", d.purged.leaks, d.purged.leaks == 1 ? "" : "s",
		    d.purged.findings, d.purged.findings == 1 ? "" : "s",
		    d.purged.cases, d.purged.cases == 1 ? "" : "s",
		    d.purged.incidents, d.purged.incidents == 1 ? "" : "s");
}

/* sanctum tasks [--at TIME] */
int
tasks_cmd(struct cli *c, int argc, char **argv)
{
	struct tasks_done d;
	char err[ERR_MAX];
	int64_t at = util_now();
	int rc;

	if (argc == 3 && strcmp(argv[1], "--at") == 0) {
		if (record_time_rfc3339(argv[2], &at) != 0)
			return cli_fail("tasks: --at is an RFC 3339 time");
	} else if (argc != 1) {
		return cli_usage(c, "tasks");
	}
	if ((rc = cli_open(c)) != EXIT_OK)
		return rc;
	rc = tasks_run(c->gate, at, &d, err);
	cli_say(c, "%d healing space%s ended\n%d reminder%s sent, %d not sent\n"
	    "%d care case%s need%s a new holder\n", d.spaces_ended,
	    d.spaces_ended == 1 ? "" : "s", d.reminders_sent,
	    d.reminders_sent == 1 ? "" : "s", d.reminders_failed,
	    d.cases_without_holder, d.cases_without_holder == 1 ? "" : "s",
	    d.cases_without_holder == 1 ? "s" : "");
	cli_say(c, "%d row%s purged under the retention periods\n",
	    retention_total(&d.purged), retention_total(&d.purged) == 1 ? "" :
	    "s");
	if (rc != 0)
		return cli_fail("tasks: %s", err);
	return d.reminders_failed ? cli_fail("tasks: some reminders could "
	    "not be sent") : EXIT_OK;
}
