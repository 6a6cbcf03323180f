/*
** prevention.c: SQL for pledges, waiting lists and notices.  See
** prevention.h.
*/
#include "prevention.h"

#include "community.h"
#include "db.h"
#include "../util/util.h"

/* The newest pledge version stored.  Returns 1 with *version set, 0 when
** none is stored yet, or -1. */
int
prevention_pledge_latest(struct db *db, int64_t *version)
{
	struct stmt q;
	int rc;

	if (db_prepare(db, &q, "SELECT max(version) FROM pledge_versions")
	    != 0)
		return -1;
	rc = db_step(&q);
	if (rc == DB_ROW && !db_col_is_null(&q, 0)) {
		*version = db_col_int(&q, 0);
		rc = 1;
	} else if (rc == DB_ROW) {
		rc = 0;
	}
	db_finalize(&q);
	return rc;
}

/* Call each with pledge version (0: every version, newest first).
** Returns 0, each's non-zero return, or -1. */
int
prevention_pledge_get(struct db *db, int64_t version,
    int (*each)(void *ctx, const struct pledge_row *p), void *ctx)
{
	struct pledge_row p;
	struct stmt q;
	size_t n;
	int rc;

	if (db_prepare(db, &q, "SELECT version, body, digest, published_at, "
	    "published_by FROM pledge_versions WHERE :v = 0 OR version = :v "
	    "ORDER BY version DESC") != 0)
		return -1;
	db_bind_int(&q, ":v", version);
	while ((rc = db_step(&q)) == DB_ROW) {
		p.version = db_col_int(&q, 0);
		p.body = db_col_text(&q, 1);
		p.digest = db_col_blob(&q, 2, &n);
		p.published_at = db_col_int(&q, 3);
		p.published_by = db_col_text(&q, 4);
		if ((rc = each(ctx, &p)) != 0)
			break;
	}
	db_finalize(&q);
	return rc < 0 ? -1 : rc == DB_DONE ? 0 : rc;
}

/* Store a pledge version.  Returns 0, DB_EXISTS when that version is
** taken, or -1. */
int
prevention_pledge_add(struct db *db, int64_t version, const char *body,
    const void *digest, size_t dn, int64_t now, const char *by)
{
	struct stmt q;
	int64_t latest = 0;

	if (prevention_pledge_latest(db, &latest) < 0)
		return -1;
	if (version <= latest)
		return DB_EXISTS;
	if (db_prepare(db, &q, "INSERT INTO pledge_versions(version, body, "
	    "digest, published_at, published_by) VALUES (:v, :b, :d, :now, "
	    ":by)") != 0)
		return -1;
	db_bind_int(&q, ":v", version);
	db_bind_text(&q, ":b", body);
	db_bind_blob(&q, ":d", digest, dn);
	db_bind_int(&q, ":now", now);
	db_bind_text(&q, ":by", by);
	return db_step_done(&q);
}

/* Keep that member accepted pledge version, whose text has digest.
** Accepting a version again keeps the first acceptance.  Returns 0, or
** -1. */
int
prevention_pledge_accept(struct db *db, int64_t member_id, int64_t version,
    const void *digest, size_t dn, int64_t now)
{
	struct stmt q;
	int rc;

	if ((rc = prevention_pledge_accepted(db, member_id, version)) != 0)
		return rc < 0 ? -1 : 0;
	if (db_prepare(db, &q, "INSERT INTO pledges(member_id, version, "
	    "text_hash, signed_at) VALUES (:m, :v, :d, :now)") != 0)
		return -1;
	db_bind_int(&q, ":m", member_id);
	db_bind_int(&q, ":v", version);
	db_bind_blob(&q, ":d", digest, dn);
	db_bind_int(&q, ":now", now);
	return db_step_done(&q);
}

/* Has member accepted pledge version (and not withdrawn)?  1, 0 or -1. */
int
prevention_pledge_accepted(struct db *db, int64_t member_id, int64_t version)
{
	struct stmt q;
	int rc;

	if (db_prepare(db, &q, "SELECT 1 FROM pledges WHERE member_id = :m "
	    "AND version = :v AND withdrawn_at IS NULL") != 0)
		return -1;
	db_bind_int(&q, ":m", member_id);
	db_bind_int(&q, ":v", version);
	rc = db_step(&q);
	db_finalize(&q);
	return rc == DB_ROW ? 1 : rc == DB_DONE ? 0 : -1;
}

