/*
** response.c: SQL for incidents, care cases and follow-ups.  See
** response.h.
*/
#include "response.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "db.h"

/* Open an incident at step 1 (assess risk); source is "scan", "report"
** or "hand".  Returns 0 and sets *id. */
int
response_incident_add(struct db *db, int64_t opened_by, const char *source,
    const char *risk, int64_t now, int64_t *id)
{
	struct stmt q;

	if (db_prepare(db, &q, "INSERT INTO incidents(opened_at, opened_by, "
	    "source, risk) VALUES (:now, nullif(:by, 0), :src, :risk)") != 0)
		return -1;
	db_bind_int(&q, ":now", now);
	db_bind_int(&q, ":by", opened_by);
	db_bind_text(&q, ":src", source);
	db_bind_text(&q, ":risk", risk);
	if (db_step_done(&q) != 0)
		return -1;
	*id = db_last_id(db);
	return 0;
}

/* Store an incident's sealed summary. */
int
response_incident_seal(struct db *db, int64_t id, const void *summary,
    size_t n)
{
	struct stmt q;

	if (db_prepare(db, &q, "UPDATE incidents SET summary_sealed = :s "
	    "WHERE id = :id") != 0)
		return -1;
	db_bind_blob(&q, ":s", summary, n);
	db_bind_int(&q, ":id", id);
	return db_step_done(&q);
}

/* Link a post to an incident. */
int
response_incident_post(struct db *db, int64_t incident_id, int64_t post_id)
{
	struct stmt q;

	if (db_prepare(db, &q, "INSERT OR IGNORE INTO incident_posts("
	    "incident_id, post_id) VALUES (:i, :p)") != 0)
		return -1;
	db_bind_int(&q, ":i", incident_id);
	db_bind_int(&q, ":p", post_id);
	return db_step_done(&q);
}

/* Count a moderator's exposure to traumatic content.  Returns 0 or -1. */
int
response_exposure_add(struct db *db, int64_t user_id, const char *kind,
    int weight, int64_t now)
{
	struct stmt q;

	if (db_prepare(db, &q, "INSERT INTO exposures(user_id, at, kind, "
	    "weight) VALUES (:u, :now, :kind, :w)") != 0)
		return -1;
	db_bind_int(&q, ":u", user_id);
	db_bind_int(&q, ":now", now);
	db_bind_text(&q, ":kind", kind);
	db_bind_int(&q, ":w", weight);
	return db_step_done(&q);
}

static void
copy_col(struct stmt *q, int col, char *out, size_t cap)
{
	const char *t = db_col_text(q, col);

	snprintf(out, cap, "%s", t ? t : "");
}

/* One incident into *r.  Returns DB_ROW, DB_DONE (no such incident) or
** -1. */
int
response_incident_get(struct db *db, int64_t id, struct incident_row *r)
{
	struct stmt q;
	int rc;

	if (db_prepare(db, &q, "SELECT i.id, i.opened_at, coalesce(u.name, "
	    "'sanctum'), i.source, i.status, i.step, i.risk, "
	    "coalesce(i.assessed_at, 0), coalesce(i.assessed_by, ''), "
	    "coalesce(i.closed_at, 0), "
	    "(SELECT count(*) FROM incident_posts p WHERE p.incident_id = i.id), "
	    "(SELECT count(*) FROM incident_members m WHERE m.incident_id = "
	    "i.id), "
	    "(SELECT count(*) FROM leaks l WHERE l.incident_id = i.id), "
	    "coalesce((SELECT max(rank) FROM incident_post_rank r WHERE "
	    "r.incident_id = i.id), 0), i.assessment_sealed IS NOT NULL, "
	    "coalesce(i.purged_at, 0) "
	    "FROM incidents i LEFT JOIN users u ON u.id = i.opened_by "
	    "WHERE i.id = :id") != 0)
		return -1;
	db_bind_int(&q, ":id", id);
	rc = db_step(&q);
	if (rc == DB_ROW) {
		memset(r, 0, sizeof(*r));
		r->id = db_col_int(&q, 0);
		r->opened_at = db_col_int(&q, 1);
		copy_col(&q, 2, r->opened_by, sizeof(r->opened_by));
		copy_col(&q, 3, r->source, sizeof(r->source));
		copy_col(&q, 4, r->status, sizeof(r->status));
		r->step = (int)db_col_int(&q, 5);
		copy_col(&q, 6, r->risk, sizeof(r->risk));
		r->assessed_at = db_col_int(&q, 7);
		copy_col(&q, 8, r->assessed_by, sizeof(r->assessed_by));
		r->closed_at = db_col_int(&q, 9);
		r->nposts = (int)db_col_int(&q, 10);
		r->nmembers = (int)db_col_int(&q, 11);
		r->nlocations = (int)db_col_int(&q, 12);
		r->top_rank = (int)db_col_int(&q, 13);
		r->has_note = (int)db_col_int(&q, 14);
		r->purged_at = db_col_int(&q, 15);
	}
	db_finalize(&q);
	return rc;
}

/* Every incident, open ones first, newest first.  Returns 0 or -1. */
int
response_incident_each(struct db *db,
    int (*each)(void *ctx, const struct incident_row *r), void *ctx)
{
	struct stmt q;
	struct incident_row r;
	int rc;

	if (db_prepare(db, &q, "SELECT id FROM incidents ORDER BY status = "
	    "'closed', id DESC LIMIT 500") != 0)
		return -1;
	while ((rc = db_step(&q)) == DB_ROW) {
		int64_t id = db_col_int(&q, 0);
		if (response_incident_get(db, id, &r) != DB_ROW ||
		    each(ctx, &r) != 0) {
			rc = -1;
			break;
		}
	}
	db_finalize(&q);
	return rc == DB_DONE ? 0 : -1;
}

/* Record the program's triage of a leaked post: its level and flags. */
int
response_incident_post_triage(struct db *db, int64_t incident_id,
    int64_t post_id, const char *level, const char *flags, int64_t now)
{
	struct stmt q;

	if (db_prepare(db, &q, "UPDATE incident_posts SET level = :level, "
	    "flags = :flags, triaged_at = :now WHERE incident_id = :i AND "
	    "post_id = :p") != 0)
		return -1;
	db_bind_text(&q, ":level", level);
	db_bind_text(&q, ":flags", flags);
	db_bind_int(&q, ":now", now);
	db_bind_int(&q, ":i", incident_id);
	db_bind_int(&q, ":p", post_id);
	return db_step_done(&q);
}

