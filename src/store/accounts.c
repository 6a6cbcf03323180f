/*
** accounts.c: SQL for users, sessions, API tokens and throttling.  Every
** function is one statement or a short read; callers own transactions.
** Functions return 0 (or 1 = found) on success and -1 on a store error.
*/
#include "accounts.h"

#include <stdio.h>
#include <string.h>

#include "db.h"

/* Copy the user columns starting at col into u. */
static void
user_from_row(struct stmt *q, int col, struct user *u)
{
	memset(u, 0, sizeof(*u));
	u->id = db_col_int(q, col);
	snprintf(u->name, sizeof(u->name), "%s", db_col_text(q, col + 1));
	snprintf(u->role, sizeof(u->role), "%s", db_col_text(q, col + 2));
	snprintf(u->pw_hash, sizeof(u->pw_hash), "%s", db_col_text(q, col + 3));
	u->must_change = (int)db_col_int(q, col + 4);
	u->disabled = (int)db_col_int(q, col + 5);
	u->created_at = db_col_int(q, col + 6);
}

/* Step a statement that returns at most one user row.  Returns 1 when a
** row was found, 0 when none, -1 on error; finalizes q. */
static int
user_one(struct stmt *q, struct user *u)
{
	int rc = db_step(q);

	if (rc == DB_ROW)
		user_from_row(q, 0, u);
	db_finalize(q);
	return rc;
}

/* Add a user.  Returns 0 and sets *id, DB_EXISTS when the name is
** taken, or -1. */
int
accounts_user_add(struct db *db, const char *name, const char *role,
    const char *pw_hash, int must_change, int64_t now, int64_t *id)
{
	struct user u;
	struct stmt q;

	if (accounts_user_by_name(db, name, &u) == 1)
		return DB_EXISTS;
	if (db_prepare(db, &q, "INSERT INTO users(name, role, pw_hash, "
	    "must_change, created_at, pw_changed_at) VALUES (:name, :role, "
	    ":pw, :must, :now, :now)") != 0)
		return -1;
	db_bind_text(&q, ":name", name);
	db_bind_text(&q, ":role", role);
	db_bind_text(&q, ":pw", pw_hash);
	db_bind_int(&q, ":must", must_change);
	db_bind_int(&q, ":now", now);
	if (db_step_done(&q) != 0)
		return -1;
	*id = db_last_id(db);
	return 0;
}

/* Find a user by name (case-insensitive).  Returns 1, 0 or -1. */
int
accounts_user_by_name(struct db *db, const char *name, struct user *u)
{
	struct stmt q;

	if (db_prepare(db, &q, "SELECT id, name, role, pw_hash, must_change, "
	    "disabled, created_at FROM users WHERE name = :name") != 0)
		return -1;
	db_bind_text(&q, ":name", name);
	return user_one(&q, u);
}

/* The id of the account called name.  Returns 1 with *id, 0 or -1. */
int
accounts_user_id(struct db *db, const char *name, int64_t *id)
{
	struct user u;
	int rc;

	if ((rc = accounts_user_by_name(db, name, &u)) == 1)
		*id = u.id;
	return rc;
}

/* Find a user by id.  Returns 1, 0 or -1. */
int
accounts_user_by_id(struct db *db, int64_t id, struct user *u)
{
	struct stmt q;

	if (db_prepare(db, &q, "SELECT id, name, role, pw_hash, must_change, "
	    "disabled, created_at FROM users WHERE id = :id") != 0)
		return -1;
	db_bind_int(&q, ":id", id);
	return user_one(&q, u);
}

/* Call each for every user in name order; stops early when each returns
** non-zero.  Returns 0 or -1. */
int
accounts_user_list(struct db *db, int (*each)(void *, const struct user *),
    void *ctx)
{
	struct stmt q;
	struct user u;
	int rc;

	if (db_prepare(db, &q, "SELECT id, name, role, pw_hash, must_change, "
	    "disabled, created_at FROM users ORDER BY name") != 0)
		return -1;
	while ((rc = db_step(&q)) == DB_ROW) {
		user_from_row(&q, 0, &u);
		if (each(ctx, &u) != 0)
			break;
	}
	db_finalize(&q);
	return rc < 0 ? -1 : 0;
}

/* Disable or re-enable a user.  Returns 0 or -1. */
int
accounts_user_set_disabled(struct db *db, int64_t id, int disabled)
{
	struct stmt q;

	if (db_prepare(db, &q, "UPDATE users SET disabled = :d WHERE id = :id")
	    != 0)
		return -1;
	db_bind_int(&q, ":d", disabled);
	db_bind_int(&q, ":id", id);
	return db_step_done(&q);
}

