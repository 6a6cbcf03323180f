/*
** peers.c: the SQL behind peer support.  See peers.h.
*/
#include "peers.h"

#include <stdio.h>
#include <string.h>

#include "db.h"

/* Member volunteers (again) for capacity people at a time.  Returns 0 or
** -1. */
int
peers_offer(struct db *db, int64_t member, int capacity, int64_t now)
{
	struct stmt q;

	if (db_prepare(db, &q, "INSERT INTO peer_supporters(member_id, "
	    "offered_at, capacity) VALUES (:m, :now, :c) ON CONFLICT (member_id) "
	    "DO UPDATE SET capacity = excluded.capacity, paused = 0") != 0)
		return -1;
	db_bind_int(&q, ":m", member);
	db_bind_int(&q, ":now", now);
	db_bind_int(&q, ":c", capacity);
	return db_step_done(&q);
}

/* Member pauses their offer, or takes it up again.  Returns 0 or -1. */
int
peers_pause(struct db *db, int64_t member, int paused)
{
	struct stmt q;

	if (db_prepare(db, &q, "UPDATE peer_supporters SET paused = :p WHERE "
	    "member_id = :m") != 0)
		return -1;
	db_bind_int(&q, ":p", paused);
	db_bind_int(&q, ":m", member);
	return db_step_done(&q);
}

/* Member withdraws their offer.  Returns 0 or -1. */
int
peers_withdraw(struct db *db, int64_t member)
{
	struct stmt q;

	if (db_prepare(db, &q, "DELETE FROM peer_supporters WHERE member_id = "
	    ":m") != 0)
		return -1;
	db_bind_int(&q, ":m", member);
	return db_step_done(&q);
}

static void
peer_row(struct stmt *q, struct peer_row *p)
{
	p->member_id = db_col_int(q, 0);
	p->offered_at = db_col_int(q, 1);
	p->capacity = (int)db_col_int(q, 2);
	p->paused = (int)db_col_int(q, 3);
	p->trained_at = db_col_int(q, 4);
	snprintf(p->trained_by, sizeof(p->trained_by), "%s", db_col_text(q, 5));
	snprintf(p->pseudonym, sizeof(p->pseudonym), "%s", db_col_text(q, 6));
	snprintf(p->status, sizeof(p->status), "%s", db_col_text(q, 7));
	p->open = db_col_int(q, 8);
}

/* Call each for the volunteers (member alone, or all with 0) by
** pseudonym: all of them, or (available) those trained, not paused,
** active, and with room for one more.  Returns 0, each's non-zero
** return, or -1. */
static int
peers_query(struct db *db, int64_t member, int available,
    int (*each)(void *ctx, const struct peer_row *p), void *ctx)
{
	struct peer_row p;
	struct stmt q;
	int rc;

	if (db_prepare(db, &q, "SELECT * FROM (SELECT s.member_id, "
	    "s.offered_at, s.capacity AS capacity, s.paused AS paused, "
	    "coalesce(s.trained_at, 0) AS trained, coalesce(s.trained_by, ''), "
	    "m.pseudonym AS pseudonym, m.status AS status, (SELECT count(*) "
	    "FROM peer_intros i WHERE i.peer_id = s.member_id AND i.ended_at IS "
	    "NULL) AS open FROM peer_supporters s JOIN members m ON m.id = "
	    "s.member_id WHERE :m = 0 OR s.member_id = :m) WHERE :a = 0 OR "
	    "(trained > 0 AND paused = 0 AND status = 'active' AND open < "
	    "capacity) ORDER BY pseudonym") != 0)
		return -1;
	db_bind_int(&q, ":m", member);
	db_bind_int(&q, ":a", available);
	while ((rc = db_step(&q)) == DB_ROW) {
		peer_row(&q, &p);
		if ((rc = each(ctx, &p)) != 0)
			break;
	}
	db_finalize(&q);
	return rc < 0 ? -1 : rc == DB_DONE ? 0 : rc;
}