/* The leaked posts of an incident, highest level first, with where they
** were posted and by whom.  Returns 0 or -1. */
int
response_incident_posts_each(struct db *db, int64_t incident_id,
    int (*each)(void *ctx, const struct incident_post *p), void *ctx)
{
	struct stmt q;
	struct incident_post p;
	int rc;

	if (db_prepare(db, &q, "SELECT r.post_id, p.member_id, m.pseudonym, "
	    "g.name, p.anonymous, r.level, r.flags, r.rank, p.created_at "
	    "FROM incident_post_rank r JOIN posts p ON p.id = r.post_id "
	    "JOIN members m ON m.id = p.member_id JOIN groups g ON "
	    "g.id = p.group_id WHERE r.incident_id = :i "
	    "ORDER BY r.rank DESC, r.post_id") != 0)
		return -1;
	db_bind_int(&q, ":i", incident_id);
	while ((rc = db_step(&q)) == DB_ROW) {
		memset(&p, 0, sizeof(p));
		p.post_id = db_col_int(&q, 0);
		p.member_id = db_col_int(&q, 1);
		copy_col(&q, 2, p.author, sizeof(p.author));
		copy_col(&q, 3, p.group, sizeof(p.group));
		p.anonymous = (int)db_col_int(&q, 4);
		copy_col(&q, 5, p.level, sizeof(p.level));
		copy_col(&q, 6, p.flags, sizeof(p.flags));
		p.rank = (int)db_col_int(&q, 7);
		p.created_at = db_col_int(&q, 8);
		if (each(ctx, &p) != 0) {
			rc = -1;
			break;
		}
	}
	db_finalize(&q);
	return rc == DB_DONE ? 0 : -1;
}

/* Add a member to an incident ("author" or "added"); already there is
** fine.  Returns 0 or -1. */
int
response_incident_member_add(struct db *db, int64_t incident_id,
    int64_t member_id, const char *why, int64_t now)
{
	struct stmt q;

	if (db_prepare(db, &q, "INSERT OR IGNORE INTO incident_members("
	    "incident_id, member_id, why, added_at) VALUES (:i, :m, :why, "
	    ":now)") != 0)
		return -1;
	db_bind_int(&q, ":i", incident_id);
	db_bind_int(&q, ":m", member_id);
	db_bind_text(&q, ":why", why);
	db_bind_int(&q, ":now", now);
	return db_step_done(&q);
}

/* Add a post's author to an incident as affected.  Returns 0 or -1. */
int
response_incident_author_add(struct db *db, int64_t incident_id,
    int64_t post_id, int64_t now)
{
	struct stmt q;

	if (db_prepare(db, &q, "INSERT OR IGNORE INTO incident_members("
	    "incident_id, member_id, why, added_at) SELECT :i, member_id, "
	    "'author', :now FROM posts WHERE id = :p") != 0)
		return -1;
	db_bind_int(&q, ":i", incident_id);
	db_bind_int(&q, ":p", post_id);
	db_bind_int(&q, ":now", now);
	return db_step_done(&q);
}

/* The affected members, those whose leaked posts rank highest first:
** each with the highest level and every flag of their leaked posts.
** Returns 0 or -1. */
int
response_incident_members_each(struct db *db, int64_t incident_id,
    int (*each)(void *ctx, const struct incident_member *m), void *ctx)
{
	struct stmt q;
	struct incident_member m;
	int rc;

	if (db_prepare(db, &q, "SELECT im.member_id, m.pseudonym, im.why, "
	    "coalesce((SELECT max(r.rank) FROM incident_post_rank r JOIN "
	    "posts p ON p.id = r.post_id WHERE r.incident_id = im.incident_id "
	    "AND p.member_id = im.member_id), 0) AS top, "
	    "coalesce((SELECT group_concat(r.flags, ',') FROM "
	    "incident_post_rank r JOIN posts p ON p.id = r.post_id WHERE "
	    "r.incident_id = im.incident_id AND p.member_id = im.member_id "
	    "AND r.flags != ''), ''), "
	    "(SELECT count(*) FROM incident_posts r JOIN posts p ON p.id = "
	    "r.post_id WHERE r.incident_id = im.incident_id AND p.member_id = "
	    "im.member_id), coalesce(im.may_mention, -1), "
	    "coalesce(im.may_copyright, -1), coalesce(im.wants_to_see, -1) "
	    "FROM incident_members im JOIN members m ON m.id = im.member_id "
	    "WHERE im.incident_id = :i ORDER BY top DESC, m.pseudonym") != 0)
		return -1;
	db_bind_int(&q, ":i", incident_id);
	while ((rc = db_step(&q)) == DB_ROW) {
		memset(&m, 0, sizeof(m));
		m.member_id = db_col_int(&q, 0);
		copy_col(&q, 1, m.pseudonym, sizeof(m.pseudonym));
		copy_col(&q, 2, m.why, sizeof(m.why));
		m.top_rank = (int)db_col_int(&q, 3);
		copy_col(&q, 4, m.flags, sizeof(m.flags));
		m.nposts = (int)db_col_int(&q, 5);
		m.mention = (int)db_col_int(&q, 6);
		m.copyright = (int)db_col_int(&q, 7);
		m.see = (int)db_col_int(&q, 8);
		if (each(ctx, &m) != 0) {
			rc = -1;
			break;
		}
	}
	db_finalize(&q);
	return rc == DB_DONE ? 0 : -1;
}

/* Who could have seen the leaked posts: everyone whose membership of a
** post's group overlapped the time the post stood (from its writing to
** its deletion, or now).  Each member once.  Returns 0 or -1. */
int
response_incident_could_see_each(struct db *db, int64_t incident_id,
    int (*each)(void *ctx, int64_t member_id, const char *pseudonym),
    void *ctx)
{
	struct stmt q;
	int rc;

	if (db_prepare(db, &q, "SELECT DISTINCT m.id, m.pseudonym FROM "
	    "incident_posts ip JOIN posts p ON p.id = ip.post_id "
	    "JOIN group_members gm ON gm.group_id = p.group_id "
	    "JOIN members m ON m.id = gm.member_id "
	    "WHERE ip.incident_id = :i AND gm.joined_at <= "
	    "coalesce(p.deleted_at, :now) AND (gm.left_at IS NULL OR "
	    "gm.left_at >= p.created_at) ORDER BY m.pseudonym") != 0)
		return -1;
	db_bind_int(&q, ":i", incident_id);
	db_bind_int(&q, ":now", INT64_MAX);
	while ((rc = db_step(&q)) == DB_ROW)
		if (each(ctx, db_col_int(&q, 0), db_col_text(&q, 1)) != 0) {
			rc = -1;
			break;
		}
	db_finalize(&q);
	return rc == DB_DONE ? 0 : -1;
}

