/*
** fingerprints.h: the SQL behind the fingerprint index (src/detect/).
*/
#ifndef SANCTUM_FINGERPRINTS_H
#define SANCTUM_FINGERPRINTS_H

#include <stddef.h>
#include <stdint.h>

struct db;

struct fp_row {
	int64_t post_id;
	int params;
	int64_t words;
	const void *fps;	/* valid during the callback */
	size_t fps_len;
};

int fingerprints_put(struct db *db, int64_t post_id, int params,
    int64_t words, const void *fps, size_t n);
int fingerprints_delete(struct db *db, int64_t post_id);
int fingerprints_each(struct db *db,
    int (*each)(void *ctx, const struct fp_row *r), void *ctx);
int fingerprints_changed_since(struct db *db, int64_t since,
    int (*each)(void *ctx, const struct fp_row *r), void *ctx);
int fingerprints_deleted_since(struct db *db, int64_t since,
    int (*each)(void *ctx, int64_t post_id), void *ctx);
int64_t fingerprints_count(struct db *db);
int64_t fingerprints_stale(struct db *db, int params);
int fingerprints_stale_ids(struct db *db, int params, int64_t after,
    int64_t limit, int64_t **ids, size_t *n);
int64_t fingerprints_generation(struct db *db);
int fingerprints_totals(struct db *db, int64_t *posts, int64_t *bytes);

#endif
