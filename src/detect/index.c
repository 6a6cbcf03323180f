/*
** index.c: making, storing, exporting and loading the fingerprint index.
** See index.h.
**
** An exported index file is:
**     header (struct file_header, 128 bytes)
**     posts    nposts x struct index_post, padded to 8
**     buckets  ((1 << bucket_bits) + 1) x uint32, padded to 8
**     entries  nentries x struct index_entry, padded to 64
**     filters  (filter_blocks + filter_all_blocks) x 64 bytes (index.h)
** in the byte order of the machine that wrote it (the header says which),
** and is read into memory after every offset and size is checked.
** Version 1 files had no filter; version 2 files named each post's
** group, author and source id, and are refused so that none stays in use;
** version 3 files did not say where in a post each fingerprint is;
** version 4 files did not carry the words' and fingerprints' parameters
** (WINNOW_PARAMS), which must be this sanctum's: a file made from words
** normalised another way would silently find nothing.
*/
#include "index.h"

#include <errno.h>
#include <fcntl.h>
#include <getopt.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>

#include "../cli.h"
#include "../core/gate.h"
#include "../store/community.h"
#include "../store/db.h"
#include "../store/fingerprints.h"
#include "../text/normalize.h"
#include "../util/buf.h"
#include "../util/log.h"
#include "../util/util.h"
#include "winnow.h"

#define MAGIC "SNCTIDX1"
#define FILE_VERSION 5
#define ENDIAN_MARK 0x01020304u
#define INDEX_WRITE_CHUNK ((size_t)2 << 20)	/* a huge page */

struct file_header {
	char magic[8];
	uint32_t version;
	uint32_t endian;
	uint32_t k, w, common_df, bucket_bits;
	uint32_t nposts, pad;
	uint64_t nentries;
	uint64_t params;	/* WINNOW_PARAMS of the sanctum that made it */
	uint8_t key[FPKEY_BYTES];
	uint64_t filter_blocks, filter_all_blocks;
	uint8_t reserved[40];
};

_Static_assert(sizeof(struct file_header) == 128, "header is 128 bytes");
_Static_assert(sizeof(struct index_post) == 16, "post record is 16 bytes");

/* Round n up to a multiple of 8. */
static uint64_t
pad8(uint64_t n)
{
	return (n + 7) & ~(uint64_t)7;
}

/* Fingerprints shared by more posts than this are common phrases. */
static uint32_t
common_df_for(uint32_t nposts)
{
	return 3 + nposts / 20000;
}

/* A selected k-gram of a post: its keyed fingerprint and its number. */
struct kfp {
	uint64_t fp;
	int64_t kgram;
};

struct collect {
	const struct fpkey *key;
	struct kfp *fps;
	size_t n, cap;
	int failed;
};

/* Collect one selected k-gram as a keyed fingerprint. */
static void
collect_fp(void *ctx, uint64_t hash, int64_t kgram, int64_t start,
    int64_t end)
{
	struct collect *c = ctx;
	struct kfp *p;

	(void)start; (void)end;
	if (c->failed)
		return;
	if (c->n == c->cap) {
		c->cap = c->cap ? c->cap * 2 : 64;
		p = realloc(c->fps, c->cap * sizeof(*p));
		if (p == NULL) {
			c->failed = 1;
			return;
		}
		c->fps = p;
	}
	c->fps[c->n].fp = fingerprint_keyed(c->key, hash) & INDEX_FP_ID;
	c->fps[c->n++].kgram = kgram;
}

/* By fingerprint, then by where it is. */
static int
cmp_kfp(const void *a, const void *b)
{
	const struct kfp *x = a, *y = b;

	if (x->fp != y->fp)
		return x->fp < y->fp ? -1 : 1;
	return x->kgram < y->kgram ? -1 : x->kgram > y->kgram;
}

/* Is fingerprint fp among the n sorted ones of s? */
static int
selected(const struct kfp *s, size_t n, uint64_t fp)
{
	size_t lo = 0, hi = n, mid;

	while (lo < hi) {
		mid = lo + (hi - lo) / 2;
		if (s[mid].fp < fp)
			lo = mid + 1;
		else
			hi = mid;
	}
	return lo < n && s[lo].fp == fp;
}

/* Words of a post go to both windows: w[0] is the index's, w[1] the
** scan's. */
static void
both_windows(void *ctx, uint64_t hash, int64_t start, int64_t end)
{
	struct winnow *w = ctx;

	winnow_word(&w[0], hash, start, end);
	winnow_word(&w[1], hash, start, end);
}

