/*
** membership.c: SQL for applications and invitations.  See membership.h.
*/
#include "membership.h"

#include "db.h"

/* Add a pending application.  Returns 0 and sets *id, or -1. */
int
membership_application_add(struct db *db, const char *pseudonym,
    int64_t pledge_version, const void *digest, size_t dn,
    int64_t invitation_id, const void *check_hash, size_t hn, int64_t now,
    int64_t *id)
{
	struct stmt q;

	if (db_prepare(db, &q, "INSERT INTO applications(pseudonym, "
	    "pledge_version, pledge_digest, invitation_id, check_hash, "
	    "created_at) VALUES (:p, :v, :d, nullif(:i, 0), :h, :now)") != 0)
		return -1;
	db_bind_text(&q, ":p", pseudonym);
	db_bind_int(&q, ":v", pledge_version);
	db_bind_blob(&q, ":d", digest, dn);
	db_bind_int(&q, ":i", invitation_id);
	db_bind_blob(&q, ":h", check_hash, hn);
	db_bind_int(&q, ":now", now);
	if (db_step_done(&q) != 0)
		return -1;
	*id = db_last_id(db);
	return 0;
}

/* Store an application's sealed contact details and answers (either may
** be NULL).  Returns 0 or -1. */
int
membership_application_seal(struct db *db, int64_t id, const void *contact,
    size_t cn, const void *answers, size_t an)
{
	struct stmt q;

	if (db_prepare(db, &q, "UPDATE applications SET contact_sealed = :c, "
	    "answers_sealed = :a WHERE id = :id") != 0)
		return -1;
	db_bind_blob(&q, ":c", contact, cn);
	db_bind_blob(&q, ":a", answers, an);
	db_bind_int(&q, ":id", id);
	return db_step_done(&q);
}

/* Step q, a query of the view application_rows (migration 006), and
** call each for every row, its columns taken in order.  Returns 0, each's
** non-zero return, or -1; finalizes q. */
static int
each_application(struct stmt *q,
    int (*each)(void *ctx, const struct application_row *a), void *ctx)
{
	struct application_row a;
	int rc;

	while ((rc = db_step(q)) == DB_ROW) {
		a.id = db_col_int(q, 0);
		a.pseudonym = db_col_text(q, 1);
		a.status = db_col_text(q, 2);
		a.created_at = db_col_int(q, 3);
		a.decided_at = db_col_int(q, 4);
		a.decided_by = db_col_text(q, 5);
		a.message = db_col_text(q, 6);
		a.pledge_version = db_col_int(q, 7);
		a.invitation_id = db_col_int(q, 8);
		a.member_id = db_col_int(q, 9);
		a.activation_expires = db_col_int(q, 10);
		a.contact = db_col_blob(q, 11, &a.contact_len);
		a.answers = db_col_blob(q, 12, &a.answers_len);
		if ((rc = each(ctx, &a)) != 0)
			break;
	}
	db_finalize(q);
	return rc < 0 ? -1 : rc == DB_DONE ? 0 : rc;
}

/* Call each for the applications of status ("" for all), oldest first.
** Returns 0, each's non-zero return, or -1. */
int
membership_application_each(struct db *db, const char *status,
    int (*each)(void *ctx, const struct application_row *a), void *ctx)
{
	struct stmt q;

	if (db_prepare(db, &q, "SELECT * FROM application_rows WHERE :s = "
	    "'' OR status = :s ORDER BY created_at, id LIMIT 500") != 0)
		return -1;
	db_bind_text(&q, ":s", status);
	return each_application(&q, each, ctx);
}

/* Call each for application id.  Returns each's return (0 when there is
** no such application), or -1. */
int
membership_application_get(struct db *db, int64_t id,
    int (*each)(void *ctx, const struct application_row *a), void *ctx)
{
	struct stmt q;

	if (db_prepare(db, &q, "SELECT * FROM application_rows WHERE id = "
	    ":id") != 0)
		return -1;
	db_bind_int(&q, ":id", id);
	return each_application(&q, each, ctx);
}

/* Call each for the applications that made member_id, newest first.
** Returns each's return (0 when none), or -1. */
int
membership_application_of_member(struct db *db, int64_t member_id,
    int (*each)(void *ctx, const struct application_row *a), void *ctx)
{
	struct stmt q;

	if (db_prepare(db, &q, "SELECT * FROM application_rows WHERE "
	    "member_id = :m ORDER BY id DESC") != 0)
		return -1;
	db_bind_int(&q, ":m", member_id);
	return each_application(&q, each, ctx);
}