/* How many active members there are, and how many of them accepted pledge
** version.  Returns 0 or -1. */
int
prevention_pledge_counts(struct db *db, int64_t version, int64_t *accepted,
    int64_t *members)
{
	struct stmt q;
	int rc;

	if (db_prepare(db, &q, "SELECT count(*), count(p.member_id) FROM "
	    "members m LEFT JOIN (SELECT DISTINCT member_id FROM pledges "
	    "WHERE version = :v AND withdrawn_at IS NULL) p ON p.member_id = "
	    "m.id WHERE m.status = 'active'") != 0)
		return -1;
	db_bind_int(&q, ":v", version);
	rc = db_step(&q);
	if (rc == DB_ROW) {
		*members = db_col_int(&q, 0);
		*accepted = db_col_int(&q, 1);
	}
	db_finalize(&q);
	return rc == DB_ROW ? 0 : -1;
}

/* Give every active member a notice of kind (about no group).  Returns 0
** or -1. */
int
prevention_notice_all_members(struct db *db, const char *kind, int64_t now)
{
	struct stmt q;

	if (db_prepare(db, &q, "INSERT INTO notices(member_id, kind, "
	    "created_at) SELECT id, :k, :now FROM members WHERE status = "
	    "'active'") != 0)
		return -1;
	db_bind_text(&q, ":k", kind);
	db_bind_int(&q, ":now", now);
	return db_step_done(&q);
}

/* Put member on the waiting list of group, and set *position to their
** place in it (1: next).  Returns 0, DB_EXISTS when they wait already
** (with *position set), or -1. */
int
prevention_wait_add(struct db *db, int64_t group_id, int64_t member_id,
    int64_t now, int64_t *position)
{
	struct stmt q;
	int rc, existed;

	if (db_prepare(db, &q, "INSERT INTO group_waitlist(group_id, "
	    "member_id, asked_at) VALUES (:g, :m, :now) ON CONFLICT DO "
	    "NOTHING") != 0)
		return -1;
	db_bind_int(&q, ":g", group_id);
	db_bind_int(&q, ":m", member_id);
	db_bind_int(&q, ":now", now);
	if (db_step_done(&q) != 0)
		return -1;
	existed = db_changes(db) == 0;
	if (db_prepare(db, &q, "SELECT count(*) FROM group_waitlist w, "
	    "group_waitlist me WHERE me.group_id = :g AND me.member_id = :m "
	    "AND w.group_id = :g AND w.id <= me.id") != 0)
		return -1;
	db_bind_int(&q, ":g", group_id);
	db_bind_int(&q, ":m", member_id);
	rc = db_step(&q);
	if (rc == DB_ROW)
		*position = db_col_int(&q, 0);
	db_finalize(&q);
	if (rc != DB_ROW)
		return -1;
	return existed ? DB_EXISTS : 0;
}

/* Take member off the waiting list of group.  Returns 1 when they were
** on it, 0, or -1. */
int
prevention_wait_remove(struct db *db, int64_t group_id, int64_t member_id)
{
	struct stmt q;

	if (db_prepare(db, &q, "DELETE FROM group_waitlist WHERE group_id = "
	    ":g AND member_id = :m") != 0)
		return -1;
	db_bind_int(&q, ":g", group_id);
	db_bind_int(&q, ":m", member_id);
	if (db_step_done(&q) != 0)
		return -1;
	return db_changes(db) > 0;
}

/* A place opened in group: tell the first on its waiting list who has not
** been told yet, with a notice.  Returns 1 with *member_id set, 0 when
** nobody waits untold, or -1. */
int
prevention_wait_tell_next(struct db *db, int64_t group_id, int64_t now,
    int64_t *member_id)
{
	struct stmt q;
	int64_t wid = 0;
	int rc;

	if (db_prepare(db, &q, "SELECT w.id, w.member_id FROM group_waitlist "
	    "w JOIN members m ON m.id = w.member_id WHERE w.group_id = :g AND "
	    "w.told_at IS NULL AND m.status = 'active' ORDER BY w.id LIMIT 1")
	    != 0)
		return -1;
	db_bind_int(&q, ":g", group_id);
	rc = db_step(&q);
	if (rc == DB_ROW) {
		wid = db_col_int(&q, 0);
		*member_id = db_col_int(&q, 1);
	}
	db_finalize(&q);
	if (rc != DB_ROW)
		return rc == DB_DONE ? 0 : -1;
	if (db_prepare(db, &q, "UPDATE group_waitlist SET told_at = :now "
	    "WHERE id = :w") != 0)
		return -1;
	db_bind_int(&q, ":now", now);
	db_bind_int(&q, ":w", wid);
	if (db_step_done(&q) != 0)
		return -1;
	if (db_prepare(db, &q, "INSERT INTO notices(member_id, kind, "
	    "group_id, created_at) VALUES (:m, 'group.place', :g, :now)") != 0)
		return -1;
	db_bind_int(&q, ":m", *member_id);
	db_bind_int(&q, ":g", group_id);
	db_bind_int(&q, ":now", now);
	return db_step_done(&q) == 0 ? 1 : -1;
}