/* Compute a post's keyed fingerprints: those the index's window selects,
** each with its place (where it is first met, INDEX_FP_PLACE) and marked
** with INDEX_FP_SCAN when the scan's window selects it too; sorted,
** without repeats, in a new array (*fps, freed by the caller; NULL when
** there are none), and its word count.  Returns 0 or -1 (no memory). */
int
index_post_fingerprints(const struct fpkey *key, const char *body,
    uint64_t **fps, size_t *n, int64_t *words)
{
	struct collect c = { key, NULL, 0, 0, 0 }, sc = { key, NULL, 0, 0, 0 };
	struct winnow w[2];
	struct norm nm;
	uint64_t *out = NULL;
	size_t i, o;

	winnow_init(&w[0], WINNOW_W_INDEX, collect_fp, &c);
	winnow_init(&w[1], WINNOW_W_SCAN, collect_fp, &sc);
	norm_init(&nm, both_windows, w);
	norm_feed(&nm, body, strlen(body));
	norm_finish(&nm);
	winnow_finish(&w[0]);
	winnow_finish(&w[1]);
	if (!c.failed && !sc.failed && c.n &&
	    (out = malloc(c.n * sizeof(*out))) == NULL)
		c.failed = 1;
	if (c.failed || sc.failed) {
		free(c.fps);
		free(sc.fps);
		return -1;
	}
	if (sc.n > 1)
		qsort(sc.fps, sc.n, sizeof(*sc.fps), cmp_kfp);
	if (c.n > 1)
		qsort(c.fps, c.n, sizeof(*c.fps), cmp_kfp);
	/* a k-gram met twice keeps its first place */
	for (i = o = 0; i < c.n; i++) {
		if (i > 0 && c.fps[i].fp == c.fps[i - 1].fp)
			continue;
		out[o++] = c.fps[i].fp | ((uint64_t)c.fps[i].kgram &
		    INDEX_FP_PLACE) | (selected(sc.fps, sc.n, c.fps[i].fp) ?
		    INDEX_FP_SCAN : 0);
	}
	free(c.fps);
	free(sc.fps);
	*fps = out;
	*n = o;
	*words = nm.words;
	return 0;
}

/* Fingerprint a post that was written or edited and store the result, in
** the caller's transaction.  Returns 0 or -1. */
int
index_post_update(struct gate *g, int64_t post_id, const char *body)
{
	struct fpkey key;
	uint64_t *fps;
	size_t n;
	int64_t words;
	int rc;

	gate_fingerprint_key(g, &key);
	rc = index_post_fingerprints(&key, body, &fps, &n, &words);
	fingerprint_key_wipe(&key);
	if (rc != 0)
		return -1;
	rc = fingerprints_put(gate_db(g), post_id, WINNOW_PARAMS, words, fps,
	    n * sizeof(uint64_t));
	free(fps);
	return rc;
}

struct builder {
	struct fpindex *ix;
	struct index_post *posts;
	uint32_t nposts;
	uint32_t cap;		/* room in posts */
	uint32_t *fill;		/* next free slot per bucket (pass 2) */
	uint32_t *counts;	/* entries per bucket (pass 1) */
	struct index_entry *entries;
	int pass;
	uint32_t stale;		/* rows made with other parameters */
	int failed;
};

/* One post's row, in pass 1 (count, record the post) or pass 2 (place
** its entries). */
static int
build_row(void *ctx, const struct fp_row *r)
{
	struct builder *b = ctx;
	const uint8_t *p = r->fps;
	size_t i, n = r->fps_len / 8;
	uint64_t fp;
	uint32_t post;

	if (r->params != WINNOW_PARAMS) {
		if (b->pass == 1)
			b->stale++;
		return 0;
	}
	if (b->nposts >= b->cap) {
		b->failed = 1;
		return 1;
	}
	if (b->pass == 1) {
		struct index_post *ip = &b->posts[b->nposts];
		ip->post_id = r->post_id;
		ip->nfps = (uint32_t)n;
		ip->words = r->words > UINT32_MAX ? UINT32_MAX :
		    (uint32_t)r->words;
	}
	post = b->nposts++;
	for (i = 0; i < n; i++) {
		memcpy(&fp, p + i * 8, 8);
		if (b->pass == 1) {
			b->counts[fp >> (64 - b->ix->bucket_bits)]++;
		} else {
			uint32_t *slot = &b->fill[fp >> (64 -
			    b->ix->bucket_bits)];
			b->entries[*slot].check = (uint32_t)fp;
			b->entries[*slot].post = post | (fp & INDEX_FP_SCAN ?
			    INDEX_ENTRY_SCAN : 0);
			(*slot)++;
		}
	}
	return b->failed;
}

static int
cmp_entry(const void *a, const void *b)
{
	const struct index_entry *x = a, *y = b;

	if (x->check != y->check)
		return x->check < y->check ? -1 : 1;
	return x->post < y->post ? -1 : x->post > y->post;
}

struct rebuild {
	struct gate *g;
	int64_t done, failed;
};

/* Fingerprint post id again from its sealed body (n bytes), in the
** caller's transaction: the body is opened for the index alone, read by
** nobody.  Returns 0, 1 when the body cannot be opened, or -1 when the
** fingerprints cannot be saved. */
static int
refingerprint(struct gate *g, int64_t id, const void *sealed, size_t n)
{
	char *body = gate_open_for_index(g, id, sealed, n);
	int rc;

	if (body == NULL)
		return 1;
	rc = index_post_update(g, id, body) != 0 ? -1 : 0;
	gate_wipe(body);
	return rc;
}