/* Record the moderator's risk assessment: the incident moves on to step
** 2 (contact).  Returns 0 or -1. */
int
response_incident_assess(struct db *db, int64_t id, const char *risk,
    const char *by, int64_t now)
{
	struct stmt q;

	if (db_prepare(db, &q, "UPDATE incidents SET risk = :risk, "
	    "assessed_at = :now, assessed_by = :by, step = max(step, 2) "
	    "WHERE id = :id") != 0)
		return -1;
	db_bind_text(&q, ":risk", risk);
	db_bind_int(&q, ":now", now);
	db_bind_text(&q, ":by", by);
	db_bind_int(&q, ":id", id);
	return db_step_done(&q);
}

/* Store (or with n 0, clear) the assessment's sealed note. */
int
response_incident_seal_assessment(struct db *db, int64_t id,
    const void *note, size_t n)
{
	struct stmt q;

	if (db_prepare(db, &q, "UPDATE incidents SET assessment_sealed = :s "
	    "WHERE id = :id") != 0)
		return -1;
	if (n > 0)
		db_bind_blob(&q, ":s", note, n);
	else
		db_bind_null(&q, ":s");
	db_bind_int(&q, ":id", id);
	return db_step_done(&q);
}

/* The assessment's sealed note (allocated into *out).  Returns DB_ROW,
** DB_DONE (none) or -1. */
int
response_incident_assessment(struct db *db, int64_t id, void **out,
    size_t *n)
{
	struct stmt q;
	const void *b;
	int rc;

	*out = NULL;
	*n = 0;
	if (db_prepare(db, &q, "SELECT assessment_sealed FROM incidents WHERE "
	    "id = :id AND assessment_sealed IS NOT NULL") != 0)
		return -1;
	db_bind_int(&q, ":id", id);
	rc = db_step(&q);
	if (rc == DB_ROW) {
		b = db_col_blob(&q, 0, n);
		if ((*out = malloc(*n ? *n : 1)) == NULL)
			rc = -1;
		else
			memcpy(*out, b, *n);
	}
	db_finalize(&q);
	return rc;
}

/* Add a place where the leak is.  Returns 0 and sets *id. */
int
response_leak_add(struct db *db, int64_t incident_id, const char *platform,
    const char *by, int64_t now, int64_t *id)
{
	struct stmt q;

	if (db_prepare(db, &q, "INSERT INTO leaks(incident_id, found_at, "
	    "platform, added_by) VALUES (:i, :now, :platform, :by)") != 0)
		return -1;
	db_bind_int(&q, ":i", incident_id);
	db_bind_int(&q, ":now", now);
	db_bind_text(&q, ":platform", platform);
	db_bind_text(&q, ":by", by);
	if (db_step_done(&q) != 0)
		return -1;
	*id = db_last_id(db);
	return 0;
}

/* Store a leak's sealed address. */
int
response_leak_seal_location(struct db *db, int64_t id, const void *loc,
    size_t n)
{
	struct stmt q;

	if (db_prepare(db, &q, "UPDATE leaks SET location_sealed = :s WHERE "
	    "id = :id") != 0)
		return -1;
	db_bind_blob(&q, ":s", loc, n);
	db_bind_int(&q, ":id", id);
	return db_step_done(&q);
}

/* The places an incident's leak is, in the order they were found; each
** with its sealed address (valid only during the call).  Returns 0 or
** -1. */
int
response_leaks_each(struct db *db, int64_t incident_id,
    int (*each)(void *ctx, const struct leak_row *l), void *ctx)
{
	struct stmt q;
	struct leak_row l;
	int rc;

	if (db_prepare(db, &q, "SELECT id, found_at, platform, added_by, "
	    "takedown_status, location_sealed, coalesce(purged_at, 0) FROM "
	    "leaks WHERE incident_id = :i ORDER BY id") != 0)
		return -1;
	db_bind_int(&q, ":i", incident_id);
	while ((rc = db_step(&q)) == DB_ROW) {
		memset(&l, 0, sizeof(l));
		l.id = db_col_int(&q, 0);
		l.found_at = db_col_int(&q, 1);
		copy_col(&q, 2, l.platform, sizeof(l.platform));
		copy_col(&q, 3, l.added_by, sizeof(l.added_by));
		copy_col(&q, 4, l.takedown, sizeof(l.takedown));
		l.location = db_col_blob(&q, 5, &l.location_n);
		l.purged_at = db_col_int(&q, 6);
		if (each(ctx, &l) != 0) {
			rc = -1;
			break;
		}
	}
	db_finalize(&q);
	return rc == DB_DONE ? 0 : -1;
}

/* Close an open incident.  Returns 1 (closed), 0 (no open incident id)
** or -1. */
int
response_incident_close(struct db *db, int64_t id, int64_t now)
{
	struct stmt q;

	if (db_prepare(db, &q, "UPDATE incidents SET status = 'closed', "
	    "closed_at = :now WHERE id = :id AND status = 'open'") != 0)
		return -1;
	db_bind_int(&q, ":now", now);
	db_bind_int(&q, ":id", id);
	if (db_step_done(&q) != 0)
		return -1;
	return db_changes(db) > 0;
}

/* How many of an incident's members asked to be put in touch with
** someone and wait for it.  Returns the count, or -1. */
int
response_incident_waiting_connects(struct db *db, int64_t id)
{
	struct stmt q;
	int n = -1;

	if (db_prepare(db, &q, "SELECT count(*) FROM connect_requests c JOIN "
	    "outreach o ON o.id = c.outreach_id WHERE o.incident_id = :id AND "
	    "c.done_at IS NULL") != 0)
		return -1;
	db_bind_int(&q, ":id", id);
	if (db_step(&q) == DB_ROW)
		n = (int)db_col_int(&q, 0);
	db_finalize(&q);
	return n;
}

/* Move an incident on to step (never back). */
int
response_incident_step(struct db *db, int64_t id, int step)
{
	struct stmt q;

	if (db_prepare(db, &q, "UPDATE incidents SET step = max(step, :s) "
	    "WHERE id = :id") != 0)
		return -1;
	db_bind_int(&q, ":s", step);
	db_bind_int(&q, ":id", id);
	return db_step_done(&q);
}

