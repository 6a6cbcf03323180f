/*
** index.h: the fingerprint index the scanner looks posts up in.
**
** In memory (and in an exported file, byte for byte the same layout) the
** index is: a header with the fingerprint key and parameters; one record
** per post (its number, and its numbers of fingerprints and words); and
** every (fingerprint, post) pair sorted by fingerprint, found through a
** table of buckets on the fingerprint's top bits; each pair also says
** where in the post the fingerprint is (INDEX_FP_PLACE).  It names no
** one: no group, pseudonym or anonymous flag is in it, so an exported
** file tells its holder nothing of who wrote what; where the database is
** at hand, names are read from it for the posts found (community.h).  A
** lookup touches one bucket, usually one or two entries.
** Fingerprints shared by more than common_df posts are common phrases and
** never count as evidence.
**
** In front of the buckets sits a blocked Bloom filter of the fingerprints
** the scan selects that can count (not the common ones), ten bits each,
** one cache line a fingerprint; a second one holds every fingerprint that
** can count, for the k-grams looked up around a hit (scan.h).  Almost every k-gram of outside text is in no post, and
** on a large index each lookup is a trip to main memory; the filter
** answers most of them with one trip instead of two dependent ones
** (bucket, then entries).  It is made when the index is built and
** stored in an exported file after the entries.
*/
#ifndef SANCTUM_INDEX_H
#define SANCTUM_INDEX_H

#include <stddef.h>
#include <stdint.h>

#include "../crypto/fingerprint.h"

struct gate;
struct cli;

struct index_post {
	int64_t post_id;	/* the post's number */
	uint32_t nfps;
	uint32_t words;
};

struct index_entry {
	uint32_t check;		/* the fingerprint's low 32 bits: its place
				   in the post in the lowest INDEX_PLACE_BITS */
	uint32_t post;		/* index into posts, and INDEX_ENTRY_SCAN */
};

/* A post's k-gram that the scan's larger window selects too (winnow.h):
** marked in a stored fingerprint by a bit no lookup compares, and in an
** index entry by the top bit of its post.  Only these enter the filter:
** the scan's own selections can only find these, and the k-grams looked
** up around a hit skip the filter. */
#define INDEX_FP_SCAN ((uint64_t)1 << 32)
#define INDEX_ENTRY_SCAN 0x80000000u
#define INDEX_ENTRY_POST 0x7fffffffu

/* Where in the post a fingerprint's k-gram is: the number of the k-gram
** it was first selected at, modulo 256, kept in the lowest bits of the
** stored fingerprint and of its index entries in place of the hash's own
** bits.  A copied passage's k-grams advance through the post as they do
** through the copy; phrases from two places of one post do not (scan.h).
** A lookup compares every other bit: the bucket's top bits and the check's
** 24 above the place (index_postings). */
#define INDEX_PLACE_BITS 8
#define INDEX_FP_PLACE (((uint64_t)1 << INDEX_PLACE_BITS) - 1)
/* the bits that say which fingerprint it is */
#define INDEX_FP_ID (~(INDEX_FP_SCAN | INDEX_FP_PLACE))

/* The place kept in a stored fingerprint or an entry's check. */
static inline uint32_t
index_place(uint64_t fp)
{
	return (uint32_t)(fp & INDEX_FP_PLACE);
}

struct fpindex {
	struct fpkey key;
	uint32_t k, w, common_df, bucket_bits;
	uint32_t nposts;
	uint64_t nentries;
	const struct index_post *posts;
	const uint32_t *buckets;	/* (1 << bucket_bits) + 1 offsets */
	const struct index_entry *entries;
	const uint64_t *filter;		/* filter_blocks blocks of 8 words */
	uint64_t filter_blocks;
	const uint64_t *filter_all;	/* the same, of every fingerprint */
	uint64_t filter_all_blocks;
	size_t filter_len;		/* its mapping's length */
	int64_t generation;		/* of the database it was built from */
	uint32_t stale;			/* posts left out: fingerprinted with
					   other parameters (index_build) */
	void *mem;			/* what to free or unmap */
	size_t mem_len;
	int mapped;
};

int index_post_fingerprints(const struct fpkey *key, const char *body,
    uint64_t **fps, size_t *n, int64_t *words);