/* Re-fingerprint one post of community_post_each. */
static int
rebuild_one(void *ctx, const struct post_row *p)
{
	struct rebuild *rb = ctx;

	if (refingerprint(rb->g, p->id, p->body, p->body_len) == 0)
		rb->done++;
	else
		rb->failed++;
	return 0;
}

/* Re-fingerprint every live post from its sealed body, in one part of the
** caller's transaction, recorded in the audit trail.  Returns the number
** of posts, or -1 with err filled. */
int64_t
index_rebuild(struct gate *g, char *err)
{
	struct rebuild rb;
	char detail[64];

	memset(&rb, 0, sizeof(rb));
	rb.g = g;
	if (gate_begin(g) != 0 ||
	    community_post_each(gate_db(g), rebuild_one, &rb) != 0 ||
	    rb.failed != 0) {
		gate_rollback(g);
		err_set(err, "rebuild failed (%lld posts could not be read)",
		    (long long)rb.failed);
		return -1;
	}
	snprintf(detail, sizeof(detail), "%lld posts", (long long)rb.done);
	if (gate_audit(g, "index.rebuild", "", detail) != 0 ||
	    gate_commit(g) != 0) {
		gate_rollback(g);
		err_set(err, "cannot save the rebuild");
		return -1;
	}
	return rb.done;
}

static pthread_mutex_t refresh_lock = PTHREAD_MUTEX_INITIALIZER;

/* Posts fingerprinted again in one transaction of index_refresh. */
#define REFRESH_BATCH 2000

struct refresh {
	int64_t after;		/* the last post looked at */
	int64_t done, unreadable;
};

/* Fingerprint again the next stale posts after r->after, up to
** REFRESH_BATCH of them, in one transaction recorded in the audit trail;
** a post whose body cannot be opened is counted and passed over.  The
** posts are listed inside the transaction, so a second process finds
** nothing left to do.  Returns how many were listed (0: none is left), or
** -1 with err filled. */
static int64_t
refresh_batch(struct gate *g, struct refresh *r, char *err)
{
	struct db *db = gate_db(g);
	int64_t *ids = NULL, done = 0;
	size_t n = 0, i, bn, cn;
	void *sealed, *cw;
	char detail[64];
	int found, one;

	if (gate_begin(g) != 0) {
		err_set(err, "the database is busy; try again");
		return -1;
	}
	if (fingerprints_stale_ids(db, WINNOW_PARAMS, r->after, REFRESH_BATCH,
	    &ids, &n) != 0) {
		err_set(err, "cannot read the fingerprint index");
		goto rollback;
	}
	if (n == 0) {
		gate_rollback(g);
		return 0;
	}
	for (i = 0; i < n; i++) {
		found = community_post_sealed(db, ids[i], &sealed, &bn, &cw,
		    &cn);
		one = found == 1 ? refingerprint(g, ids[i], sealed, bn) : 1;
		free(sealed);
		free(cw);
		if (one < 0) {
			err_set(err, "cannot save the fingerprints");
			goto rollback;
		}
		if (one == 0)
			done++;
		else
			r->unreadable++;
	}
	snprintf(detail, sizeof(detail), "%lld posts", (long long)done);
	if (gate_audit(g, "index.refresh", "", detail) != 0 ||
	    gate_commit(g) != 0) {
		err_set(err, "cannot save the fingerprints");
		goto rollback;
	}
	r->after = ids[n - 1];
	r->done += done;
	free(ids);
	return (int64_t)n;
rollback:
	gate_rollback(g);
	free(ids);
	return -1;
}

/* Fingerprint again, from their sealed bodies, the posts stored with
** other parameters by an older sanctum, so that none drops out of the
** index after an upgrade.  In batches of REFRESH_BATCH posts, each its
** own transaction, with a pause after each as long as it held the write
** lock: at a million posts this takes 50 s, and the community's writes go
** on meanwhile.  A post whose body cannot be opened is left
** out (and counted in the log) rather than keeping every other post out
** of the index.  Threads of one server take turns.  stale is how many
** there were when the caller counted them.  Returns the number of posts
** done, or -1 with err filled. */
static int64_t
index_refresh(struct gate *g, int64_t stale, char *err)
{
	struct refresh r = { 0, 0, 0 };
	int64_t listed, t0;

	pthread_mutex_lock(&refresh_lock);
	log_msg(LOG_INFO, "index: %lld posts were fingerprinted by an older "
	    "sanctum; fingerprinting them again", (long long)stale);
	do {
		t0 = util_clock_ns();
		listed = refresh_batch(g, &r, err);
		if (listed == REFRESH_BATCH)
			util_pause_since(t0);
	} while (listed == REFRESH_BATCH);
	pthread_mutex_unlock(&refresh_lock);
	if (r.unreadable)
		log_msg(LOG_WARN, "index: %lld posts could not be opened and "
		    "stay out of the index", (long long)r.unreadable);
	return listed < 0 ? -1 : r.done;
}

