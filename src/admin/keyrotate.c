/*
** keyrotate.c: the key rotation commands.  See keyrotate.h.
*/
#include "keyrotate.h"

#include <getopt.h>
#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../app.h"
#include "../cli.h"
#include "../core/gate.h"
#include "../core/keystate.h"
#include "../core/trail.h"
#include "../store/db.h"
#include "../util/util.h"

#define GRACE_DEFAULT 600	/* seconds the old key may still follow */
#define BATCH_DEFAULT 500	/* values re-sealed per transaction */

struct totals {
	long long seen, resealed, unopened, batches;
};

/* Start a rotation: a new key, the epoch turned odd.  Returns EXIT_OK or
** an exit status. */
static int
start(struct cli *c, const char *new_pass_file)
{
	char err[ERR_MAX];

	if (app_rotate_begin(&c->opts, cli_app(), c->gate, new_pass_file,
	    err) != 0)
		return cli_fail("key rotate: %s", err);
	return EXIT_OK;
}

/* Seal every sealed column again, batch by batch.  Every column is read
** from its first row each time, also when a rotation cut short goes on:
** what the new key opens already costs one decryption and no write, and
** the rotation can only end once every value has been seen to open with
** the new key.  After each batch it waits as long as the batch held the
** write lock: a server's writes waiting in SQLite's busy handler wake at
** times of their own, and would otherwise find the lock taken again.
** Returns EXIT_OK or an exit status. */
static int
reseal_all(struct cli *c, int batch, struct totals *t)
{
	struct gate_rekey r;
	char target[96], detail[160];
	int col;
	int64_t after, b0;

	for (col = 0; col < SEALED_NCOLS; col++) {
		const struct sealed_info *si;

		si = sealed_info((enum sealed_col)col);

		snprintf(target, sizeof(target), "%s.%s", si->table,
		    si->column);
		after = 0;
		do {
			b0 = util_clock_ns();
			if (gate_begin(c->gate) != 0 || gate_rekey(c->gate,
			    (enum sealed_col)col, after, batch, &r) != 0 ||
			    keystate_progress(gate_db(c->gate),
			    r.seen == batch ? col : col + 1,
			    r.seen == batch ? r.last : 0) != 0)
				goto fail;
			snprintf(detail, sizeof(detail), "%lld sealed again, "
			    "%lld already with the new key, %lld open with "
			    "neither", r.resealed, r.seen - r.resealed -
			    r.unopened, r.unopened);
			/* a batch that saw nothing changed nothing to audit */
			if ((r.seen && gate_audit(c->gate, "key.reseal", target,
			    detail) != 0) || gate_commit(c->gate) != 0)
				goto fail;
			t->seen += r.seen;
			t->resealed += r.resealed;
			t->unopened += r.unopened;
			t->batches += r.seen > 0;
			after = r.last;
			if (r.seen)
				util_pause_since(b0);
		} while (r.seen == batch);
	}
	return EXIT_OK;
fail:
	gate_rollback(c->gate);
	return cli_fail("key rotate: re-sealing %s stopped: %s (run it again "
	    "to go on)", target, db_error(gate_db(c->gate)));
}

