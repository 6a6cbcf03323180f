/*
** auditlog.c: reading and appending audit rows.  See auditlog.h.
*/
#include "auditlog.h"

#include <stdio.h>
#include <string.h>

#include "db.h"

/* Copy the current row of q (id, at, actor_id, actor, action, target,
** detail, mac) into r. */
static void
row_from(struct stmt *q, struct audit_row *r)
{
	const void *p;
	size_t n;

	memset(r, 0, sizeof(*r));
	r->id = db_col_int(q, 0);
	r->at = db_col_int(q, 1);
	r->actor_id = db_col_int(q, 2);
	snprintf(r->actor, sizeof(r->actor), "%s", db_col_text(q, 3));
	snprintf(r->action, sizeof(r->action), "%s", db_col_text(q, 4));
	snprintf(r->target, sizeof(r->target), "%s", db_col_text(q, 5));
	snprintf(r->detail, sizeof(r->detail), "%s", db_col_text(q, 6));
	p = db_col_blob(q, 7, &n);
	if (n > sizeof(r->mac))
		n = 0;		/* damaged: verification will say so */
	if (n)
		memcpy(r->mac, p, n);
	r->maclen = n;
}

/* The newest entry.  Returns 1, 0 (empty trail) or -1. */
int
auditlog_last(struct db *db, struct audit_row *r)
{
	struct stmt q;
	int rc;

	if (db_prepare(db, &q, "SELECT id, at, coalesce(actor_id, 0), actor, "
	    "action, target, detail, mac FROM audit ORDER BY id DESC LIMIT 1")
	    != 0)
		return -1;
	rc = db_step(&q);
	if (rc == DB_ROW)
		row_from(&q, r);
	db_finalize(&q);
	return rc;
}

/* Insert r with its own id.  Returns 0 or -1. */
int
auditlog_insert(struct db *db, const struct audit_row *r)
{
	struct stmt q;

	if (db_prepare(db, &q, "INSERT INTO audit(id, at, actor_id, actor, "
	    "action, target, detail, mac) VALUES (:id, :at, :aid, :actor, "
	    ":action, :target, :detail, :mac)") != 0)
		return -1;
	db_bind_int(&q, ":id", r->id);
	db_bind_int(&q, ":at", r->at);
	if (r->actor_id)
		db_bind_int(&q, ":aid", r->actor_id);
	else
		db_bind_null(&q, ":aid");
	db_bind_text(&q, ":actor", r->actor);
	db_bind_text(&q, ":action", r->action);
	db_bind_text(&q, ":target", r->target);
	db_bind_text(&q, ":detail", r->detail);
	db_bind_blob(&q, ":mac", r->mac, r->maclen);
	return db_step_done(&q);
}

/* Replace an entry's MAC (a key rotation MACs the whole trail again with
** the new key, once it has verified it).  Returns 0 or -1. */
int
auditlog_set_mac(struct db *db, int64_t id, const uint8_t *mac, size_t n)
{
	struct stmt q;

	if (db_prepare(db, &q, "UPDATE audit SET mac = :mac WHERE id = :id")
	    != 0)
		return -1;
	db_bind_blob(&q, ":mac", mac, n);
	db_bind_int(&q, ":id", id);
	return db_step_done(&q);
}

/* Call each for up to limit entries older than before_id (0 = newest
** first from the end), newest first.  Returns 0 or -1. */
int
auditlog_each(struct db *db, int64_t before_id, int64_t limit,
    int (*each)(void *, const struct audit_row *), void *ctx)
{
	struct stmt q;
	struct audit_row r;
	int rc;

	if (db_prepare(db, &q, "SELECT id, at, coalesce(actor_id, 0), actor, "
	    "action, target, detail, mac FROM audit WHERE :before = 0 OR "
	    "id < :before ORDER BY id DESC LIMIT :limit") != 0)
		return -1;
	db_bind_int(&q, ":before", before_id);
	db_bind_int(&q, ":limit", limit);
	while ((rc = db_step(&q)) == DB_ROW) {
		row_from(&q, &r);
		if (each(ctx, &r) != 0)
			break;
	}
	db_finalize(&q);
	return rc < 0 ? -1 : 0;
}

/* Call each for every entry, oldest first (for verification).  Stops when
** each returns non-zero.  Returns 0 or -1. */
int
auditlog_each_asc(struct db *db,
    int (*each)(void *, const struct audit_row *), void *ctx)
{
	struct stmt q;
	struct audit_row r;
	int rc;

	if (db_prepare(db, &q, "SELECT id, at, coalesce(actor_id, 0), actor, "
	    "action, target, detail, mac FROM audit ORDER BY id") != 0)
		return -1;
	while ((rc = db_step(&q)) == DB_ROW) {
		row_from(&q, &r);
		if (each(ctx, &r) != 0)
			break;
	}
	db_finalize(&q);
	return rc < 0 ? -1 : 0;
}

/* The entries about one target ("incident 4"), oldest first.  Returns 0
** or -1. */
int
auditlog_target_each(struct db *db, const char *target,
    int (*each)(void *, const struct audit_row *), void *ctx)
{
	struct stmt q;
	struct audit_row r;
	int rc;

	if (db_prepare(db, &q, "SELECT id, at, coalesce(actor_id, 0), actor, "
	    "action, target, detail, mac FROM audit WHERE target = :t "
	    "ORDER BY id") != 0)
		return -1;
	db_bind_text(&q, ":t", target);
	while ((rc = db_step(&q)) == DB_ROW) {
		row_from(&q, &r);
		if (each(ctx, &r) != 0)
			break;
	}
	db_finalize(&q);
	return rc < 0 ? -1 : 0;
}

/* How many entries there are, or -1. */
int64_t
auditlog_count(struct db *db)
{
	struct stmt q;
	int64_t n = -1;

	if (db_prepare(db, &q, "SELECT count(*) FROM audit") != 0)
		return -1;
	if (db_step(&q) == DB_ROW)
		n = db_col_int(&q, 0);
	db_finalize(&q);
	return n;
}