/* Set the bits of the fingerprint with filter hash h in a filter of
** blocks blocks. */
static void
filter_add(uint64_t *filter, uint64_t blocks, uint64_t h)
{
	uint64_t *block = filter + (((h >> 32) * blocks) >> 32) * 8;
	unsigned bit;
	int i;

	for (i = 0; i < INDEX_FILTER_K; i++) {
		bit = index_filter_bit(h, i);
		block[bit >> 6] |= (uint64_t)1 << (bit & 63);
	}
}

/* Adds to filter (of blocks blocks, when not NULL) each distinct
** fingerprint of ix that is not a common phrase (entries sharing a
** bucket and check, as index_lookup sees them) and, unless all is set,
** that the scan selects.  Returns how many there were. */
static uint64_t
filter_each(struct fpindex *ix, uint64_t *filter, uint64_t blocks, int all)
{
	uint64_t b, nb = (uint64_t)1 << ix->bucket_bits, n = 0, fp;
	uint32_t i, j, end, scan;

	for (b = 0; b < nb; b++) {
		end = ix->buckets[b + 1];
		for (i = ix->buckets[b]; i < end; i = j) {
			scan = ix->entries[i].post & INDEX_ENTRY_SCAN;
			for (j = i + 1; j < end && (ix->entries[j].check ^
			    ix->entries[i].check) <= INDEX_FP_PLACE; j++)
				scan |= ix->entries[j].post & INDEX_ENTRY_SCAN;
			if (j - i > ix->common_df || (!scan && !all))
				continue;
			n++;
			if (filter) {
				fp = b << (64 - ix->bucket_bits) |
				    ix->entries[i].check;
				filter_add(filter, blocks,
				    index_filter_hash(ix, fp));
			}
		}
	}
	return n;
}

/* Memory for n bytes, asked to be backed by huge pages (the index and its
** filter are read at random).  Returns NULL when there is none. */
static void *
alloc_huge(size_t n, size_t *len)
{
	size_t huge = (size_t)2 << 20;
	void *m;

	*len = (n + huge - 1) & ~(huge - 1);
	m = mmap(NULL, *len, PROT_READ | PROT_WRITE, MAP_PRIVATE |
	    MAP_ANONYMOUS, -1, 0);
	if (m == MAP_FAILED) {
		*len = 0;
		return NULL;
	}
	madvise(m, *len, MADV_HUGEPAGE);
	return m;
}

/* Blocks for a filter of keys fingerprints. */
static uint64_t
filter_blocks_for(uint64_t keys)
{
	uint64_t blocks = (keys * INDEX_FILTER_BITS + 511) / 512;

	return blocks ? blocks : 1;
}

/* Make the filters of a built index, one after the other in one mapping.
** Returns 0 or -1 (no memory). */
static int
filter_make(struct fpindex *ix)
{
	uint64_t *filter;

	ix->filter_blocks = filter_blocks_for(filter_each(ix, NULL, 0, 0));
	ix->filter_all_blocks = filter_blocks_for(filter_each(ix, NULL, 0,
	    1));
	filter = alloc_huge(index_filter_bytes(ix), &ix->filter_len);
	if (filter == NULL)
		return -1;
	filter_each(ix, filter, ix->filter_blocks, 0);
	filter_each(ix, filter + ix->filter_blocks * 8, ix->filter_all_blocks,
	    1);
	mprotect(filter, ix->filter_len, PROT_READ);
	ix->filter = filter;
	ix->filter_all = filter + ix->filter_blocks * 8;
	return 0;
}

/* Bytes the filters occupy in memory. */
size_t
index_filter_bytes(const struct fpindex *ix)
{
	return (size_t)(ix->filter_blocks + ix->filter_all_blocks) * 64;
}

