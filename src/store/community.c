/*
** community.c: SQL for members, groups, memberships and posts.  See
** community.h.
*/
#include "community.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "db.h"

/* Add an active member under a pseudonym.  Returns 0 and sets *id,
** DB_EXISTS when the pseudonym is taken, or -1. */
int
community_member_add(struct db *db, const char *pseudonym, int anonymous_ok,
    int64_t now, int64_t *id)
{
	struct stmt q;
	int rc;

	if (db_prepare(db, &q, "SELECT 1 FROM members WHERE pseudonym = :p")
	    != 0)
		return -1;
	db_bind_text(&q, ":p", pseudonym);
	rc = db_step(&q);
	db_finalize(&q);
	if (rc != DB_DONE)
		return rc == DB_ROW ? DB_EXISTS : -1;
	if (db_prepare(db, &q, "INSERT INTO members(pseudonym, anonymous_ok, "
	    "applied_at, joined_at) VALUES (:p, :anon, :now, :now)") != 0)
		return -1;
	db_bind_text(&q, ":p", pseudonym);
	db_bind_int(&q, ":anon", anonymous_ok);
	db_bind_int(&q, ":now", now);
	if (db_step_done(&q) != 0)
		return -1;
	*id = db_last_id(db);
	return 0;
}

/* Give the console account user_id its member: the member called
** pseudonym, made now, or an existing one that no account has yet (for
** example a member an import brought in).  Sets *linked to 1 in that case.
** Returns 0, DB_EXISTS when another account has that member, or -1. */
int
community_member_for_user(struct db *db, const char *pseudonym,
    int64_t user_id, int64_t now, int *linked)
{
	struct stmt q;
	int64_t id = 0, owner = 0;
	int rc;

	*linked = 0;
	if (db_prepare(db, &q, "SELECT id, user_id FROM members WHERE "
	    "pseudonym = :p") != 0)
		return -1;
	db_bind_text(&q, ":p", pseudonym);
	rc = db_step(&q);
	if (rc == DB_ROW) {
		id = db_col_int(&q, 0);
		owner = db_col_int(&q, 1);
	}
	db_finalize(&q);
	if (rc < 0)
		return -1;
	if (rc == DB_ROW && owner != 0 && owner != user_id)
		return DB_EXISTS;
	if (rc == DB_ROW) {
		if (db_prepare(db, &q, "UPDATE members SET user_id = :u WHERE "
		    "id = :id") != 0)
			return -1;
		db_bind_int(&q, ":id", id);
		*linked = 1;
	} else {
		if (db_prepare(db, &q, "INSERT INTO members(pseudonym, user_id, "
		    "applied_at, joined_at) VALUES (:p, :u, :now, :now)") != 0)
			return -1;
		db_bind_text(&q, ":p", pseudonym);
		db_bind_int(&q, ":now", now);
	}
	db_bind_int(&q, ":u", user_id);
	return db_step_done(&q);
}

/* Store a member's sealed contact detail and contact preference (either
** may be NULL).  Returns 0 or -1. */
int
community_member_seal_contact(struct db *db, int64_t id, const void *contact,
    size_t n, const void *pref, size_t pn)
{
	struct stmt q;

	if (db_prepare(db, &q, "UPDATE members SET contact_sealed = :c, "
	    "contact_pref_sealed = :p WHERE id = :id") != 0)
		return -1;
	db_bind_blob(&q, ":c", contact, n);
	db_bind_blob(&q, ":p", pref, pn);
	db_bind_int(&q, ":id", id);
	return db_step_done(&q);
}

/* Add a group.  Returns 0 and sets *id, DB_EXISTS, or -1. */
int
community_group_add(struct db *db, const char *name, const char *description,
    int capacity, int64_t now, int64_t *id)
{
	struct stmt q;
	int rc;

	if (db_prepare(db, &q, "SELECT 1 FROM groups WHERE name = :n") != 0)
		return -1;
	db_bind_text(&q, ":n", name);
	rc = db_step(&q);
	db_finalize(&q);
	if (rc != DB_DONE)
		return rc == DB_ROW ? DB_EXISTS : -1;
	if (db_prepare(db, &q, "INSERT INTO groups(name, description, "
	    "capacity, created_at) VALUES (:n, :d, :c, :now)") != 0)
		return -1;
	db_bind_text(&q, ":n", name);
	db_bind_text(&q, ":d", description);
	db_bind_int(&q, ":c", capacity);
	db_bind_int(&q, ":now", now);
	if (db_step_done(&q) != 0)
		return -1;
	*id = db_last_id(db);
	return 0;
}