/* End the rotation: the trail MACed again, the key check and the key
** file the new key's.  Returns EXIT_OK or an exit status. */
static int
finish(struct cli *c, long long grace, struct totals *t, char *retired,
    size_t rn)
{
	struct trail_report rep;
	char err[ERR_MAX], detail[160];
	int rc;

	if (app_rotate_stage(&c->opts, cli_app(), err) != 0)
		return cli_fail("key rotate: cannot write the new key: %s",
		    err);
	if (gate_begin(c->gate) != 0)
		return cli_fail("key rotate: %s", db_error(gate_db(c->gate)));
	rc = gate_rotate_end(c->gate, grace, &rep);
	if (rc == 1) {
		gate_rollback(c->gate);
		return cli_fail("key rotate: the audit trail is broken at "
		    "entry %lld (%s); the rotation stays open, the old key "
		    "still opens everything", (long long)rep.broken_id,
		    rep.reason);
	}
	snprintf(detail, sizeof(detail), "ended: %lld values sealed again; "
	    "the audit trail's %lld entries MACed again", t->resealed,
	    (long long)rep.entries);
	if (rc != 0 || db_wal_owe(gate_db(c->gate)) != 0 ||
	    gate_audit(c->gate, "key.rotate", "community", detail) != 0 ||
	    gate_commit(c->gate) != 0) {
		gate_rollback(c->gate);
		return cli_fail("key rotate: cannot end: %s",
		    db_error(gate_db(c->gate)));
	}
	if (app_rotate_swap(&c->opts, retired, rn, err) != 0)
		return cli_fail("key rotate: the community is sealed with the "
		    "new key, but %s; it is finished the next time sanctum "
		    "opens the community", err);
	/* the old values' pages leave the write-ahead log (secure_delete
	** zeroes them in the database); when a reader holds it, the
	** scheduled tasks or the next purge or rotation truncate it */
	db_checkpoint_passive(gate_db(c->gate));	/* writers go on */
	if (db_wal_truncate(gate_db(c->gate)) != 0)
		fprintf(stderr, "sanctum: key rotate: a reader holds the "
		    "write-ahead log, which still has old pages; serve's "
		    "scheduled tasks truncate it later\n");
	return EXIT_OK;
}

/* sanctum key rotate [--grace SECONDS] [--batch N]
**     [--new-passphrase-file PATH] [--json] */
int
key_rotate_cmd(struct cli *c, int argc, char **argv)
{
	static const struct option opts[] = {
		{ "grace", required_argument, NULL, 'g' },
		{ "batch", required_argument, NULL, 'b' },
		{ "new-passphrase-file", required_argument, NULL, 'p' },
		{ "json", no_argument, NULL, 'j' },
		{ NULL, 0, NULL, 0 }
	};
	struct totals t;
	const char *pass_file = NULL;
	char retired[1200];
	struct keystate ks;
	long long grace = GRACE_DEFAULT;
	int ch, rc, batch = BATCH_DEFAULT, json = 0, resumed;
	int64_t t0;
	double secs;

	optind = 0;
	while ((ch = getopt_long(argc, argv, "", opts, NULL)) != -1) {
		if (ch == 'g' && util_parse_int(optarg, 0, 7 * 86400, &grace) ==
		    0)
			continue;
		if (ch == 'b') {
			long long b;

			if (util_parse_int(optarg, 1, 100000, &b) != 0)
				return cli_usage(c, "key");
			batch = (int)b;
			continue;
		}
		if (ch == 'p') {
			pass_file = optarg;
			continue;
		}
		if (ch == 'j') {
			json = 1;
			continue;
		}
		return cli_usage(c, "key");
	}
	if (optind != argc)
		return cli_usage(c, "key");
	if ((rc = cli_open(c)) != EXIT_OK)
		return rc;
	memset(&t, 0, sizeof(t));
	t0 = util_clock_ns();
	if (keystate_read(gate_db(c->gate), &ks) != 0)
		return cli_fail("key rotate: cannot read the key's state");
	resumed = ks.epoch % 2 == 1;
	if (!resumed && (rc = start(c, pass_file)) != EXIT_OK)
		return rc;
	if ((rc = reseal_all(c, batch, &t)) != EXIT_OK)
		return rc;
	if (t.unopened)
		return cli_fail("key rotate: %lld values open with neither the "
		    "old key nor the new one (damaged before the rotation?); "
		    "the rotation stays open and the old key still opens "
		    "everything else.  `sanctum key status` says where.",
		    t.unopened);
	if ((rc = finish(c, grace, &t, retired, sizeof(retired))) != EXIT_OK)
		return rc;
	secs = (double)(util_clock_ns() - t0) / 1e9;
	if (json) {
		json_t *j = json_pack("{s:b, s:I, s:I, s:I, s:f, s:I, s:s?}",
		    "resumed", resumed, "values", (json_int_t)t.seen,
		    "resealed", (json_int_t)t.resealed, "transactions",
		    (json_int_t)t.batches, "seconds", secs, "grace",
		    (json_int_t)grace, "retired_key", retired[0] ? retired :
		    NULL);
		cli_print_json(j);
		json_decref(j);
		return EXIT_OK;
	}
	printf("%s: %lld sealed values, %lld sealed again in %lld "
	    "transactions, %.1f s; the audit trail is MACed with the new "
	    "key.\n", resumed ? "key rotation resumed and ended" :
	    "key rotated", t.seen, t.resealed, t.batches, secs);
	printf("Webhooks have new secrets: `sanctum alert hook secret N` shows "
	    "each one for its receiver.\n");
	if (retired[0])
		printf("The old key is kept as %s: only backups made before "
		    "now need it.  Keep it offline with them, or delete it.\n",
		    retired);
	if (grace > 0)
		printf("Processes still holding the old key can follow for "
		    "%lld s more; `sanctum key retire` ends that now.\n",
		    grace);
	return EXIT_OK;
}

