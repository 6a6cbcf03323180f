/*
** delta.h: the posts written, edited or deleted since the fingerprint
** index (index.h) was built, kept beside it so that a running server finds
** a new post, and stops finding a changed or deleted one, at once, without
** rebuilding an index of a million posts.
**
** A delta holds the posts written since its base index was built, with
** their fingerprints in a small open-addressing table, and marks dead the
** base's records of posts that were edited or deleted since.  It is
** immutable once made: the next change makes a new delta from the last
** one (live.h), so scans running on the old one are never disturbed.  The
** scanner (scan.h) looks each k-gram up in the delta as well as in the
** base, and skips the base's dead posts.
*/
#ifndef SANCTUM_DELTA_H
#define SANCTUM_DELTA_H

#include <stddef.h>
#include <stdint.h>

#include "index.h"

struct index_delta {
	const struct fpindex *base;
	int64_t generation;	/* every change up to it is in */
	uint32_t nposts;
	struct index_post *posts;	/* by post number */
	uint8_t *dead;		/* a bit for each of the base's posts */
	uint32_t ndead;
	/* postings, sorted by fingerprint (with its place: index.h), found
	** through the table */
	uint64_t *fp;
	uint32_t *post;		/* into posts */
	size_t nentries;
	uint32_t *slot;		/* table: first posting + 1, 0 when empty */
	uint32_t table_bits;
};

/* One post as the delta takes it: its fingerprints as the store keeps
** them (with their places, INDEX_FP_SCAN marked). */
struct delta_post {
	int64_t post_id;
	uint32_t words;
	const uint64_t *fps;
	size_t nfps;
};

struct index_delta *delta_make(const struct fpindex *base,
    const struct index_delta *prev, int64_t generation,
    const struct delta_post *written, size_t nwritten,
    const int64_t *deleted, size_t ndeleted);
void delta_free(struct index_delta *d);
uint32_t delta_lookup(const struct index_delta *d, uint64_t fp, size_t *at);
int delta_base_dead(const struct index_delta *d, uint32_t base_post);
const struct index_post *delta_post_of(const struct fpindex *base,
    const struct index_delta *d, uint32_t slot);

#endif