/* Build the index of every live post from the database, in two passes
** over the stored fingerprints so memory holds only the final index.
** Returns 0 with *out set, or -1 with err filled. */
int
index_build(struct gate *g, struct fpindex **out, char *err)
{
	struct db *db = gate_db(g);
	struct builder b;
	struct fpindex *ix;
	int64_t nposts = 0, bytes = 0, generation = 0, stale;
	uint32_t *buckets = NULL, nb, i, bits = 10;
	uint64_t total;

	*out = NULL;
	memset(&b, 0, sizeof(b));
	/* posts fingerprinted by an older sanctum are made again first;
	** not inside a caller's transaction (an index built for one of its
	** checks), which may still be rolled back: the index would then
	** say it had seen changes the database never kept.  There they are
	** left out, and counted, until a build of its own (live.c) */
	if (!db_in_transaction(db) &&
	    (stale = fingerprints_stale(db, WINNOW_PARAMS)) > 0 &&
	    index_refresh(g, stale, err) < 0)
		return -1;
	if (db_read_begin(db) != 0 ||
	    fingerprints_totals(db, &nposts, &bytes) != 0 ||
	    (generation = fingerprints_generation(db)) < 0) {
		db_read_end(db);
		err_set(err, "cannot read the fingerprint index");
		return -1;
	}
	total = (uint64_t)bytes / 8;
	if (nposts > UINT32_MAX / 2 || total > UINT32_MAX - 1) {
		db_read_end(db);
		err_set(err, "the index is larger than this version handles");
		return -1;
	}
	/* about four entries a bucket: a bucket's entries share a cache
	** line, and the bucket table stays a sixteenth of the entries */
	while (bits < 28 && ((uint64_t)1 << bits) < total / 4)
		bits++;
	ix = calloc(1, sizeof(*ix));
	b.ix = ix;
	nb = (uint32_t)1 << bits;
	if (ix == NULL)
		goto nomem;
	gate_fingerprint_key(g, &ix->key);
	ix->k = WINNOW_K;
	ix->w = WINNOW_W_INDEX;
	ix->bucket_bits = bits;
	b.posts = calloc((size_t)nposts + 1, sizeof(*b.posts));
	b.cap = (uint32_t)nposts;
	b.counts = calloc((size_t)nb + 1, sizeof(uint32_t));
	buckets = calloc((size_t)nb + 1, sizeof(uint32_t));
	b.entries = malloc((total ? total : 1) * sizeof(*b.entries));
	if (b.posts == NULL || b.counts == NULL || buckets == NULL ||
	    b.entries == NULL)
		goto nomem;
	b.pass = 1;
	if (fingerprints_each(db, build_row, &b) != 0 || b.failed ||
	    b.nposts + b.stale != (uint32_t)nposts)
		goto changed;
	for (i = 0; i < nb; i++)
		buckets[i + 1] = buckets[i] + b.counts[i];
	if (buckets[nb] > total)
		goto changed;
	memcpy(b.counts, buckets, (size_t)nb * sizeof(uint32_t));
	b.fill = b.counts;
	b.pass = 2;
	b.nposts = 0;
	if (fingerprints_each(db, build_row, &b) != 0 || b.failed)
		goto changed;
	for (i = 0; i < nb; i++)
		if (buckets[i + 1] - buckets[i] > 1)
			qsort(b.entries + buckets[i], buckets[i + 1] -
			    buckets[i], sizeof(*b.entries), cmp_entry);
	db_read_end(db);
	if (b.stale)
		log_msg(LOG_WARN, "index: %u posts were fingerprinted with "
		    "other parameters while the index was read and are left "
		    "out until the next build", b.stale);
	ix->generation = generation;
	ix->stale = b.stale;
	ix->nposts = b.nposts;
	ix->nentries = buckets[nb];
	ix->common_df = common_df_for(ix->nposts);
	ix->posts = b.posts;
	ix->buckets = buckets;
	ix->entries = b.entries;
	free(b.counts);
	if (filter_make(ix) != 0) {
		index_free(ix);
		err_set(err, "not enough memory for the index");
		return -1;
	}
	*out = ix;
	return 0;
changed:
	err_set(err, "the index changed while it was being read, or could "
	    "not be read; try again");
	goto fail;
nomem:
	err_set(err, "not enough memory for the index");
fail:
	db_read_end(db);
	free(b.posts);
	free(b.counts);
	free(buckets);
	free(b.entries);
	free(ix);
	return -1;
}

/* Bytes the index occupies, filter included: its exported file's size. */
size_t
index_bytes(const struct fpindex *ix)
{
	size_t n = sizeof(struct file_header) + pad8((uint64_t)ix->nposts *
	    sizeof(struct index_post)) + pad8((((uint64_t)1 << ix->bucket_bits) + 1) * 4) + ix->nentries *
	    sizeof(struct index_entry);

	return ((n + 63) & ~(size_t)63) + index_filter_bytes(ix);
}

/* Free an index, built or loaded. */
void
index_free(struct fpindex *ix)
{
	if (ix == NULL)
		return;
	if (ix->filter_len)	/* made here, not part of a loaded file */
		munmap((void *)ix->filter, ix->filter_len);
	if (ix->mapped) {
		munmap(ix->mem, ix->mem_len);
	} else if (ix->mem) {
		free(ix->mem);
	} else {
		free((void *)ix->posts);
		free((void *)ix->buckets);
		free((void *)ix->entries);
	}
	fingerprint_key_wipe(&ix->key);
	free(ix);
}

/* Write n bytes and pad to 8.  Returns 0 or -1. */
static int
write_section(FILE *f, const void *p, size_t n)
{
	static const char zero[8];

	if (n && fwrite(p, 1, n, f) != n)
		return -1;
	if (n % 8 && fwrite(zero, 1, 8 - n % 8, f) != 8 - n % 8)
		return -1;
	return 0;
}

/* Write zeros from offset off up to a multiple of align.  Returns 0 or -1. */
static int
write_pad(FILE *f, off_t off, int align)
{
	static const char zero[64];
	size_t n;

	if (off < 0)
		return -1;
	n = (size_t)((align - off % align) % align);
	return n && fwrite(zero, 1, n, f) != n ? -1 : 0;
}

