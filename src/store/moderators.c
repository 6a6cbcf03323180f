/*
** moderators.c: the SQL behind moderator care.  See moderators.h.
*/
#include "moderators.h"

#include <stdio.h>
#include <string.h>

#include "db.h"

static void
copy_col(struct stmt *q, int col, char *out, size_t cap)
{
	snprintf(out, cap, "%s", db_col_text(q, col));
}

/* The community's caps and rota settings.  Returns 0 or -1. */
int
mods_settings_get(struct db *db, struct mod_settings *s)
{
	struct stmt q;
	int rc;

	if (db_prepare(db, &q, "SELECT daily_cap, weekly_cap, near_percent, "
	    "shift_days, per_shift FROM moderator_settings WHERE id = 1") != 0)
		return -1;
	if ((rc = db_step(&q)) == DB_ROW) {
		s->daily_cap = (int)db_col_int(&q, 0);
		s->weekly_cap = (int)db_col_int(&q, 1);
		s->near_percent = (int)db_col_int(&q, 2);
		s->shift_days = (int)db_col_int(&q, 3);
		s->per_shift = (int)db_col_int(&q, 4);
	}
	db_finalize(&q);
	return rc == DB_ROW ? 0 : -1;
}

/* Store them (the schema's checks hold the ranges).  Returns 0 or -1. */
int
mods_settings_set(struct db *db, const struct mod_settings *s)
{
	struct stmt q;

	if (db_prepare(db, &q, "UPDATE moderator_settings SET daily_cap = :d, "
	    "weekly_cap = :w, near_percent = :n, shift_days = :s, per_shift = "
	    ":p WHERE id = 1") != 0)
		return -1;
	db_bind_int(&q, ":d", s->daily_cap);
	db_bind_int(&q, ":w", s->weekly_cap);
	db_bind_int(&q, ":n", s->near_percent);
	db_bind_int(&q, ":s", s->shift_days);
	db_bind_int(&q, ":p", s->per_shift);
	return db_step_done(&q);
}

/* The weight of what user opened in [since, until).  Returns it, or -1. */
int
mods_exposure_sum(struct db *db, int64_t user, int64_t since, int64_t until)
{
	struct stmt q;
	int rc, sum = -1;

	if (db_prepare(db, &q, "SELECT coalesce(sum(weight), 0) FROM exposures "
	    "WHERE user_id = :u AND at >= :since AND at < :until") != 0)
		return -1;
	db_bind_int(&q, ":u", user);
	db_bind_int(&q, ":since", since);
	db_bind_int(&q, ":until", until);
	if ((rc = db_step(&q)) == DB_ROW)
		sum = (int)db_col_int(&q, 0);
	db_finalize(&q);
	return sum;
}

/* What user opened since `since`, by kind: its weight and how many times.
** Returns 0 or -1. */
int
mods_exposure_kinds(struct db *db, int64_t user, int64_t since,
    int (*each)(void *ctx, const char *kind, int weight, int times),
    void *ctx)
{
	struct stmt q;
	int rc;

	if (db_prepare(db, &q, "SELECT kind, sum(weight), count(*) FROM "
	    "exposures WHERE user_id = :u AND at >= :since GROUP BY kind "
	    "ORDER BY sum(weight) DESC, kind") != 0)
		return -1;
	db_bind_int(&q, ":u", user);
	db_bind_int(&q, ":since", since);
	while ((rc = db_step(&q)) == DB_ROW)
		if (each(ctx, db_col_text(&q, 0), (int)db_col_int(&q, 1),
		    (int)db_col_int(&q, 2)) != 0) {
			rc = -1;
			break;
		}
	db_finalize(&q);
	return rc == DB_DONE ? 0 : -1;
}

/* Put user last on the rota.  Returns 0, DB_EXISTS when they are on it,
** or -1. */
int
mods_rota_add(struct db *db, int64_t user, int64_t now)
{
	struct stmt q;
	int rc;

	if (db_prepare(db, &q, "INSERT OR IGNORE INTO rota_members(user_id, "
	    "position, added_at) SELECT :u, coalesce(max(position), 0) + 1, "
	    ":now FROM rota_members") != 0)
		return -1;
	db_bind_int(&q, ":u", user);
	db_bind_int(&q, ":now", now);
	rc = db_step_done(&q);
	if (rc == 0 && db_changes(db) == 0)
		return DB_EXISTS;
	return rc;
}