/* Call each for group's waiting list, in order.  Returns 0, each's
** non-zero return, or -1. */
int
prevention_wait_each(struct db *db, int64_t group_id,
    int (*each)(void *ctx, const struct wait_row *w), void *ctx)
{
	struct wait_row w;
	struct stmt q;
	int rc;

	if (db_prepare(db, &q, "SELECT w.member_id, m.pseudonym, w.asked_at, "
	    "coalesce(w.told_at, 0) FROM group_waitlist w JOIN members m ON "
	    "m.id = w.member_id WHERE w.group_id = :g ORDER BY w.id") != 0)
		return -1;
	db_bind_int(&q, ":g", group_id);
	while ((rc = db_step(&q)) == DB_ROW) {
		w.member_id = db_col_int(&q, 0);
		w.pseudonym = db_col_text(&q, 1);
		w.asked_at = db_col_int(&q, 2);
		w.told_at = db_col_int(&q, 3);
		if ((rc = each(ctx, &w)) != 0)
			break;
	}
	db_finalize(&q);
	return rc < 0 ? -1 : rc == DB_DONE ? 0 : rc;
}

/* May the console account user_id take part in group as one of its
** members: an active member who belongs to it now and accepted the newest
** pledge version?  Returns 1 with *member_id set, 0, or -1. */
int
prevention_member_in_group(struct db *db, int64_t user_id, int64_t group_id,
    int64_t *member_id)
{
	struct stmt q;
	int rc;

	if (db_prepare(db, &q, "SELECT m.id FROM members m JOIN "
	    "member_standing s ON s.id = m.id AND s.standing = 'active' JOIN "
	    "group_members gm ON gm.group_id = :g AND gm.member_id = m.id AND "
	    "gm.left_at IS NULL JOIN pledges pl ON pl.member_id = m.id AND "
	    "pl.withdrawn_at IS NULL AND pl.version = (SELECT max(version) "
	    "FROM pledge_versions) WHERE m.user_id = :u") != 0)
		return -1;
	db_bind_int(&q, ":u", user_id);
	db_bind_int(&q, ":g", group_id);
	rc = db_step(&q);
	if (rc == DB_ROW)
		*member_id = db_col_int(&q, 0);
	db_finalize(&q);
	return rc == DB_ROW ? 1 : rc == DB_DONE ? 0 : -1;
}

/* May the console account user_id read post: its author always (their
** own words), anyone else as a member of its group
** (prevention_member_in_group)?  Returns 1, 0, or -1. */
int
prevention_member_may_read_post(struct db *db, int64_t user_id,
    int64_t post_id)
{
	struct stmt q;
	int64_t group_id = 0, member_id;
	int rc, own = 0;

	if (db_prepare(db, &q, "SELECT p.group_id, m.user_id IS NOT NULL AND "
	    "m.user_id = :u FROM posts p JOIN members m ON m.id = p.member_id "
	    "WHERE p.id = :p") != 0)
		return -1;
	db_bind_int(&q, ":p", post_id);
	db_bind_int(&q, ":u", user_id);
	rc = db_step(&q);
	if (rc == DB_ROW) {
		group_id = db_col_int(&q, 0);
		own = (int)db_col_int(&q, 1);
	}
	db_finalize(&q);
	if (rc != DB_ROW)
		return rc == DB_DONE ? 0 : -1;
	if (own)
		return 1;
	return prevention_member_in_group(db, user_id, group_id, &member_id);
}

/* Call each for every group, by name, as member_id (0: nobody) sees it:
** its size, whether they belong and where they wait.  A member sees a
** healing space (extra-private) only while they are in it.  Returns 0, each's
** non-zero return, or -1. */
int
prevention_groups_for_member(struct db *db, int64_t member_id,
    int (*each)(void *ctx, const struct member_group *g), void *ctx)
{
	struct member_group g;
	struct stmt q;
	int rc;

	if (db_prepare(db, &q, "SELECT g.id, g.name, g.description, "
	    "g.capacity, (SELECT count(*) FROM group_members m WHERE "
	    "m.group_id = g.id AND m.left_at IS NULL), EXISTS (SELECT 1 FROM "
	    "group_members m WHERE m.group_id = g.id AND m.member_id = :m AND "
	    "m.left_at IS NULL), coalesce((SELECT count(*) FROM "
	    "group_waitlist w, group_waitlist me WHERE me.group_id = g.id AND "
	    "me.member_id = :m AND w.group_id = g.id AND w.id <= me.id), 0), "
	    "g.anonymous_ok FROM groups g WHERE g.extra_private = 0 OR :m = 0 "
	    "OR EXISTS (SELECT 1 FROM group_members m WHERE m.group_id = g.id "
	    "AND m.member_id = :m AND m.left_at IS NULL) ORDER BY g.name")
	    != 0)
		return -1;
	db_bind_int(&q, ":m", member_id);
	while ((rc = db_step(&q)) == DB_ROW) {
		g.id = db_col_int(&q, 0);
		g.name = db_col_text(&q, 1);
		g.description = db_col_text(&q, 2);
		g.capacity = (int)db_col_int(&q, 3);
		g.members = db_col_int(&q, 4);
		g.belongs = (int)db_col_int(&q, 5);
		g.waiting = db_col_int(&q, 6);
		g.anonymous_ok = (int)db_col_int(&q, 7);
		if ((rc = each(ctx, &g)) != 0)
			break;
	}
	db_finalize(&q);
	return rc < 0 ? -1 : rc == DB_DONE ? 0 : rc;
}