int
peers_each(struct db *db, int available,
    int (*each)(void *ctx, const struct peer_row *p), void *ctx)
{
	return peers_query(db, 0, available, each, ctx);
}

static int
copy_peer(void *ctx, const struct peer_row *p)
{
	*(struct peer_row *)ctx = *p;
	return 1;
}

/* Member's offer.  Returns DB_ROW with *p, DB_DONE when they made none,
** or -1. */
int
peers_get(struct db *db, int64_t member, struct peer_row *p)
{
	int rc = member > 0 ? peers_query(db, member, 0, copy_peer, p) : 0;

	return rc == 1 ? DB_ROW : rc == 0 ? DB_DONE : -1;
}

/* A moderator recorded member's short training.  Returns 0, 1 when they
** have not volunteered, or -1. */
int
peers_train(struct db *db, int64_t member, const char *by, int64_t now)
{
	struct stmt q;

	if (db_prepare(db, &q, "UPDATE peer_supporters SET trained_at = :now, "
	    "trained_by = :by WHERE member_id = :m") != 0)
		return -1;
	db_bind_int(&q, ":now", now);
	db_bind_text(&q, ":by", by);
	db_bind_int(&q, ":m", member);
	if (db_step_done(&q) != 0)
		return -1;
	return db_changes(db) == 1 ? 0 : 1;
}

/* Has member been affected by an incident (been through a leak)?
** Returns 1, 0, or -1. */
int
peers_affected(struct db *db, int64_t member)
{
	struct stmt q;
	int rc;

	if (db_prepare(db, &q, "SELECT 1 FROM incident_members WHERE "
	    "member_id = :m LIMIT 1") != 0)
		return -1;
	db_bind_int(&q, ":m", member);
	rc = db_step(&q);
	db_finalize(&q);
	return rc == DB_ROW ? 1 : rc == DB_DONE ? 0 : -1;
}

/* The member of case_id asks to talk with a peer (on), or no longer.
** Returns 0 or -1. */
int
peers_wanted_set(struct db *db, int64_t case_id, int on)
{
	struct stmt q;

	if (db_prepare(db, &q, "UPDATE care_cases SET peer_wanted = :on WHERE "
	    "id = :c") != 0)
		return -1;
	db_bind_int(&q, ":on", on);
	db_bind_int(&q, ":c", case_id);
	return db_step_done(&q);
}

/* Did the member of case_id ask for a peer?  Returns 1, 0, or -1. */
int
peers_wanted(struct db *db, int64_t case_id)
{
	struct stmt q;
	int rc, on = 0;

	if (db_prepare(db, &q, "SELECT peer_wanted FROM care_cases WHERE id = "
	    ":c") != 0)
		return -1;
	db_bind_int(&q, ":c", case_id);
	if ((rc = db_step(&q)) == DB_ROW)
		on = (int)db_col_int(&q, 0);
	db_finalize(&q);
	return rc == DB_ROW ? on : rc == DB_DONE ? 0 : -1;
}

/* Propose an introduction.  Returns 0 with *id, or -1. */
int
peers_intro_add(struct db *db, int64_t case_id, int64_t seeker,
    int64_t peer, const char *by, int64_t now, int64_t *id)
{
	struct stmt q;

	if (db_prepare(db, &q, "INSERT INTO peer_intros(case_id, seeker_id, "
	    "peer_id, proposed_at, proposed_by) VALUES (nullif(:c, 0), :s, :p, "
	    ":now, :by)") != 0)
		return -1;
	db_bind_int(&q, ":c", case_id);
	db_bind_int(&q, ":s", seeker);
	db_bind_int(&q, ":p", peer);
	db_bind_int(&q, ":now", now);
	db_bind_text(&q, ":by", by);
	if (db_step_done(&q) != 0)
		return -1;
	*id = db_last_id(db);
	return 0;
}