/* A draft for a member of an incident, unless there is one.  Sets *id
** (0 when there was one already).  Returns 0 or -1. */
int
response_outreach_add(struct db *db, int64_t incident_id, int64_t member_id,
    const char *lang, const char *by, int64_t now, int64_t *id)
{
	struct stmt q;

	if (db_prepare(db, &q, "INSERT OR IGNORE INTO outreach(incident_id, "
	    "member_id, lang, created_at, created_by) VALUES (:i, :m, :lang, "
	    ":now, :by)") != 0)
		return -1;
	db_bind_int(&q, ":i", incident_id);
	db_bind_int(&q, ":m", member_id);
	db_bind_text(&q, ":lang", lang);
	db_bind_int(&q, ":now", now);
	db_bind_text(&q, ":by", by);
	if (db_step_done(&q) != 0)
		return -1;
	*id = db_changes(db) > 0 ? db_last_id(db) : 0;
	return 0;
}

/* Store a message's sealed body, and its channel. */
int
response_outreach_seal(struct db *db, int64_t id, const void *body, size_t n,
    const char *channel)
{
	struct stmt q;

	if (db_prepare(db, &q, "UPDATE outreach SET body_sealed = :b, channel = "
	    ":c WHERE id = :id") != 0)
		return -1;
	db_bind_blob(&q, ":b", body, n);
	db_bind_text(&q, ":c", channel);
	db_bind_int(&q, ":id", id);
	return db_step_done(&q);
}

/* Record a sending: status "sent" or "failed", with the error's words
** (never the message's). */
int
response_outreach_sent(struct db *db, int64_t id, const char *status,
    const char *by, const char *error, int64_t now)
{
	struct stmt q;

	if (db_prepare(db, &q, "UPDATE outreach SET status = :st, sent_by = "
	    ":by, sent_at = CASE WHEN :st = 'sent' THEN :now ELSE sent_at END, "
	    "attempts = attempts + 1, error = :err WHERE id = :id") != 0)
		return -1;
	db_bind_text(&q, ":st", status);
	db_bind_text(&q, ":by", by);
	db_bind_int(&q, ":now", now);
	db_bind_text(&q, ":err", error);
	db_bind_int(&q, ":id", id);
	return db_step_done(&q);
}

/* Store a member's sealed answer. */
int
response_outreach_seal_reply(struct db *db, int64_t id, const void *reply,
    size_t n, int64_t now)
{
	struct stmt q;

	if (db_prepare(db, &q, "UPDATE outreach SET reply_sealed = :r, "
	    "replied_at = :now WHERE id = :id") != 0)
		return -1;
	db_bind_blob(&q, ":r", reply, n);
	db_bind_int(&q, ":now", now);
	db_bind_int(&q, ":id", id);
	return db_step_done(&q);
}

static int
outreach_rows(struct stmt *q, int (*each)(void *, const struct outreach_row *),
    void *ctx)
{
	struct outreach_row o;
	int rc;

	while ((rc = db_step(q)) == DB_ROW) {
		memset(&o, 0, sizeof(o));
		o.id = db_col_int(q, 0);
		o.incident_id = db_col_int(q, 1);
		o.member_id = db_col_int(q, 2);
		copy_col(q, 3, o.pseudonym, sizeof(o.pseudonym));
		copy_col(q, 4, o.channel, sizeof(o.channel));
		copy_col(q, 5, o.lang, sizeof(o.lang));
		copy_col(q, 6, o.status, sizeof(o.status));
		o.sent_at = db_col_int(q, 7);
		o.attempts = (int)db_col_int(q, 8);
		copy_col(q, 9, o.error, sizeof(o.error));
		o.body = db_col_blob(q, 10, &o.body_n);
		o.reply = db_col_blob(q, 11, &o.reply_n);
		o.replied_at = db_col_int(q, 12);
		o.user_id = db_col_int(q, 13);
		o.has_contact = (int)db_col_int(q, 14);
		if (each(ctx, &o) != 0) {
			rc = -1;
			break;
		}
	}
	db_finalize(q);
	return rc == DB_DONE ? 0 : -1;
}

/* The messages of an incident, by member.  Returns 0 or -1. */
int
response_outreach_each(struct db *db, int64_t incident_id,
    int (*each)(void *ctx, const struct outreach_row *o), void *ctx)
{
	struct stmt q;

	if (db_prepare(db, &q, "SELECT o.id, o.incident_id, o.member_id, "
	    "m.pseudonym, o.channel, o.lang, o.status, coalesce(o.sent_at, 0), "
	    "o.attempts, o.error, o.body_sealed, o.reply_sealed, "
	    "coalesce(o.replied_at, 0), coalesce(m.user_id, 0), "
	    "m.contact_sealed IS NOT NULL FROM outreach o JOIN members m ON "
	    "m.id = o.member_id WHERE o.incident_id = :i ORDER BY o.id") != 0)
		return -1;
	db_bind_int(&q, ":i", incident_id);
	return outreach_rows(&q, each, ctx);
}

/* One message (id), or those sent to the member whose account is user
** (id 0).  Returns 0 or -1. */
int
response_outreach_one(struct db *db, int64_t id, int64_t user,
    int (*each)(void *ctx, const struct outreach_row *o), void *ctx)
{
	struct stmt q;

	if (db_prepare(db, &q, "SELECT o.id, o.incident_id, o.member_id, "
	    "m.pseudonym, o.channel, o.lang, o.status, coalesce(o.sent_at, 0), "
	    "o.attempts, o.error, o.body_sealed, o.reply_sealed, "
	    "coalesce(o.replied_at, 0), coalesce(m.user_id, 0), "
	    "m.contact_sealed IS NOT NULL FROM outreach o JOIN members m ON "
	    "m.id = o.member_id WHERE (:id > 0 AND o.id = :id) OR (:id = 0 AND "
	    "m.user_id = :u AND o.status = 'sent' AND o.channel = 'in-app') "
	    "ORDER BY o.id DESC") != 0)
		return -1;
	db_bind_int(&q, ":id", id);
	db_bind_int(&q, ":u", user);
	return outreach_rows(&q, each, ctx);
}

/* How many of an incident's messages are not sent yet, or -1. */
int64_t
response_outreach_unsent(struct db *db, int64_t incident_id)
{
	struct stmt q;
	int64_t n = -1;

	if (db_prepare(db, &q, "SELECT (SELECT count(*) FROM incident_members "
	    "WHERE incident_id = :i) - (SELECT count(*) FROM outreach WHERE "
	    "incident_id = :i AND status = 'sent')") != 0)
		return -1;
	db_bind_int(&q, ":i", incident_id);
	if (db_step(&q) == DB_ROW)
		n = db_col_int(&q, 0);
	db_finalize(&q);
	return n;
}