/* Call each for the application whose status code has keyed hash hash.
** Returns each's return (0 when none), or -1. */
int
membership_application_by_check(struct db *db, const void *hash, size_t n,
    int (*each)(void *ctx, const struct application_row *a), void *ctx)
{
	struct stmt q;

	if (db_prepare(db, &q, "SELECT * FROM application_rows WHERE "
	    "check_hash = :h") != 0)
		return -1;
	db_bind_blob(&q, ":h", hash, n);
	return each_application(&q, each, ctx);
}

/* Decide pending application id: status "approved" or "declined", with a
** message, by whom, and the member an approval made.  The contact details
** are dropped (an approval has moved them to the member), and a declined
** application's answers too: nothing is kept that is not needed.
** Returns 0, 1 when it is not pending (someone decided first), or -1. */
int
membership_application_decide(struct db *db, int64_t id, const char *status,
    const char *message, const char *by, int64_t now, int64_t member_id)
{
	struct stmt q;

	if (db_prepare(db, &q, "UPDATE applications SET status = :s, message = "
	    ":m, decided_by = :by, decided_at = :now, member_id = nullif(:mid, "
	    "0), contact_sealed = NULL, answers_sealed = CASE WHEN :s = "
	    "'declined' THEN NULL ELSE answers_sealed END WHERE id = :id AND "
	    "status = 'pending'")
	    != 0)
		return -1;
	db_bind_text(&q, ":s", status);
	db_bind_text(&q, ":m", message);
	db_bind_text(&q, ":by", by);
	db_bind_int(&q, ":now", now);
	db_bind_int(&q, ":mid", member_id);
	db_bind_int(&q, ":id", id);
	if (db_step_done(&q) != 0)
		return -1;
	return db_changes(db) == 1 ? 0 : 1;
}

/* Give approved application id a new one-time activation link (its keyed
** hash), valid until expires; an older link no longer works.  Returns 0,
** 1 when it is not approved, or -1. */
int
membership_application_set_activation(struct db *db, int64_t id,
    const void *hash, size_t n, int64_t expires)
{
	struct stmt q;

	if (db_prepare(db, &q, "UPDATE applications SET activation_hash = :h, "
	    "activation_expires = :e WHERE id = :id AND status = 'approved'")
	    != 0)
		return -1;
	db_bind_blob(&q, ":h", hash, n);
	db_bind_int(&q, ":e", expires);
	db_bind_int(&q, ":id", id);
	if (db_step_done(&q) != 0)
		return -1;
	return db_changes(db) == 1 ? 0 : 1;
}

/* Use the activation link with keyed hash hash: once, before it expires.
** Returns 1 with the application and its member, 0 when the link is
** unknown, used or expired, or -1. */
int
membership_application_activate(struct db *db, const void *hash, size_t n,
    int64_t now, int64_t *id, int64_t *member_id)
{
	struct stmt q;
	int rc;

	if (db_prepare(db, &q, "SELECT id, member_id FROM applications WHERE "
	    "activation_hash = :h AND status = 'approved' AND "
	    "activation_expires > :now AND member_id IS NOT NULL") != 0)
		return -1;
	db_bind_blob(&q, ":h", hash, n);
	db_bind_int(&q, ":now", now);
	rc = db_step(&q);
	if (rc == DB_ROW) {
		*id = db_col_int(&q, 0);
		*member_id = db_col_int(&q, 1);
	}
	db_finalize(&q);
	if (rc != DB_ROW)
		return rc == DB_DONE ? 0 : -1;
	if (db_prepare(db, &q, "UPDATE applications SET status = 'activated', "
	    "activation_hash = NULL WHERE id = :id") != 0)
		return -1;
	db_bind_int(&q, ":id", *id);
	return db_step_done(&q) == 0 ? 1 : -1;
}

/* Does an application wait (or stand approved) under name?  Returns 1,
** 0, or -1. */
int
membership_application_name_taken(struct db *db, const char *name)
{
	struct stmt q;
	int rc;

	if (db_prepare(db, &q, "SELECT 1 FROM applications WHERE pseudonym = "
	    ":p AND status IN ('pending', 'approved')") != 0)
		return -1;
	db_bind_text(&q, ":p", name);
	rc = db_step(&q);
	db_finalize(&q);
	return rc == DB_ROW ? 1 : rc == DB_DONE ? 0 : -1;
}