/* Open a membership interval for member in group.  Returns 0, 1 when
** the member already belongs, DB_FULL when the group is at capacity, or
** -1. */
int
community_group_join(struct db *db, int64_t group_id, int64_t member_id,
    int64_t now)
{
	struct stmt q;
	int64_t in = 0, count = 0, cap = 0;
	int rc;

	if (db_prepare(db, &q, "SELECT g.capacity, (SELECT count(*) FROM "
	    "group_members m WHERE m.group_id = g.id AND m.left_at IS NULL), "
	    "(SELECT count(*) FROM group_members m WHERE m.group_id = g.id AND "
	    "m.member_id = :m AND m.left_at IS NULL) FROM groups g WHERE g.id "
	    "= :g") != 0)
		return -1;
	db_bind_int(&q, ":g", group_id);
	db_bind_int(&q, ":m", member_id);
	rc = db_step(&q);
	if (rc == DB_ROW) {
		cap = db_col_int(&q, 0);
		count = db_col_int(&q, 1);
		in = db_col_int(&q, 2);
	}
	db_finalize(&q);
	if (rc != DB_ROW)
		return -1;
	if (in)
		return 1;
	if (count >= cap)
		return DB_FULL;
	if (db_prepare(db, &q, "INSERT INTO group_members(group_id, member_id, "
	    "joined_at) VALUES (:g, :m, :now)") != 0)
		return -1;
	db_bind_int(&q, ":g", group_id);
	db_bind_int(&q, ":m", member_id);
	db_bind_int(&q, ":now", now);
	return db_step_done(&q);
}

/* End member's membership of group now.  Returns 1 when they belonged,
** 0 when not, or -1. */
int
community_group_leave(struct db *db, int64_t group_id, int64_t member_id,
    int64_t now)
{
	struct stmt q;

	if (db_prepare(db, &q, "UPDATE group_members SET left_at = :now WHERE "
	    "group_id = :g AND member_id = :m AND left_at IS NULL") != 0)
		return -1;
	db_bind_int(&q, ":g", group_id);
	db_bind_int(&q, ":m", member_id);
	db_bind_int(&q, ":now", now);
	if (db_step_done(&q) != 0)
		return -1;
	return db_changes(db) > 0;
}

/* Keep that member belonged to group from at on (an import: an author is a
** member of where they posted from their first post there).  Whatever the
** group's capacity: this is history, not a new place taken.  Returns 0 or
** -1. */
int
community_membership_since(struct db *db, int64_t group_id,
    int64_t member_id, int64_t at)
{
	struct stmt q;

	if (db_prepare(db, &q, "UPDATE group_members SET joined_at = :at "
	    "WHERE group_id = :g AND member_id = :m AND left_at IS NULL AND "
	    "joined_at > :at") != 0)
		return -1;
	db_bind_int(&q, ":g", group_id);
	db_bind_int(&q, ":m", member_id);
	db_bind_int(&q, ":at", at);
	if (db_step_done(&q) != 0)
		return -1;
	if (db_prepare(db, &q, "INSERT INTO group_members(group_id, member_id, "
	    "joined_at) SELECT :g, :m, :at WHERE NOT EXISTS (SELECT 1 FROM "
	    "group_members WHERE group_id = :g AND member_id = :m AND left_at "
	    "IS NULL)") != 0)
		return -1;
	db_bind_int(&q, ":g", group_id);
	db_bind_int(&q, ":m", member_id);
	db_bind_int(&q, ":at", at);
	return db_step_done(&q);
}

/* A group's capacity and how many belong to it now.  Returns 1, 0 when
** there is no such group, or -1. */
int
community_group_size(struct db *db, int64_t group_id, int *capacity,
    int64_t *members)
{
	struct stmt q;
	int rc;

	if (db_prepare(db, &q, "SELECT g.capacity, (SELECT count(*) FROM "
	    "group_members m WHERE m.group_id = g.id AND m.left_at IS NULL) "
	    "FROM groups g WHERE g.id = :g") != 0)
		return -1;
	db_bind_int(&q, ":g", group_id);
	rc = db_step(&q);
	if (rc == DB_ROW) {
		*capacity = (int)db_col_int(&q, 0);
		*members = db_col_int(&q, 1);
	}
	db_finalize(&q);
	return rc;
}