/* Add a resource (admins).  Returns 0, DB_EXISTS, or -1. */
int
response_resource_add(struct db *db, const struct resource_row *r,
    const char *by)
{
	struct stmt q;
	int rc;

	if (db_prepare(db, &q, "INSERT OR IGNORE INTO resources(country, kind, "
	    "name, contact, hours, source, lang, added_by) VALUES (:country, "
	    ":kind, :name, :contact, :hours, :source, :lang, :by)") != 0)
		return -1;
	db_bind_text(&q, ":country", r->country);
	db_bind_text(&q, ":kind", r->kind);
	db_bind_text(&q, ":name", r->name);
	db_bind_text(&q, ":contact", r->contact);
	db_bind_text(&q, ":hours", r->hours);
	db_bind_text(&q, ":source", r->source);
	db_bind_text(&q, ":lang", r->lang);
	db_bind_text(&q, ":by", by);
	rc = db_step_done(&q);
	if (rc == 0 && db_changes(db) == 0)
		return DB_EXISTS;
	return rc;
}

/* Remove a resource.  Returns 1, 0 when there is none, or -1. */
int
response_resource_remove(struct db *db, int64_t id)
{
	struct stmt q;

	if (db_prepare(db, &q, "DELETE FROM resources WHERE id = :id") != 0)
		return -1;
	db_bind_int(&q, ":id", id);
	if (db_step_done(&q) != 0)
		return -1;
	return db_changes(db) > 0;
}

/* The resources for a country (those for everywhere too), or all with
** country NULL; crisis lines first.  Returns 0 or -1. */
int
response_resources_each(struct db *db, const char *country,
    int (*each)(void *ctx, const struct resource_row *r), void *ctx)
{
	struct stmt q;
	struct resource_row r;
	int rc;

	if (db_prepare(db, &q, "SELECT id, country, kind, name, contact, hours, "
	    "source, lang FROM resources WHERE :all OR country = :c OR "
	    "country = '' ORDER BY country = '', kind != 'crisis', country, "
	    "name") != 0)
		return -1;
	db_bind_int(&q, ":all", country == NULL);
	db_bind_text(&q, ":c", country ? country : "");
	while ((rc = db_step(&q)) == DB_ROW) {
		memset(&r, 0, sizeof(r));
		r.id = db_col_int(&q, 0);
		r.country = db_col_text(&q, 1);
		r.kind = db_col_text(&q, 2);
		r.name = db_col_text(&q, 3);
		r.contact = db_col_text(&q, 4);
		r.hours = db_col_text(&q, 5);
		r.source = db_col_text(&q, 6);
		r.lang = db_col_text(&q, 7);
		if (each(ctx, &r) != 0) {
			rc = -1;
			break;
		}
	}
	db_finalize(&q);
	return rc == DB_DONE ? 0 : -1;
}

/* How many resources there are, or -1. */
int64_t
response_resource_count(struct db *db)
{
	struct stmt q;
	int64_t n = -1;

	if (db_prepare(db, &q, "SELECT count(*) FROM resources") != 0)
		return -1;
	if (db_step(&q) == DB_ROW)
		n = db_col_int(&q, 0);
	db_finalize(&q);
	return n;
}

/* The account of the member a message is for, or 0. */
int64_t
response_outreach_user(struct db *db, int64_t id)
{
	struct stmt q;
	int64_t u = 0;

	if (db_prepare(db, &q, "SELECT coalesce(m.user_id, 0) FROM outreach o "
	    "JOIN members m ON m.id = o.member_id WHERE o.id = :id AND "
	    "o.status = 'sent'") != 0)
		return 0;
	db_bind_int(&q, ":id", id);
	if (db_step(&q) == DB_ROW)
		u = db_col_int(&q, 0);
	db_finalize(&q);
	return u;
}

/* Record what a member allows (-1: leave as it is, 0 no, 1 yes).
** Returns 1, 0 when the member is not affected by the incident, or -1. */
int
response_consent_set(struct db *db, int64_t incident_id, int64_t member_id,
    int mention, int copyright, int see, int64_t now)
{
	struct stmt q;

	if (db_prepare(db, &q, "UPDATE incident_members SET may_mention = "
	    "CASE WHEN :m < 0 THEN may_mention ELSE :m END, may_copyright = "
	    "CASE WHEN :c < 0 THEN may_copyright ELSE :c END, wants_to_see = "
	    "CASE WHEN :s < 0 THEN wants_to_see ELSE :s END, consent_at = :now "
	    "WHERE incident_id = :i AND member_id = :mem") != 0)
		return -1;
	db_bind_int(&q, ":m", mention);
	db_bind_int(&q, ":c", copyright);
	db_bind_int(&q, ":s", see);
	db_bind_int(&q, ":now", now);
	db_bind_int(&q, ":i", incident_id);
	db_bind_int(&q, ":mem", member_id);
	if (db_step_done(&q) != 0)
		return -1;
	return db_changes(db) > 0;
}

/* What a member allows: -1 not answered, 0 no, 1 yes.  Returns DB_ROW,
** DB_DONE (not affected by the incident) or -1. */
int
response_consent_get(struct db *db, int64_t incident_id, int64_t member_id,
    int *mention, int *copyright, int *see)
{
	struct stmt q;
	int rc;

	if (db_prepare(db, &q, "SELECT coalesce(may_mention, -1), "
	    "coalesce(may_copyright, -1), coalesce(wants_to_see, -1) FROM "
	    "incident_members WHERE incident_id = :i AND member_id = :m") != 0)
		return -1;
	db_bind_int(&q, ":i", incident_id);
	db_bind_int(&q, ":m", member_id);
	rc = db_step(&q);
	if (rc == DB_ROW) {
		*mention = (int)db_col_int(&q, 0);
		*copyright = (int)db_col_int(&q, 1);
		*see = (int)db_col_int(&q, 2);
	}
	db_finalize(&q);
	return rc;
}

/* A removal request for a place.  Returns 0 and sets *id. */
int
response_takedown_add(struct db *db, int64_t leak_id, const char *kind,
    int64_t member_id, const char *send_to, const char *by, int64_t now,
    int64_t *id)
{
	struct stmt q;

	if (db_prepare(db, &q, "INSERT INTO takedowns(leak_id, kind, member_id, "
	    "send_to, created_at, created_by, changed_at) VALUES (:l, :k, "
	    "nullif(:m, 0), :to, :now, :by, :now)") != 0)
		return -1;
	db_bind_int(&q, ":l", leak_id);
	db_bind_text(&q, ":k", kind);
	db_bind_int(&q, ":m", member_id);
	db_bind_text(&q, ":to", send_to);
	db_bind_int(&q, ":now", now);
	db_bind_text(&q, ":by", by);
	if (db_step_done(&q) != 0)
		return -1;
	*id = db_last_id(db);
	return 0;
}