/* Write ix to a new file at path (mode 0600; it holds the fingerprint
** key, so it is a secret).  Returns 0 or -1 with err filled. */
int
index_export(const struct fpindex *ix, const char *path, char *err)
{
	struct file_header h;
	char tmp[1100], *chunk;
	FILE *f;
	int fd, rc;

	memset(&h, 0, sizeof(h));
	memcpy(h.magic, MAGIC, 8);
	h.version = FILE_VERSION;
	h.endian = ENDIAN_MARK;
	h.k = ix->k;
	h.w = ix->w;
	h.params = WINNOW_PARAMS;
	h.common_df = ix->common_df;
	h.bucket_bits = ix->bucket_bits;
	h.nposts = ix->nposts;
	h.nentries = ix->nentries;
	h.filter_blocks = ix->filter_blocks;
	h.filter_all_blocks = ix->filter_all_blocks;
	memcpy(h.key, ix->key.k, FPKEY_BYTES);
	snprintf(tmp, sizeof(tmp), "%s.tmp", path);
	chunk = malloc(INDEX_WRITE_CHUNK);
	fd = chunk ? open(tmp, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC,
	    0600) : -1;
	f = fd >= 0 ? fdopen(fd, "wb") : NULL;
	if (f == NULL) {
		err_set(err, "cannot create %s: %s", tmp, strerror(errno));
		if (fd >= 0)
			close(fd);
		free(chunk);
		explicit_bzero(&h, sizeof(h));
		return -1;
	}
	/* every write is a whole number of huge pages, at a multiple of
	** one: the page cache then holds the file in huge pages where the
	** file system can, and a scan that maps it walks far fewer page
	** tables on its random lookups (docs/detection.md) */
	setvbuf(f, chunk, _IOFBF, INDEX_WRITE_CHUNK);
	if (write_section(f, &h, sizeof(h)) != 0 ||
	    write_section(f, ix->posts, ix->nposts *
	    sizeof(struct index_post)) != 0 ||
	    write_section(f, ix->buckets, (((size_t)1 << ix->bucket_bits) +
	    1) * 4) != 0 ||
	    write_section(f, ix->entries, ix->nentries *
	    sizeof(struct index_entry)) != 0 ||
	    write_pad(f, ftello(f), 64) != 0 ||
	    write_section(f, ix->filter, index_filter_bytes(ix)) != 0 ||
	    fflush(f) != 0 || fsync(fileno(f)) != 0) {
		err_set(err, "cannot write %s: %s", tmp, strerror(errno));
		fclose(f);
		explicit_bzero(chunk, INDEX_WRITE_CHUNK);	/* the key */
		free(chunk);
		unlink(tmp);
		explicit_bzero(&h, sizeof(h));
		return -1;
	}
	explicit_bzero(&h, sizeof(h));
	rc = fclose(f);
	explicit_bzero(chunk, INDEX_WRITE_CHUNK);	/* the key */
	free(chunk);
	if (rc != 0 || rename(tmp, path) != 0) {
		err_set(err, "cannot write %s: %s", path, strerror(errno));
		unlink(tmp);
		return -1;
	}
	return 0;
}

/* Check an index image of n bytes at p and point a new index into it (the
** caller sets mem/mapped).  Returns 0, or -1 with err saying what is
** wrong. */
static int
index_check(const void *p, size_t n, struct fpindex *ix, char *err)
{
	const struct file_header *h = p;
	const uint8_t *base = p;
	uint64_t off, nb, i, sz, filter_off;

	if (n < sizeof(*h) || memcmp(h->magic, MAGIC, 8) != 0) {
		err_set(err, "not a sanctum index file");
		return -1;
	}
	if (h->version == 2) {
		err_set(err, "an index file of an older sanctum, which named "
		    "the posts' groups and authors; export it again");
		return -1;
	}
	if (h->version != FILE_VERSION || h->endian != ENDIAN_MARK) {
		err_set(err, "index file version or byte order is not this "
		    "sanctum's; export it again");
		return -1;
	}
	if (h->k != WINNOW_K || h->w != WINNOW_W_INDEX) {
		err_set(err, "index made with k=%u w=%u, this sanctum uses "
		    "k=%d w=%d; export it again", h->k, h->w, WINNOW_K,
		    WINNOW_W_INDEX);
		return -1;
	}
	if (h->params != WINNOW_PARAMS) {
		err_set(err, "index made by a sanctum that makes its words or "
		    "fingerprints another way; export it again");
		return -1;
	}
	if (h->bucket_bits < 1 || h->bucket_bits > 30 ||
	    h->nentries > UINT32_MAX ||
	    h->nposts > (UINT32_MAX >> 1)) {
		err_set(err, "index file header is damaged");
		return -1;
	}
	nb = ((uint64_t)1 << h->bucket_bits) + 1;
	sz = sizeof(*h) + pad8((uint64_t)h->nposts * sizeof(struct index_post))
	    + pad8(nb * 4) + h->nentries *
	    sizeof(struct index_entry);
	filter_off = (sz + 63) & ~(uint64_t)63;
	if (h->filter_blocks < 1 || h->filter_blocks > ((uint64_t)1 << 32) ||
	    h->filter_all_blocks < 1 ||
	    h->filter_all_blocks > ((uint64_t)1 << 32) ||
	    filter_off + (h->filter_blocks + h->filter_all_blocks) * 64 != n) {
		err_set(err, "index file is truncated or has extra bytes");
		return -1;
	}
	off = sizeof(*h);
	ix->posts = (const void *)(base + off);
	off += pad8((uint64_t)h->nposts * sizeof(struct index_post));
	ix->buckets = (const void *)(base + off);
	off += pad8(nb * 4);
	ix->entries = (const void *)(base + off);
	ix->filter = (const void *)(base + filter_off);
	ix->filter_blocks = h->filter_blocks;
	ix->filter_all = ix->filter + h->filter_blocks * 8;
	ix->filter_all_blocks = h->filter_all_blocks;
	if (ix->buckets[0] != 0 || ix->buckets[nb - 1] != h->nentries) {
		err_set(err, "index file buckets are damaged");
		return -1;
	}
	for (i = 1; i < nb; i++)
		if (ix->buckets[i] < ix->buckets[i - 1]) {
			err_set(err, "index file buckets are damaged");
			return -1;
		}
	for (i = 0; i < h->nentries; i++)
		if ((ix->entries[i].post & INDEX_ENTRY_POST) >= h->nposts) {
			err_set(err, "index file entries are damaged");
			return -1;
		}
	for (i = 0; i < h->nposts; i++)
		if (ix->posts[i].post_id <= 0) {
			err_set(err, "index file posts are damaged");
			return -1;
		}
	memcpy(ix->key.k, h->key, FPKEY_BYTES);
	ix->k = h->k;
	ix->w = h->w;
	ix->common_df = h->common_df;
	ix->bucket_bits = h->bucket_bits;
	ix->nposts = h->nposts;
	ix->nentries = h->nentries;
	return 0;
}

