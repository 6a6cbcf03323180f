/*
** monitor.c: the SQL behind external monitoring.  See monitor.h.
*/
#include "monitor.h"

#include <stdio.h>
#include <string.h>

#include "db.h"

/* Watch for text near words (near: comma-separated, or "" for sanctum's
** list).  Returns 0 with *id, or -1. */
int
monitor_watch_add(struct db *db, const char *text, const char *near,
    int within, const char *by, int64_t now, int64_t *id)
{
	struct stmt q;

	if (db_prepare(db, &q, "INSERT INTO watch_terms(text, near, within, "
	    "created_by, created_at) VALUES (:t, :n, :w, :by, :now)") != 0)
		return -1;
	db_bind_text(&q, ":t", text);
	db_bind_text(&q, ":n", near);
	db_bind_int(&q, ":w", within);
	db_bind_text(&q, ":by", by);
	db_bind_int(&q, ":now", now);
	if (db_step_done(&q) != 0)
		return -1;
	*id = db_last_id(db);
	return 0;
}

/* Stop watching for rule id.  Returns 0, 1 when there was none, or -1. */
int
monitor_watch_remove(struct db *db, int64_t id, int64_t now)
{
	struct stmt q;

	if (db_prepare(db, &q, "UPDATE watch_terms SET removed_at = :now WHERE "
	    "id = :id AND removed_at IS NULL") != 0)
		return -1;
	db_bind_int(&q, ":now", now);
	db_bind_int(&q, ":id", id);
	if (db_step_done(&q) != 0)
		return -1;
	return db_changes(db) == 0 ? 1 : 0;
}

/* The watch list, oldest first.  Returns 0 or -1. */
int
monitor_watch_each(struct db *db,
    int (*each)(void *ctx, const struct watch_row *w), void *ctx)
{
	struct stmt q;
	struct watch_row w;
	int rc;

	if (db_prepare(db, &q, "SELECT id, created_at, within, text, near, "
	    "created_by FROM watch_terms WHERE removed_at IS NULL ORDER BY "
	    "id") != 0)
		return -1;
	while ((rc = db_step(&q)) == DB_ROW) {
		memset(&w, 0, sizeof(w));
		w.id = db_col_int(&q, 0);
		w.created_at = db_col_int(&q, 1);
		w.within = (int)db_col_int(&q, 2);
		snprintf(w.text, sizeof(w.text), "%s", db_col_text(&q, 3));
		snprintf(w.near, sizeof(w.near), "%s", db_col_text(&q, 4));
		snprintf(w.created_by, sizeof(w.created_by), "%s",
		    db_col_text(&q, 5));
		if (each(ctx, &w) != 0) {
			rc = -1;
			break;
		}
	}
	db_finalize(&q);
	return rc == DB_DONE ? 0 : -1;
}