/* Call each for member's notices not seen yet, newest first, with the
** name of the group each is about ("" for none).  Returns 0, each's
** non-zero return, or -1. */
int
prevention_notices_each(struct db *db, int64_t member_id,
    int (*each)(void *ctx, const char *kind, const char *group,
    int64_t group_id, int64_t at), void *ctx)
{
	struct stmt q;
	int rc;

	if (db_prepare(db, &q, "SELECT n.kind, coalesce(g.name, ''), "
	    "coalesce(n.group_id, 0), n.created_at FROM notices n LEFT JOIN "
	    "groups g ON g.id = n.group_id WHERE n.member_id = :m AND "
	    "n.seen_at IS NULL ORDER BY n.id DESC LIMIT 20") != 0)
		return -1;
	db_bind_int(&q, ":m", member_id);
	while ((rc = db_step(&q)) == DB_ROW)
		if ((rc = each(ctx, db_col_text(&q, 0), db_col_text(&q, 1),
		    db_col_int(&q, 2), db_col_int(&q, 3))) != 0)
			break;
	db_finalize(&q);
	return rc < 0 ? -1 : rc == DB_DONE ? 0 : rc;
}

/* Mark member's notices of kind (about group_id, or any group when 0)
** seen.  Returns 0 or -1. */
int
prevention_notices_seen(struct db *db, int64_t member_id, const char *kind,
    int64_t group_id, int64_t now)
{
	struct stmt q;

	if (db_prepare(db, &q, "UPDATE notices SET seen_at = :now WHERE "
	    "member_id = :m AND kind = :k AND seen_at IS NULL AND (:g = 0 OR "
	    "group_id = :g)") != 0)
		return -1;
	db_bind_int(&q, ":now", now);
	db_bind_int(&q, ":m", member_id);
	db_bind_text(&q, ":k", kind);
	db_bind_int(&q, ":g", group_id);
	return db_step_done(&q);
}

/* How many violations are recorded of member.  Returns 0 or -1. */
int
prevention_violation_count(struct db *db, int64_t member_id, int64_t *n)
{
	struct stmt q;
	int rc;

	if (db_prepare(db, &q, "SELECT count(*) FROM violations WHERE "
	    "member_id = :m") != 0)
		return -1;
	db_bind_int(&q, ":m", member_id);
	rc = db_step(&q);
	if (rc == DB_ROW)
		*n = db_col_int(&q, 0);
	db_finalize(&q);
	return rc == DB_ROW ? 0 : -1;
}

/* Record a violation of member and its step (ends_at 0: none), with the
** message to them.  Returns 0 and sets *id, or -1. */
int
prevention_violation_add(struct db *db, int64_t member_id,
    int64_t incident_id, const char *step, int days, const char *message,
    const char *by, int64_t now, int64_t ends_at, int64_t *id)
{
	struct stmt q;

	if (db_prepare(db, &q, "INSERT INTO violations(member_id, incident_id, "
	    "step, days, message, recorded_by, at, ends_at) VALUES (:m, "
	    "nullif(:i, 0), :s, :d, :msg, :by, :now, nullif(:e, 0))") != 0)
		return -1;
	db_bind_int(&q, ":m", member_id);
	db_bind_int(&q, ":i", incident_id);
	db_bind_text(&q, ":s", step);
	db_bind_int(&q, ":d", days);
	db_bind_text(&q, ":msg", message);
	db_bind_text(&q, ":by", by);
	db_bind_int(&q, ":now", now);
	db_bind_int(&q, ":e", ends_at);
	if (db_step_done(&q) != 0)
		return -1;
	*id = db_last_id(db);
	return 0;
}

