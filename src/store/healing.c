/*
** healing.c: the SQL behind community healing.  See healing.h.
*/
#include "healing.h"

#include <stdio.h>
#include <string.h>

#include "db.h"

/* Keep a safety measure.  Returns 0 and sets *id. */
int
healing_measure_add(struct db *db, const char *title, const char *detail,
    int64_t taken_at, int64_t incident, const char *by, int64_t now,
    int64_t *id)
{
	struct stmt q;

	if (db_prepare(db, &q, "INSERT INTO safety_measures(title, detail, "
	    "taken_at, incident_id, added_at, added_by) VALUES (:t, :d, :at, "
	    "nullif(:i, 0), :now, :by)") != 0)
		return -1;
	db_bind_text(&q, ":t", title);
	db_bind_text(&q, ":d", detail);
	db_bind_int(&q, ":at", taken_at);
	db_bind_int(&q, ":i", incident);
	db_bind_int(&q, ":now", now);
	db_bind_text(&q, ":by", by);
	if (db_step_done(&q) != 0)
		return -1;
	*id = db_last_id(db);
	return 0;
}

/* The measures, newest first.  Returns 0 or -1. */
int
healing_measures_each(struct db *db,
    int (*each)(void *ctx, const struct measure_row *m), void *ctx)
{
	struct stmt q;
	struct measure_row m;
	int rc;

	if (db_prepare(db, &q, "SELECT id, taken_at, coalesce(incident_id, 0), "
	    "title, detail FROM safety_measures ORDER BY taken_at DESC, id DESC "
	    "LIMIT 500") != 0)
		return -1;
	while ((rc = db_step(&q)) == DB_ROW) {
		m.id = db_col_int(&q, 0);
		m.taken_at = db_col_int(&q, 1);
		m.incident_id = db_col_int(&q, 2);
		m.title = db_col_text(&q, 3);
		m.detail = db_col_text(&q, 4);
		if (each(ctx, &m) != 0) {
			rc = -1;
			break;
		}
	}
	db_finalize(&q);
	return rc == DB_DONE ? 0 : -1;
}

/* Open a survey, its five counts at nought.  Returns 0 and sets *id. */
int
healing_pulse_open(struct db *db, const char *question, int64_t now,
    int64_t closes_at, const char *by, int64_t *id)
{
	struct stmt q;

	if (db_prepare(db, &q, "INSERT INTO pulse_surveys(question, opened_at, "
	    "closes_at, opened_by) VALUES (:q, :now, :c, :by)") != 0)
		return -1;
	db_bind_text(&q, ":q", question);
	db_bind_int(&q, ":now", now);
	db_bind_int(&q, ":c", closes_at);
	db_bind_text(&q, ":by", by);
	if (db_step_done(&q) != 0)
		return -1;
	*id = db_last_id(db);
	if (db_prepare(db, &q, "INSERT INTO pulse_counts(survey_id, value) "
	    "VALUES (:s, 1), (:s, 2), (:s, 3), (:s, 4), (:s, 5)") != 0)
		return -1;
	db_bind_int(&q, ":s", *id);
	return db_step_done(&q);
}

static void
pulse_row(struct stmt *q, struct pulse_row *p)
{
	const char *t;

	memset(p, 0, sizeof(*p));
	p->id = db_col_int(q, 0);
	p->opened_at = db_col_int(q, 1);
	p->closes_at = db_col_int(q, 2);
	p->closed_at = db_col_int(q, 3);
	t = db_col_text(q, 4);
	snprintf(p->question, sizeof(p->question), "%s", t ? t : "");
	t = db_col_text(q, 5);
	snprintf(p->opened_by, sizeof(p->opened_by), "%s", t ? t : "");
}

static int
pulse_counts(struct db *db, struct pulse_row *p)
{
	struct stmt q;
	int rc, v;

	if (db_prepare(db, &q, "SELECT value, n FROM pulse_counts WHERE "
	    "survey_id = :s") != 0)
		return -1;
	db_bind_int(&q, ":s", p->id);
	while ((rc = db_step(&q)) == DB_ROW) {
		v = (int)db_col_int(&q, 0);
		if (v >= 1 && v <= PULSE_VALUES) {
			p->counts[v - 1] = (long)db_col_int(&q, 1);
			p->total += p->counts[v - 1];
		}
	}
	db_finalize(&q);
	return rc == DB_DONE ? 0 : -1;
}