/* Call each for everyone who belongs to group now, in the order they
** joined.  Returns 0, each's non-zero return, or -1. */
int
community_group_members_each(struct db *db, int64_t group_id,
    int (*each)(void *ctx, const char *pseudonym, int64_t joined_at),
    void *ctx)
{
	struct stmt q;
	int rc;

	if (db_prepare(db, &q, "SELECT m.pseudonym, gm.joined_at FROM "
	    "group_members gm JOIN members m ON m.id = gm.member_id WHERE "
	    "gm.group_id = :g AND gm.left_at IS NULL ORDER BY gm.joined_at, "
	    "gm.id") != 0)
		return -1;
	db_bind_int(&q, ":g", group_id);
	while ((rc = db_step(&q)) == DB_ROW)
		if ((rc = each(ctx, db_col_text(&q, 0), db_col_int(&q, 1))) != 0)
			break;
	db_finalize(&q);
	return rc < 0 ? -1 : rc == DB_DONE ? 0 : rc;
}

/* A member's standing ("active", "applicant", "suspended", "left") into
** out, a suspension whose time is up counting as active (the view
** member_standing).  Returns 1, 0 when there is no such member, or -1. */
int
community_member_status(struct db *db, int64_t member_id, char *out,
    size_t cap)
{
	struct stmt q;
	int rc;

	if (db_prepare(db, &q, "SELECT standing FROM member_standing WHERE "
	    "id = :m") != 0)
		return -1;
	db_bind_int(&q, ":m", member_id);
	rc = db_step(&q);
	if (rc == DB_ROW)
		snprintf(out, cap, "%s", db_col_text(&q, 0));
	db_finalize(&q);
	return rc;
}

/* Add a post row (its body is sealed next).  Returns 0 and sets *id. */
int
community_post_add(struct db *db, int64_t group_id, int64_t member_id,
    int anonymous, int64_t created_at, const char *source,
    const char *external_id, int64_t *id)
{
	struct stmt q;

	if (db_prepare(db, &q, "INSERT INTO posts(group_id, member_id, "
	    "anonymous, created_at, source, external_id) VALUES (:g, :m, :a, "
	    ":t, coalesce(:src, 'sanctum'), :ext)") != 0)
		return -1;
	db_bind_int(&q, ":g", group_id);
	db_bind_int(&q, ":m", member_id);
	db_bind_int(&q, ":a", anonymous);
	db_bind_int(&q, ":t", created_at);
	db_bind_text(&q, ":src", source);
	db_bind_text(&q, ":ext", external_id);
	if (db_step_done(&q) != 0)
		return -1;
	*id = db_last_id(db);
	return 0;
}

/* Make post id a reply in the thread that post thread starts: a live
** thread in the same group.  Returns 0, 1 when thread is no such thread,
** or -1. */
int
community_post_set_reply_to(struct db *db, int64_t id, int64_t thread)
{
	struct stmt q;

	if (db_prepare(db, &q, "UPDATE posts SET reply_to = :t WHERE id = :id "
	    "AND EXISTS (SELECT 1 FROM posts t WHERE t.id = :t AND t.group_id "
	    "= posts.group_id AND t.reply_to IS NULL AND t.deleted_at IS "
	    "NULL)") != 0)
		return -1;
	db_bind_int(&q, ":t", thread);
	db_bind_int(&q, ":id", id);
	if (db_step_done(&q) != 0)
		return -1;
	return db_changes(db) == 1 ? 0 : 1;
}

/* Call each for the live posts of the newest threads (at most threads of
** them) of group: thread by thread, newest first, each thread's first
** post then its replies in order.  Returns 0, each's non-zero return, or
** -1. */
int
community_group_posts_each(struct db *db, int64_t group_id, int threads,
    int (*each)(void *ctx, const struct group_post *p), void *ctx)
{
	struct group_post p;
	struct stmt q;
	int rc;

	if (db_prepare(db, &q, "SELECT p.id, coalesce(p.reply_to, 0), "
	    "p.member_id, m.pseudonym, coalesce(m.user_id, 0), p.anonymous, "
	    "p.created_at, coalesce(p.edited_at, 0), p.body_sealed, "
	    "p.cw_sealed FROM posts p JOIN members m ON m.id = p.member_id "
	    "JOIN (SELECT id AS tid, created_at AS tat FROM posts WHERE "
	    "group_id = :g AND reply_to IS NULL AND deleted_at IS NULL ORDER "
	    "BY created_at DESC, id DESC LIMIT :n) t ON t.tid = "
	    "coalesce(p.reply_to, p.id) WHERE p.deleted_at IS NULL AND "
	    "p.group_id = :g ORDER BY t.tat DESC, t.tid DESC, p.reply_to IS "
	    "NOT NULL, p.created_at, p.id") != 0)
		return -1;
	db_bind_int(&q, ":g", group_id);
	db_bind_int(&q, ":n", threads);
	while ((rc = db_step(&q)) == DB_ROW) {
		p.id = db_col_int(&q, 0);
		p.reply_to = db_col_int(&q, 1);
		p.member_id = db_col_int(&q, 2);
		p.author = db_col_text(&q, 3);
		p.author_user = db_col_int(&q, 4);
		p.anonymous = (int)db_col_int(&q, 5);
		p.created_at = db_col_int(&q, 6);
		p.edited_at = db_col_int(&q, 7);
		p.body = db_col_blob(&q, 8, &p.body_len);
		p.cw = db_col_blob(&q, 9, &p.cw_len);
		if ((rc = each(ctx, &p)) != 0)
			break;
	}
	db_finalize(&q);
	return rc < 0 ? -1 : rc == DB_DONE ? 0 : rc;
}