/* Store a request's sealed words. */
int
response_takedown_seal(struct db *db, int64_t id, const void *text, size_t n)
{
	struct stmt q;

	if (db_prepare(db, &q, "UPDATE takedowns SET request_sealed = :t WHERE "
	    "id = :id") != 0)
		return -1;
	db_bind_blob(&q, ":t", text, n);
	db_bind_int(&q, ":id", id);
	return db_step_done(&q);
}

/* Set a request's status, when to look again (0: never), and the place's
** summary.  Returns 0 or -1. */
int
response_takedown_status(struct db *db, int64_t id, const char *status,
    int64_t check_at, int64_t now)
{
	struct stmt q;

	if (db_prepare(db, &q, "UPDATE takedowns SET status = :st, changed_at = "
	    ":now, check_at = nullif(:c, 0) WHERE id = :id") != 0)
		return -1;
	db_bind_text(&q, ":st", status);
	db_bind_int(&q, ":now", now);
	db_bind_int(&q, ":c", check_at);
	db_bind_int(&q, ":id", id);
	if (db_step_done(&q) != 0)
		return -1;
	if (db_prepare(db, &q, "UPDATE leaks SET takedown_status = CASE :st "
	    "WHEN 'requested' THEN 'requested' WHEN 'reappeared' THEN "
	    "'requested' WHEN 'removed' THEN 'removed' WHEN 'refused' THEN "
	    "'refused' ELSE 'none' END WHERE id = (SELECT leak_id FROM takedowns "
	    "WHERE id = :id)") != 0)
		return -1;
	db_bind_text(&q, ":st", status);
	db_bind_int(&q, ":id", id);
	return db_step_done(&q);
}

/* The removal requests of an incident (leak id 0) or of one place; each
** with its sealed words (valid during the call).  Returns 0 or -1. */
int
response_takedowns_each(struct db *db, int64_t incident_id, int64_t leak_id,
    int (*each)(void *ctx, const struct takedown_row *t), void *ctx)
{
	struct stmt q;
	struct takedown_row t;
	int rc;

	if (db_prepare(db, &q, "SELECT t.id, t.leak_id, l.incident_id, t.kind, "
	    "coalesce(m.pseudonym, ''), t.send_to, t.status, t.created_at, "
	    "t.changed_at, coalesce(t.check_at, 0), l.platform, "
	    "t.request_sealed FROM takedowns t JOIN leaks l ON l.id = t.leak_id "
	    "LEFT JOIN members m ON m.id = t.member_id WHERE (:l > 0 AND "
	    "t.leak_id = :l) OR (:l = 0 AND l.incident_id = :i) OR (:l < 0 AND "
	    "t.id = -:l) ORDER BY t.id") != 0)
		return -1;
	db_bind_int(&q, ":i", incident_id);
	db_bind_int(&q, ":l", leak_id);
	while ((rc = db_step(&q)) == DB_ROW) {
		memset(&t, 0, sizeof(t));
		t.id = db_col_int(&q, 0);
		t.leak_id = db_col_int(&q, 1);
		t.incident_id = db_col_int(&q, 2);
		copy_col(&q, 3, t.kind, sizeof(t.kind));
		copy_col(&q, 4, t.names, sizeof(t.names));
		copy_col(&q, 5, t.send_to, sizeof(t.send_to));
		copy_col(&q, 6, t.status, sizeof(t.status));
		t.created_at = db_col_int(&q, 7);
		t.changed_at = db_col_int(&q, 8);
		t.check_at = db_col_int(&q, 9);
		copy_col(&q, 10, t.platform, sizeof(t.platform));
		t.request = db_col_blob(&q, 11, &t.request_n);
		if (each(ctx, &t) != 0) {
			rc = -1;
			break;
		}
	}
	db_finalize(&q);
	return rc == DB_DONE ? 0 : -1;
}

/* A place's sealed address and incident.  Returns DB_ROW (with *out
** allocated), DB_DONE or -1. */
int
response_leak_get(struct db *db, int64_t id, int64_t *incident, void **out,
    size_t *n)
{
	struct stmt q;
	const void *b;
	int rc;

	*out = NULL;
	*n = 0;
	if (db_prepare(db, &q, "SELECT incident_id, location_sealed FROM leaks "
	    "WHERE id = :id") != 0)
		return -1;
	db_bind_int(&q, ":id", id);
	rc = db_step(&q);
	if (rc == DB_ROW) {
		*incident = db_col_int(&q, 0);
		b = db_col_blob(&q, 1, n);
		if (b != NULL && *n > 0 && (*out = malloc(*n)) != NULL)
			memcpy(*out, b, *n);
	}
	db_finalize(&q);
	return rc;
}

/* A draft announcement for an incident.  Returns 0 and sets *id. */
int
response_announcement_add(struct db *db, int64_t incident_id, const char *by,
    int64_t now, int64_t *id)
{
	struct stmt q;

	if (db_prepare(db, &q, "INSERT INTO announcements(incident_id, "
	    "created_at, created_by) VALUES (:i, :now, :by)") != 0)
		return -1;
	db_bind_int(&q, ":i", incident_id);
	db_bind_int(&q, ":now", now);
	db_bind_text(&q, ":by", by);
	if (db_step_done(&q) != 0)
		return -1;
	*id = db_last_id(db);
	return 0;
}

/* Store a draft's sealed words. */
int
response_announcement_seal(struct db *db, int64_t id, const void *draft,
    size_t n)
{
	struct stmt q;

	if (db_prepare(db, &q, "UPDATE announcements SET draft_sealed = :d "
	    "WHERE id = :id AND status = 'draft'") != 0)
		return -1;
	db_bind_blob(&q, ":d", draft, n);
	db_bind_int(&q, ":id", id);
	return db_step_done(&q);
}

/* Publish: the words as the community reads them; the draft goes. */
int
response_announcement_publish(struct db *db, int64_t id, const char *body,
    const char *by, int64_t now)
{
	struct stmt q;

	if (db_prepare(db, &q, "UPDATE announcements SET status = 'published', "
	    "body = :b, published_by = :by, published_at = :now, draft_sealed "
	    "= NULL WHERE id = :id AND status = 'draft'") != 0)
		return -1;
	db_bind_text(&q, ":b", body);
	db_bind_text(&q, ":by", by);
	db_bind_int(&q, ":now", now);
	db_bind_int(&q, ":id", id);
	if (db_step_done(&q) != 0)
		return -1;
	return db_changes(db) > 0;
}