/* Call each for introductions, newest first: one (id, with member and
** case 0), a member's (as seeker or peer), a case's, or all.  Returns
** 0, each's non-zero return, or -1. */
static int
intros_query(struct db *db, int64_t id, int64_t member, int64_t case_id,
    int (*each)(void *ctx, const struct intro_row *r), void *ctx)
{
	struct intro_row r;
	struct stmt q;
	int rc;

	if (db_prepare(db, &q, "SELECT i.id, coalesce(i.case_id, 0), "
	    "i.seeker_id, i.peer_id, i.proposed_at, coalesce(i.ended_at, 0), "
	    "coalesce(s.user_id, 0), coalesce(p.user_id, 0), s.pseudonym, "
	    "p.pseudonym, coalesce(i.peer_answer, ''), coalesce("
	    "i.seeker_answer, '') FROM peer_intros i JOIN members s ON s.id = "
	    "i.seeker_id JOIN members p ON p.id = i.peer_id WHERE (:i = 0 OR "
	    "i.id = :i) AND (:m = 0 OR i.seeker_id = :m OR i.peer_id = :m) AND "
	    "(:c = 0 OR i.case_id = :c) ORDER BY i.id DESC LIMIT 200") != 0)
		return -1;
	db_bind_int(&q, ":i", id);
	db_bind_int(&q, ":m", member);
	db_bind_int(&q, ":c", case_id);
	while ((rc = db_step(&q)) == DB_ROW) {
		r.id = db_col_int(&q, 0);
		r.case_id = db_col_int(&q, 1);
		r.seeker_id = db_col_int(&q, 2);
		r.peer_id = db_col_int(&q, 3);
		r.proposed_at = db_col_int(&q, 4);
		r.ended_at = db_col_int(&q, 5);
		r.seeker_user = db_col_int(&q, 6);
		r.peer_user = db_col_int(&q, 7);
		snprintf(r.seeker, sizeof(r.seeker), "%s", db_col_text(&q, 8));
		snprintf(r.peer, sizeof(r.peer), "%s", db_col_text(&q, 9));
		snprintf(r.peer_answer, sizeof(r.peer_answer), "%s",
		    db_col_text(&q, 10));
		snprintf(r.seeker_answer, sizeof(r.seeker_answer), "%s",
		    db_col_text(&q, 11));
		if ((rc = each(ctx, &r)) != 0)
			break;
	}
	db_finalize(&q);
	return rc < 0 ? -1 : rc == DB_DONE ? 0 : rc;
}

int
peers_intros_each(struct db *db, int64_t member, int64_t case_id,
    int (*each)(void *ctx, const struct intro_row *r), void *ctx)
{
	return intros_query(db, 0, member, case_id, each, ctx);
}

static int
copy_intro(void *ctx, const struct intro_row *r)
{
	*(struct intro_row *)ctx = *r;
	return 1;
}

/* Introduction id.  Returns DB_ROW with *r, DB_DONE, or -1. */
int
peers_intro_get(struct db *db, int64_t id, struct intro_row *r)
{
	int rc = id > 0 ? intros_query(db, id, 0, 0, copy_intro, r) : 0;

	return rc == 1 ? DB_ROW : rc == 0 ? DB_DONE : -1;
}

/* Is there an introduction between seeker and peer that has not ended?
** Returns 1, 0, or -1. */
int
peers_intro_open(struct db *db, int64_t seeker, int64_t peer)
{
	struct stmt q;
	int rc;

	if (db_prepare(db, &q, "SELECT 1 FROM peer_intros WHERE seeker_id = :s "
	    "AND peer_id = :p AND ended_at IS NULL") != 0)
		return -1;
	db_bind_int(&q, ":s", seeker);
	db_bind_int(&q, ":p", peer);
	rc = db_step(&q);
	db_finalize(&q);
	return rc == DB_ROW ? 1 : rc == DB_DONE ? 0 : -1;
}