/* The member that the console account user_id is.  Returns 1 with *id
** set, 0 when it is no member's, or -1. */
int
community_member_of_user(struct db *db, int64_t user_id, int64_t *id)
{
	struct stmt q;
	int rc;

	if (db_prepare(db, &q, "SELECT id FROM members WHERE user_id = :u")
	    != 0)
		return -1;
	db_bind_int(&q, ":u", user_id);
	rc = db_step(&q);
	if (rc == DB_ROW)
		*id = db_col_int(&q, 0);
	db_finalize(&q);
	return rc;
}

/* Store a post's sealed body and sealed content-warning labels. */
int
community_post_seal(struct db *db, int64_t id, const void *body, size_t n,
    const void *cw, size_t cwn)
{
	struct stmt q;

	if (db_prepare(db, &q, "UPDATE posts SET body_sealed = :b, cw_sealed = "
	    ":cw WHERE id = :id") != 0)
		return -1;
	db_bind_blob(&q, ":b", body, n);
	db_bind_blob(&q, ":cw", cw, cwn);
	db_bind_int(&q, ":id", id);
	return db_step_done(&q);
}

/* Call each for every post not deleted, oldest first.  Returns 0 or -1. */
int
community_post_each(struct db *db,
    int (*each)(void *, const struct post_row *), void *ctx)
{
	struct stmt q;
	struct post_row p;
	int rc;

	if (db_prepare(db, &q, "SELECT id, group_id, member_id, anonymous, "
	    "created_at, body_sealed, cw_sealed FROM posts WHERE deleted_at IS "
	    "NULL ORDER BY id") != 0)
		return -1;
	while ((rc = db_step(&q)) == DB_ROW) {
		p.id = db_col_int(&q, 0);
		p.group_id = db_col_int(&q, 1);
		p.member_id = db_col_int(&q, 2);
		p.anonymous = (int)db_col_int(&q, 3);
		p.created_at = db_col_int(&q, 4);
		p.body = db_col_blob(&q, 5, &p.body_len);
		p.cw = db_col_blob(&q, 6, &p.cw_len);
		if (each(ctx, &p) != 0)
			break;
	}
	db_finalize(&q);
	return rc < 0 ? -1 : 0;
}

/* Fill s with the dashboard's figures as of now.  Returns 0 or -1. */
int
community_stats(struct db *db, int64_t now, struct community_stats *s)
{
	struct stmt q;
	int rc;

	if (db_prepare(db, &q, "SELECT "
	    "(SELECT count(*) FROM incidents WHERE status = 'open'), "
	    "(SELECT count(*) FROM followups f JOIN care_cases c ON c.id = "
	    "f.case_id LEFT JOIN care_prefs p ON p.member_id = c.member_id "
	    "WHERE f.status = 'planned' AND c.closed_at IS NULL AND "
	    "coalesce(p.contact, 1) = 1 AND f.due_at <= :now), "
	    "(SELECT count(*) FROM members WHERE status = 'active'), "
	    "(SELECT count(*) FROM groups), "
	    "(SELECT count(*) FROM posts WHERE deleted_at IS NULL), "
	    "(SELECT count(*) FROM reports WHERE status IN ('new', "
	    "'reviewing'))") != 0)
		return -1;
	db_bind_int(&q, ":now", now);
	rc = db_step(&q);
	if (rc == DB_ROW) {
		s->open_incidents = db_col_int(&q, 0);
		s->followups_due = db_col_int(&q, 1);
		s->members = db_col_int(&q, 2);
		s->groups = db_col_int(&q, 3);
		s->posts = db_col_int(&q, 4);
		s->open_reports = db_col_int(&q, 5);
	}
	db_finalize(&q);
	return rc == DB_ROW ? 0 : -1;
}