/* Store a violation's sealed note.  Returns 0 or -1. */
int
prevention_violation_seal(struct db *db, int64_t id, const void *note,
    size_t n)
{
	struct stmt q;

	if (db_prepare(db, &q, "UPDATE violations SET note_sealed = :n WHERE "
	    "id = :id") != 0)
		return -1;
	db_bind_blob(&q, ":n", note, n);
	db_bind_int(&q, ":id", id);
	return db_step_done(&q);
}

/* Tell member about violation id on their own page.  Returns 0 or -1. */
int
prevention_notice_violation(struct db *db, int64_t member_id,
    int64_t violation_id, int64_t now)
{
	struct stmt q;

	if (db_prepare(db, &q, "INSERT INTO notices(member_id, kind, "
	    "violation_id, created_at) VALUES (:m, 'violation', :v, :now)")
	    != 0)
		return -1;
	db_bind_int(&q, ":m", member_id);
	db_bind_int(&q, ":v", violation_id);
	db_bind_int(&q, ":now", now);
	return db_step_done(&q);
}

#define GROUPS_OF_MAX 64

/* The groups member belongs to now, at most GROUPS_OF_MAX.  Returns how
** many, or -1. */
static int
groups_of(struct db *db, int64_t member_id, int64_t *out)
{
	struct stmt q;
	int rc, n = 0;

	if (db_prepare(db, &q, "SELECT group_id FROM group_members WHERE "
	    "member_id = :m AND left_at IS NULL ORDER BY group_id") != 0)
		return -1;
	db_bind_int(&q, ":m", member_id);
	while (n < GROUPS_OF_MAX && (rc = db_step(&q)) == DB_ROW)
		out[n++] = db_col_int(&q, 0);
	db_finalize(&q);
	return n == GROUPS_OF_MAX || rc == DB_DONE ? n : -1;
}

/* A member left the n groups in g: in each that now has a free place,
** tell the first waiting for one.  Returns 0 or -1. */
static int
tell_places(struct db *db, const int64_t *g, int n, int64_t now)
{
	int64_t told, members;
	int i, capacity;

	for (i = 0; i < n; i++)
		if (community_group_size(db, g[i], &capacity, &members) == 1 &&
		    members < capacity && prevention_wait_tell_next(db, g[i],
		    now, &told) < 0)
			return -1;
	return 0;
}

/* Suspend member until (a time), or remove them (until 0): they no
** longer belong to any group nor wait for one, and the first waiting for
** each place that opened is told.  Returns 0 or -1. */
int
prevention_member_restrict(struct db *db, int64_t member_id, int64_t until,
    int64_t now)
{
	struct stmt q;
	int64_t groups[GROUPS_OF_MAX];
	int n;

	if (db_prepare(db, &q, "UPDATE members SET status = CASE WHEN :u > 0 "
	    "THEN 'suspended' ELSE 'left' END, suspended_until = nullif(:u, "
	    "0) WHERE id = :m") != 0)
		return -1;
	db_bind_int(&q, ":u", until);
	db_bind_int(&q, ":m", member_id);
	if (db_step_done(&q) != 0)
		return -1;
	if (until > 0)
		return 0;
	if ((n = groups_of(db, member_id, groups)) < 0 ||
	    db_prepare(db, &q, "UPDATE group_members SET left_at = :now WHERE "
	    "member_id = :m AND left_at IS NULL") != 0)
		return -1;
	db_bind_int(&q, ":now", now);
	db_bind_int(&q, ":m", member_id);
	if (db_step_done(&q) != 0)
		return -1;
	if (db_prepare(db, &q, "DELETE FROM group_waitlist WHERE member_id = "
	    ":m") != 0)
		return -1;
	db_bind_int(&q, ":m", member_id);
	if (db_step_done(&q) != 0)
		return -1;
	return tell_places(db, groups, n, now);
}

/* Call each for the violations of member (0: every member's), newest
** first.  Returns 0, each's non-zero return, or -1. */
int
prevention_violation_each(struct db *db, int64_t member_id,
    int (*each)(void *ctx, const struct violation_row *v), void *ctx)
{
	struct violation_row v;
	struct stmt q;
	int rc;

	if (db_prepare(db, &q, "SELECT v.id, v.member_id, m.pseudonym, "
	    "coalesce(v.incident_id, 0), v.step, v.days, v.message, "
	    "v.recorded_by, v.at, coalesce(v.ends_at, 0) FROM violations v "
	    "JOIN members m ON m.id = v.member_id WHERE :m = 0 OR "
	    "v.member_id = :m ORDER BY v.at DESC, v.id DESC LIMIT 200") != 0)
		return -1;
	db_bind_int(&q, ":m", member_id);
	while ((rc = db_step(&q)) == DB_ROW) {
		v.id = db_col_int(&q, 0);
		v.member_id = db_col_int(&q, 1);
		v.pseudonym = db_col_text(&q, 2);
		v.incident_id = db_col_int(&q, 3);
		v.step = db_col_text(&q, 4);
		v.days = (int)db_col_int(&q, 5);
		v.message = db_col_text(&q, 6);
		v.recorded_by = db_col_text(&q, 7);
		v.at = db_col_int(&q, 8);
		v.ends_at = db_col_int(&q, 9);
		if ((rc = each(ctx, &v)) != 0)
			break;
	}
	db_finalize(&q);
	return rc < 0 ? -1 : rc == DB_DONE ? 0 : rc;
}