/* sanctum key status [--json] */
int
key_status_cmd(struct cli *c, int argc, char **argv)
{
	struct keystate ks;
	int json = argc == 2 && strcmp(argv[1], "--json") == 0, rc;
	const char *state;

	if (argc > 2 || (argc == 2 && !json))
		return cli_usage(c, "key");
	if ((rc = cli_open(c)) != EXIT_OK)
		return rc;
	if (keystate_read(gate_db(c->gate), &ks) != 0)
		return cli_fail("key: cannot read the key's state");
	state = ks.epoch % 2 ? "rotating" : "settled";
	if (json) {
		json_t *j = json_pack("{s:s, s:I, s:I, s:o?, s:o?}", "state",
		    state, "epoch", (json_int_t)ks.epoch, "rotations",
		    (json_int_t)((ks.epoch + 1) / 2), "resealing_column",
		    ks.epoch % 2 ? json_string(sealed_info((enum sealed_col)
		    (ks.column < SEALED_NCOLS ? ks.column : 0))->table) : NULL,
		    "old_key_followable_until", ks.next_until ?
		    json_integer(ks.next_until) : NULL);
		cli_print_json(j);
		json_decref(j);
		return EXIT_OK;
	}
	if (ks.epoch % 2)
		printf("a key rotation is under way: %d of %d sealed columns "
		    "done; run `sanctum key rotate` to go on\n", ks.column,
		    SEALED_NCOLS);
	else
		printf("key settled after %lld rotation%s\n",
		    (ks.epoch + 1) / 2, (ks.epoch + 1) / 2 == 1 ? "" : "s");
	if (ks.next_until) {
		char when[40];

		util_format_time(ks.next_until, when, sizeof(when));
		printf("processes holding the old key can follow until %s\n",
		    when);
	}
	return EXIT_OK;
}

/* sanctum key retire: forget the old key's way to the new one now. */
int
key_retire_cmd(struct cli *c, int argc, char **argv)
{
	int rc, retired = 0;

	(void)argv;
	if (argc != 1)
		return cli_usage(c, "key");
	if ((rc = cli_open(c)) != EXIT_OK)
		return rc;
	if (gate_begin(c->gate) != 0 || gate_key_retire(c->gate, 1, &retired)
	    != 0 || (retired && (db_wal_owe(gate_db(c->gate)) != 0 ||
	    gate_audit(c->gate, "key.retire", "community", "the old key can no "
	    "longer follow to the new one") != 0)) ||
	    gate_commit(c->gate) != 0) {
		gate_rollback(c->gate);
		return cli_fail("key retire: %s", db_error(gate_db(c->gate)));
	}
	if (retired && db_wal_truncate(gate_db(c->gate)) != 0)
		fprintf(stderr, "sanctum: key retire: a reader holds the "
		    "write-ahead log; serve's scheduled tasks truncate it "
		    "later\n");
	printf(retired ? "the old key opens nothing any more\n" :
	    "nothing to retire\n");
	return EXIT_OK;
}