/* Find a row id by (source, external_id) with the prepared q.  Returns
** 1 with *id set, 0, or -1; finalizes q. */
static int
find_external(struct stmt *q, const char *source, const char *external_id,
    int64_t *id)
{
	int rc;

	db_bind_text(q, ":src", source);
	db_bind_text(q, ":ext", external_id);
	rc = db_step(q);
	if (rc == DB_ROW)
		*id = db_col_int(q, 0);
	db_finalize(q);
	return rc;
}

/* The member imported from source with external_id, added under
** pseudonym (or pseudonym-2, -3 ... when taken) if new.  Returns 0 and
** sets *id, or -1. */
int
community_member_external(struct db *db, const char *source,
    const char *external_id, const char *pseudonym, int64_t now,
    int64_t *id)
{
	struct stmt q;
	char name[96];
	int rc, n;

	if (db_prepare(db, &q, "SELECT id FROM members WHERE source = :src "
	    "AND external_id = :ext") != 0)
		return -1;
	rc = find_external(&q, source, external_id, id);
	if (rc != 0)
		return rc == 1 ? 0 : -1;
	for (n = 1; n < 1000; n++) {
		if (n == 1)
			snprintf(name, sizeof(name), "%s", pseudonym);
		else
			snprintf(name, sizeof(name), "%s-%d", pseudonym, n);
		if (db_prepare(db, &q, "INSERT INTO members(pseudonym, source, "
		    "external_id, applied_at, joined_at) SELECT :p, :src, :ext, "
		    ":now, :now WHERE NOT EXISTS (SELECT 1 FROM members WHERE "
		    "pseudonym = :p)") != 0)
			return -1;
		db_bind_text(&q, ":p", name);
		db_bind_text(&q, ":src", source);
		db_bind_text(&q, ":ext", external_id);
		db_bind_int(&q, ":now", now);
		if (db_step_done(&q) != 0)
			return -1;
		if (db_changes(db) == 1) {
			*id = db_last_id(db);
			return 0;
		}
	}
	return -1;
}

/* The group imported from source with external_id, added under name (or
** "name (2)" ... when taken) if new.  Returns 0 and sets *id, or -1. */
int
community_group_external(struct db *db, const char *source,
    const char *external_id, const char *name, int64_t now, int64_t *id)
{
	struct stmt q;
	char full[160];
	int rc, n;

	if (db_prepare(db, &q, "SELECT id FROM groups WHERE source = :src AND "
	    "external_id = :ext") != 0)
		return -1;
	rc = find_external(&q, source, external_id, id);
	if (rc != 0)
		return rc == 1 ? 0 : -1;
	for (n = 1; n < 1000; n++) {
		if (n == 1)
			snprintf(full, sizeof(full), "%s", name);
		else
			snprintf(full, sizeof(full), "%s (%d)", name, n);
		if (db_prepare(db, &q, "INSERT INTO groups(name, source, "
		    "external_id, created_at) SELECT :n, :src, :ext, :now WHERE "
		    "NOT EXISTS (SELECT 1 FROM groups WHERE name = :n)") != 0)
			return -1;
		db_bind_text(&q, ":n", full);
		db_bind_text(&q, ":src", source);
		db_bind_text(&q, ":ext", external_id);
		db_bind_int(&q, ":now", now);
		if (db_step_done(&q) != 0)
			return -1;
		if (db_changes(db) == 1) {
			*id = db_last_id(db);
			return 0;
		}
	}
	return -1;
}

/* Is there a post imported from source with external_id?  Returns 1 with
** *id set, 0, or -1. */
int
community_post_find_external(struct db *db, const char *source,
    const char *external_id, int64_t *id)
{
	struct stmt q;

	if (db_prepare(db, &q, "SELECT id FROM posts WHERE source = :src AND "
	    "external_id = :ext") != 0)
		return -1;
	return find_external(&q, source, external_id, id);
}

/* Replace a post's sealed body after an edit.  Returns 0 or -1. */
int
community_post_set_body(struct db *db, int64_t id, const void *body,
    size_t n, int64_t edited_at)
{
	struct stmt q;

	if (db_prepare(db, &q, "UPDATE posts SET body_sealed = :b, edited_at = "
	    ":t WHERE id = :id AND deleted_at IS NULL") != 0)
		return -1;
	db_bind_blob(&q, ":b", body, n);
	db_bind_int(&q, ":t", edited_at);
	db_bind_int(&q, ":id", id);
	return db_step_done(&q);
}

