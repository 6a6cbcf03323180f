/*
** fingerprints.c: SQL for the fingerprint index.  See fingerprints.h.
*/
#include "fingerprints.h"

#include <stdlib.h>

#include "db.h"

/* Note that the fingerprints changed: the index moves to a new
** generation.  Returns 0 or -1. */
static int
bump_generation(struct db *db)
{
	struct stmt q;

	if (db_prepare(db, &q, "UPDATE index_state SET generation = "
	    "generation + 1 WHERE id = 1") != 0)
		return -1;
	return db_step_done(&q);
}

/* The index generation: it changes whenever any post's fingerprints do.
** Returns it, or -1. */
int64_t
fingerprints_generation(struct db *db)
{
	struct stmt q;
	int64_t g = -1;

	if (db_prepare(db, &q, "SELECT generation FROM index_state WHERE id = "
	    "1") != 0)
		return -1;
	if (db_step(&q) == DB_ROW)
		g = db_col_int(&q, 0);
	db_finalize(&q);
	return g;
}

/* Store (or replace) a post's fingerprints.  Returns 0 or -1. */
int
fingerprints_put(struct db *db, int64_t post_id, int params, int64_t words,
    const void *fps, size_t n)
{
	struct stmt q;

	if (bump_generation(db) != 0 || db_prepare(db, &q, "INSERT INTO "
	    "post_fingerprints(post_id, params, words, fps, gen) SELECT :p, "
	    ":params, :words, :fps, generation FROM index_state WHERE id = 1 "
	    "ON CONFLICT(post_id) DO UPDATE SET params = excluded.params, "
	    "words = excluded.words, fps = excluded.fps, gen = excluded.gen")
	    != 0)
		return -1;
	db_bind_int(&q, ":p", post_id);
	db_bind_int(&q, ":params", params);
	db_bind_int(&q, ":words", words);
	db_bind_blob(&q, ":fps", fps ? fps : "", n);
	return db_step_done(&q);
}

/* Forget a post's fingerprints (the post was deleted).  Returns 0 or -1. */
int
fingerprints_delete(struct db *db, int64_t post_id)
{
	struct stmt q;

	if (db_prepare(db, &q, "DELETE FROM post_fingerprints WHERE post_id = "
	    ":p") != 0)
		return -1;
	db_bind_int(&q, ":p", post_id);
	if (db_step_done(&q) != 0 || bump_generation(db) != 0 ||
	    db_prepare(db, &q, "INSERT OR REPLACE INTO index_deletions(post_id, "
	    "gen) SELECT :p, generation FROM index_state WHERE id = 1") != 0)
		return -1;
	db_bind_int(&q, ":p", post_id);
	return db_step_done(&q);
}

/* Call each for every row of the prepared q (post_id, params, words, fps),
** stopping when it returns non-zero, and finalize q.  Returns 0 or -1. */
static int
each_row(struct stmt *q, int (*each)(void *, const struct fp_row *),
    void *ctx)
{
	struct fp_row r;
	int rc;

	while ((rc = db_step(q)) == DB_ROW) {
		r.post_id = db_col_int(q, 0);
		r.params = (int)db_col_int(q, 1);
		r.words = db_col_int(q, 2);
		r.fps = db_col_blob(q, 3, &r.fps_len);
		if (each(ctx, &r) != 0)
			break;
	}
	db_finalize(q);
	return rc < 0 ? -1 : 0;
}

/* Call each for the fingerprints of every live post written after
** generation since, in no order (an order by post would read the whole
** table instead of the generation's index).  Returns 0 or -1. */
int
fingerprints_changed_since(struct db *db, int64_t since,
    int (*each)(void *, const struct fp_row *), void *ctx)
{
	struct stmt q;

	if (db_prepare(db, &q, "SELECT f.post_id, f.params, f.words, f.fps "
	    "FROM post_fingerprints f JOIN posts p ON p.id = f.post_id WHERE "
	    "f.gen > :since AND p.deleted_at IS NULL") != 0)
		return -1;
	db_bind_int(&q, ":since", since);
	return each_row(&q, each, ctx);
}