/* Add a training (how long a completion stays current).  Returns 0 and
** sets *id, DB_EXISTS when one has that name, or -1. */
int
prevention_training_add(struct db *db, const char *name, int valid_days,
    int64_t now, int64_t *id)
{
	struct stmt q;
	int rc;

	if (db_prepare(db, &q, "SELECT id FROM trainings WHERE name = :n")
	    != 0)
		return -1;
	db_bind_text(&q, ":n", name);
	rc = db_step(&q);
	if (rc == DB_ROW)
		*id = db_col_int(&q, 0);
	db_finalize(&q);
	if (rc != DB_DONE)
		return rc == DB_ROW ? DB_EXISTS : -1;
	if (db_prepare(db, &q, "INSERT INTO trainings(name, valid_days, "
	    "created_at) VALUES (:n, :d, :now)") != 0)
		return -1;
	db_bind_text(&q, ":n", name);
	db_bind_int(&q, ":d", valid_days);
	db_bind_int(&q, ":now", now);
	if (db_step_done(&q) != 0)
		return -1;
	*id = db_last_id(db);
	return 0;
}

/* How many trainings the community asks for.  Returns it, or -1. */
int
prevention_training_count(struct db *db)
{
	struct stmt q;
	int rc, n = -1;

	if (db_prepare(db, &q, "SELECT count(*) FROM trainings") != 0)
		return -1;
	rc = db_step(&q);
	if (rc == DB_ROW)
		n = (int)db_col_int(&q, 0);
	db_finalize(&q);
	return n;
}

/* Keep that user completed training (by name) at completed_at, current
** for the training's valid days.  Returns 0, 1 when there is no such
** training, or -1. */
int
prevention_training_record(struct db *db, int64_t user_id, const char *name,
    int64_t completed_at, const char *by)
{
	struct stmt q;

	if (db_prepare(db, &q, "INSERT INTO training_records(user_id, "
	    "training_id, completed_at, expires_at, recorded_by) SELECT :u, "
	    "id, :at, :at + valid_days * 86400, :by FROM trainings WHERE name "
	    "= :n") != 0)
		return -1;
	db_bind_int(&q, ":u", user_id);
	db_bind_int(&q, ":at", completed_at);
	db_bind_text(&q, ":by", by);
	db_bind_text(&q, ":n", name);
	if (db_step_done(&q) != 0)
		return -1;
	return db_changes(db) == 1 ? 0 : 1;
}

/* Call each for every console account of role moderator or admin and
** every training: when their latest completion stays current until (0:
** never completed).  Returns 0, each's non-zero return, or -1. */
int
prevention_training_status_each(struct db *db,
    int (*each)(void *ctx, const struct training_status *t), void *ctx)
{
	struct training_status t;
	struct stmt q;
	int rc;

	if (db_prepare(db, &q, "SELECT u.id, u.name, u.role, t.name, "
	    "coalesce((SELECT max(r.expires_at) FROM training_records r WHERE "
	    "r.user_id = u.id AND r.training_id = t.id), 0) FROM users u, "
	    "trainings t WHERE u.role IN ('moderator', 'admin') AND "
	    "u.disabled = 0 ORDER BY u.name, t.name") != 0)
		return -1;
	while ((rc = db_step(&q)) == DB_ROW) {
		t.user_id = db_col_int(&q, 0);
		t.user = db_col_text(&q, 1);
		t.role = db_col_text(&q, 2);
		t.training = db_col_text(&q, 3);
		t.current_until = db_col_int(&q, 4);
		if ((rc = each(ctx, &t)) != 0)
			break;
	}
	db_finalize(&q);
	return rc < 0 ? -1 : rc == DB_DONE ? 0 : rc;
}