/* Mark a post deleted and erase its sealed body and labels.  Returns 0,
** or -1. */
int
community_post_mark_deleted(struct db *db, int64_t id, int64_t now)
{
	struct stmt q;

	if (db_prepare(db, &q, "UPDATE posts SET deleted_at = :t, body_sealed "
	    "= NULL, cw_sealed = NULL WHERE id = :id AND deleted_at IS NULL")
	    != 0)
		return -1;
	db_bind_int(&q, ":t", now);
	db_bind_int(&q, ":id", id);
	return db_step_done(&q);
}

/* Is there a post with this id that is not deleted?  Returns 1, 0 or -1. */
int
community_post_live(struct db *db, int64_t id)
{
	struct stmt q;
	int rc;

	if (db_prepare(db, &q, "SELECT 1 FROM posts WHERE id = :id AND "
	    "deleted_at IS NULL") != 0)
		return -1;
	db_bind_int(&q, ":id", id);
	rc = db_step(&q);
	db_finalize(&q);
	return rc;
}

/* The group and author of live post id.  Returns 1 with both set, 0 when
** there is no such live post, or -1. */
int
community_post_owner(struct db *db, int64_t id, int64_t *group_id,
    int64_t *member_id)
{
	struct stmt q;
	int rc;

	if (db_prepare(db, &q, "SELECT group_id, member_id FROM posts WHERE "
	    "id = :id AND deleted_at IS NULL") != 0)
		return -1;
	db_bind_int(&q, ":id", id);
	rc = db_step(&q);
	if (rc == DB_ROW) {
		*group_id = db_col_int(&q, 0);
		*member_id = db_col_int(&q, 1);
	}
	db_finalize(&q);
	return rc;
}

/* The name of group id into name (cap bytes), and whether it takes
** anonymous posts.  Returns 1, 0 when there is no such group, or -1. */
int
community_group_get(struct db *db, int64_t id, char *name, size_t cap,
    int *anonymous_ok)
{
	struct stmt q;
	int rc;

	if (db_prepare(db, &q, "SELECT name, anonymous_ok FROM groups WHERE "
	    "id = :g") != 0)
		return -1;
	db_bind_int(&q, ":g", id);
	rc = db_step(&q);
	if (rc == DB_ROW) {
		snprintf(name, cap, "%s", db_col_text(&q, 0));
		*anonymous_ok = (int)db_col_int(&q, 1);
	}
	db_finalize(&q);
	return rc;
}

/* The pseudonym of member id into out (cap bytes).  Returns 1, 0 when
** there is no such member, or -1. */
int
community_member_name(struct db *db, int64_t id, char *out, size_t cap)
{
	struct stmt q;
	int rc;

	if (db_prepare(db, &q, "SELECT pseudonym FROM members WHERE id = :m")
	    != 0)
		return -1;
	db_bind_int(&q, ":m", id);
	rc = db_step(&q);
	if (rc == DB_ROW)
		snprintf(out, cap, "%s", db_col_text(&q, 0));
	db_finalize(&q);
	return rc;
}

/* The console account of member id (0: none).  Returns 1, 0 when there
** is no such member, or -1. */
int
community_member_user(struct db *db, int64_t id, int64_t *user_id)
{
	struct stmt q;
	int rc;

	*user_id = 0;
	if (db_prepare(db, &q, "SELECT coalesce(user_id, 0) FROM members "
	    "WHERE id = :m") != 0)
		return -1;
	db_bind_int(&q, ":m", id);
	rc = db_step(&q);
	if (rc == DB_ROW)
		*user_id = db_col_int(&q, 0);
	db_finalize(&q);
	return rc;
}

/* Let members of group id post anonymously (on) or not.  Returns 0 or
** -1. */
int
community_group_set_anonymous(struct db *db, int64_t id, int on)
{
	struct stmt q;

	if (db_prepare(db, &q, "UPDATE groups SET anonymous_ok = :on WHERE "
	    "id = :g") != 0)
		return -1;
	db_bind_int(&q, ":on", on != 0);
	db_bind_int(&q, ":g", id);
	return db_step_done(&q);
}

