/*
** delta.c: the posts changed since the index was built.  See delta.h.
*/
#include "delta.h"

#include <stdlib.h>
#include <string.h>

/* The table slot of fingerprint fp (its scan mark and place left out, as
** lookups leave them). */
static uint32_t
slot_of(const struct index_delta *d, uint64_t fp)
{
	return (uint32_t)(((fp & INDEX_FP_ID) * 0x9e3779b97f4a7c15ULL) >>
	    (64 - d->table_bits));
}

/* The record of post_id among the base's posts (sorted by number), or -1. */
static int64_t
base_find(const struct fpindex *base, int64_t post_id)
{
	uint32_t lo = 0, hi = base->nposts, mid;

	while (lo < hi) {
		mid = lo + (hi - lo) / 2;
		if (base->posts[mid].post_id < post_id)
			lo = mid + 1;
		else
			hi = mid;
	}
	return lo < base->nposts && base->posts[lo].post_id == post_id ?
	    (int64_t)lo : -1;
}

struct pair {
	uint64_t fp;
	uint32_t post;
};

static int
cmp_pair(const void *a, const void *b)
{
	const struct pair *x = a, *y = b;

	if (x->fp != y->fp)
		return x->fp < y->fp ? -1 : 1;
	return x->post < y->post ? -1 : x->post > y->post;
}

static int
cmp_id(const void *a, const void *b)
{
	int64_t x = *(const int64_t *)a, y = *(const int64_t *)b;

	return x < y ? -1 : x > y;
}

/* Is post_id among the n sorted numbers of ids? */
static int
among(const int64_t *ids, size_t n, int64_t post_id)
{
	return n && bsearch(&post_id, ids, n, sizeof(*ids), cmp_id) != NULL;
}

/* Mark dead the base's record of post_id, if it has one. */
static void
kill_base(struct index_delta *d, int64_t post_id)
{
	int64_t b = base_find(d->base, post_id);

	if (b >= 0 && !(d->dead[b >> 3] & (1u << (b & 7)))) {
		d->dead[b >> 3] |= (uint8_t)(1u << (b & 7));
		d->ndead++;
	}
}