/* How many applications arrived since.  Returns 0 or -1. */
int
membership_applications_since(struct db *db, int64_t since, int64_t *count)
{
	struct stmt q;
	int rc;

	if (db_prepare(db, &q, "SELECT count(*) FROM applications WHERE "
	    "created_at >= :t") != 0)
		return -1;
	db_bind_int(&q, ":t", since);
	rc = db_step(&q);
	if (rc == DB_ROW)
		*count = db_col_int(&q, 0);
	db_finalize(&q);
	return rc == DB_ROW ? 0 : -1;
}

/* Add an invitation usable uses times until expires.  Returns 0 and sets
** *id, or -1. */
int
membership_invitation_add(struct db *db, const void *hash, size_t n,
    const char *note, const char *by, int64_t now, int64_t expires, int uses,
    int64_t *id)
{
	struct stmt q;

	if (db_prepare(db, &q, "INSERT INTO invitations(token_hash, note, "
	    "created_by, created_at, expires_at, uses_left) VALUES (:h, :n, "
	    ":by, :now, :e, :u)") != 0)
		return -1;
	db_bind_blob(&q, ":h", hash, n);
	db_bind_text(&q, ":n", note);
	db_bind_text(&q, ":by", by);
	db_bind_int(&q, ":now", now);
	db_bind_int(&q, ":e", expires);
	db_bind_int(&q, ":u", uses);
	if (db_step_done(&q) != 0)
		return -1;
	*id = db_last_id(db);
	return 0;
}

/* Is the invitation with keyed hash hash usable now (not expired, revoked
** or used up)?  Returns 1 with *id set, 0, or -1. */
int
membership_invitation_valid(struct db *db, const void *hash, size_t n,
    int64_t now, int64_t *id)
{
	struct stmt q;
	int rc;

	if (db_prepare(db, &q, "SELECT id FROM invitations WHERE token_hash = "
	    ":h AND expires_at > :now AND uses_left > 0 AND revoked_at IS "
	    "NULL") != 0)
		return -1;
	db_bind_blob(&q, ":h", hash, n);
	db_bind_int(&q, ":now", now);
	rc = db_step(&q);
	if (rc == DB_ROW)
		*id = db_col_int(&q, 0);
	db_finalize(&q);
	return rc == DB_ROW ? 1 : rc == DB_DONE ? 0 : -1;
}

/* Use invitation id once.  Returns 0, 1 when it has no use left, or -1. */
int
membership_invitation_use(struct db *db, int64_t id)
{
	struct stmt q;

	if (db_prepare(db, &q, "UPDATE invitations SET uses_left = uses_left - "
	    "1 WHERE id = :id AND uses_left > 0") != 0)
		return -1;
	db_bind_int(&q, ":id", id);
	if (db_step_done(&q) != 0)
		return -1;
	return db_changes(db) == 1 ? 0 : 1;
}

/* Revoke invitation id.  Returns 0, 1 when there is no such live one, or
** -1. */
int
membership_invitation_revoke(struct db *db, int64_t id, int64_t now)
{
	struct stmt q;

	if (db_prepare(db, &q, "UPDATE invitations SET revoked_at = :now WHERE "
	    "id = :id AND revoked_at IS NULL") != 0)
		return -1;
	db_bind_int(&q, ":now", now);
	db_bind_int(&q, ":id", id);
	if (db_step_done(&q) != 0)
		return -1;
	return db_changes(db) == 1 ? 0 : 1;
}

/* Call each for every invitation, newest first.  Returns 0, each's
** non-zero return, or -1. */
int
membership_invitation_each(struct db *db,
    int (*each)(void *ctx, const struct invitation_row *i), void *ctx)
{
	struct invitation_row v;
	struct stmt q;
	int rc;

	if (db_prepare(db, &q, "SELECT id, note, created_by, created_at, "
	    "expires_at, uses_left, coalesce(revoked_at, 0) FROM invitations "
	    "ORDER BY id DESC LIMIT 200") != 0)
		return -1;
	while ((rc = db_step(&q)) == DB_ROW) {
		v.id = db_col_int(&q, 0);
		v.note = db_col_text(&q, 1);
		v.created_by = db_col_text(&q, 2);
		v.created_at = db_col_int(&q, 3);
		v.expires_at = db_col_int(&q, 4);
		v.uses_left = (int)db_col_int(&q, 5);
		v.revoked_at = db_col_int(&q, 6);
		if ((rc = each(ctx, &v)) != 0)
			break;
	}
	db_finalize(&q);
	return rc < 0 ? -1 : rc == DB_DONE ? 0 : rc;
}