/* A copy of member id's sealed contact details (free it), or NULL with
** *n 0 when there are none.  Returns 1, 0 when there is no such member,
** or -1. */
int
community_member_contact(struct db *db, int64_t id, void **sealed,
    size_t *n)
{
	struct stmt q;
	const void *p;
	int rc;

	*sealed = NULL;
	*n = 0;
	if (db_prepare(db, &q, "SELECT contact_sealed FROM members WHERE id = "
	    ":m") != 0)
		return -1;
	db_bind_int(&q, ":m", id);
	rc = db_step(&q);
	if (rc == DB_ROW) {
		p = db_col_blob(&q, 0, n);
		if (p && *n && (*sealed = malloc(*n)) != NULL)
			memcpy(*sealed, p, *n);
		else
			*n = 0;
	}
	db_finalize(&q);
	return rc;
}

/* Call each for every member, by pseudonym.  Returns 0, each's non-zero
** return, or -1. */
int
community_member_each(struct db *db,
    int (*each)(void *ctx, const struct member_row *m), void *ctx)
{
	struct member_row m;
	struct stmt q;
	int rc;

	if (db_prepare(db, &q, "SELECT m.id, m.pseudonym, s.standing, "
	    "coalesce(m.joined_at, m.applied_at), m.contact_sealed IS NOT "
	    "NULL, m.source FROM members m JOIN member_standing s ON s.id = "
	    "m.id ORDER BY m.pseudonym LIMIT 2000") != 0)
		return -1;
	while ((rc = db_step(&q)) == DB_ROW) {
		m.id = db_col_int(&q, 0);
		m.pseudonym = db_col_text(&q, 1);
		m.status = db_col_text(&q, 2);
		m.joined_at = db_col_int(&q, 3);
		m.has_contact = (int)db_col_int(&q, 4);
		m.source = db_col_text(&q, 5);
		if ((rc = each(ctx, &m)) != 0)
			break;
	}
	db_finalize(&q);
	return rc < 0 ? -1 : rc == DB_DONE ? 0 : rc;
}

/* Find a group by name.  Returns 1 with *id set, 0, or -1. */
int
community_group_by_name(struct db *db, const char *name, int64_t *id)
{
	struct stmt q;
	int rc;

	if (db_prepare(db, &q, "SELECT id FROM groups WHERE name = :n") != 0)
		return -1;
	db_bind_text(&q, ":n", name);
	rc = db_step(&q);
	if (rc == DB_ROW)
		*id = db_col_int(&q, 0);
	db_finalize(&q);
	return rc;
}

/* Call each for every group, by name, with how many belong to it now.
** Returns 0, each's non-zero return, or -1. */
int
community_group_each(struct db *db,
    int (*each)(void *ctx, const struct group_row *g), void *ctx)
{
	struct group_row g;
	struct stmt q;
	int rc;

	if (db_prepare(db, &q, "SELECT g.id, g.name, g.capacity, (SELECT "
	    "count(*) FROM group_members m WHERE m.group_id = g.id AND "
	    "m.left_at IS NULL), g.source FROM groups g ORDER BY g.name") != 0)
		return -1;
	while ((rc = db_step(&q)) == DB_ROW) {
		g.id = db_col_int(&q, 0);
		g.name = db_col_text(&q, 1);
		g.capacity = (int)db_col_int(&q, 2);
		g.members = db_col_int(&q, 3);
		g.source = db_col_text(&q, 4);
		if ((rc = each(ctx, &g)) != 0)
			break;
	}
	db_finalize(&q);
	return rc < 0 ? -1 : rc == DB_DONE ? 0 : rc;
}

/* Call each for every name a person is known by here: members'
** pseudonyms, console accounts' names and the names applications wait
** with, each once.  Stops when each
** returns nonzero and returns that; returns 0 at the end, or -1. */
int
community_name_each(struct db *db, int (*each)(void *ctx,
    const char *name), void *ctx)
{
	struct stmt q;
	int rc;

	if (db_prepare(db, &q, "SELECT pseudonym FROM members UNION "
	    "SELECT name FROM users UNION SELECT pseudonym FROM applications "
	    "WHERE status IN ('pending', 'approved')") != 0)
		return -1;
	while ((rc = db_step(&q)) == DB_ROW)
		if ((rc = each(ctx, db_col_text(&q, 0))) != 0)
			break;
	db_finalize(&q);
	return rc < 0 ? -1 : rc == DB_DONE ? 0 : rc;
}

/* Find a member by pseudonym.  Returns 1 with *id set, 0, or -1. */
int
community_member_by_pseudonym(struct db *db, const char *pseudonym,
    int64_t *id)
{
	struct stmt q;
	int rc;

	if (db_prepare(db, &q, "SELECT id FROM members WHERE pseudonym = :p")
	    != 0)
		return -1;
	db_bind_text(&q, ":p", pseudonym);
	rc = db_step(&q);
	if (rc == DB_ROW)
		*id = db_col_int(&q, 0);
	db_finalize(&q);
	return rc;
}