/* Keep the peer's (as_peer) or the seeker's answer; "no" ends the
** introduction.  Returns 0 or -1. */
int
peers_intro_answer(struct db *db, int64_t id, int as_peer,
    const char *answer, int64_t now)
{
	struct stmt q;

	if ((as_peer ? db_prepare(db, &q, "UPDATE peer_intros SET peer_answer "
	    "= :a, answered_at = :now, ended_at = CASE WHEN :a = 'no' THEN :now "
	    "END WHERE id = :i") : db_prepare(db, &q, "UPDATE peer_intros SET "
	    "seeker_answer = :a, answered_at = :now, ended_at = CASE WHEN :a = "
	    "'no' THEN :now END WHERE id = :i")) != 0)
		return -1;
	db_bind_text(&q, ":a", answer);
	db_bind_int(&q, ":now", now);
	db_bind_int(&q, ":i", id);
	return db_step_done(&q);
}

/* Introduction id ends.  Returns 0 or -1. */
int
peers_intro_end(struct db *db, int64_t id, int64_t now)
{
	struct stmt q;

	if (db_prepare(db, &q, "UPDATE peer_intros SET ended_at = :now WHERE "
	    "id = :i AND ended_at IS NULL") != 0)
		return -1;
	db_bind_int(&q, ":now", now);
	db_bind_int(&q, ":i", id);
	return db_step_done(&q);
}

/* A message's row, before its sealed body.  Returns 0 with *id, or -1. */
int
peers_message_add(struct db *db, int64_t intro, int64_t from, int64_t now,
    int64_t *id)
{
	struct stmt q;

	if (db_prepare(db, &q, "INSERT INTO peer_messages(intro_id, "
	    "from_member, sent_at) VALUES (:i, :f, :now)") != 0)
		return -1;
	db_bind_int(&q, ":i", intro);
	db_bind_int(&q, ":f", from);
	db_bind_int(&q, ":now", now);
	if (db_step_done(&q) != 0)
		return -1;
	*id = db_last_id(db);
	return 0;
}

/* Store a message's sealed body.  Returns 0 or -1. */
int
peers_message_seal(struct db *db, int64_t id, const void *b, size_t n)
{
	struct stmt q;

	if (db_prepare(db, &q, "UPDATE peer_messages SET body_sealed = :b "
	    "WHERE id = :i") != 0)
		return -1;
	db_bind_blob(&q, ":b", b, n);
	db_bind_int(&q, ":i", id);
	return db_step_done(&q);
}

/* Call each for an introduction's messages, oldest first.  Returns 0,
** each's non-zero return, or -1. */
int
peers_messages_each(struct db *db, int64_t intro,
    int (*each)(void *ctx, int64_t id, int64_t from, int64_t at,
    const void *sealed, size_t n), void *ctx)
{
	struct stmt q;
	const void *b;
	size_t n;
	int rc;

	if (db_prepare(db, &q, "SELECT id, from_member, sent_at, body_sealed "
	    "FROM peer_messages WHERE intro_id = :i AND body_sealed IS NOT "
	    "NULL ORDER BY id LIMIT 500") != 0)
		return -1;
	db_bind_int(&q, ":i", intro);
	while ((rc = db_step(&q)) == DB_ROW) {
		b = db_col_blob(&q, 3, &n);
		if ((rc = each(ctx, db_col_int(&q, 0), db_col_int(&q, 1),
		    db_col_int(&q, 2), b, n)) != 0)
			break;
	}
	db_finalize(&q);
	return rc < 0 ? -1 : rc == DB_DONE ? 0 : rc;
}

/* Is user's member one of the two of message's introduction, which both
** said yes to?  Returns 1, 0, or -1. */
int
peers_message_party(struct db *db, int64_t message, int64_t user)
{
	struct stmt q;
	int rc;

	if (db_prepare(db, &q, "SELECT 1 FROM peer_messages pm JOIN "
	    "peer_intros i ON i.id = pm.intro_id JOIN members m ON m.user_id = "
	    ":u AND (m.id = i.seeker_id OR m.id = i.peer_id) WHERE pm.id = :pm "
	    "AND i.peer_answer = 'yes' AND i.seeker_answer = 'yes'") != 0)
		return -1;
	db_bind_int(&q, ":u", user);
	db_bind_int(&q, ":pm", message);
	rc = db_step(&q);
	db_finalize(&q);
	return rc == DB_ROW ? 1 : rc == DB_DONE ? 0 : -1;
}
