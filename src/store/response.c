/*
** response.c: SQL for incidents, care cases and follow-ups.  See
** response.h.
*/
#include "response.h"

#include "db.h"

/* Open an incident at step 1 (assess risk).  Returns 0 and sets *id. */
int
response_incident_add(struct db *db, int64_t opened_by, const char *risk,
    int64_t now, int64_t *id)
{
	struct stmt q;

	if (db_prepare(db, &q, "INSERT INTO incidents(opened_at, opened_by, "
	    "risk) VALUES (:now, nullif(:by, 0), :risk)") != 0)
		return -1;
	db_bind_int(&q, ":now", now);
	db_bind_int(&q, ":by", opened_by);
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

/* Open a care case for a member.  Returns 0 and sets *id. */
int
response_case_add(struct db *db, int64_t member_id, int64_t incident_id,
    int64_t supporter_id, int every_days, int64_t now, int64_t *id)
{
	struct stmt q;

	if (db_prepare(db, &q, "INSERT INTO care_cases(member_id, incident_id, "
	    "supporter_id, every_days, opened_at) VALUES (:m, nullif(:i, 0), "
	    "nullif(:s, 0), :every, :now)") != 0)
		return -1;
	db_bind_int(&q, ":m", member_id);
	db_bind_int(&q, ":i", incident_id);
	db_bind_int(&q, ":s", supporter_id);
	db_bind_int(&q, ":every", every_days);
	db_bind_int(&q, ":now", now);
	if (db_step_done(&q) != 0)
		return -1;
	*id = db_last_id(db);
	return 0;
}

/* Store a care case's sealed notes. */
int
response_case_seal(struct db *db, int64_t id, const void *notes, size_t n)
{
	struct stmt q;

	if (db_prepare(db, &q, "UPDATE care_cases SET notes_sealed = :n WHERE "
	    "id = :id") != 0)
		return -1;
	db_bind_blob(&q, ":n", notes, n);
	db_bind_int(&q, ":id", id);
	return db_step_done(&q);
}

/* Schedule a follow-up.  Returns 0 and sets *id. */
int
response_followup_add(struct db *db, int64_t case_id, int64_t due_at,
    int64_t *id)
{
	struct stmt q;

	if (db_prepare(db, &q, "INSERT INTO followups(case_id, due_at) VALUES "
	    "(:c, :due)") != 0)
		return -1;
	db_bind_int(&q, ":c", case_id);
	db_bind_int(&q, ":due", due_at);
	if (db_step_done(&q) != 0)
		return -1;
	*id = db_last_id(db);
	return 0;
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
