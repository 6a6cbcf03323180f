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

/* End user's time away now: what is under way ends; time off planned
** for later stands.  Returns the number changed, or -1. */
int
mods_away_end(struct db *db, int64_t user, int64_t now)
{
	struct stmt q;
	int n;

	/* begun this very second: nothing of it is left to keep */
	if (db_prepare(db, &q, "DELETE FROM rota_away WHERE user_id = :u AND "
	    "starts_at = :now") != 0)
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

/* The team's debrief schedule: every `every` days from *first (0: not
** set).  Returns 0 or -1. */
int
mods_debrief_schedule_get(struct db *db, int *every, int64_t *first)
{
	struct stmt q;
	int rc;

	if (db_prepare(db, &q, "SELECT debrief_every, coalesce(debrief_first, "
	    "0) FROM moderator_settings WHERE id = 1") != 0)
		return -1;
	if ((rc = db_step(&q)) == DB_ROW) {
		*every = (int)db_col_int(&q, 0);
		*first = db_col_int(&q, 1);
	}
	db_finalize(&q);
	return rc == DB_ROW ? 0 : -1;
}

/* Set it.  Returns 0 or -1. */
int
mods_debrief_schedule_set(struct db *db, int every, int64_t first)
{
	struct stmt q;

	if (db_prepare(db, &q, "UPDATE moderator_settings SET debrief_every = "
	    ":e, debrief_first = nullif(:f, 0) WHERE id = 1") != 0)
		return -1;
	db_bind_int(&q, ":e", every);
	db_bind_int(&q, ":f", first);
	return db_step_done(&q);
}

/* A debrief: the team's (incident 0) or an incident's.  Returns 0,
** DB_EXISTS when that one is there already, or -1. */
int
mods_debrief_add(struct db *db, const char *kind, int64_t incident,
    int64_t held_at, const char *by, int64_t now, int64_t *id)
{
	struct stmt q;
	int rc;

	if (db_prepare(db, &q, "INSERT OR IGNORE INTO debriefs(kind, "
	    "incident_id, held_at, created_by, created_at) VALUES (:k, "
	    "nullif(:i, 0), :h, :by, :now)") != 0)
		return -1;
	db_bind_text(&q, ":k", kind);
	db_bind_int(&q, ":i", incident);
	db_bind_int(&q, ":h", held_at);
	db_bind_text(&q, ":by", by);
	db_bind_int(&q, ":now", now);
	rc = db_step_done(&q);
	if (rc == 0 && db_changes(db) == 0)
		return DB_EXISTS;
	if (rc == 0)
		*id = db_last_id(db);
	return rc;
}

static int
one_id(struct db *db, struct stmt *q, int64_t *id)
{
	int rc;

	(void)db;
	if ((rc = db_step(q)) == DB_ROW)
		*id = db_col_int(q, 0);
	db_finalize(q);
	return rc;
}

/* The team's debrief held at held_at.  Returns DB_ROW with *id, DB_DONE,
** or -1. */
int
mods_debrief_team_at(struct db *db, int64_t held_at, int64_t *id)
{
	struct stmt q;

	if (db_prepare(db, &q, "SELECT id FROM debriefs WHERE kind = 'team' "
	    "AND held_at = :h") != 0)
		return -1;
	db_bind_int(&q, ":h", held_at);
	return one_id(db, &q, id);
}

/* The debrief after incident.  Returns DB_ROW with *id, DB_DONE, or -1. */
int
mods_debrief_of_incident(struct db *db, int64_t incident, int64_t *id)
{
	struct stmt q;

	if (db_prepare(db, &q, "SELECT id FROM debriefs WHERE incident_id = "
	    ":i") != 0)
		return -1;
	db_bind_int(&q, ":i", incident);
	return one_id(db, &q, id);
}

static void
debrief_cols(struct stmt *q, struct debrief_row *d)
{
	memset(d, 0, sizeof(*d));
	d->id = db_col_int(q, 0);
	d->incident_id = db_col_int(q, 1);
	d->held_at = db_col_int(q, 2);
	copy_col(q, 3, d->kind, sizeof(d->kind));
	copy_col(q, 4, d->created_by, sizeof(d->created_by));
	d->entries = (int)db_col_int(q, 5);
	d->mine = (int)db_col_int(q, 6);
	d->involved = (int)db_col_int(q, 7);
}

/* Debrief id (0: every one, newest first), as user sees it.  Returns 0 or
** -1. */
static int
debriefs_query(struct db *db, int64_t id, int64_t user,
    int (*each)(void *ctx, const struct debrief_row *d), void *ctx)
{
	struct stmt q;
	struct debrief_row d;
	int rc;

	if (db_prepare(db, &q, "SELECT d.id, coalesce(d.incident_id, 0), "
	    "d.held_at, d.kind, d.created_by, (SELECT count(*) FROM "
	    "debrief_entries e WHERE e.debrief_id = d.id), EXISTS (SELECT 1 "
	    "FROM debrief_entries e WHERE e.debrief_id = d.id AND e.user_id = "
	    ":u), d.kind = 'team' OR EXISTS (SELECT 1 FROM debrief_people p "
	    "WHERE p.debrief_id = d.id AND p.user_id = :u) FROM debriefs d "
	    "WHERE :id = 0 OR d.id = :id ORDER BY d.held_at DESC, d.id DESC "
	    "LIMIT 200") != 0)
		return -1;
	db_bind_int(&q, ":id", id);
	db_bind_int(&q, ":u", user);
	while ((rc = db_step(&q)) == DB_ROW) {
		debrief_cols(&q, &d);
		if (each(ctx, &d) != 0) {
			rc = -1;
			break;
		}
	}
	db_finalize(&q);
	return rc == DB_DONE ? 0 : -1;
}

static int
keep_debrief(void *ctx, const struct debrief_row *d)
{
	struct debrief_row *out = ctx;

	*out = *d;
	return 0;
}

/* Debrief id, as user sees it.  Returns DB_ROW, DB_DONE or -1. */
int
mods_debrief_get(struct db *db, int64_t id, int64_t user,
    struct debrief_row *d)
{
	d->id = 0;
	if (id <= 0)
		return DB_DONE;
	if (debriefs_query(db, id, user, keep_debrief, d) != 0)
		return -1;
	return d->id ? DB_ROW : DB_DONE;
}

/* Every debrief, newest first, as user sees it.  Returns 0 or -1. */
int
mods_debriefs_each(struct db *db, int64_t user,
    int (*each)(void *ctx, const struct debrief_row *d), void *ctx)
{
	return debriefs_query(db, 0, user, each, ctx);
}

/* The people of an incident's debrief: its lead, and every moderator or
** admin the audit trail shows acting on it.  Returns 0 or -1. */
int
mods_debrief_people_add(struct db *db, int64_t debrief, int64_t incident)
{
	struct stmt q;
	char target[32];

	snprintf(target, sizeof(target), "incident %lld", (long long)incident);
	if (db_prepare(db, &q, "INSERT OR IGNORE INTO debrief_people(debrief_id, "
	    "user_id) SELECT :d, u.id FROM users u WHERE u.disabled = 0 AND "
	    "u.role IN ('moderator', 'admin') AND (u.id = (SELECT lead_id FROM "
	    "incidents WHERE id = :i) OR u.id IN (SELECT actor_id FROM audit "
	    "WHERE target = :t))") != 0)
		return -1;
	db_bind_int(&q, ":d", debrief);
	db_bind_int(&q, ":i", incident);
	db_bind_text(&q, ":t", target);
	return db_step_done(&q);
}

/* Who an incident's debrief is for.  Returns 0 or -1. */
int
mods_debrief_people_each(struct db *db, int64_t debrief,
    int (*each)(void *ctx, int64_t user, const char *name), void *ctx)
{
	struct stmt q;
	int rc;

	if (db_prepare(db, &q, "SELECT u.id, u.name FROM debrief_people p JOIN "
	    "users u ON u.id = p.user_id WHERE p.debrief_id = :d ORDER BY "
	    "u.name") != 0)
		return -1;
	db_bind_int(&q, ":d", debrief);
	while ((rc = db_step(&q)) == DB_ROW)
		if (each(ctx, db_col_int(&q, 0), db_col_text(&q, 1)) != 0) {
			rc = -1;
			break;
		}
	db_finalize(&q);
	return rc == DB_DONE ? 0 : -1;
}

/* user's entry in debrief, made if there is none.  Returns 0 with *id, or
** -1. */
int
mods_entry_put(struct db *db, int64_t debrief, int64_t user, int64_t now,
    int64_t *id)
{
	struct stmt q;

	if (db_prepare(db, &q, "INSERT INTO debrief_entries(debrief_id, "
	    "user_id, written_at) VALUES (:d, :u, :now) ON CONFLICT "
	    "(debrief_id, user_id) DO UPDATE SET written_at = :now") != 0)
		return -1;
	db_bind_int(&q, ":d", debrief);
	db_bind_int(&q, ":u", user);
	db_bind_int(&q, ":now", now);
	if (db_step_done(&q) != 0)
		return -1;
	if (db_prepare(db, &q, "SELECT id FROM debrief_entries WHERE "
	    "debrief_id = :d AND user_id = :u") != 0)
		return -1;
	db_bind_int(&q, ":d", debrief);
	db_bind_int(&q, ":u", user);
	return one_id(db, &q, id) == DB_ROW ? 0 : -1;
}

/* Keep an entry's sealed part: the team's (private_ 0) or its author's
** own reflection.  Returns 0 or -1. */
int
mods_entry_seal(struct db *db, int64_t id, int private_, const void *sealed,
    size_t n)
{
	struct stmt q;

	if (private_) {
		if (db_prepare(db, &q, "UPDATE debrief_entries SET "
		    "private_sealed = :s WHERE id = :id") != 0)
			return -1;
	} else if (db_prepare(db, &q, "UPDATE debrief_entries SET "
	    "shared_sealed = :s WHERE id = :id") != 0)
		return -1;
	if (sealed)
		db_bind_blob(&q, ":s", sealed, n);
	else
		db_bind_null(&q, ":s");
	db_bind_int(&q, ":id", id);
	return db_step_done(&q);
}

/* A debrief's entries (user 0), or one person's in it, oldest first; the
** sealed parts are valid during the call.  Returns 0 or -1. */
int
mods_entries_each(struct db *db, int64_t debrief, int64_t user,
    int (*each)(void *ctx, const struct debrief_entry *e), void *ctx)
{
	struct stmt q;
	struct debrief_entry e;
	int rc;

	if (db_prepare(db, &q, "SELECT e.id, e.debrief_id, e.user_id, "
	    "e.written_at, u.name, e.shared_sealed, e.private_sealed, e.shown "
	    "FROM "
	    "debrief_entries e JOIN users u ON u.id = e.user_id WHERE "
	    "(:d = 0 OR e.debrief_id = :d) AND (:u = 0 OR e.user_id = :u) "
	    "ORDER BY e.debrief_id DESC, e.written_at, e.id") != 0)
		return -1;
	db_bind_int(&q, ":d", debrief);
	db_bind_int(&q, ":u", user);
	while ((rc = db_step(&q)) == DB_ROW) {
		memset(&e, 0, sizeof(e));
		e.id = db_col_int(&q, 0);
		e.debrief_id = db_col_int(&q, 1);
		e.user_id = db_col_int(&q, 2);
		e.written_at = db_col_int(&q, 3);
		copy_col(&q, 4, e.name, sizeof(e.name));
		e.shared = db_col_blob(&q, 5, &e.shared_n);
		e.private_ = db_col_blob(&q, 6, &e.private_n);
		e.shown = (int)db_col_int(&q, 7);
		if (each(ctx, &e) != 0) {
			rc = -1;
			break;
		}
	}
	db_finalize(&q);
	return rc == DB_DONE ? 0 : -1;
}

/* Who wrote entry id.  Returns DB_ROW with *user, DB_DONE or -1. */
int
mods_entry_author(struct db *db, int64_t id, int64_t *user)
{
	struct stmt q;

	if (db_prepare(db, &q, "SELECT user_id FROM debrief_entries WHERE id = "
	    ":id") != 0)
		return -1;
	db_bind_int(&q, ":id", id);
	return one_id(db, &q, user);
}

/* A self-check of user's, sealed next.  Returns 0 with *id, or -1. */
int
mods_selfcheck_add(struct db *db, int64_t user, int64_t now, int64_t *id)
{
	struct stmt q;

	if (db_prepare(db, &q, "INSERT INTO self_checks(user_id, at) VALUES "
	    "(:u, :now)") != 0)
		return -1;
	db_bind_int(&q, ":u", user);
	db_bind_int(&q, ":now", now);
	if (db_step_done(&q) != 0)
		return -1;
	*id = db_last_id(db);
	return 0;
}

/* Keep its sealed answers.  Returns 0 or -1. */
int
mods_selfcheck_seal(struct db *db, int64_t id, const void *sealed, size_t n)
{
	struct stmt q;

	if (db_prepare(db, &q, "UPDATE self_checks SET answers_sealed = :s "
	    "WHERE id = :id") != 0)
		return -1;
	db_bind_blob(&q, ":s", sealed, n);
	db_bind_int(&q, ":id", id);
	return db_step_done(&q);
}

/* user's last `limit` self-checks, oldest first; the sealed answers are
** valid during the call.  Returns 0 or -1. */
int
mods_selfchecks_each(struct db *db, int64_t user, int limit,
    int (*each)(void *ctx, int64_t id, int64_t at, const void *sealed,
    size_t n), void *ctx)
{
	struct stmt q;
	const void *p;
	size_t n;
	int rc;

	if (db_prepare(db, &q, "SELECT id, at, answers_sealed FROM (SELECT * "
	    "FROM self_checks WHERE user_id = :u AND answers_sealed IS NOT NULL "
	    "ORDER BY at DESC, id DESC LIMIT :lim) ORDER BY at, id") != 0)
		return -1;
	db_bind_int(&q, ":u", user);
	db_bind_int(&q, ":lim", limit);
	while ((rc = db_step(&q)) == DB_ROW) {
		p = db_col_blob(&q, 2, &n);
		if (each(ctx, db_col_int(&q, 0), db_col_int(&q, 1), p, n) != 0) {
			rc = -1;
			break;
		}
	}
	db_finalize(&q);
	return rc == DB_DONE ? 0 : -1;
}

/* Whose self-check id is.  Returns DB_ROW with *user, DB_DONE or -1. */
int
mods_selfcheck_author(struct db *db, int64_t id, int64_t *user)
{
	struct stmt q;

	if (db_prepare(db, &q, "SELECT user_id FROM self_checks WHERE id = "
	    ":id") != 0)
		return -1;
	db_bind_int(&q, ":id", id);
	return one_id(db, &q, user);
}

/* Whether the team may see that the author of entry id took part.
** Returns 0 or -1. */
int
mods_entry_shown(struct db *db, int64_t id, int shown)
{
	struct stmt q;

	if (db_prepare(db, &q, "UPDATE debrief_entries SET shown = :s WHERE "
	    "id = :id") != 0)
		return -1;
	db_bind_int(&q, ":s", shown ? 1 : 0);
	db_bind_int(&q, ":id", id);
	return db_step_done(&q);
}

/* Add to the directory of support for moderators.  Returns 0 with *id,
** or -1. */
int
mods_support_add(struct db *db, const struct mod_support_row *s,
    const char *by, int64_t now, int64_t *id)
{
	struct stmt q;

	if (db_prepare(db, &q, "INSERT INTO mod_support(name, kind, contact, "
	    "languages, note, added_by, added_at) VALUES (:n, :k, :c, :l, :note, "
	    ":by, :now)") != 0)
		return -1;
	db_bind_text(&q, ":n", s->name);
	db_bind_text(&q, ":k", s->kind);
	db_bind_text(&q, ":c", s->contact);
	db_bind_text(&q, ":l", s->languages);
	db_bind_text(&q, ":note", s->note);
	db_bind_text(&q, ":by", by);
	db_bind_int(&q, ":now", now);
	if (db_step_done(&q) != 0)
		return -1;
	*id = db_last_id(db);
	return 0;
}

/* Take an entry out of the directory.  Returns 0, 1 when there was none,
** or -1. */
int
mods_support_remove(struct db *db, int64_t id, int64_t now)
{
	struct stmt q;

	if (db_prepare(db, &q, "UPDATE mod_support SET removed_at = :now WHERE "
	    "id = :id AND removed_at IS NULL") != 0)
		return -1;
	db_bind_int(&q, ":now", now);
	db_bind_int(&q, ":id", id);
	if (db_step_done(&q) != 0)
		return -1;
	return db_changes(db) == 0 ? 1 : 0;
}

/* The directory, by kind and name.  Returns 0 or -1. */
int
mods_support_each(struct db *db,
    int (*each)(void *ctx, const struct mod_support_row *s), void *ctx)
{
	struct stmt q;
	struct mod_support_row r;
	int rc;

	if (db_prepare(db, &q, "SELECT id, added_at, name, kind, contact, "
	    "languages, note FROM mod_support WHERE removed_at IS NULL ORDER BY "
	    "kind, name") != 0)
		return -1;
	while ((rc = db_step(&q)) == DB_ROW) {
		memset(&r, 0, sizeof(r));
		r.id = db_col_int(&q, 0);
		r.added_at = db_col_int(&q, 1);
		copy_col(&q, 2, r.name, sizeof(r.name));
		copy_col(&q, 3, r.kind, sizeof(r.kind));
		copy_col(&q, 4, r.contact, sizeof(r.contact));
		copy_col(&q, 5, r.languages, sizeof(r.languages));
		copy_col(&q, 6, r.note, sizeof(r.note));
		if (each(ctx, &r) != 0) {
			rc = -1;
			break;
		}
	}
	db_finalize(&q);
	return rc == DB_DONE ? 0 : -1;
}

/* The counselling budget for moderators and what all covered sessions
** cost, in minor units.  Returns 0 or -1. */
int
mods_budget_get(struct db *db, int64_t *budget, char *currency, size_t cap,
    int64_t *spent)
{
	struct stmt q;
	int rc;

	if (db_prepare(db, &q, "SELECT counselling_budget, "
	    "counselling_currency, (SELECT coalesce(sum(cost), 0) FROM "
	    "mod_sessions) FROM moderator_settings WHERE id = 1") != 0)
		return -1;
	if ((rc = db_step(&q)) == DB_ROW) {
		*budget = db_col_int(&q, 0);
		copy_col(&q, 1, currency, cap);
		*spent = db_col_int(&q, 2);
	}
	db_finalize(&q);
	return rc == DB_ROW ? 0 : -1;
}

/* Set it.  Returns 0 or -1. */
int
mods_budget_set(struct db *db, int64_t budget, const char *currency)
{
	struct stmt q;

	if (db_prepare(db, &q, "UPDATE moderator_settings SET "
	    "counselling_budget = :b, counselling_currency = :c WHERE id = 1")
	    != 0)
		return -1;
	db_bind_int(&q, ":b", budget);
	db_bind_text(&q, ":c", currency);
	return db_step_done(&q);
}

/* A covered session of user's: its day and cost, nothing else.  Returns 0
** or -1. */
int
mods_session_add(struct db *db, int64_t user, int64_t held_on, int64_t cost,
    int64_t now)
{
	struct stmt q;

	if (db_prepare(db, &q, "INSERT INTO mod_sessions(user_id, held_on, "
	    "cost, recorded_at) VALUES (:u, :h, :c, :now)") != 0)
		return -1;
	db_bind_int(&q, ":u", user);
	db_bind_int(&q, ":h", held_on);
	db_bind_int(&q, ":c", cost);
	db_bind_int(&q, ":now", now);
	return db_step_done(&q);
}

/* How many covered sessions user had, and their cost.  Returns 0 or -1. */
int
mods_sessions_of(struct db *db, int64_t user, int *count, int64_t *spent)
{
	struct stmt q;
	int rc;

	if (db_prepare(db, &q, "SELECT count(*), coalesce(sum(cost), 0) FROM "
	    "mod_sessions WHERE user_id = :u") != 0)
		return -1;
	db_bind_int(&q, ":u", user);
	if ((rc = db_step(&q)) == DB_ROW) {
		*count = (int)db_col_int(&q, 0);
		*spent = db_col_int(&q, 1);
	}
	db_finalize(&q);
	return rc == DB_ROW ? 0 : -1;
}

/* Thanks for `to` (0: the whole team) from `from` (0: someone who chose
** not to say), sealed next.  Returns 0 with *id, or -1. */
int
mods_thanks_add(struct db *db, int64_t to, int64_t from, int64_t now,
    int64_t *id)
{
	struct stmt q;

	if (db_prepare(db, &q, "INSERT INTO thanks(to_user, from_user, "
	    "created_at) VALUES (nullif(:t, 0), nullif(:f, 0), :now)") != 0)
		return -1;
	db_bind_int(&q, ":t", to);
	db_bind_int(&q, ":f", from);
	db_bind_int(&q, ":now", now);
	if (db_step_done(&q) != 0)
		return -1;
	*id = db_last_id(db);
	return 0;
}

/* Keep its sealed words.  Returns 0 or -1. */
int
mods_thanks_seal(struct db *db, int64_t id, const void *sealed, size_t n)
{
	struct stmt q;

	if (db_prepare(db, &q, "UPDATE thanks SET message_sealed = :s WHERE "
	    "id = :id") != 0)
		return -1;
	db_bind_blob(&q, ":s", sealed, n);
	db_bind_int(&q, ":id", id);
	return db_step_done(&q);
}

/* The newest `limit` thanks for user and for the whole team, newest
** first; from is "" when its sender chose not to say.  Returns 0 or -1. */
int
mods_thanks_each(struct db *db, int64_t user, int limit,
    int (*each)(void *ctx, int64_t id, int64_t at, int to_team,
    const char *from, const void *sealed, size_t n), void *ctx)
{
	struct stmt q;
	const void *p;
	size_t n;
	int rc;

	if (db_prepare(db, &q, "SELECT t.id, t.created_at, t.to_user IS NULL, "
	    "coalesce(u.name, ''), t.message_sealed FROM thanks t LEFT JOIN "
	    "users u ON u.id = t.from_user WHERE (t.to_user = :u OR t.to_user "
	    "IS NULL) AND t.message_sealed IS NOT NULL ORDER BY t.created_at "
	    "DESC, t.id DESC LIMIT :lim") != 0)
		return -1;
	db_bind_int(&q, ":u", user);
	db_bind_int(&q, ":lim", limit);
	while ((rc = db_step(&q)) == DB_ROW) {
		p = db_col_blob(&q, 4, &n);
		if (each(ctx, db_col_int(&q, 0), db_col_int(&q, 1),
		    (int)db_col_int(&q, 2), db_col_text(&q, 3), p, n) != 0) {
			rc = -1;
			break;
		}
	}
	db_finalize(&q);
	return rc == DB_DONE ? 0 : -1;
}

/* Whom thanks id is for (0: the whole team).  Returns DB_ROW with *to,
** DB_DONE or -1. */
int
mods_thanks_for(struct db *db, int64_t id, int64_t *to)
{
	struct stmt q;

	if (db_prepare(db, &q, "SELECT coalesce(to_user, 0) FROM thanks WHERE "
	    "id = :id") != 0)
		return -1;
	db_bind_int(&q, ":id", id);
	return one_id(db, &q, to);
}

/* What user did since `since`: the audit trail's actions and how many of
** each, most first (the caller picks those that count as contributions).
** Returns 0 or -1. */
int
mods_contributions(struct db *db, int64_t user, int64_t since,
    int (*each)(void *ctx, const char *action, int count), void *ctx)
{
	struct stmt q;
	int rc;

	if (db_prepare(db, &q, "SELECT action, count(*) FROM audit WHERE "
	    "actor_id = :u AND at >= :since GROUP BY action ORDER BY count(*) "
	    "DESC, action") != 0)
		return -1;
	db_bind_int(&q, ":u", user);
	db_bind_int(&q, ":since", since);
	while ((rc = db_step(&q)) == DB_ROW)
		if (each(ctx, db_col_text(&q, 0), (int)db_col_int(&q, 1)) != 0) {
			rc = -1;
			break;
		}
	db_finalize(&q);
	return rc == DB_DONE ? 0 : -1;
}

/* from asks to to swap: to takes give, from takes take.  Returns 0 with
** *id, or -1. */
int
mods_swap_add(struct db *db, int64_t from, int64_t to, int64_t give,
    int64_t take, int64_t now, int64_t *id)
{
	struct stmt q;

	if (db_prepare(db, &q, "INSERT INTO rota_swaps(from_user, to_user, "
	    "give_shift, take_shift, asked_at) VALUES (:f, :t, :g, :k, :now)")
	    != 0)
		return -1;
	db_bind_int(&q, ":f", from);
	db_bind_int(&q, ":t", to);
	db_bind_int(&q, ":g", give);
	db_bind_int(&q, ":k", take);
	db_bind_int(&q, ":now", now);
	if (db_step_done(&q) != 0)
		return -1;
	*id = db_last_id(db);
	return 0;
}

/* Swaps: one (id), or the open ones asked by or of user, oldest first.
** Returns 0 or -1. */
static int
swaps_query(struct db *db, int64_t id, int64_t user,
    int (*each)(void *ctx, const struct rota_swap_row *s), void *ctx)
{
	struct stmt q;
	struct rota_swap_row r;
	int rc;

	if (db_prepare(db, &q, "SELECT s.id, s.from_user, s.to_user, "
	    "s.give_shift, s.take_shift, s.asked_at, f.name, t.name, "
	    "coalesce(s.answer, '') FROM rota_swaps s JOIN users f ON f.id = "
	    "s.from_user JOIN users t ON t.id = s.to_user WHERE (:id != 0 AND "
	    "s.id = :id) OR (:id = 0 AND s.answered_at IS NULL AND "
	    "(s.from_user = :u OR s.to_user = :u)) ORDER BY s.id") != 0)
		return -1;
	db_bind_int(&q, ":id", id);
	db_bind_int(&q, ":u", user);
	while ((rc = db_step(&q)) == DB_ROW) {
		memset(&r, 0, sizeof(r));
		r.id = db_col_int(&q, 0);
		r.from_user = db_col_int(&q, 1);
		r.to_user = db_col_int(&q, 2);
		r.give_shift = db_col_int(&q, 3);
		r.take_shift = db_col_int(&q, 4);
		r.asked_at = db_col_int(&q, 5);
		copy_col(&q, 6, r.from, sizeof(r.from));
		copy_col(&q, 7, r.to, sizeof(r.to));
		copy_col(&q, 8, r.answer, sizeof(r.answer));
		if (each(ctx, &r) != 0) {
			rc = -1;
			break;
		}
	}
	db_finalize(&q);
	return rc == DB_DONE ? 0 : -1;
}

static int
keep_swap(void *ctx, const struct rota_swap_row *s)
{
	*(struct rota_swap_row *)ctx = *s;
	return 0;
}

/* Swap id.  Returns DB_ROW, DB_DONE or -1. */
int
mods_swap_get(struct db *db, int64_t id, struct rota_swap_row *s)
{
	s->id = 0;
	if (id <= 0)
		return DB_DONE;
	if (swaps_query(db, id, 0, keep_swap, s) != 0)
		return -1;
	return s->id ? DB_ROW : DB_DONE;
}

/* Keep the answer to an open swap.  Returns 0, 1 when it was answered
** already, or -1. */
int
mods_swap_answer(struct db *db, int64_t id, const char *answer, int64_t now)
{
	struct stmt q;

	if (db_prepare(db, &q, "UPDATE rota_swaps SET answer = :a, answered_at "
	    "= :now WHERE id = :id AND answered_at IS NULL") != 0)
		return -1;
	db_bind_text(&q, ":a", answer);
	db_bind_int(&q, ":now", now);
	db_bind_int(&q, ":id", id);
	if (db_step_done(&q) != 0)
		return -1;
	return db_changes(db) == 0 ? 1 : 0;
}

/* The open swaps asked by or of user.  Returns 0 or -1. */
int
mods_swaps_open(struct db *db, int64_t user,
    int (*each)(void *ctx, const struct rota_swap_row *s), void *ctx)
{
	return swaps_query(db, 0, user, each, ctx);
}