/* Has user a current completion of every training the community asks
** for?  Returns 1, 0 (also when no training is defined: the defaults
** are asked for then, and nobody has them), or -1. */
int
prevention_training_current(struct db *db, int64_t user_id, int64_t now)
{
	struct stmt q;
	int rc, missing = -1;

	if (db_prepare(db, &q, "SELECT (SELECT count(*) FROM trainings) = 0 "
	    "OR EXISTS (SELECT 1 FROM trainings t WHERE NOT EXISTS (SELECT 1 "
	    "FROM training_records r WHERE r.user_id = :u AND r.training_id = "
	    "t.id AND r.expires_at > :now))") != 0)
		return -1;
	db_bind_int(&q, ":u", user_id);
	db_bind_int(&q, ":now", now);
	rc = db_step(&q);
	if (rc == DB_ROW)
		missing = (int)db_col_int(&q, 0);
	db_finalize(&q);
	return missing < 0 ? -1 : !missing;
}

/* Call each for member's own posts that are not deleted, oldest first,
** with their group's name.  Returns 0, each's non-zero return, or -1. */
int
prevention_own_posts_each(struct db *db, int64_t member_id,
    int (*each)(void *ctx, int64_t id, const char *group, int64_t at,
    int anonymous, int64_t reply_to, const void *body, size_t n), void *ctx)
{
	struct stmt q;
	const void *b;
	size_t n;
	int rc;

	if (db_prepare(db, &q, "SELECT p.id, g.name, p.created_at, "
	    "p.anonymous, coalesce(p.reply_to, 0), p.body_sealed FROM posts p "
	    "JOIN groups g ON g.id = p.group_id WHERE p.member_id = :m AND "
	    "p.deleted_at IS NULL ORDER BY p.created_at, p.id") != 0)
		return -1;
	db_bind_int(&q, ":m", member_id);
	while ((rc = db_step(&q)) == DB_ROW) {
		b = db_col_blob(&q, 5, &n);
		if ((rc = each(ctx, db_col_int(&q, 0), db_col_text(&q, 1),
		    db_col_int(&q, 2), (int)db_col_int(&q, 3), db_col_int(&q, 4),
		    b, n)) != 0)
			break;
	}
	db_finalize(&q);
	return rc < 0 ? -1 : rc == DB_DONE ? 0 : rc;
}

/* Call each for what is kept about member beyond their posts, as rows of
** (what, name, from, to): "group" (name, joined, left or 0), "waiting"
** (group, asked), "pledge" (version as text, accepted). */
int
prevention_own_records_each(struct db *db, int64_t member_id,
    int (*each)(void *ctx, const char *what, const char *name, int64_t from,
    int64_t to), void *ctx)
{
	struct stmt q;
	int rc;

	if (db_prepare(db, &q, "SELECT 'group', g.name, gm.joined_at, "
	    "coalesce(gm.left_at, 0) FROM group_members gm JOIN groups g ON "
	    "g.id = gm.group_id WHERE gm.member_id = :m UNION ALL SELECT "
	    "'waiting', g.name, w.asked_at, 0 FROM group_waitlist w JOIN "
	    "groups g ON g.id = w.group_id WHERE w.member_id = :m UNION ALL "
	    "SELECT 'pledge', 'version ' || version, signed_at, 0 FROM pledges "
	    "WHERE member_id = :m ORDER BY 3") != 0)
		return -1;
	db_bind_int(&q, ":m", member_id);
	while ((rc = db_step(&q)) == DB_ROW)
		if ((rc = each(ctx, db_col_text(&q, 0), db_col_text(&q, 1),
		    db_col_int(&q, 2), db_col_int(&q, 3))) != 0)
			break;
	db_finalize(&q);
	return rc < 0 ? -1 : rc == DB_DONE ? 0 : rc;
}

/* Erase what is kept about member beyond their posts (which the caller
** deletes) and the decisions of the moderators: contact details, pledge
** acceptances, notices, waiting lists, membership history, and what
** their application said (its contact details, answers and the message
** they were sent); they are a
** former member from now, and the first waiting for each place that
** opened is told.  Returns 0 or -1. */
int
prevention_member_erase(struct db *db, int64_t member_id)
{
	struct stmt q;
	int64_t groups[GROUPS_OF_MAX];
	int n;

	if ((n = groups_of(db, member_id, groups)) < 0)
		return -1;
	if (db_prepare(db, &q, "UPDATE members SET contact_sealed = NULL, "
	    "contact_pref_sealed = NULL, status = 'left' WHERE id = :m") != 0)
		return -1;
	db_bind_int(&q, ":m", member_id);
	if (db_step_done(&q) != 0 ||
	    db_prepare(db, &q, "DELETE FROM pledges WHERE member_id = :m") != 0)
		return -1;
	db_bind_int(&q, ":m", member_id);
	if (db_step_done(&q) != 0 ||
	    db_prepare(db, &q, "DELETE FROM notices WHERE member_id = :m") != 0)
		return -1;
	db_bind_int(&q, ":m", member_id);
	if (db_step_done(&q) != 0 || db_prepare(db, &q, "DELETE FROM "
	    "group_waitlist WHERE member_id = :m") != 0)
		return -1;
	db_bind_int(&q, ":m", member_id);
	if (db_step_done(&q) != 0 || db_prepare(db, &q, "DELETE FROM "
	    "group_members WHERE member_id = :m") != 0)
		return -1;
	db_bind_int(&q, ":m", member_id);
	/* what they wrote when they applied, and the answer they got */
	if (db_step_done(&q) != 0 || db_prepare(db, &q, "UPDATE applications "
	    "SET contact_sealed = NULL, answers_sealed = NULL, message = '' "
	    "WHERE member_id = :m") != 0)
		return -1;
	db_bind_int(&q, ":m", member_id);
	if (db_step_done(&q) != 0)
		return -1;
	return tell_places(db, groups, n, util_now());
}