/* Make the delta of base at generation: prev's posts (NULL for none) but
** those written or deleted now, the nwritten posts written now, and the
** base's records of every post written or deleted since it was built
** marked dead.  Returns it (delta_free frees it) or NULL when memory runs
** out. */
struct index_delta *
delta_make(const struct fpindex *base, const struct index_delta *prev,
    int64_t generation, const struct delta_post *written, size_t nwritten,
    const int64_t *deleted, size_t ndeleted)
{
	struct index_delta *d = calloc(1, sizeof(*d));
	uint32_t *remap = NULL, np = 0, i;
	struct pair *pairs = NULL;
	int64_t *changed = NULL;
	size_t npairs = 0, cap = 0, k, j, e, nchanged = 0;
	uint32_t bits = 4;

	if (d == NULL)
		return NULL;
	/* the posts this change writes or deletes, sorted to look up */
	changed = malloc((nwritten + ndeleted + 1) * sizeof(*changed));
	if (changed == NULL)
		goto nomem;
	for (k = 0; k < nwritten; k++)
		changed[nchanged++] = written[k].post_id;
	for (k = 0; k < ndeleted; k++)
		changed[nchanged++] = deleted[k];
	qsort(changed, nchanged, sizeof(*changed), cmp_id);
	d->base = base;
	d->generation = generation;
	d->dead = calloc((size_t)base->nposts / 8 + 1, 1);
	cap = nwritten + (prev ? prev->nposts : 0) + 1;
	d->posts = calloc(cap, sizeof(*d->posts));
	if (d->dead == NULL || d->posts == NULL)
		goto nomem;
	if (prev) {
		memcpy(d->dead, prev->dead, (size_t)base->nposts / 8 + 1);
		d->ndead = prev->ndead;
		remap = malloc(((size_t)prev->nposts + 1) * sizeof(*remap));
		if (remap == NULL)
			goto nomem;
		/* prev's posts that this change leaves alone */
		for (i = 0; i < prev->nposts; i++) {
			int64_t id = prev->posts[i].post_id;
			remap[i] = UINT32_MAX;
			if (among(changed, nchanged, id))
				continue;
			remap[i] = np;
			d->posts[np++] = prev->posts[i];
		}
		npairs = 0;
		for (k = 0; k < prev->nentries; k++)
			if (remap[prev->post[k]] != UINT32_MAX)
				npairs++;
	}
	for (k = 0; k < nwritten; k++)
		npairs += written[k].nfps;
	pairs = malloc((npairs + 1) * sizeof(*pairs));
	if (pairs == NULL)
		goto nomem;
	npairs = 0;
	if (prev)
		for (k = 0; k < prev->nentries; k++)
			if (remap[prev->post[k]] != UINT32_MAX) {
				pairs[npairs].fp = prev->fp[k];
				pairs[npairs++].post = remap[prev->post[k]];
			}
	for (k = 0; k < nwritten; k++) {
		d->posts[np].post_id = written[k].post_id;
		d->posts[np].nfps = (uint32_t)written[k].nfps;
		d->posts[np].words = written[k].words;
		for (j = 0; j < written[k].nfps; j++) {
			pairs[npairs].fp = written[k].fps[j] & ~INDEX_FP_SCAN;
			pairs[npairs++].post = np;
		}
		np++;
		kill_base(d, written[k].post_id);
	}
	for (k = 0; k < ndeleted; k++)
		kill_base(d, deleted[k]);
	d->nposts = np;
	if (npairs > 1)
		qsort(pairs, npairs, sizeof(*pairs), cmp_pair);
	d->nentries = npairs;
	d->fp = malloc((npairs + 1) * sizeof(*d->fp));
	d->post = malloc((npairs + 1) * sizeof(*d->post));
	/* a table at most half full */
	while (((size_t)1 << bits) < 2 * npairs + 2)
		bits++;
	d->table_bits = bits;
	d->slot = calloc((size_t)1 << bits, sizeof(*d->slot));
	if (d->fp == NULL || d->post == NULL || d->slot == NULL)
		goto nomem;
	for (e = 0; e < npairs; e++) {
		d->fp[e] = pairs[e].fp;
		d->post[e] = pairs[e].post;
		if (e > 0 && ((pairs[e].fp ^ pairs[e - 1].fp) & INDEX_FP_ID) ==
		    0)
			continue;
		for (i = slot_of(d, pairs[e].fp); d->slot[i];
		    i = (i + 1) & (((uint32_t)1 << bits) - 1))
			;
		d->slot[i] = (uint32_t)e + 1;
	}
	free(pairs);
	free(remap);
	free(changed);
	return d;
nomem:
	free(pairs);
	free(remap);
	free(changed);
	delta_free(d);
	return NULL;
}

/* Free a delta. */
void
delta_free(struct index_delta *d)
{
	if (d == NULL)
		return;
	free(d->posts);
	free(d->dead);
	free(d->fp);
	free(d->post);
	free(d->slot);
	free(d);
}

/* The delta's postings of fingerprint fp: sets *at to the first (its
** delta post number is d->post[*at], its place in d->fp[*at]) and returns
** their count (0 when it has none). */
uint32_t
delta_lookup(const struct index_delta *d, uint64_t fp, size_t *at)
{
	uint32_t i, mask = ((uint32_t)1 << d->table_bits) - 1, e, n;

	fp &= INDEX_FP_ID;
	for (i = slot_of(d, fp); d->slot[i]; i = (i + 1) & mask) {
		e = d->slot[i] - 1;
		if ((d->fp[e] & INDEX_FP_ID) != fp)
			continue;
		for (n = 1; e + n < d->nentries && (d->fp[e + n] &
		    INDEX_FP_ID) == fp; n++)
			;
		*at = e;
		return n;
	}
	return 0;
}

/* Is the base's record base_post of a post changed since (1), or current
** (0)? */
int
delta_base_dead(const struct index_delta *d, uint32_t base_post)
{
	return (d->dead[base_post >> 3] >> (base_post & 7)) & 1;
}

/* The record of a scanner's post number slot: the base's below its
** count, the delta's above. */
const struct index_post *
delta_post_of(const struct fpindex *base, const struct index_delta *d,
    uint32_t slot)
{
	if (slot < base->nposts || d == NULL)
		return &base->posts[slot];
	return &d->posts[slot - base->nposts];
}