int index_post_update(struct gate *g, int64_t post_id, const char *body);
int64_t index_rebuild(struct gate *g, char *err);
int index_build(struct gate *g, struct fpindex **out, char *err);
int index_export(const struct fpindex *ix, const char *path, char *err);
int index_load_file(const char *path, int private, struct fpindex **out,
    char *err);
int index_load_buffer(const void *p, size_t n, struct fpindex **out,
    char *err);
void index_free(struct fpindex *ix);
size_t index_bytes(const struct fpindex *ix);

/* Every posting of keyed fingerprint fp (its place bits, if any, left
** out), common phrase or not: sets *first and returns their count.
** Entries of one fingerprint are sorted by their place, after those of
** fingerprints with smaller checks. */
static inline uint32_t
index_postings(const struct fpindex *ix, uint64_t fp,
    const struct index_entry **first)
{
	uint64_t b = fp >> (64 - ix->bucket_bits);
	uint32_t check = (uint32_t)(fp & INDEX_FP_ID), i = ix->buckets[b],
	    end = ix->buckets[b + 1], n;

	while (i < end && ix->entries[i].check < check)
		i++;
	for (n = 0; i + n < end && (ix->entries[i + n].check ^ check) <=
	    INDEX_FP_PLACE; n++)
		;
	*first = &ix->entries[i];
	return n;
}

/* The postings of keyed fingerprint fp: sets *first and returns their
** count (0 when there are none or fp is a common phrase). */
static inline uint32_t
index_lookup(const struct fpindex *ix, uint64_t fp,
    const struct index_entry **first)
{
	uint32_t n = index_postings(ix, fp, first);

	return n > ix->common_df ? 0 : n;
}

#define INDEX_FILTER_BITS 10	/* per fingerprint */
#define INDEX_FILTER_K 6	/* bits set per fingerprint, in one block */

/* The filter hash of fingerprint fp: a mix of exactly the bits a lookup
** compares (the bucket, and the check above the place). */
static inline uint64_t
index_filter_hash(const struct fpindex *ix, uint64_t fp)
{
	uint64_t x = (fp >> (64 - ix->bucket_bits) << 32) |
	    (uint32_t)(fp & INDEX_FP_ID);

	x ^= x >> 31;
	x *= 0x7fb5d329728ea185ULL;
	x ^= x >> 27;
	x *= 0x81dadef4bc2dd44dULL;
	return x ^ (x >> 33);
}

/* The filter block (one cache line) for filter hash h. */
static inline const uint64_t *
index_filter_block(const struct fpindex *ix, uint64_t h)
{
	return ix->filter + (((h >> 32) * ix->filter_blocks) >> 32) * 8;
}

/* The same in the filter of every fingerprint that can count, which the
** k-grams looked up around a hit go through. */
static inline const uint64_t *
index_filter_all_block(const struct fpindex *ix, uint64_t h)
{
	return ix->filter_all + (((h >> 32) * ix->filter_all_blocks) >> 32) *
	    8;
}

/* Of the bits a fingerprint with filter hash h sets in its block, the
** i-th (0 to INDEX_FILTER_K - 1): nine bits of a second mix each. */
static inline unsigned
index_filter_bit(uint64_t h, int i)
{
	return (unsigned)((h * 0x9e3779b97f4a7c15ULL) >> (10 + 9 * i)) & 511;
}

/* 0 when the fingerprint with filter hash h is surely not in the index
** (or only as a common phrase), 1 when it may be.  Without branches: a
** Bloom filter's bits are set about half the time, so a test that stops
** at the first clear bit mispredicts on nearly every lookup. */
static inline int
index_filter_maybe(const uint64_t *block, uint64_t h)
{
	uint64_t all = 1;
	unsigned bit;
	int i;

#pragma GCC unroll 8
	for (i = 0; i < INDEX_FILTER_K; i++) {
		bit = index_filter_bit(h, i);
		all &= block[bit >> 6] >> (bit & 63);
	}
	return (int)(all & 1);
}

size_t index_filter_bytes(const struct fpindex *ix);

int index_export_cmd(struct cli *c, int argc, char **argv);
int index_rebuild_cmd(struct cli *c, int argc, char **argv);
int index_stats_cmd(struct cli *c, int argc, char **argv);

#endif