/* Replace a user's password hash.  Returns 0 or -1. */
int
accounts_user_set_password(struct db *db, int64_t id, const char *pw_hash,
    int must_change, int64_t now)
{
	struct stmt q;

	if (db_prepare(db, &q, "UPDATE users SET pw_hash = :pw, must_change = "
	    ":must, pw_changed_at = :now WHERE id = :id") != 0)
		return -1;
	db_bind_text(&q, ":pw", pw_hash);
	db_bind_int(&q, ":must", must_change);
	db_bind_int(&q, ":now", now);
	db_bind_int(&q, ":id", id);
	return db_step_done(&q);
}

/* How many admins can log in.  Returns the count or -1. */
int64_t
accounts_active_admins(struct db *db)
{
	struct stmt q;
	int64_t n = -1;

	if (db_prepare(db, &q, "SELECT count(*) FROM users WHERE role = "
	    "'admin' AND disabled = 0") != 0)
		return -1;
	if (db_step(&q) == DB_ROW)
		n = db_col_int(&q, 0);
	db_finalize(&q);
	return n;
}

/* Record a new session under the keyed hash of its token. */
int
accounts_session_add(struct db *db, const uint8_t *hash, size_t n,
    int64_t user_id, int64_t now)
{
	struct stmt q;

	if (db_prepare(db, &q, "INSERT INTO sessions(token_hash, user_id, "
	    "created_at, last_seen_at) VALUES (:h, :u, :now, :now)") != 0)
		return -1;
	db_bind_blob(&q, ":h", hash, n);
	db_bind_int(&q, ":u", user_id);
	db_bind_int(&q, ":now", now);
	return db_step_done(&q);
}

/* Find the session with this token hash, with its user.  Returns 1, 0 or
** -1. */
int
accounts_session_find(struct db *db, const uint8_t *hash, size_t n,
    struct session_row *s)
{
	struct stmt q;
	int rc;

	if (db_prepare(db, &q, "SELECT u.id, u.name, u.role, u.pw_hash, "
	    "u.must_change, u.disabled, u.created_at, s.id, s.created_at, "
	    "s.last_seen_at FROM sessions s JOIN users u ON u.id = s.user_id "
	    "WHERE s.token_hash = :h") != 0)
		return -1;
	db_bind_blob(&q, ":h", hash, n);
	rc = db_step(&q);
	if (rc == DB_ROW) {
		user_from_row(&q, 0, &s->user);
		s->id = db_col_int(&q, 7);
		s->created_at = db_col_int(&q, 8);
		s->last_seen_at = db_col_int(&q, 9);
	}
	db_finalize(&q);
	return rc;
}

/* Note that a session was used now. */
int
accounts_session_touch(struct db *db, int64_t id, int64_t now)
{
	struct stmt q;

	if (db_prepare(db, &q, "UPDATE sessions SET last_seen_at = :now WHERE "
	    "id = :id") != 0)
		return -1;
	db_bind_int(&q, ":now", now);
	db_bind_int(&q, ":id", id);
	return db_step_done(&q);
}

/* End one session. */
int
accounts_session_delete(struct db *db, int64_t id)
{
	struct stmt q;

	if (db_prepare(db, &q, "DELETE FROM sessions WHERE id = :id") != 0)
		return -1;
	db_bind_int(&q, ":id", id);
	return db_step_done(&q);
}

/* End every session of a user (disabled, or password changed). */
int
accounts_sessions_end_user(struct db *db, int64_t user_id)
{
	struct stmt q;

	if (db_prepare(db, &q, "DELETE FROM sessions WHERE user_id = :u") != 0)
		return -1;
	db_bind_int(&q, ":u", user_id);
	return db_step_done(&q);
}

/* Record a new API token for a user.  Returns 0 and sets *id, or -1. */
int
accounts_token_add(struct db *db, int64_t user_id, const char *label,
    const uint8_t *hash, size_t n, int64_t now, int64_t *id)
{
	struct stmt q;

	if (db_prepare(db, &q, "INSERT INTO api_tokens(user_id, label, "
	    "token_hash, created_at) VALUES (:u, :label, :h, :now)") != 0)
		return -1;
	db_bind_int(&q, ":u", user_id);
	db_bind_text(&q, ":label", label);
	db_bind_blob(&q, ":h", hash, n);
	db_bind_int(&q, ":now", now);
	if (db_step_done(&q) != 0)
		return -1;
	*id = db_last_id(db);
	return 0;
}