/* Make user a moderator of group (on), or no longer (off).  Returns 0,
** 1 when that changed nothing, or -1. */
int
prevention_group_moderator(struct db *db, int64_t group_id, int64_t user_id,
    int on, int64_t now)
{
	struct stmt q;
	int rc;

	rc = on ? db_prepare(db, &q, "INSERT INTO group_moderators(group_id, "
	    "user_id, since) VALUES (:g, :u, :now) ON CONFLICT DO NOTHING") :
	    db_prepare(db, &q, "DELETE FROM group_moderators WHERE group_id = "
	    ":g AND user_id = :u");
	if (rc != 0)
		return -1;
	db_bind_int(&q, ":g", group_id);
	db_bind_int(&q, ":u", user_id);
	if (on)
		db_bind_int(&q, ":now", now);
	if (db_step_done(&q) != 0)
		return -1;
	return db_changes(db) == 1 ? 0 : 1;
}

/* May the console account user_id read group as one of its moderators:
** it is one of the group's own, or the group has none yet?  Returns 1,
** 0, or -1 (the caller checks the role). */
int
prevention_group_moderated_by(struct db *db, int64_t group_id,
    int64_t user_id)
{
	struct stmt q;
	int rc, ok = -1;

	if (db_prepare(db, &q, "SELECT NOT EXISTS (SELECT 1 FROM "
	    "group_moderators WHERE group_id = :g) OR EXISTS (SELECT 1 FROM "
	    "group_moderators WHERE group_id = :g AND user_id = :u)") != 0)
		return -1;
	db_bind_int(&q, ":g", group_id);
	db_bind_int(&q, ":u", user_id);
	rc = db_step(&q);
	if (rc == DB_ROW)
		ok = (int)db_col_int(&q, 0);
	db_finalize(&q);
	return ok;
}

/* Call each with the names of group's own moderators.  Returns 0, each's
** non-zero return, or -1. */
int
prevention_group_moderators_each(struct db *db, int64_t group_id,
    int (*each)(void *ctx, const char *name), void *ctx)
{
	struct stmt q;
	int rc;

	if (db_prepare(db, &q, "SELECT u.name FROM group_moderators gm JOIN "
	    "users u ON u.id = gm.user_id WHERE gm.group_id = :g ORDER BY "
	    "u.name") != 0)
		return -1;
	db_bind_int(&q, ":g", group_id);
	while ((rc = db_step(&q)) == DB_ROW)
		if ((rc = each(ctx, db_col_text(&q, 0))) != 0)
			break;
	db_finalize(&q);
	return rc < 0 ? -1 : rc == DB_DONE ? 0 : rc;
}

/* Show each viewer of group a faint mark of their pseudonym (on), or not.
** Returns 0 or -1. */
int
prevention_group_set_visible_mark(struct db *db, int64_t group_id, int on)
{
	struct stmt q;

	if (db_prepare(db, &q, "UPDATE groups SET visible_mark = :on WHERE id "
	    "= :g") != 0)
		return -1;
	db_bind_int(&q, ":on", on != 0);
	db_bind_int(&q, ":g", group_id);
	return db_step_done(&q);
}

/* Does group show each viewer a faint mark of their pseudonym?  Returns
** 1, 0, or -1. */
int
prevention_group_visible_mark(struct db *db, int64_t group_id)
{
	struct stmt q;
	int rc, on = -1;

	if (db_prepare(db, &q, "SELECT visible_mark FROM groups WHERE id = :g")
	    != 0)
		return -1;
	db_bind_int(&q, ":g", group_id);
	rc = db_step(&q);
	if (rc == DB_ROW)
		on = (int)db_col_int(&q, 0);
	db_finalize(&q);
	return rc == DB_ROW ? on : rc == DB_DONE ? 0 : -1;
}
