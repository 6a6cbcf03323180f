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