/* Load an index from a copy of an exported file in memory (the fuzz
** target's way in).  Returns 0 or -1 with err filled. */
int
index_load_buffer(const void *p, size_t n, struct fpindex **out, char *err)
{
	struct fpindex *ix = calloc(1, sizeof(*ix));
	void *copy = malloc(n ? n : 1);

	*out = NULL;
	if (ix == NULL || copy == NULL) {
		free(ix);
		free(copy);
		err_set(err, "out of memory");
		return -1;
	}
	memcpy(copy, p, n);
	if (index_check(copy, n, ix, err) != 0) {
		free(copy);
		free(ix);
		return -1;
	}
	ix->mem = copy;
	ix->mem_len = n;
	*out = ix;
	return 0;
}

/* Copy the filters of a mapped index into huge pages of this process's
** own.  Every scanned k-gram tests a filter block somewhere in them, so
** with 4 KiB pages nearly every test would also miss the TLB; the rest of
** the index is read only for the few k-grams that pass.  They are about a
** tenth of the file.  Returns 0 or -1 (no memory). */
static int
copy_filters(struct fpindex *ix)
{
	size_t sel = (size_t)ix->filter_blocks * 64;
	uint64_t *f = alloc_huge(index_filter_bytes(ix), &ix->filter_len);

	if (f == NULL)
		return -1;
	memcpy(f, ix->filter, sel);
	memcpy(f + ix->filter_blocks * 8, ix->filter_all,
	    (size_t)ix->filter_all_blocks * 64);
	mprotect(f, ix->filter_len, PROT_READ);
	ix->filter = f;
	ix->filter_all = f + ix->filter_blocks * 8;
	return 0;
}

/* Map size bytes of the index file fd (see index_load_file).  Returns the
** mapping, with its length in *len, or NULL with err. */
static void *
map_shared(int fd, size_t size, size_t *len, const char *path, char *err)
{
	void *m;

	/* read-only and shared: processes that scan with the same file on
	** one machine (GNU parallel, Slurm array tasks) hold one copy of
	** it, in the page cache.  An export writes a new file and renames
	** it over the old, so a running scan keeps the file it mapped. */
	m = mmap(NULL, size, PROT_READ, MAP_SHARED | MAP_POPULATE, fd, 0);
	if (m == MAP_FAILED) {
		err_set(err, "cannot map index %s: %s", path, strerror(errno));
		return NULL;
	}
	madvise(m, size, MADV_RANDOM);
	*len = size;
	return m;
}

/* Read size bytes of the index file fd into memory of its own.  Returns
** it, with the mapping's length in *len, or NULL with err. */
static void *
read_private(int fd, size_t size, size_t *len, const char *path, char *err)
{
	size_t got = 0;
	ssize_t n;
	void *m;

	/* this process's own copy, in huge pages where the system gives
	** them: fewer TLB misses on the random lookups */
	if ((m = alloc_huge(size, len)) == NULL) {
		err_set(err, "not enough memory for index %s", path);
		return NULL;
	}
	while (got < size) {
		n = read(fd, (char *)m + got, size - got);
		if (n <= 0) {
			munmap(m, *len);
			err_set(err, "cannot read index %s: %s", path, n < 0 ?
			    strerror(errno) : "it got shorter");
			return NULL;
		}
		got += (size_t)n;
	}
	mprotect(m, *len, PROT_READ);
	return m;
}