/* Find the unrevoked token with this hash and its user.  Returns 1, 0 or
** -1. */
int
accounts_token_find(struct db *db, const uint8_t *hash, size_t n,
    int64_t *token_id, struct user *u)
{
	struct stmt q;
	int rc;

	if (db_prepare(db, &q, "SELECT u.id, u.name, u.role, u.pw_hash, "
	    "u.must_change, u.disabled, u.created_at, t.id FROM api_tokens t "
	    "JOIN users u ON u.id = t.user_id WHERE t.token_hash = :h AND "
	    "t.revoked_at IS NULL") != 0)
		return -1;
	db_bind_blob(&q, ":h", hash, n);
	rc = db_step(&q);
	if (rc == DB_ROW) {
		user_from_row(&q, 0, u);
		*token_id = db_col_int(&q, 7);
	}
	db_finalize(&q);
	return rc;
}

/* Note a token's use (at most the caller's chosen granularity). */
int
accounts_token_used(struct db *db, int64_t id, int64_t now)
{
	struct stmt q;

	if (db_prepare(db, &q, "UPDATE api_tokens SET last_used_at = :now "
	    "WHERE id = :id") != 0)
		return -1;
	db_bind_int(&q, ":now", now);
	db_bind_int(&q, ":id", id);
	return db_step_done(&q);
}

/* Revoke a token.  Returns 1 when a valid token was revoked, 0 when there
** was none, -1 on error. */
int
accounts_token_revoke(struct db *db, int64_t id, int64_t now)
{
	struct stmt q;

	if (db_prepare(db, &q, "UPDATE api_tokens SET revoked_at = :now WHERE "
	    "id = :id AND revoked_at IS NULL") != 0)
		return -1;
	db_bind_int(&q, ":now", now);
	db_bind_int(&q, ":id", id);
	if (db_step_done(&q) != 0)
		return -1;
	return db_changes(db) > 0;
}

/* Call each for every token, newest first.  Returns 0 or -1. */
int
accounts_token_list(struct db *db,
    int (*each)(void *, const struct api_token_row *), void *ctx)
{
	struct stmt q;
	struct api_token_row t;
	int rc;

	if (db_prepare(db, &q, "SELECT t.id, t.label, u.name, t.created_at, "
	    "coalesce(t.revoked_at, 0), coalesce(t.last_used_at, 0) FROM "
	    "api_tokens t JOIN users u ON u.id = t.user_id ORDER BY t.id DESC")
	    != 0)
		return -1;
	while ((rc = db_step(&q)) == DB_ROW) {
		memset(&t, 0, sizeof(t));
		t.id = db_col_int(&q, 0);
		snprintf(t.label, sizeof(t.label), "%s", db_col_text(&q, 1));
		snprintf(t.user, sizeof(t.user), "%s", db_col_text(&q, 2));
		t.created_at = db_col_int(&q, 3);
		t.revoked_at = db_col_int(&q, 4);
		t.last_used_at = db_col_int(&q, 5);
		if (each(ctx, &t) != 0)
			break;
	}
	db_finalize(&q);
	return rc < 0 ? -1 : 0;
}

/* Read the throttle row for key.  Returns 1, 0 (none) or -1. */
int
accounts_throttle_get(struct db *db, const uint8_t *key, size_t n,
    struct throttle_row *t)
{
	struct stmt q;
	int rc;

	if (db_prepare(db, &q, "SELECT failures, window_start, locked_until "
	    "FROM throttle WHERE key = :k") != 0)
		return -1;
	db_bind_blob(&q, ":k", key, n);
	rc = db_step(&q);
	if (rc == DB_ROW) {
		t->failures = db_col_int(&q, 0);
		t->window_start = db_col_int(&q, 1);
		t->locked_until = db_col_int(&q, 2);
	}
	db_finalize(&q);
	return rc;
}

/* Write the throttle row for key. */
int
accounts_throttle_put(struct db *db, const uint8_t *key, size_t n,
    const struct throttle_row *t)
{
	struct stmt q;

	if (db_prepare(db, &q, "INSERT INTO throttle(key, failures, "
	    "window_start, locked_until) VALUES (:k, :f, :w, :l) ON "
	    "CONFLICT(key) DO UPDATE SET failures = excluded.failures, "
	    "window_start = excluded.window_start, locked_until = "
	    "excluded.locked_until") != 0)
		return -1;
	db_bind_blob(&q, ":k", key, n);
	db_bind_int(&q, ":f", t->failures);
	db_bind_int(&q, ":w", t->window_start);
	db_bind_int(&q, ":l", t->locked_until);
	return db_step_done(&q);
}

/* Forget the throttle row for key (after a successful login). */
int
accounts_throttle_clear(struct db *db, const uint8_t *key, size_t n)
{
	struct stmt q;

	if (db_prepare(db, &q, "DELETE FROM throttle WHERE key = :k") != 0)
		return -1;
	db_bind_blob(&q, ":k", key, n);
	return db_step_done(&q);
}