/* Announcements: of an incident (incident_id > 0), one (id > 0), or every
** published one (both 0), newest first.  Returns 0 or -1. */
int
response_announcements_each(struct db *db, int64_t incident_id, int64_t id,
    int (*each)(void *ctx, const struct announcement_row *a), void *ctx)
{
	struct stmt q;
	struct announcement_row a;
	int rc;

	if (db_prepare(db, &q, "SELECT id, incident_id, status, created_at, "
	    "coalesce(published_at, 0), draft_sealed, body FROM announcements "
	    "WHERE (:i > 0 AND incident_id = :i) OR (:id > 0 AND id = :id) OR "
	    "(:i = 0 AND :id = 0 AND status = 'published') ORDER BY id DESC "
	    "LIMIT 200") != 0)
		return -1;
	db_bind_int(&q, ":i", incident_id);
	db_bind_int(&q, ":id", id);
	while ((rc = db_step(&q)) == DB_ROW) {
		memset(&a, 0, sizeof(a));
		a.id = db_col_int(&q, 0);
		a.incident_id = db_col_int(&q, 1);
		copy_col(&q, 2, a.status, sizeof(a.status));
		a.created_at = db_col_int(&q, 3);
		a.published_at = db_col_int(&q, 4);
		a.draft = db_col_blob(&q, 5, &a.draft_n);
		a.body = db_col_text(&q, 6);
		if (each(ctx, &a) != 0) {
			rc = -1;
			break;
		}
	}
	db_finalize(&q);
	return rc == DB_DONE ? 0 : -1;
}

/* A member report.  reporter is 0 for an anonymous one.  Returns 0 and
** sets *id. */
int
response_report_add(struct db *db, int64_t reporter, int trusted,
    const void *code_hash, size_t hn, const char *platform, int matches,
    int screenshot, const char *note, int64_t now, int64_t *id)
{
	struct stmt q;

	if (db_prepare(db, &q, "INSERT INTO reports(received_at, reporter_id, "
	    "trusted, code_hash, platform, matches, screenshot, scan_note) "
	    "VALUES (:now, nullif(:r, 0), :t, :h, :p, :m, :s, :note)") != 0)
		return -1;
	db_bind_int(&q, ":now", now);
	db_bind_int(&q, ":r", reporter);
	db_bind_int(&q, ":t", trusted);
	db_bind_blob(&q, ":h", code_hash, hn);
	db_bind_text(&q, ":p", platform);
	db_bind_int(&q, ":m", matches);
	db_bind_int(&q, ":s", screenshot);
	db_bind_text(&q, ":note", note);
	if (db_step_done(&q) != 0)
		return -1;
	*id = db_last_id(db);
	return 0;
}

/* Store a report's sealed words. */
int
response_report_seal(struct db *db, int64_t id, const void *body, size_t n)
{
	struct stmt q;

	if (db_prepare(db, &q, "UPDATE reports SET body_sealed = :b WHERE id = "
	    ":id") != 0)
		return -1;
	db_bind_blob(&q, ":b", body, n);
	db_bind_int(&q, ":id", id);
	return db_step_done(&q);
}

/* A post or a copy mark's account a report's scan found. */
int
response_report_found(struct db *db, int64_t id, int64_t post, int64_t user)
{
	struct stmt q;

	if (post > 0) {
		if (db_prepare(db, &q, "INSERT OR IGNORE INTO report_posts("
		    "report_id, post_id) SELECT :id, id FROM posts WHERE id = "
		    ":p") != 0)
			return -1;
		db_bind_int(&q, ":id", id);
		db_bind_int(&q, ":p", post);
	} else {
		if (db_prepare(db, &q, "INSERT OR IGNORE INTO report_marks("
		    "report_id, user_id) SELECT :id, id FROM users WHERE id = "
		    ":u") != 0)
			return -1;
		db_bind_int(&q, ":id", id);
		db_bind_int(&q, ":u", user);
	}
	return db_step_done(&q);
}

/* A new report is being looked at (one that led somewhere stays so). */
int
response_report_review(struct db *db, int64_t id)
{
	struct stmt q;

	if (db_prepare(db, &q, "UPDATE reports SET status = 'reviewing' WHERE "
	    "id = :id AND status = 'new'") != 0)
		return -1;
	db_bind_int(&q, ":id", id);
	return db_step_done(&q);
}

/* Set a report's status and, with incident > 0, the incident it led to. */
int
response_report_status(struct db *db, int64_t id, const char *status,
    int64_t incident)
{
	struct stmt q;

	if (db_prepare(db, &q, "UPDATE reports SET status = :s, incident_id = "
	    "CASE WHEN :i > 0 THEN :i ELSE incident_id END WHERE id = :id") != 0)
		return -1;
	db_bind_text(&q, ":s", status);
	db_bind_int(&q, ":i", incident);
	db_bind_int(&q, ":id", id);
	if (db_step_done(&q) != 0)
		return -1;
	return db_changes(db) > 0;
}

static int
report_rows(struct stmt *q, int (*each)(void *, const struct report_row *),
    void *ctx)
{
	struct report_row r;
	int rc;

	while ((rc = db_step(q)) == DB_ROW) {
		memset(&r, 0, sizeof(r));
		r.id = db_col_int(q, 0);
		r.received_at = db_col_int(q, 1);
		copy_col(q, 2, r.reporter, sizeof(r.reporter));
		r.trusted = (int)db_col_int(q, 3);
		copy_col(q, 4, r.status, sizeof(r.status));
		r.incident_id = db_col_int(q, 5);
		copy_col(q, 6, r.platform, sizeof(r.platform));
		r.matches = (int)db_col_int(q, 7);
		r.screenshot = (int)db_col_int(q, 8);
		copy_col(q, 9, r.note, sizeof(r.note));
		r.body = db_col_blob(q, 10, &r.body_n);
		r.marks = (int)db_col_int(q, 11);
		r.purged_at = db_col_int(q, 12);
		if (each(ctx, &r) != 0) {
			rc = -1;
			break;
		}
	}
	db_finalize(q);
	return rc == DB_DONE ? 0 : -1;
}