/* Take user off the rota.  Returns 0, 1 when they were not on it, or
** -1. */
int
mods_rota_remove(struct db *db, int64_t user)
{
	struct stmt q;

	if (db_prepare(db, &q, "DELETE FROM rota_members WHERE user_id = :u")
	    != 0)
		return -1;
	db_bind_int(&q, ":u", user);
	if (db_step_done(&q) != 0)
		return -1;
	return db_changes(db) == 0 ? 1 : 0;
}

/* The rota's members in their order.  Returns 0 or -1. */
int
mods_rota_each(struct db *db,
    int (*each)(void *ctx, const struct rota_member *m), void *ctx)
{
	struct stmt q;
	struct rota_member m;
	int rc;

	if (db_prepare(db, &q, "SELECT r.user_id, r.added_at, r.position, "
	    "u.disabled, u.name, u.role FROM rota_members r JOIN users u ON "
	    "u.id = r.user_id ORDER BY r.position") != 0)
		return -1;
	while ((rc = db_step(&q)) == DB_ROW) {
		memset(&m, 0, sizeof(m));
		m.user_id = db_col_int(&q, 0);
		m.added_at = db_col_int(&q, 1);
		m.position = (int)db_col_int(&q, 2);
		m.disabled = (int)db_col_int(&q, 3);
		copy_col(&q, 4, m.name, sizeof(m.name));
		copy_col(&q, 5, m.role, sizeof(m.role));
		if (each(ctx, &m) != 0) {
			rc = -1;
			break;
		}
	}
	db_finalize(&q);
	return rc == DB_DONE ? 0 : -1;
}

/* Keep time away for user in [starts, ends).  Returns 0 or -1. */
int
mods_away_add(struct db *db, int64_t user, const char *kind, int64_t starts,
    int64_t ends, int shown, int64_t now, int64_t *id)
{
	struct stmt q;

	if (db_prepare(db, &q, "INSERT INTO rota_away(user_id, kind, "
	    "starts_at, ends_at, shown, created_at) VALUES (:u, :k, :s, :e, "
	    ":shown, :now)") != 0)
		return -1;
	db_bind_int(&q, ":u", user);
	db_bind_text(&q, ":k", kind);
	db_bind_int(&q, ":s", starts);
	db_bind_int(&q, ":e", ends);
	db_bind_int(&q, ":shown", shown);
	db_bind_int(&q, ":now", now);
	if (db_step_done(&q) != 0)
		return -1;
	*id = db_last_id(db);
	return 0;
}

/* End user's time away now: what is under way ends, what was planned is
** dropped.  Returns the number changed, or -1. */
int
mods_away_end(struct db *db, int64_t user, int64_t now)
{
	struct stmt q;
	int n;

	if (db_prepare(db, &q, "DELETE FROM rota_away WHERE user_id = :u AND "
	    "starts_at >= :now") != 0)
		return -1;
	db_bind_int(&q, ":u", user);
	db_bind_int(&q, ":now", now);
	if (db_step_done(&q) != 0)
		return -1;
	n = db_changes(db);
	if (db_prepare(db, &q, "UPDATE rota_away SET ends_at = :now WHERE "
	    "user_id = :u AND starts_at < :now AND ends_at > :now") != 0)
		return -1;
	db_bind_int(&q, ":u", user);
	db_bind_int(&q, ":now", now);
	if (db_step_done(&q) != 0)
		return -1;
	return n + db_changes(db);
}