/* Fill n with the group and author of post id (allocated copies).
** Returns 1, 0 when there is no such post, or -1. */
int
community_post_names(struct db *db, int64_t id, struct post_names *n)
{
	struct stmt q;
	int rc;

	memset(n, 0, sizeof(*n));
	if (db_prepare(db, &q, "SELECT g.name, m.pseudonym, p.anonymous FROM "
	    "posts p JOIN groups g ON g.id = p.group_id JOIN members m ON "
	    "m.id = p.member_id WHERE p.id = :id") != 0)
		return -1;
	db_bind_int(&q, ":id", id);
	rc = db_step(&q);
	if (rc == DB_ROW) {
		n->group = strdup(db_col_text(&q, 0));
		n->author = strdup(db_col_text(&q, 1));
		n->anonymous = (int)db_col_int(&q, 2);
		if (n->group == NULL || n->author == NULL) {
			community_post_names_free(n);
			rc = -1;
		}
	}
	db_finalize(&q);
	return rc;
}

/* Call each for every row of table t that has a platform's id (in the
** order of the rows), stopping at each's non-zero return.  Returns 0, that
** return, or -1. */
int
community_external_each(struct db *db, enum community_table t,
    int (*each)(void *ctx, int64_t id, const char *source,
    const char *external_id), void *ctx)
{
	struct stmt q;
	int rc, r = 0;

	switch (t) {
	case COMMUNITY_POSTS:
		rc = db_prepare(db, &q, "SELECT id, source, external_id FROM "
		    "posts WHERE external_id IS NOT NULL ORDER BY id");
		break;
	case COMMUNITY_MEMBERS:
		rc = db_prepare(db, &q, "SELECT id, source, external_id FROM "
		    "members WHERE external_id IS NOT NULL ORDER BY id");
		break;
	default:
		rc = db_prepare(db, &q, "SELECT id, source, external_id FROM "
		    "groups WHERE external_id IS NOT NULL ORDER BY id");
		break;
	}
	if (rc != 0)
		return -1;
	while ((rc = db_step(&q)) == DB_ROW)
		if ((r = each(ctx, db_col_int(&q, 0), db_col_text(&q, 1),
		    db_col_text(&q, 2))) != 0)
			break;
	db_finalize(&q);
	return rc < 0 ? -1 : r;
}

/* Replace the platform's id of row id of table t.  Returns 0 or -1. */
int
community_external_set(struct db *db, enum community_table t, int64_t id,
    const char *external_id)
{
	struct stmt q;
	int rc;

	switch (t) {
	case COMMUNITY_POSTS:
		rc = db_prepare(db, &q, "UPDATE posts SET external_id = :e "
		    "WHERE id = :id");
		break;
	case COMMUNITY_MEMBERS:
		rc = db_prepare(db, &q, "UPDATE members SET external_id = :e "
		    "WHERE id = :id");
		break;
	default:
		rc = db_prepare(db, &q, "UPDATE groups SET external_id = :e "
		    "WHERE id = :id");
		break;
	}
	if (rc != 0)
		return -1;
	db_bind_text(&q, ":e", external_id);
	db_bind_int(&q, ":id", id);
	return db_step_done(&q);
}

/* Free what community_post_names filled. */
void
community_post_names_free(struct post_names *n)
{
	free(n->group);
	free(n->author);
	n->group = n->author = NULL;
}

/* Copy a live post's sealed body and labels (either may come back NULL).
** The caller frees both.  Returns 1, 0 (no such live post) or -1. */
int
community_post_sealed(struct db *db, int64_t id, void **body, size_t *bn,
    void **cw, size_t *cn)
{
	struct stmt q;
	const void *p;
	int rc;

	*body = *cw = NULL;
	*bn = *cn = 0;
	if (db_prepare(db, &q, "SELECT body_sealed, cw_sealed FROM posts WHERE "
	    "id = :id AND deleted_at IS NULL") != 0)
		return -1;
	db_bind_int(&q, ":id", id);
	rc = db_step(&q);
	if (rc == DB_ROW) {
		p = db_col_blob(&q, 0, bn);
		if (p && *bn && (*body = malloc(*bn)) != NULL)
			memcpy(*body, p, *bn);
		p = db_col_blob(&q, 1, cn);
		if (p && *cn && (*cw = malloc(*cn)) != NULL)
			memcpy(*cw, p, *cn);
	}
	db_finalize(&q);
	return rc;
}
