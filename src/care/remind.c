/*
** remind.c: reminders of due check-ins, and cases that need a new
** holder.  See remind.h.
*/
#include "remind.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../cli.h"
#include "../core/gate.h"
#include "../store/accounts.h"
#include "../store/care.h"
#include "../store/db.h"
#include "../util/mail.h"
#include "../util/util.h"
#include "checkin.h"

#define MAX_REMINDERS 256	/* people reminded in one run */

/* Keep the address user wants reminders at (NULL or "": no reminders).
** Returns 0 or -1 with err. */
int
care_reminder_set(struct gate *g, int64_t user, const char *email,
    char *err)
{
	struct db *db = gate_db(g);
	struct mail_to to;
	char target[32];
	uint8_t *sealed = NULL;
	size_t n = 0;
	int on = email && *email;

	if (on) {
		memset(&to, 0, sizeof(to));
		mail_address_reader(&to, email, strlen(email));
		if (!to.ok || strcmp(to.to, email) != 0) {
			err_set(err, "that is not an e-mail address");
			return -1;
		}
		explicit_bzero(&to, sizeof(to));
	}
	snprintf(target, sizeof(target), "user %lld", (long long)user);
	if (gate_begin(g) != 0) {
		err_set(err, "the database is busy");
		return -1;
	}
	if (on && (sealed = gate_seal(g, SEALED_USER_REMINDER, user, email,
	    &n)) == NULL)
		goto fail;
	if (care_reminder_put(db, user, sealed, n) != 0 || gate_audit(g,
	    on ? "care.reminders" : "care.reminders-off", target, "") != 0 ||
	    gate_commit(g) != 0)
		goto fail;
	free(sealed);
	return 0;
fail:
	free(sealed);
	gate_rollback(g);
	err_set(err, "cannot save: %s", db_error(db));
	return -1;
}

struct pending {
	int64_t user;
	char name[72];
	struct mail_to to;
	int due, overdue;
};

struct remind_ctx {
	struct gate *g;
	int64_t now;
	struct pending *p;
	int n;
	int due, overdue;	/* of the person being counted */
};

static int
count_due(void *ctx, const struct care_due *d)
{
	struct remind_ctx *rc = ctx;

	rc->due++;
	if (d->due_at + 2 * 86400 < rc->now)
		rc->overdue++;
	return 0;
}

/* One person who gets reminders: note them when something is due. */
static int
collect(void *ctx, int64_t user, const char *name, const void *sealed,
    size_t n)
{
	struct remind_ctx *rc = ctx;
	struct pending *p;

	if (rc->n >= MAX_REMINDERS)
		return 1;
	rc->due = rc->overdue = 0;
	if (care_due_each(gate_db(rc->g), rc->now + 86400, user, count_due,
	    rc) != 0)
		return -1;
	if (rc->due == 0)
		return 0;
	p = &rc->p[rc->n];
	memset(p, 0, sizeof(*p));
	if (gate_machine_read(rc->g, SEALED_USER_REMINDER, user, sealed, n,
	    mail_address_reader, &p->to) != 0 || !p->to.ok)
		return 0;
	p->user = user;
	snprintf(p->name, sizeof(p->name), "%s", name);
	p->due = rc->due;
	p->overdue = rc->overdue;
	rc->n++;
	return 0;
}