/* One survey with its counts.  Returns DB_ROW, DB_DONE or -1. */
int
healing_pulse_get(struct db *db, int64_t id, struct pulse_row *p)
{
	struct stmt q;
	int rc;

	if (db_prepare(db, &q, "SELECT id, opened_at, closes_at, "
	    "coalesce(closed_at, 0), question, opened_by FROM pulse_surveys "
	    "WHERE id = :id") != 0)
		return -1;
	db_bind_int(&q, ":id", id);
	if ((rc = db_step(&q)) == DB_ROW)
		pulse_row(&q, p);
	db_finalize(&q);
	if (rc == DB_ROW && pulse_counts(db, p) != 0)
		return -1;
	return rc;
}

/* The survey open at now, if any.  Returns 1 and sets *id, 0, or -1. */
int
healing_pulse_current(struct db *db, int64_t now, int64_t *id)
{
	struct stmt q;
	int rc;

	if (db_prepare(db, &q, "SELECT id FROM pulse_surveys WHERE closed_at IS "
	    "NULL AND closes_at > :now ORDER BY id DESC LIMIT 1") != 0)
		return -1;
	db_bind_int(&q, ":now", now);
	if ((rc = db_step(&q)) == DB_ROW)
		*id = db_col_int(&q, 0);
	db_finalize(&q);
	return rc == DB_ROW ? 1 : rc == DB_DONE ? 0 : -1;
}

/* Every survey, newest first, with its counts.  Returns 0 or -1. */
int
healing_pulse_each(struct db *db,
    int (*each)(void *ctx, const struct pulse_row *p), void *ctx)
{
	struct stmt q;
	struct pulse_row p;
	int64_t ids[100];
	int n = 0, i, rc;

	if (db_prepare(db, &q, "SELECT id FROM pulse_surveys ORDER BY id DESC "
	    "LIMIT 100") != 0)
		return -1;
	while ((rc = db_step(&q)) == DB_ROW)
		ids[n++] = db_col_int(&q, 0);
	db_finalize(&q);
	if (rc != DB_DONE)
		return -1;
	for (i = 0; i < n; i++)
		if (healing_pulse_get(db, ids[i], &p) != DB_ROW || each(ctx, &p)
		    != 0)
			return -1;
	return 0;
}

/* Has user answered survey id?  Returns 1, 0 or -1. */
int
healing_pulse_answered(struct db *db, int64_t id, int64_t user)
{
	struct stmt q;
	int rc;

	if (db_prepare(db, &q, "SELECT 1 FROM pulse_answered WHERE survey_id = "
	    ":s AND user_id = :u") != 0)
		return -1;
	db_bind_int(&q, ":s", id);
	db_bind_int(&q, ":u", user);
	rc = db_step(&q);
	db_finalize(&q);
	return rc == DB_ROW ? 1 : rc == DB_DONE ? 0 : -1;
}

/* Count user's answer once: that they answered, and, apart, one more of
** value.  Returns 1, 0 (they had answered) or -1. */
int
healing_pulse_answer(struct db *db, int64_t id, int64_t user, int value)
{
	struct stmt q;

	if (db_prepare(db, &q, "INSERT OR IGNORE INTO pulse_answered(survey_id, "
	    "user_id) VALUES (:s, :u)") != 0)
		return -1;
	db_bind_int(&q, ":s", id);
	db_bind_int(&q, ":u", user);
	if (db_step_done(&q) != 0)
		return -1;
	if (db_changes(db) == 0)
		return 0;
	if (db_prepare(db, &q, "UPDATE pulse_counts SET n = n + 1 WHERE "
	    "survey_id = :s AND value = :v") != 0)
		return -1;
	db_bind_int(&q, ":s", id);
	db_bind_int(&q, ":v", value);
	if (db_step_done(&q) != 0)
		return -1;
	return db_changes(db) == 1 ? 1 : -1;
}

/* Close a survey early.  Returns 0 or -1. */
int
healing_pulse_close(struct db *db, int64_t id, int64_t now)
{
	struct stmt q;

	if (db_prepare(db, &q, "UPDATE pulse_surveys SET closed_at = :now WHERE "
	    "id = :id AND closed_at IS NULL") != 0)
		return -1;
	db_bind_int(&q, ":now", now);
	db_bind_int(&q, ":id", id);
	return db_step_done(&q);
}

/* When the last incident opened (0: never).  Returns it, or -1. */
int64_t
healing_last_incident(struct db *db)
{
	struct stmt q;
	int64_t at = -1;

	if (db_prepare(db, &q, "SELECT coalesce(max(opened_at), 0) FROM "
	    "incidents") != 0)
		return -1;
	if (db_step(&q) == DB_ROW)
		at = db_col_int(&q, 0);
	db_finalize(&q);
	return at;
}