/* Call each with every post deleted after generation since.  Returns 0 or
** -1. */
int
fingerprints_deleted_since(struct db *db, int64_t since,
    int (*each)(void *, int64_t post_id), void *ctx)
{
	struct stmt q;
	int rc;

	if (db_prepare(db, &q, "SELECT post_id FROM index_deletions WHERE gen "
	    "> :since") != 0)
		return -1;
	db_bind_int(&q, ":since", since);
	while ((rc = db_step(&q)) == DB_ROW)
		if (each(ctx, db_col_int(&q, 0)) != 0)
			break;
	db_finalize(&q);
	return rc < 0 ? -1 : 0;
}

/* Call each for the fingerprints of every post that is not deleted, by
** post number.  Returns 0 or -1. */
int
fingerprints_each(struct db *db, int (*each)(void *, const struct fp_row *),
    void *ctx)
{
	struct stmt q;

	if (db_prepare(db, &q, "SELECT f.post_id, f.params, f.words, f.fps "
	    "FROM post_fingerprints f JOIN posts p ON p.id = f.post_id "
	    "WHERE p.deleted_at IS NULL ORDER BY f.post_id") != 0)
		return -1;
	return each_row(&q, each, ctx);
}

/* How many posts have fingerprints, or -1. */
int64_t
fingerprints_count(struct db *db)
{
	struct stmt q;
	int64_t n = -1;

	if (db_prepare(db, &q, "SELECT count(*) FROM post_fingerprints") != 0)
		return -1;
	if (db_step(&q) == DB_ROW)
		n = db_col_int(&q, 0);
	db_finalize(&q);
	return n;
}

/* The number of posts fingerprinted with parameters other than params
** (by an older sanctum), or -1. */
int64_t
fingerprints_stale(struct db *db, int params)
{
	struct stmt q;
	int64_t n = -1;

	if (db_prepare(db, &q, "SELECT count(*) FROM post_fingerprints "
	    "WHERE params <> :params") != 0)
		return -1;
	db_bind_int(&q, ":params", params);
	if (db_step(&q) == DB_ROW)
		n = db_col_int(&q, 0);
	db_finalize(&q);
	return n;
}

/* Up to limit posts after post number after fingerprinted with
** parameters other than params, the lowest numbers first, in a new array
** (*ids, freed by the caller).  Returns 0 or -1. */
int
fingerprints_stale_ids(struct db *db, int params, int64_t after,
    int64_t limit, int64_t **ids, size_t *n)
{
	struct stmt q;
	int64_t *v = NULL, *t;
	size_t cap = 0;
	int rc;

	*ids = NULL;
	*n = 0;
	if (db_prepare(db, &q, "SELECT post_id FROM post_fingerprints "
	    "WHERE params <> :params AND post_id > :after ORDER BY post_id "
	    "LIMIT :limit") != 0)
		return -1;
	db_bind_int(&q, ":params", params);
	db_bind_int(&q, ":after", after);
	db_bind_int(&q, ":limit", limit);
	while ((rc = db_step(&q)) == DB_ROW) {
		if (*n == cap) {
			cap = cap ? cap * 2 : 256;
			if ((t = realloc(v, cap * sizeof(*v))) == NULL) {
				rc = -1;
				break;
			}
			v = t;
		}
		v[(*n)++] = db_col_int(&q, 0);
	}
	db_finalize(&q);
	if (rc != DB_DONE) {
		free(v);
		*n = 0;
		return -1;
	}
	*ids = v;
	return 0;
}

/* The number of live posts with fingerprints and the bytes of all their
** fingerprints.  Returns 0 or -1. */
int
fingerprints_totals(struct db *db, int64_t *posts, int64_t *bytes)
{
	struct stmt q;
	int rc = -1;

	if (db_prepare(db, &q, "SELECT count(*), coalesce(sum(length(f.fps)), "
	    "0) FROM post_fingerprints f JOIN posts p ON p.id = f.post_id "
	    "WHERE p.deleted_at IS NULL") != 0)
		return -1;
	if (db_step(&q) == DB_ROW) {
		*posts = db_col_int(&q, 0);
		*bytes = db_col_int(&q, 1);
		rc = 0;
	}
	db_finalize(&q);
	return rc;
}