/* Remind everyone who holds check-ins due by tomorrow and was not
** reminded in the last REMIND_EVERY seconds.  The e-mail goes outside
** any transaction; each that went is then kept, with its audit entry.
** Returns 0 with *sent and *failed, or -1 with err. */
int
care_remind(struct gate *g, int64_t now, int *sent, int *failed, char *err)
{
	struct remind_ctx rc;
	char subject[96], body[1024], target[32], detail[64], merr[ERR_MAX],
	    overdue[48];
	const char *console = getenv("SANCTUM_CONSOLE_URL");
	int i, r;

	*sent = *failed = 0;
	memset(&rc, 0, sizeof(rc));
	rc.g = g;
	rc.now = now;
	rc.p = calloc(MAX_REMINDERS, sizeof(*rc.p));
	if (rc.p == NULL) {
		err_set(err, "out of memory");
		return -1;
	}
	r = care_reminders_each(gate_db(g), now - REMIND_EVERY, collect, &rc);
	if (r < 0) {
		err_set(err, "cannot read the reminders");
		goto out;
	}
	for (i = 0; i < rc.n; i++) {
		struct pending *p = &rc.p[i];

		snprintf(subject, sizeof(subject), "sanctum: %d check-in%s "
		    "due", p->due, p->due == 1 ? "" : "s");
		snprintf(overdue, sizeof(overdue), " (%d of them overdue)",
		    p->overdue);
		snprintf(body, sizeof(body), "Hello %s,\n\n%d check-in%s you "
		    "hold %s due by tomorrow%s. The Care page of the console "
		    "lists them%s%s%s.\n\nThis reminder names no one. To stop "
		    "reminders, clear your address on the Care page.\n",
		    p->name, p->due, p->due == 1 ? "" : "s", p->due == 1 ? "is" :
		    "are", p->overdue ? overdue : "", console ? ": " : "",
		    console ? console : "", console ? "/care" : "");
		if (mail_send(p->to.to, subject, body, merr) != 0) {
			(*failed)++;
			continue;
		}
		snprintf(target, sizeof(target), "user %lld",
		    (long long)p->user);
		snprintf(detail, sizeof(detail), "%d due, %d overdue", p->due,
		    p->overdue);
		if (gate_begin(g) != 0 || care_reminder_sent(gate_db(g), p->user,
		    now) != 0 || gate_audit(g, "care.remind", target, detail)
		    != 0 || gate_commit(g) != 0) {
			gate_rollback(g);
			err_set(err, "cannot save: %s", db_error(gate_db(g)));
			r = -1;
			goto out;
		}
		(*sent)++;
	}
	r = 0;
out:
	explicit_bzero(rc.p, MAX_REMINDERS * sizeof(*rc.p));
	free(rc.p);
	return r;
}

struct orphan_ctx {
	struct db *db;
	int64_t now;
	int (*each)(void *ctx, const struct care_case *c);
	void *ctx;
};

static int
orphan(void *ctx, const struct care_case *c)
{
	struct orphan_ctx *o = ctx;
	int rc = care_user_may_support(o->db, c->supporter_id, o->now);

	if (rc < 0)
		return -1;
	return rc == 1 ? 0 : o->each(o->ctx, c);
}

/* Call each for every open case whose holder may no longer hold it.
** Returns 0, each's non-zero return, or -1. */
int
care_orphans_each(struct db *db, int64_t now,
    int (*each)(void *ctx, const struct care_case *c), void *ctx)
{
	struct orphan_ctx o = { db, now, each, ctx };

	return care_cases_each(db, 0, 0, 0, now, orphan, &o);
}

/* sanctum care reminders NAME --email ADDRESS | --off */
int
care_reminders_cmd(struct cli *c, int argc, char **argv)
{
	struct user u;
	char err[ERR_MAX];
	int rc, off = argc == 3 && strcmp(argv[2], "--off") == 0;

	if (!off && (argc != 4 || strcmp(argv[2], "--email") != 0))
		return cli_usage(c, "care");
	if ((rc = cli_open(c)) != EXIT_OK)
		return rc;
	if (accounts_user_by_name(c->db, argv[1], &u) != DB_ROW)
		return cli_fail("care: there is no account %s", argv[1]);
	if (strcmp(u.role, "member") == 0)
		return cli_fail("care: reminders are for the people who hold "
		    "cases");
	if (care_reminder_set(c->gate, u.id, off ? NULL : argv[3], err) != 0)
		return cli_fail("care: %s", err);
	cli_say(c, off ? "%s gets no reminders\n" : "%s gets reminders\n",
	    u.name);
	return EXIT_OK;
}

/* sanctum care remind [--at TIME] */
int
care_remind_cmd(struct cli *c, int argc, char **argv)
{
	char err[ERR_MAX];
	int64_t at = util_now();
	int rc, sent, failed;

	if (argc == 3 && strcmp(argv[1], "--at") == 0) {
		if (checkin_parse_time(argv[2], &at) != 0)
			return cli_fail("care: --at is an RFC 3339 time");
	} else if (argc != 1) {
		return cli_usage(c, "care");
	}
	if ((rc = cli_open(c)) != EXIT_OK)
		return rc;
	if (care_remind(c->gate, at, &sent, &failed, err) != 0)
		return cli_fail("care: %s", err);
	cli_say(c, "%d reminder%s sent\n", sent, sent == 1 ? "" : "s");
	if (failed)
		return cli_fail("care: %d reminder%s could not be sent", failed,
		    failed == 1 ? "" : "s");
	return EXIT_OK;
}