/* Make group gid a healing space: extra-private, facilitated by user
** facilitator, ending at ends_at.  Returns 0 or -1. */
int
healing_space_add(struct db *db, int64_t gid, int64_t incident,
    int64_t facilitator, const char *reminder, int64_t now, int64_t ends_at,
    const char *by)
{
	struct stmt q;

	if (db_prepare(db, &q, "UPDATE groups SET extra_private = 1 WHERE "
	    "id = :g") != 0)
		return -1;
	db_bind_int(&q, ":g", gid);
	if (db_step_done(&q) != 0)
		return -1;
	if (db_prepare(db, &q, "INSERT INTO healing_spaces(group_id, "
	    "incident_id, facilitator_id, reminder, opened_at, opened_by, "
	    "ends_at) VALUES (:g, nullif(:i, 0), :f, :r, :now, :by, :e)") != 0)
		return -1;
	db_bind_int(&q, ":g", gid);
	db_bind_int(&q, ":i", incident);
	db_bind_int(&q, ":f", facilitator);
	db_bind_text(&q, ":r", reminder);
	db_bind_int(&q, ":now", now);
	db_bind_text(&q, ":by", by);
	db_bind_int(&q, ":e", ends_at);
	return db_step_done(&q);
}

static void
space_row(struct stmt *q, struct space_row *s)
{
	s->group_id = db_col_int(q, 0);
	s->incident_id = db_col_int(q, 1);
	s->facilitator_id = db_col_int(q, 2);
	s->opened_at = db_col_int(q, 3);
	s->ends_at = db_col_int(q, 4);
	s->ended_at = db_col_int(q, 5);
	snprintf(s->name, sizeof(s->name), "%s", db_col_text(q, 6));
	snprintf(s->facilitator, sizeof(s->facilitator), "%s",
	    db_col_text(q, 7));
	snprintf(s->reminder, sizeof(s->reminder), "%s", db_col_text(q, 8));
	snprintf(s->note, sizeof(s->note), "%s", db_col_text(q, 9));
	s->capacity = (int)db_col_int(q, 10);
	s->members = db_col_int(q, 11);
	s->invited = db_col_int(q, 12);
	s->pending = db_col_int(q, 13);
}

/* Call each for the healing spaces (group gid alone, or every one with
** gid 0), newest first: all of them (member 0), or those member was
** invited to that have not ended.  Returns 0, each's non-zero return, or
** -1. */
static int
spaces_query(struct db *db, int64_t gid, int64_t member,
    int (*each)(void *ctx, const struct space_row *s, const char *answer),
    void *ctx)
{
	struct space_row s;
	struct stmt q;
	int rc;

	if (db_prepare(db, &q, "SELECT s.group_id, coalesce(s.incident_id, 0), "
	    "coalesce(s.facilitator_id, 0), s.opened_at, s.ends_at, "
	    "coalesce(s.ended_at, 0), g.name, coalesce(u.name, ''), "
	    "s.reminder, s.note, g.capacity, (SELECT count(*) FROM "
	    "group_members m WHERE m.group_id = g.id AND m.left_at IS NULL), "
	    "(SELECT count(*) FROM space_invitations i WHERE i.group_id = "
	    "g.id), (SELECT count(*) FROM space_invitations i WHERE "
	    "i.group_id = g.id AND i.answer IS NULL), coalesce((SELECT "
	    "coalesce(answer, 'invited') FROM space_invitations i WHERE "
	    "i.group_id = s.group_id AND i.member_id = :m), '') FROM "
	    "healing_spaces s JOIN groups g ON g.id = s.group_id LEFT JOIN "
	    "users u ON u.id = s.facilitator_id WHERE (:g = 0 OR s.group_id "
	    "= :g) AND (:m = 0 OR (s.ended_at IS NULL AND EXISTS (SELECT 1 "
	    "FROM space_invitations i WHERE i.group_id = s.group_id AND "
	    "i.member_id = :m))) ORDER BY s.opened_at DESC, s.group_id DESC "
	    "LIMIT 200") != 0)
		return -1;
	db_bind_int(&q, ":g", gid);
	db_bind_int(&q, ":m", member);
	while ((rc = db_step(&q)) == DB_ROW) {
		space_row(&q, &s);
		if ((rc = each(ctx, &s, db_col_text(&q, 14))) != 0)
			break;
	}
	db_finalize(&q);
	return rc < 0 ? -1 : rc == DB_DONE ? 0 : rc;
}