/* The queue: open reports first, trusted reporters' first among them,
** newest first (id 0); or one report (id > 0).  Returns 0 or -1. */
int
response_reports_each(struct db *db, int64_t id,
    int (*each)(void *ctx, const struct report_row *r), void *ctx)
{
	struct stmt q;

	if (db_prepare(db, &q, "SELECT r.id, r.received_at, coalesce(m.pseudonym, "
	    "''), r.trusted, r.status, coalesce(r.incident_id, 0), r.platform, "
	    "r.matches, r.screenshot, r.scan_note, r.body_sealed, "
	    "(SELECT count(*) FROM report_marks k WHERE k.report_id = r.id), "
	    "coalesce(r.purged_at, 0) "
	    "FROM reports r LEFT JOIN members m ON m.id = r.reporter_id WHERE "
	    ":id = 0 OR r.id = :id ORDER BY r.status IN ('linked', "
	    "'dismissed'), r.trusted DESC, r.id DESC LIMIT 500") != 0)
		return -1;
	db_bind_int(&q, ":id", id);
	return report_rows(&q, each, ctx);
}

/* A report's status by its code's keyed hash.  Returns DB_ROW (status
** copied), DB_DONE or -1. */
int
response_report_by_code(struct db *db, const void *hash, size_t n,
    char *status, size_t cap)
{
	struct stmt q;
	int rc;

	if (db_prepare(db, &q, "SELECT status FROM reports WHERE code_hash = :h")
	    != 0)
		return -1;
	db_bind_blob(&q, ":h", hash, n);
	rc = db_step(&q);
	if (rc == DB_ROW)
		copy_col(&q, 0, status, cap);
	db_finalize(&q);
	return rc;
}

/* The posts a report's scan found (up to max).  Returns how many, or -1. */
int
response_report_posts(struct db *db, int64_t id, int64_t *posts, int max)
{
	struct stmt q;
	int n = 0;

	if (db_prepare(db, &q, "SELECT post_id FROM report_posts WHERE "
	    "report_id = :id ORDER BY post_id") != 0)
		return -1;
	db_bind_int(&q, ":id", id);
	while (n < max && db_step(&q) == DB_ROW)
		posts[n++] = db_col_int(&q, 0);
	db_finalize(&q);
	return n;
}

/* Mark a member as a trusted reporter (on 1) or not (0).  Returns 0 or
** -1. */
int
response_trusted_set(struct db *db, int64_t member, int on, const char *by,
    int64_t now)
{
	struct stmt q;

	if (on) {
		if (db_prepare(db, &q, "INSERT OR REPLACE INTO trusted_reporters("
		    "member_id, marked_by, marked_at) VALUES (:m, :by, :now)") !=
		    0)
			return -1;
		db_bind_text(&q, ":by", by);
		db_bind_int(&q, ":now", now);
	} else if (db_prepare(db, &q, "DELETE FROM trusted_reporters WHERE "
	    "member_id = :m") != 0) {
		return -1;
	}
	db_bind_int(&q, ":m", member);
	return db_step_done(&q);
}

/* Is the member whose account is user a trusted reporter?  Sets *member
** (0: the account is no member).  Returns 1, 0 or -1. */
int
response_trusted_user(struct db *db, int64_t user, int64_t *member)
{
	struct stmt q;
	int rc, t = 0;

	*member = 0;
	if (db_prepare(db, &q, "SELECT m.id, t.member_id IS NOT NULL FROM "
	    "members m LEFT JOIN trusted_reporters t ON t.member_id = m.id WHERE "
	    "m.user_id = :u") != 0)
		return -1;
	db_bind_int(&q, ":u", user);
	rc = db_step(&q);
	if (rc == DB_ROW) {
		*member = db_col_int(&q, 0);
		t = (int)db_col_int(&q, 1);
	}
	db_finalize(&q);
	return rc < 0 ? -1 : t;
}

/* A member asks to be connected: the request goes to the person who sent
** them the message, due hours later.  Returns 0 and sets *id. */
int
response_connect_add(struct db *db, int64_t outreach_id, int64_t now,
    int hours, int64_t *id)
{
	struct stmt q;

	if (db_prepare(db, &q, "INSERT INTO connect_requests(outreach_id, "
	    "assigned_to, asked_at, due_at) SELECT id, coalesce(sent_by, "
	    "created_by), :now, :due FROM outreach WHERE id = :o") != 0)
		return -1;
	db_bind_int(&q, ":now", now);
	db_bind_int(&q, ":due", now + (int64_t)hours * 3600);
	db_bind_int(&q, ":o", outreach_id);
	if (db_step_done(&q) != 0 || db_changes(db) == 0)
		return -1;
	*id = db_last_id(db);
	return 0;
}

/* Mark a request done.  Returns 1, 0 (none open by that id) or -1. */
int
response_connect_done(struct db *db, int64_t id, const char *by, int64_t now)
{
	struct stmt q;

	if (db_prepare(db, &q, "UPDATE connect_requests SET done_at = :now, "
	    "done_by = :by WHERE id = :id AND done_at IS NULL") != 0)
		return -1;
	db_bind_int(&q, ":now", now);
	db_bind_text(&q, ":by", by);
	db_bind_int(&q, ":id", id);
	if (db_step_done(&q) != 0)
		return -1;
	return db_changes(db) > 0;
}

/* The requests to be connected, of an incident (id 0: of the request
** id_or_0's own, when one > 0).  Returns 0 or -1. */
int
response_connects_each(struct db *db, int64_t incident_id, int64_t id,
    int (*each)(void *ctx, const struct connect_row *c), void *ctx)
{
	struct stmt q;
	struct connect_row c;
	int rc;

	if (db_prepare(db, &q, "SELECT c.id, o.incident_id, m.pseudonym, "
	    "c.assigned_to, c.asked_at, c.due_at, coalesce(c.done_at, 0), "
	    "o.id FROM connect_requests c JOIN outreach o ON o.id = "
	    "c.outreach_id JOIN members m ON m.id = o.member_id WHERE "
	    "(:i > 0 AND o.incident_id = :i) OR (:id > 0 AND c.id = :id) "
	    "ORDER BY c.done_at IS NOT NULL, c.due_at") != 0)
		return -1;
	db_bind_int(&q, ":i", incident_id);
	db_bind_int(&q, ":id", id);
	while ((rc = db_step(&q)) == DB_ROW) {
		memset(&c, 0, sizeof(c));
		c.id = db_col_int(&q, 0);
		c.incident_id = db_col_int(&q, 1);
		copy_col(&q, 2, c.pseudonym, sizeof(c.pseudonym));
		copy_col(&q, 3, c.assigned_to, sizeof(c.assigned_to));
		c.asked_at = db_col_int(&q, 4);
		c.due_at = db_col_int(&q, 5);
		c.done_at = db_col_int(&q, 6);
		c.outreach_id = db_col_int(&q, 7);
		if (each(ctx, &c) != 0) {
			rc = -1;
			break;
		}
	}
	db_finalize(&q);
	return rc == DB_DONE ? 0 : -1;
}