/* Load an exported index file: mapped, read-only, from the page cache, so
** that every process using the file on one machine shares one copy; or,
** with private, read into this process's own memory, asked to be backed
** by huge pages (lookups jump all over an index of hundreds of megabytes,
** and with 4 KiB pages nearly every one also misses the TLB: a few per
** cent faster for a process alone, at the cost of a copy each).  Returns
** 0 or -1 with err. */
int
index_load_file(const char *path, int private, struct fpindex **out,
    char *err)
{
	struct fpindex *ix;
	struct stat sb;
	char why[ERR_MAX];
	size_t len;
	void *m;
	int fd;

	*out = NULL;
	fd = open(path, O_RDONLY | O_CLOEXEC);
	if (fd < 0 || fstat(fd, &sb) != 0 || !S_ISREG(sb.st_mode)) {
		err_set(err, "cannot open index %s: %s", path, fd < 0 ?
		    strerror(errno) : "not a regular file");
		if (fd >= 0)
			close(fd);
		return -1;
	}
	if (sb.st_size < (off_t)sizeof(struct file_header)) {
		close(fd);
		err_set(err, "index %s: not a sanctum index file", path);
		return -1;
	}
	if (private)
		m = read_private(fd, (size_t)sb.st_size, &len, path, err);
	else
		m = map_shared(fd, (size_t)sb.st_size, &len, path, err);
	close(fd);
	if (m == NULL)
		return -1;
	ix = calloc(1, sizeof(*ix));
	if (ix == NULL || index_check(m, (size_t)sb.st_size, ix, why) != 0) {
		err_set(err, "index %s: %s", path, ix ? why : "out of memory");
		munmap(m, len);
		free(ix);
		return -1;
	}
	ix->mem = m;
	ix->mem_len = len;
	ix->mapped = 1;
	if (!private && copy_filters(ix) != 0) {
		err_set(err, "not enough memory for index %s", path);
		index_free(ix);
		return -1;
	}
	*out = ix;
	return 0;
}

/* sanctum index export FILE */
int
index_export_cmd(struct cli *c, int argc, char **argv)
{
	struct fpindex *ix = NULL;
	char err[ERR_MAX];
	int rc;

	if (argc != 2)
		return cli_usage(c, "index");
	if ((rc = cli_open(c)) != EXIT_OK)
		return rc;
	/* built outside any transaction, so that posts an older sanctum
	** fingerprinted are fingerprinted again, in batches, and exported */
	if (index_build(c->gate, &ix, err) != 0)
		return cli_fail("index: %s", err);
	/* the entry first, and committed: a file that leaves is always in
	** the trail */
	if (gate_begin(c->gate) != 0 || gate_audit(c->gate, "index.export",
	    argv[1], "") != 0 || gate_commit(c->gate) != 0) {
		gate_rollback(c->gate);
		index_free(ix);
		return cli_fail("index: cannot write the audit trail");
	}
	if (index_export(ix, argv[1], err) != 0) {
		index_free(ix);
		return cli_fail("index: %s", err);
	}
	cli_say(c, "exported %u posts, %llu fingerprints to %s (%.1f MB, mode "
	    "0600: it holds the fingerprint key, keep it secret)\n",
	    ix->nposts, (unsigned long long)ix->nentries, argv[1],
	    (double)index_bytes(ix) / 1e6);
	index_free(ix);
	return EXIT_OK;
}

/* sanctum index rebuild */
int
index_rebuild_cmd(struct cli *c, int argc, char **argv)
{
	char err[ERR_MAX];
	int64_t done;
	int rc;

	(void)argv;
	if (argc != 1)
		return cli_usage(c, "index");
	if ((rc = cli_open(c)) != EXIT_OK)
		return rc;
	done = index_rebuild(c->gate, err);
	if (done < 0)
		return cli_fail("index: %s", err);
	cli_say(c, "re-fingerprinted %lld posts\n", (long long)done);
	return EXIT_OK;
}

/* sanctum index stats */
int
index_stats_cmd(struct cli *c, int argc, char **argv)
{
	struct fpindex *ix = NULL;
	char err[ERR_MAX];
	int rc;

	(void)argv;
	if (argc != 1)
		return cli_usage(c, "index");
	if ((rc = cli_open(c)) != EXIT_OK)
		return rc;
	if (index_build(c->gate, &ix, err) != 0)
		return cli_fail("index: %s", err);
	printf("posts %u\nfingerprints %llu\ncommon phrase threshold %u "
	    "posts\nk-gram %u words, window %u\nbytes %zu (%.0f per post)\n",
	    ix->nposts, (unsigned long long)ix->nentries, ix->common_df, ix->k,
	    ix->w, index_bytes(ix), ix->nposts ? (double)index_bytes(ix) /
	    ix->nposts : 0.0);
	index_free(ix);
	return EXIT_OK;
}