/* Call each for the healing spaces, newest first: all of them (member
** 0), or those member was invited to that have not ended.  Returns 0,
** each's non-zero return, or -1. */
int
healing_spaces_each(struct db *db, int64_t member,
    int (*each)(void *ctx, const struct space_row *s, const char *answer),
    void *ctx)
{
	return spaces_query(db, 0, member, each, ctx);
}

static int
copy_space(void *ctx, const struct space_row *s, const char *answer)
{
	(void)answer;
	*(struct space_row *)ctx = *s;
	return 1;
}

/* The healing space of group gid.  Returns DB_ROW with *s, DB_DONE when
** the group is not one, or -1. */
int
healing_space_get(struct db *db, int64_t gid, struct space_row *s)
{
	int rc = gid > 0 ? spaces_query(db, gid, 0, copy_space, s) : 0;

	return rc == 1 ? DB_ROW : rc == 0 ? DB_DONE : -1;
}

/* Invite member to space gid.  Returns 0, DB_EXISTS when they were
** invited already, or -1. */
int
healing_space_invite(struct db *db, int64_t gid, int64_t member,
    int64_t now)
{
	struct stmt q;
	int rc;

	if (db_prepare(db, &q, "INSERT INTO space_invitations(group_id, "
	    "member_id, invited_at) VALUES (:g, :m, :now) ON CONFLICT DO "
	    "NOTHING") != 0)
		return -1;
	db_bind_int(&q, ":g", gid);
	db_bind_int(&q, ":m", member);
	db_bind_int(&q, ":now", now);
	if ((rc = db_step_done(&q)) != 0)
		return rc;
	return db_changes(db) == 1 ? 0 : DB_EXISTS;
}

/* Member's invitation to space gid: its answer into answer ("" while
** they have not chosen).  Returns DB_ROW, DB_DONE when they have none,
** or -1. */
int
healing_space_invitation(struct db *db, int64_t gid, int64_t member,
    char *answer, size_t cap)
{
	struct stmt q;
	int rc;

	if (db_prepare(db, &q, "SELECT coalesce(answer, '') FROM "
	    "space_invitations WHERE group_id = :g AND member_id = :m") != 0)
		return -1;
	db_bind_int(&q, ":g", gid);
	db_bind_int(&q, ":m", member);
	if ((rc = db_step(&q)) == DB_ROW)
		snprintf(answer, cap, "%s", db_col_text(&q, 0));
	db_finalize(&q);
	return rc;
}

/* Keep member's answer to their invitation to gid.  Returns 0 or -1. */
int
healing_space_answer(struct db *db, int64_t gid, int64_t member,
    const char *answer, int64_t now)
{
	struct stmt q;

	if (db_prepare(db, &q, "UPDATE space_invitations SET answer = :a, "
	    "answered_at = :now WHERE group_id = :g AND member_id = :m") != 0)
		return -1;
	db_bind_text(&q, ":a", answer);
	db_bind_int(&q, ":now", now);
	db_bind_int(&q, ":g", gid);
	db_bind_int(&q, ":m", member);
	return db_step_done(&q);
}

/* May member be let into group gid?  Every group that is not a healing
** space may; a space only when it has not ended and they accepted their
** invitation.  Returns 1, 0, or -1. */
int
healing_space_admits(struct db *db, int64_t gid, int64_t member,
    int64_t now)
{
	struct stmt q;
	int rc, ok = 0;

	if (db_prepare(db, &q, "SELECT s.ended_at IS NULL AND s.ends_at > :now "
	    "AND EXISTS (SELECT 1 FROM space_invitations i WHERE i.group_id = "
	    "s.group_id AND i.member_id = :m AND i.answer = 'accepted') FROM "
	    "healing_spaces s WHERE s.group_id = :g") != 0)
		return -1;
	db_bind_int(&q, ":now", now);
	db_bind_int(&q, ":m", member);
	db_bind_int(&q, ":g", gid);
	rc = db_step(&q);
	if (rc == DB_ROW)
		ok = (int)db_col_int(&q, 0);
	db_finalize(&q);
	return rc == DB_DONE ? 1 : rc == DB_ROW ? ok : -1;
}

/* The facilitator's note to space gid.  Returns 0 or -1. */
int
healing_space_note(struct db *db, int64_t gid, const char *note)
{
	struct stmt q;

	if (db_prepare(db, &q, "UPDATE healing_spaces SET note = :n WHERE "
	    "group_id = :g") != 0)
		return -1;
	db_bind_text(&q, ":n", note);
	db_bind_int(&q, ":g", gid);
	return db_step_done(&q);
}