/* Time away overlapping [from, to), of user (0: everyone's), soonest
** first.  Returns 0 or -1. */
int
mods_away_each(struct db *db, int64_t user, int64_t from, int64_t to,
    int (*each)(void *ctx, const struct rota_away_row *a), void *ctx)
{
	struct stmt q;
	struct rota_away_row a;
	int rc;

	if (db_prepare(db, &q, "SELECT a.id, a.user_id, a.starts_at, "
	    "a.ends_at, a.shown, a.kind, u.name FROM rota_away a JOIN users u "
	    "ON u.id = a.user_id WHERE (:u = 0 OR a.user_id = :u) AND "
	    "a.starts_at < :to AND a.ends_at > :from ORDER BY a.starts_at, "
	    "a.id") != 0)
		return -1;
	db_bind_int(&q, ":u", user);
	db_bind_int(&q, ":from", from);
	db_bind_int(&q, ":to", to);
	while ((rc = db_step(&q)) == DB_ROW) {
		memset(&a, 0, sizeof(a));
		a.id = db_col_int(&q, 0);
		a.user_id = db_col_int(&q, 1);
		a.starts_at = db_col_int(&q, 2);
		a.ends_at = db_col_int(&q, 3);
		a.shown = (int)db_col_int(&q, 4);
		copy_col(&q, 5, a.kind, sizeof(a.kind));
		copy_col(&q, 6, a.name, sizeof(a.name));
		if (each(ctx, &a) != 0) {
			rc = -1;
			break;
		}
	}
	db_finalize(&q);
	return rc == DB_DONE ? 0 : -1;
}

/* in_user takes out_user's place in shift.  Returns 0, DB_EXISTS when
** out_user's place in it changed already, or -1. */
int
mods_change_add(struct db *db, int64_t shift, int64_t out_user,
    int64_t in_user, const char *kind, const char *by, int64_t now)
{
	struct stmt q;
	int rc;

	if (db_prepare(db, &q, "INSERT OR IGNORE INTO rota_changes(shift, "
	    "out_user, in_user, kind, made_by, made_at) VALUES (:s, :o, :i, "
	    ":k, :by, :now)") != 0)
		return -1;
	db_bind_int(&q, ":s", shift);
	db_bind_int(&q, ":o", out_user);
	db_bind_int(&q, ":i", in_user);
	db_bind_text(&q, ":k", kind);
	db_bind_text(&q, ":by", by);
	db_bind_int(&q, ":now", now);
	rc = db_step_done(&q);
	if (rc == 0 && db_changes(db) == 0)
		return DB_EXISTS;
	return rc;
}

/* The changes to one shift, oldest first.  Returns 0 or -1. */
int
mods_changes_each(struct db *db, int64_t shift,
    int (*each)(void *ctx, const struct rota_change *c), void *ctx)
{
	struct stmt q;
	struct rota_change c;
	int rc;

	if (db_prepare(db, &q, "SELECT shift, out_user, in_user, kind, "
	    "made_by FROM rota_changes WHERE shift = :s ORDER BY id") != 0)
		return -1;
	db_bind_int(&q, ":s", shift);
	while ((rc = db_step(&q)) == DB_ROW) {
		memset(&c, 0, sizeof(c));
		c.shift = db_col_int(&q, 0);
		c.out_user = db_col_int(&q, 1);
		c.in_user = db_col_int(&q, 2);
		copy_col(&q, 3, c.kind, sizeof(c.kind));
		copy_col(&q, 4, c.made_by, sizeof(c.made_by));
		if (each(ctx, &c) != 0) {
			rc = -1;
			break;
		}
	}
	db_finalize(&q);
	return rc == DB_DONE ? 0 : -1;
}

/* Who leads incident (0: nobody).  Returns 0 or -1. */
int
mods_incident_lead_set(struct db *db, int64_t incident, int64_t user)
{
	struct stmt q;

	if (db_prepare(db, &q, "UPDATE incidents SET lead_id = nullif(:u, 0) "
	    "WHERE id = :i") != 0)
		return -1;
	db_bind_int(&q, ":u", user);
	db_bind_int(&q, ":i", incident);
	return db_step_done(&q);
}

/* The incident's lead: *user (0 when nobody) and their name.  Returns
** DB_ROW, DB_DONE when there is no such incident, or -1. */
int
mods_incident_lead(struct db *db, int64_t incident, int64_t *user,
    char *name, size_t cap)
{
	struct stmt q;
	int rc;

	if (db_prepare(db, &q, "SELECT coalesce(i.lead_id, 0), "
	    "coalesce(u.name, '') FROM incidents i LEFT JOIN users u ON u.id "
	    "= i.lead_id WHERE i.id = :i") != 0)
		return -1;
	db_bind_int(&q, ":i", incident);
	if ((rc = db_step(&q)) == DB_ROW) {
		*user = db_col_int(&q, 0);
		copy_col(&q, 1, name, cap);
	}
	db_finalize(&q);
	return rc;
}