/* The spaces whose end has come and that have not ended yet, at most
** max of them, into ids.  Returns how many, or -1. */
int
healing_spaces_due(struct db *db, int64_t now, int64_t *ids, int max)
{
	struct stmt q;
	int rc = DB_DONE, n = 0;

	if (db_prepare(db, &q, "SELECT group_id FROM healing_spaces WHERE "
	    "ended_at IS NULL AND ends_at <= :now ORDER BY ends_at") != 0)
		return -1;
	db_bind_int(&q, ":now", now);
	while (n < max && (rc = db_step(&q)) == DB_ROW)
		ids[n++] = db_col_int(&q, 0);
	db_finalize(&q);
	return n == max || rc == DB_DONE ? n : -1;
}

/* One live post of group gid into *post.  Returns DB_ROW, DB_DONE when
** none is left, or -1. */
int
healing_space_next_post(struct db *db, int64_t gid, int64_t *post)
{
	struct stmt q;
	int rc;

	if (db_prepare(db, &q, "SELECT id FROM posts WHERE group_id = :g AND "
	    "deleted_at IS NULL LIMIT 1") != 0)
		return -1;
	db_bind_int(&q, ":g", gid);
	if ((rc = db_step(&q)) == DB_ROW)
		*post = db_col_int(&q, 0);
	db_finalize(&q);
	return rc;
}

/* Space gid ends: everyone leaves it and no invitation stays open.
** Returns 0 or -1. */
int
healing_space_end(struct db *db, int64_t gid, int64_t now)
{
	struct stmt q;

	if (db_prepare(db, &q, "UPDATE group_members SET left_at = :now "
	    "WHERE group_id = :g AND left_at IS NULL") != 0)
		return -1;
	db_bind_int(&q, ":now", now);
	db_bind_int(&q, ":g", gid);
	if (db_step_done(&q) != 0)
		return -1;
	if (db_prepare(db, &q, "DELETE FROM space_invitations WHERE group_id "
	    "= :g AND answer IS NULL") != 0)
		return -1;
	db_bind_int(&q, ":g", gid);
	if (db_step_done(&q) != 0)
		return -1;
	if (db_prepare(db, &q, "UPDATE healing_spaces SET ended_at = :now, "
	    "ends_at = min(ends_at, :now) WHERE group_id = :g") != 0)
		return -1;
	db_bind_int(&q, ":now", now);
	db_bind_int(&q, ":g", gid);
	return db_step_done(&q);
}

/* Member shares that they are doing better (on), or takes it back.
** Returns 0 or -1. */
int
healing_doing_better_set(struct db *db, int64_t member, int on,
    int64_t now)
{
	struct stmt q;

	if ((on ? db_prepare(db, &q, "INSERT INTO doing_better(member_id, "
	    "shared_at) VALUES (:m, :now) ON CONFLICT DO NOTHING") :
	    db_prepare(db, &q, "DELETE FROM doing_better WHERE member_id = "
	    ":m")) != 0)
		return -1;
	db_bind_int(&q, ":m", member);
	if (on)
		db_bind_int(&q, ":now", now);
	return db_step_done(&q);
}

/* Has member shared it (1 or 0, or -1)?  With member 0: how many did. */
int64_t
healing_doing_better(struct db *db, int64_t member)
{
	struct stmt q;
	int64_t n = -1;

	if (db_prepare(db, &q, "SELECT count(*) FROM doing_better WHERE :m = 0 "
	    "OR member_id = :m") != 0)
		return -1;
	db_bind_int(&q, ":m", member);
	if (db_step(&q) == DB_ROW)
		n = db_col_int(&q, 0);
	db_finalize(&q);
	return n;
}

/* Does user facilitate the healing space, still open at now, that post
** was written in?  Returns 1, 0, or -1. */
int
healing_space_facilitates(struct db *db, int64_t post, int64_t user,
    int64_t now)
{
	struct stmt q;
	int rc;

	if (db_prepare(db, &q, "SELECT 1 FROM posts p JOIN healing_spaces s ON "
	    "s.group_id = p.group_id WHERE p.id = :p AND s.facilitator_id = :u "
	    "AND s.ended_at IS NULL AND s.ends_at > :now") != 0)
		return -1;
	db_bind_int(&q, ":p", post);
	db_bind_int(&q, ":u", user);
	db_bind_int(&q, ":now", now);
	rc = db_step(&q);
	db_finalize(&q);
	return rc == DB_ROW ? 1 : rc == DB_DONE ? 0 : -1;
}
