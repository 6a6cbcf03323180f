/*
** scan.c: the matcher and `sanctum scan`.  See scan.h.
*/
#include "scan.h"

#include <errno.h>
#include <fcntl.h>
#include <getopt.h>
#include <jansson.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>

#include "../cli.h"
#include "../crypto/fingerprint.h"
#include "../prevention/copymark.h"
#include "../store/accounts.h"
#include "../store/community.h"
#include "../util/util.h"
#include "delta.h"
#include "extract.h"
#include "index.h"
#include "warc.h"

/* Keep a hit of post for the pending k-gram p, whose fingerprint df
** posts hold and which is at place in the post (index.h). */
static void
add_hit(struct scanner *s, const struct scan_pending *p, uint32_t post,
    uint32_t df, uint32_t place)
{
	struct scan_hit *h;

	if (s->nhits == s->cap) {
		size_t ncap = s->cap ? s->cap * 2 : 256;
		if (ncap > SCAN_MAX_HITS || (h = realloc(s->hits,
		    ncap * sizeof(*h))) == NULL) {
			s->overflow = 1;
			return;
		}
		s->hits = h;
		s->cap = ncap;
	}
	h = &s->hits[s->nhits++];
	h->post = post;
	h->df = df;
	h->kgram = p->kgram;
	h->start = p->start;
	h->end = p->end;
	h->fp = p->fp;
	h->place = place;
}

/* Queue the k-grams around k-gram g that were not looked up yet (see
** SCAN_AROUND).  What they find is looked around in turn, so a shared
** run is followed to both of its ends. */
static void
look_around(struct scanner *s, int64_t g)
{
	int64_t lo = g - SCAN_AROUND, hi = g + SCAN_AROUND, j;
	const struct winnow *w = &s->win;
	struct scan_pending *p;
	size_t r;

	if (lo < w->nkgrams - WINNOW_KRING + 1)
		lo = w->nkgrams - WINNOW_KRING + 1;	/* gone from the ring */
	if (hi > w->nkgrams - 1)
		hi = w->nkgrams - 1;
	for (j = lo < 0 ? 0 : lo; j <= hi; j++) {
		r = (size_t)j & (WINNOW_KRING - 1);
		if (s->seen[r] == j)
			continue;	/* looked up already */
		if (s->naroundq == SCAN_QUEUE - SCAN_BATCH)
			return;		/* full: the rest is not looked at */
		s->seen[r] = j;
		p = &s->aroundq[s->naroundq++];
		p->fp = fingerprint_keyed(&s->ix->key, w->hash[r]);
		p->h = index_filter_hash(s->ix, p->fp);
		__builtin_prefetch(index_filter_all_block(s->ix, p->h));
		p->kgram = j;
		p->start = w->kstart[r];
		p->end = w->kend[r];
		p->around = 1;
	}
}

/* How many posts hold keyed fingerprint fp now: those of the index not
** changed since it was made, and those of the delta. */
static uint32_t
holders(const struct scanner *s, uint64_t fp)
{
	const struct index_entry *e;
	size_t at;
	uint32_t n = delta_lookup(s->delta, fp, &at), k, hits;

	hits = index_postings(s->ix, fp, &e);
	for (k = 0; k < hits; k++)
		n += !delta_base_dead(s->delta, e[k].post & INDEX_ENTRY_POST);
	return n;
}

/* Look the pending k-gram p up among the posts changed since the index
** was made (a small table, in cache: no stages), keeping its hits and
** looking around those it finds.  A fingerprint that the base and the
** delta together hold more often than the index's common-phrase limit is
** a common phrase here too. */
static void
look_in_delta(struct scanner *s, const struct scan_pending *p)
{
	const struct index_delta *d = s->delta;
	const struct index_entry *e;
	size_t at;
	uint32_t n = delta_lookup(d, p->fp, &at), k, df;

	if (n == 0 || n + index_postings(s->ix, p->fp, &e) >
	    s->ix->common_df)
		return;
	df = holders(s, p->fp);
	for (k = 0; k < n; k++)
		add_hit(s, p, s->ix->nposts + d->post[at + k], df,
		    index_place(d->fp[at + k]));
	if (p->around)
		s->in_order = 0;
	look_around(s, p->kgram);
}

/* Move the lookups one stage on (see SCAN_BATCH): those whose entries
** were prefetched are read, and the k-grams around those that found
** something are queued; those whose bucket was prefetched have their
** entries prefetched; the last batch and the neighbours queued with it
** are tested against their filters (the scan's selections, every
** fingerprint), whose blocks were prefetched, and the few that pass have
** their bucket prefetched; the batch just filled and the neighbours just
** queued wait for their filter blocks. */
static void
lookup_step(struct scanner *s)
{
	const struct fpindex *ix = s->ix;
	const struct index_entry *e;
	int shift = 64 - (int)ix->bucket_bits, i, n, maybe;
	uint32_t k, hits, alive, post, df;
	uint64_t b;
	size_t r;

	if (s->delta)
		for (i = 0; i < s->nfilterq; i++)
			look_in_delta(s, &s->filterq[i]);

	for (i = 0; i < s->nentryq; i++) {
		hits = index_lookup(ix, s->entryq[i].fp, &e);
		df = hits && s->delta ? holders(s, s->entryq[i].fp) : hits;
		for (k = 0, alive = 0; k < hits; k++) {
			post = e[k].post & INDEX_ENTRY_POST;
			/* a post changed since the index was made is
			** looked up in the delta instead */
			if (s->delta && delta_base_dead(s->delta, post))
				continue;
			add_hit(s, &s->entryq[i], post, df,
			    index_place(e[k].check));
			alive++;
		}
		if (alive == 0)
			continue;
		if (s->entryq[i].around)
			s->in_order = 0;
		look_around(s, s->entryq[i].kgram);
	}
	n = 0;
	for (i = 0; i < s->nbucketq; i++) {
		b = s->bucketq[i].fp >> shift;
		if (ix->buckets[b] != ix->buckets[b + 1]) {
			__builtin_prefetch(&ix->entries[ix->buckets[b]]);
			s->entryq[n++] = s->bucketq[i];
		}
	}
	s->nentryq = n;
	n = 0;
	for (i = 0; i < s->nfilterq_sel; i++) {
		s->bucketq[n] = s->filterq[i];	/* kept when it may be there */
		maybe = index_filter_maybe(index_filter_block(ix,
		    s->filterq[i].h), s->filterq[i].h);
		n += maybe;
		/* not among the scan's selections of any post, but maybe
		** among the index's: a hit nearby may still look it up */
		r = (size_t)s->filterq[i].kgram & (WINNOW_KRING - 1);
		if (!maybe && s->seen[r] == s->filterq[i].kgram)
			s->seen[r] = -1;
	}
	for (; i < s->nfilterq; i++) {
		s->bucketq[n] = s->filterq[i];
		n += index_filter_maybe(index_filter_all_block(ix,
		    s->filterq[i].h), s->filterq[i].h);
	}
	for (i = 0; i < n; i++)
		__builtin_prefetch(&ix->buckets[s->bucketq[i].fp >> shift]);
	s->nbucketq = n;
	memcpy(s->filterq, s->pending, (size_t)s->npending *
	    sizeof(s->pending[0]));
	memcpy(s->filterq + s->npending, s->aroundq, (size_t)s->naroundq *
	    sizeof(s->aroundq[0]));
	s->nfilterq_sel = s->npending;
	s->nfilterq = s->npending + s->naroundq;
	s->npending = 0;
	s->naroundq = 0;
}

/* A selected k-gram of the scanned text: key it, prefetch its filter
** block, and queue its lookup. */
static void
on_kgram(void *ctx, uint64_t hash, int64_t kgram, int64_t start,
    int64_t end)
{
	struct scanner *s = ctx;
	struct scan_pending *p;

	if (s->seen[kgram & (WINNOW_KRING - 1)] == kgram)
		return;		/* looked up already, around a hit */
	s->seen[kgram & (WINNOW_KRING - 1)] = kgram;
	p = &s->pending[s->npending++];
	p->fp = fingerprint_keyed(&s->ix->key, hash);
	p->h = index_filter_hash(s->ix, p->fp);
	__builtin_prefetch(index_filter_block(s->ix, p->h));
	p->kgram = kgram;
	p->start = start;
	p->end = end;
	p->around = 0;
	if (s->npending == SCAN_BATCH)
		lookup_step(s);
}

/* Start scanning one source against ix and, when it is not NULL, the
** posts changed since (delta). */
void
scanner_init(struct scanner *s, const struct fpindex *ix,
    const struct index_delta *delta, int min_fps, int min_words)
{
	memset(s, 0, sizeof(*s));
	s->ix = ix;
	s->delta = delta;
	s->min_fps = min_fps;
	s->min_words = min_words;
	memset(s->seen, 0xff, sizeof(s->seen));	/* all -1 */
	s->in_order = 1;
	winnow_init(&s->win, WINNOW_W_SCAN, on_kgram, s);
	norm_init(&s->norm, winnow_word, &s->win);
}

/* Take the next piece of the source's text (an extract_sink). */
int
scanner_feed(void *sp, const char *text, size_t n)
{
	struct scanner *s = sp;

	s->bytes += n;
	norm_feed(&s->norm, text, n);
	return 0;
}

/* Order the hits by post, and each post's by k-gram.  Hits are found in
** text order (winnowing selects k-grams left to right and the lookup
** stages keep their order), except those looked up around a hit, which
** come a few batches late; so a stable radix sort on the post number, 11
** bits at a time, does nearly all of it, and an insertion sort puts the
** late ones of each post in place.  Returns 0 or -1 (no memory). */
static int
sort_hits(struct scanner *s)
{
	struct scan_hit *h = s->hits, *to, *t, x;
	size_t i, j, count[2048], pos, c;
	uint32_t any = 0;
	int shift;

	if (s->nhits < 2)
		return 0;
	for (i = 0; i < s->nhits; i++)
		any |= h[i].post;
	if (any != 0) {
		if ((to = malloc(s->nhits * sizeof(*to))) == NULL)
			return -1;
		for (shift = 0; shift < 32 && (any >> shift) != 0;
		    shift += 11) {
			memset(count, 0, sizeof(count));
			for (i = 0; i < s->nhits; i++)
				count[(h[i].post >> shift) & 2047]++;
			for (i = 0, pos = 0; i < 2048; i++) {
				c = count[i];
				count[i] = pos;
				pos += c;
			}
			for (i = 0; i < s->nhits; i++)
				to[count[(h[i].post >> shift) & 2047]++] = h[i];
			t = h;
			h = to;
			to = t;
		}
		free(to);
		s->hits = h;
		s->cap = s->nhits;
	}
	if (s->in_order)
		return 0;
	for (i = 1; i < s->nhits; i++) {
		if (h[i].post != h[i - 1].post || h[i].kgram >= h[i - 1].kgram)
			continue;
		x = h[i];
		for (j = i; j > 0 && h[j - 1].post == x.post &&
		    h[j - 1].kgram > x.kgram; j--)
			h[j] = h[j - 1];
		h[j] = x;
	}
	return 0;
}

static int
cmp_fp(const void *a, const void *b)
{
	uint64_t x = *(const uint64_t *)a, y = *(const uint64_t *)b;

	return x < y ? -1 : x > y;
}

/* Distinct values among n fingerprints (sorted in place). */
static size_t
distinct(uint64_t *fps, size_t n)
{
	size_t i, d = 0;

	if (n > 1)
		qsort(fps, n, sizeof(*fps), cmp_fp);
	for (i = 0; i < n; i++)
		if (i == 0 || fps[i] != fps[i - 1])
			d++;
	return d;
}

/* How far apart two places (index.h) are, either way round. */
static uint32_t
place_apart(uint32_t a, uint32_t b)
{
	uint32_t round = (uint32_t)INDEX_FP_PLACE + 1, x = (a - b) &
	    (round - 1);

	return x < round - x ? x : round - x;
}

/* Split the hits h[0..n) of one post, in text order, into chains: hits
** at most gap k-grams apart whose places in the post advance as their
** k-grams do through the text, give or take SCAN_PLACE_SLACK from one hit
** to the next.  A copied passage is one chain; phrases that the text has
** side by side but the post has in two places are two.  Writes each
** hit's chain to chain[] and returns how many there are; open[] is room
** for n chains. */
static uint32_t
chain_hits(const struct scan_hit *h, size_t n, int64_t gap,
    uint32_t *chain, struct scan_chain *open)
{
	size_t i, k, nopen = 0, best;
	uint32_t off, apart, chains = 0;

	for (i = 0; i < n; i++) {
		off = (h[i].place - (uint32_t)h[i].kgram) &
		    (uint32_t)INDEX_FP_PLACE;
		best = SIZE_MAX;
		for (k = 0; k < nopen; ) {
			if (h[i].kgram - open[k].last > gap) {
				open[k] = open[--nopen];	/* ended */
				continue;
			}
			apart = place_apart(off, open[k].off);
			if (apart <= SCAN_PLACE_SLACK && (best == SIZE_MAX ||
			    apart < place_apart(off, open[best].off)))
				best = k;
			k++;
		}
		if (best == SIZE_MAX) {
			best = nopen++;
			open[best].id = chains++;
		}
		open[best].last = h[i].kgram;
		open[best].off = off;
		chain[i] = open[best].id;
	}
	return chains;
}

static int
cmp_span(const void *a, const void *b)
{
	const int64_t *x = a, *y = b;

	return x[0] < y[0] ? -1 : x[0] > y[0];
}

/* Sort the n spans and merge those that overlap.  Returns how many are
** left. */
static size_t
merge_spans(int64_t (*spans)[2], size_t n)
{
	size_t i, o;

	if (n > 1)
		qsort(spans, n, sizeof(*spans), cmp_span);
	for (i = o = 0; i < n; i++) {
		if (o > 0 && spans[i][0] <= spans[o - 1][1]) {
			if (spans[i][1] > spans[o - 1][1])
				spans[o - 1][1] = spans[i][1];
		} else {
			spans[o][0] = spans[i][0];
			spans[o++][1] = spans[i][1];
		}
	}
	return o;
}

/* Measure the unbroken runs of the chain c[0..n): hits in the same place
** against the text, at most K k-grams apart.  A word changed between two
** hits changes the K k-grams that hold it, so they would lie K + 1 or
** more apart; closer hits were only kept apart by k-grams that the post's
** window did not select (at most W_INDEX apart: winnow.h) or that are
** common phrases.  Sets *longest to the longest run's words and returns
** the words of all of them. */
static int64_t
chain_runs(const struct scan_hit *c, size_t n, int64_t *longest)
{
	int64_t total = 0, words;
	size_t k, from = 0;

	*longest = 0;
	for (k = 1; k <= n; k++) {
		if (k < n && c[k].kgram - c[k - 1].kgram <= WINNOW_K &&
		    ((c[k].place - c[k - 1].place) & INDEX_FP_PLACE) ==
		    ((uint64_t)(c[k].kgram - c[k - 1].kgram) &
		    INDEX_FP_PLACE))
			continue;
		/* the run c[from..k) ends */
		words = c[k - 1].kgram - c[from].kgram + WINNOW_K;
		total += words;
		if (words > *longest)
			*longest = words;
		from = k;
	}
	return total;
}

/* Is the chain c[0..n) (one post's, in text order) evidence?  fps is room
** for n fingerprints. */
static int
chain_is_evidence(const struct scanner *s, const struct scan_hit *c,
    size_t n, uint64_t *fps)
{
	int64_t longest, total;
	size_t k, d, own;

	if (c[n - 1].kgram - c[0].kgram + WINNOW_K < s->min_words)
		return 0;
	/* the fingerprints that this post alone holds are the evidence;
	** those it shares with other posts (a stock phrase, a signature)
	** only in a long run, as a post written twice has */
	for (k = 0, own = 0; k < n; k++)
		if (c[k].df == 1)
			fps[own++] = c[k].fp;
	own = distinct(fps, own);
	for (k = 0; k < n; k++)
		fps[k] = c[k].fp;
	d = distinct(fps, n);
	if (d < (size_t)s->min_fps || (own < (size_t)s->min_fps &&
	    d < SCAN_SHARED_FPS))
		return 0;
	if (d >= SCAN_SHARED_FPS)
		return 1;
	/* a short passage is evidence when one run of it is unbroken, or
	** its runs together are twice that long: the same sentence of the
	** genre written again with one word of its own ("let him know" for
	** "let her know") is two runs, each shorter than min_words */
	total = chain_runs(c, n, &longest);
	return longest >= s->min_words || total >= 2 * (int64_t)s->min_words;
}

/* Judge the hits h[0..n) of one post, in text order, appending a match
** to *out when one of its chains (chain_hits) has enough evidence.
** Returns 0 or -1 (no memory). */
static int
judge_post(struct scanner *s, const struct scan_hit *h, size_t n,
    struct scan_match **out, size_t *nout)
{
	const struct index_post *ip = delta_post_of(s->ix, s->delta,
	    h[0].post);
	/* a copied passage's selected k-grams lie at most W apart, or
	** W + K where one word was changed: hits further apart are two
	** things that happen to share phrases with the post */
	int64_t gap = 2 * (WINNOW_W_SCAN + WINNOW_K);
	uint64_t *fps, *all;
	int64_t (*spans)[2];
	size_t i, j, k, nall = 0, nspans = 0, *end = NULL;
	uint32_t *chain = NULL, nchains, ci;
	struct scan_chain *open = NULL;
	struct scan_hit *c = NULL;
	struct scan_match *m;

	if (n < (size_t)s->min_fps)
		return 0;	/* too few hits to be evidence at all */
	fps = malloc(n * sizeof(uint64_t));
	all = malloc(n * sizeof(uint64_t));
	spans = malloc(n * sizeof(*spans));
	chain = malloc(n * sizeof(*chain));
	open = malloc(n * sizeof(*open));
	c = malloc(n * sizeof(*c));
	if (fps == NULL || all == NULL || spans == NULL || chain == NULL ||
	    open == NULL || c == NULL)
		goto nomem;
	/* the hits chain by chain, each in text order: chain ci ends at
	** end[ci] */
	nchains = chain_hits(h, n, gap, chain, open);
	if ((end = calloc((size_t)nchains + 1, sizeof(*end))) == NULL)
		goto nomem;
	for (i = 0; i < n; i++)
		end[chain[i] + 1]++;
	for (ci = 0; ci < nchains; ci++)
		end[ci + 1] += end[ci];
	for (i = 0; i < n; i++)
		c[end[chain[i]]++] = h[i];
	for (ci = 0, i = 0; ci < nchains; ci++, i = j) {
		j = end[ci];
		if (!chain_is_evidence(s, c + i, j - i, fps))
			continue;
		for (k = i; k < j; k++) {
			all[nall++] = c[k].fp;
			/* one span per run of selected k-grams that overlap or
			** nearly touch, as a copied passage's do */
			if (k > i && c[k].kgram - c[k - 1].kgram <=
			    WINNOW_W_SCAN + WINNOW_K - 1) {
				if (c[k].end > spans[nspans - 1][1])
					spans[nspans - 1][1] = c[k].end;
			} else {
				spans[nspans][0] = c[k].start;
				spans[nspans][1] = c[k].end;
				nspans++;
			}
		}
	}
	free(fps);
	free(chain);
	free(open);
	free(c);
	free(end);
	if (nall == 0) {
		free(all);
		free(spans);
		return 0;
	}
	m = realloc(*out, (*nout + 1) * sizeof(**out));
	if (m == NULL) {
		free(all);
		free(spans);
		return -1;
	}
	*out = m;
	m = &m[(*nout)++];
	m->post = h[0].post;
	m->post_id = ip->post_id;
	m->fps = (uint32_t)distinct(all, nall);
	m->coverage = ip->nfps ? (double)m->fps / ip->nfps : 0;
	if (m->coverage > 1)
		m->coverage = 1;
	m->spans = spans;
	m->nspans = merge_spans(spans, nspans);
	free(all);
	return 0;
nomem:
	free(fps);
	free(all);
	free(spans);
	free(chain);
	free(open);
	free(c);
	free(end);
	return -1;
}

/* End the text and take every lookup through its stages: all hits are
** then in s->hits. */
static void
scanner_drain(struct scanner *s)
{
	norm_finish(&s->norm);
	winnow_finish(&s->win);
	while (s->npending || s->nfilterq || s->nbucketq || s->nentryq ||
	    s->naroundq)		/* through every stage */
		lookup_step(s);
}

/* Judge the hits of s, sorted by post and k-gram, post by post.  Returns
** 0 with the matches in *out (empty on entry), or -1 (no memory). */
static int
judge_all(struct scanner *s, struct scan_match **out, size_t *n)
{
	size_t i, j;

	for (i = 0; i < s->nhits; i = j) {
		for (j = i + 1; j < s->nhits && s->hits[j].post ==
		    s->hits[i].post; j++)
			;
		if (judge_post(s, s->hits + i, j - i, out, n) != 0) {
			scan_matches_free(*out, *n);
			*out = NULL;
			*n = 0;
			return -1;
		}
	}
	return 0;
}

/* End the source and judge every post it touched.  Returns 0 with the
** matches in *out (free with scan_matches_free), or -1 (no memory). */
int
scanner_finish(struct scanner *s, struct scan_match **out, size_t *n)
{
	*out = NULL;
	*n = 0;
	scanner_drain(s);
	if (sort_hits(s) != 0)
		return -1;
	return judge_all(s, out, n);
}

/* Free matches from scanner_finish. */
void
scan_matches_free(struct scan_match *m, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++)
		free(m[i].spans);
	free(m);
}

/* Free a scanner's hits. */
void
scanner_free(struct scanner *s)
{
	free(s->hits);
	s->hits = NULL;
	s->nhits = s->cap = 0;
}

/* ---------------------------------------------------------------- */
/* One large text, scanned in parts side by side.                   */

/* A part of the text: the bytes [from, to) are fed to its scanner, of
** which [own, own_end) are its own; the rest is read so that it starts and
** ends as one scan of the whole text would (SCAN_PART_OVERLAP).  Words do
** not cross white space, so every boundary is just after a space or a
** line break. */
struct scan_part {
	struct scanner s;
	const char *text;
	size_t from, own, own_end, to;
	int64_t pre_chars;	/* characters in [from, own) */
	int64_t own_chars;	/* characters in [own, own_end) */
	int repair;		/* text is a file's bytes: UTF-8 repaired */
	int fd;			/* read them from this file, or -1 */
	int failed;		/* it could not be read: errno, or 0 */
	off_t base;		/* where text[0] is in it */
	/* its own hits go to groups (scan_text_parts): how many to each,
	** then where the next goes; and the whole text's k-gram and
	** character numbers where the part's text begins */
	struct judge_group *groups;
	size_t ngroups, *gcount;
	int64_t base_kgram, base_char;
};

/* Hits of neighbouring posts, judged side by side with other groups. */
struct judge_group {
	struct scanner s;
	struct scan_match *m;
	size_t nm;
	int rc;
};

/* The first offset at or after i just past a space or a line break, or n. */
static size_t
boundary_after(const char *t, size_t n, size_t i)
{
	for (; i < n; i++)
		if (i > 0 && (t[i - 1] == ' ' || t[i - 1] == '\n'))
			return i;
	return n;
}

/* The last offset at or before i just past a space or a line break, or 0. */
static size_t
boundary_before(const char *t, size_t i)
{
	for (; i > 0; i--)
		if (t[i - 1] == ' ' || t[i - 1] == '\n')
			return i;
	return 0;
}

/* A word of a part: counted as before its own text, or in it, then
** winnowed.  A word is handed on at the character after it, and a part's
** own text begins and ends just after white space, so a word is counted
** with the piece it lies in. */
static void
part_word(void *ctx, uint64_t hash, int64_t start, int64_t end)
{
	struct scanner *s = ctx;

	if (s->own_phase == 0)
		s->pre_words++;
	else if (s->own_phase == 1)
		s->own_words++;
	winnow_word(&s->win, hash, start, end);
}

/* Feed p->text[from, to) to the part's scanner, as valid UTF-8.  A
** piece ends just after white space or at the end of the text, so no
** character is split between two. */
static void
part_feed(struct scan_part *p, size_t from, size_t to)
{
	struct extract_utf8 u = { .npend = 0 };
	char buf[EXTRACT_CHUNK];
	ssize_t got;
	size_t want;

	if (!p->repair) {
		scanner_feed(&p->s, p->text + from, to - from);
		return;
	}
	if (p->fd < 0) {
		extract_utf8_repair(&u, p->text + from, to - from,
		    scanner_feed, &p->s);
	} else {
		/* read, not the mapping: page faults of threads of one
		** process wait on each other */
		for (; from < to; from += (size_t)got) {
			want = to - from < sizeof(buf) ? to - from : sizeof(buf);
			got = pread(p->fd, buf, want, p->base + (off_t)from);
			if (got <= 0) {
				p->failed = got < 0 ? errno : EIO;
				break;
			}
			extract_utf8_repair(&u, buf, (size_t)got, scanner_feed,
			    &p->s);
		}
	}
	extract_utf8_finish(&u, scanner_feed, &p->s);
}

/* Scan one part. */
static void
part_scan(struct scan_part *p)
{
	struct scanner *s = &p->s;

	norm_init(&s->norm, part_word, s);
	s->own_phase = 0;
	part_feed(p, p->from, p->own);
	p->pre_chars = s->norm.pos;
	s->own_phase = 1;
	part_feed(p, p->own, p->own_end);
	p->own_chars = s->norm.pos - p->pre_chars;
	s->own_phase = 2;
	part_feed(p, p->own_end, p->to);
	scanner_drain(s);
}

/* Work shared by the workers of one text: items 0 to n - 1, each done by
** one call of fn, taken in turn. */
struct work_queue {
	void (*fn)(void *items, size_t i);
	void *items;
	size_t n, next;
	pthread_mutex_t mu;
};

static void *
work_worker(void *arg)
{
	struct work_queue *q = arg;
	size_t i;

	for (;;) {
		pthread_mutex_lock(&q->mu);
		i = q->next++;
		pthread_mutex_unlock(&q->mu);
		if (i >= q->n)
			return NULL;
		q->fn(q->items, i);
	}
}

/* Do items 0 to n - 1 of items with fn, by up to workers threads (this
** one included); with fewer when no thread can be started. */
static void
work_run(void (*fn)(void *, size_t), void *items, size_t n, int workers)
{
	struct work_queue q = { fn, items, n, 0, PTHREAD_MUTEX_INITIALIZER };
	pthread_t tids[SCAN_MAX_JOBS];
	int started, i;

	for (started = 1; started < workers && (size_t)started < n;
	    started++)
		if (pthread_create(&tids[started], NULL, work_worker, &q) != 0)
			break;		/* fewer workers do it all */
	work_worker(&q);
	for (i = 1; i < started; i++)
		pthread_join(tids[i], NULL);
	pthread_mutex_destroy(&q.mu);
}

/* Is hit h, of part p, a k-gram of p's own text?  A k-gram of the
** neighbours' text is theirs: they find it as one scan would, and with
** parts smaller than their overlaps each hit would come many times. */
static inline int
part_owns(const struct scan_part *p, const struct scan_hit *h)
{
	return h->kgram >= p->s.pre_words && h->kgram < p->s.pre_words +
	    p->s.own_words;
}

/* The group of post (of nposts) when hits are judged in ngroups groups
** of neighbouring posts. */
static inline size_t
group_of(uint32_t post, uint32_t nposts, size_t ngroups)
{
	return (size_t)((uint64_t)post * ngroups / nposts);
}

/* Scan part i, and count its own hits by the group of their post. */
static void
part_job(void *items, size_t i)
{
	struct scan_part *p = (struct scan_part *)items + i;
	size_t k;

	part_scan(p);
	for (k = 0; k < p->s.nhits; k++)
		if (part_owns(p, &p->s.hits[k]))
			p->gcount[group_of(p->s.hits[k].post,
			    p->s.ix->nposts, p->ngroups)]++;
}

/* Copy part i's own hits into their groups (from the offsets in gcount),
** in the whole text's k-grams and characters. */
static void
scatter_job(void *items, size_t i)
{
	struct scan_part *p = (struct scan_part *)items + i;
	size_t k, g;

	for (k = 0; k < p->s.nhits; k++) {
		struct scan_hit h = p->s.hits[k];
		if (!part_owns(p, &h))
			continue;
		g = group_of(h.post, p->s.ix->nposts, p->ngroups);
		h.kgram += p->base_kgram;
		h.start += p->base_char;
		h.end += p->base_char;
		p->groups[g].s.hits[p->gcount[g]++] = h;
	}
}

/* Sort and judge the hits of group i. */
static void
judge_job(void *items, size_t i)
{
	struct judge_group *g = (struct judge_group *)items + i;

	/* in text order but for the hits looked up around others: sorted
	** as one scanner's are */
	g->s.in_order = 0;
	g->rc = sort_hits(&g->s) != 0 ? -1 : judge_all(&g->s, &g->m, &g->nm);
}

/* Scan text[0..n), valid UTF-8, in parts by up to workers threads side
** by side, and judge it as one: the same matches as scanner_finish after
** feeding the whole text to one scanner (but for a rare passage whose
** lookups around hits, followed back hit by hit, reach the start of the
** winnow's ring at another moment, so that it keeps a k-gram more or
** less at one end: see docs/detection.md).  Each part keeps the hits of the
** k-grams that begin in its own text (a k-gram's number is its first
** word's), renumbered into the whole text's k-grams and characters; they
** are then sorted and judged in groups of neighbouring posts, side by side
** too, and the groups' matches put one after another.  Sets
** *partial when a part matched so often that hits were dropped.  With fd
** not -1, text is fd's bytes from base on, mapped, and they are read from
** fd (not the mapping) and repaired as extract.h reads a text file.
** Returns 0 with the matches in *out, -1 (no memory) or -2 (fd could
** not be read; errno says why). */
int
scan_text_parts(const struct fpindex *ix, const char *text, size_t n,
    int fd, off_t base, int workers, int min_fps, int min_words,
    struct scan_match **out, size_t *nout, int *partial)
{
	struct scan_part *pt;
	struct judge_group *gr = NULL;
	size_t i, g, np = 0, ng, nm = 0, at, *counts = NULL, sum;
	int64_t words = 0, chars = 0;
	int rc = 0, parts;

	*out = NULL;
	*nout = 0;
	*partial = 0;
	if (workers < 1)
		workers = 1;
	if (workers > SCAN_MAX_JOBS)
		workers = SCAN_MAX_JOBS;
	/* more parts than workers, so that one slowed down holds up the
	** rest a little only; the hits are then judged in groups of
	** neighbouring posts, also side by side */
	parts = workers == 1 ? 1 : workers * SCAN_PARTS_PER_WORKER;
	ng = ix->nposts == 0 || workers == 1 ? 1 : (size_t)workers * 4;
	if (ng > SCAN_MAX_GROUPS)
		ng = SCAN_MAX_GROUPS;	/* each holds a scanner */
	pt = calloc((size_t)parts, sizeof(*pt));
	gr = calloc(ng, sizeof(*gr));
	counts = calloc((size_t)parts * ng, sizeof(*counts));
	if (pt == NULL || gr == NULL || counts == NULL) {
		free(pt);
		free(gr);
		free(counts);
		return -1;
	}
	for (at = 0; at < n && np < (size_t)parts; np++) {
		struct scan_part *p = &pt[np];
		size_t end = np + 1 == (size_t)parts ? n :
		    boundary_after(text, n, n / (size_t)parts * (np + 1));
		if (end <= at)
			end = boundary_after(text, n, at + 1);
		p->text = text;
		p->repair = fd >= 0;
		p->fd = fd;
		p->base = base;
		p->own = at;
		p->own_end = end;
		p->from = p->own > SCAN_PART_OVERLAP ? boundary_before(text,
		    p->own - SCAN_PART_OVERLAP) : 0;
		p->to = n - end > SCAN_PART_OVERLAP ? boundary_after(text, n,
		    end + SCAN_PART_OVERLAP) : n;
		p->groups = gr;
		p->ngroups = ng;
		p->gcount = counts + np * ng;
		scanner_init(&p->s, ix, NULL, min_fps, min_words);
		at = end;
	}
	for (g = 0; g < ng; g++)
		scanner_init(&gr[g].s, ix, NULL, min_fps, min_words);
	work_run(part_job, pt, np, workers);

	/* where each part's text begins in the whole text's numbers, and
	** where its hits go in each group */
	for (i = 0; i < np; i++) {
		*partial |= pt[i].s.overflow;
		if (pt[i].failed) {
			errno = pt[i].failed;
			rc = -2;
		}
		pt[i].base_kgram = words - pt[i].s.pre_words;
		pt[i].base_char = chars - pt[i].pre_chars;
		words += pt[i].s.own_words;
		chars += pt[i].own_chars;
	}
	for (g = 0; g < ng && rc == 0; g++) {
		for (i = 0, sum = 0; i < np; i++) {
			size_t c = pt[i].gcount[g];
			pt[i].gcount[g] = sum;
			sum += c;
		}
		gr[g].s.nhits = gr[g].s.cap = sum;
		if (sum && (gr[g].s.hits = malloc(sum *
		    sizeof(struct scan_hit))) == NULL)
			rc = -1;
	}
	if (rc == 0) {
		work_run(scatter_job, pt, np, workers);
		for (i = 0; i < np; i++)
			scanner_free(&pt[i].s);
		work_run(judge_job, gr, ng, workers);
	}
	/* the groups' matches in post order, as one scanner's */
	for (g = 0; g < ng; g++)
		nm += gr[g].nm;
	for (g = 0; g < ng && rc == 0; g++)
		rc = gr[g].rc;
	if (rc == 0 && nm && (*out = malloc(nm * sizeof(**out))) == NULL)
		rc = -1;
	for (g = 0; g < ng; g++) {
		if (rc == 0 && gr[g].nm) {
			memcpy(*out + *nout, gr[g].m, gr[g].nm *
			    sizeof(**out));
			*nout += gr[g].nm;
			free(gr[g].m);
		} else {
			scan_matches_free(gr[g].m, gr[g].nm);
		}
		scanner_free(&gr[g].s);
	}
	for (i = 0; i < np; i++)
		scanner_free(&pt[i].s);
	free(pt);
	free(gr);
	free(counts);
	return rc;
}

struct scan_run {
	const struct fpindex *ix;
	struct db *db;		/* names the posts found; NULL with --index */
	const struct gate *gate;	/* reads copy marks; NULL with --index */
	struct extract_opts xo;
	int json, min_fps, min_words, stats;
	int parts;		/* workers for one large source */
	double threshold;
	int leaked, errors;
	uint64_t bytes;
};

static const char *kind_names[] = { "text", "html", "json", "image" };

/* Where a match in a WARC file was found: its record (page).  The
** strings are printable ASCII (see printable_field). */
struct scan_where {
	uint64_t number;	/* the record's number in the file */
	char *uri;		/* WARC-Target-URI, or "" */
	char *id;		/* WARC-Record-ID, or "" */
};

/* What scanning one source found, until it is printed. */
struct scan_result {
	const char *source;
	enum extract_kind kind;
	int rc;			/* 0, or -1 with err */
	char err[ERR_MAX];
	struct scan_match *m;
	size_t n;
	uint64_t bytes;
	struct copymark_reader *marks;	/* when run->gate; else NULL */
	int done;		/* scanned (see struct scan_pool) */
	int warc;		/* a WARC file: each page judged on its own */
	uint64_t records;	/* its pages (conversion records) judged */
	struct scan_where *where;	/* of each of m, for a WARC file */
};

/* The text of a source, to the scanner and to the copy-mark reader. */
struct both {
	struct scanner *s;
	struct copymark_reader *marks;
};

static int
both_sink(void *ctx, const char *text, size_t n)
{
	struct both *b = ctx;

	if (b->marks)
		copymark_reader_feed(b->marks, text, n);
	return scanner_feed(b->s, text, n);
}

/* Text gathered whole (an extract_sink), to be scanned in parts. */
struct text_buf {
	char *p;
	size_t n, cap;
	int nomem;
};

static int
buf_sink(void *ctx, const char *text, size_t n)
{
	struct text_buf *b = ctx;
	char *q;
	size_t cap;

	if (b->n + n > b->cap) {
		for (cap = b->cap ? b->cap : SCAN_SPLIT_MIN; cap < b->n + n;)
			cap *= 2;
		if ((q = realloc(b->p, cap)) == NULL) {
			b->nomem = 1;
			return 1;
		}
		b->p = q;
		b->cap = cap;
	}
	memcpy(b->p + b->n, text, n);
	b->n += n;
	return 0;
}

/* Scan a large file, r->source, of size bytes, in run->parts parts side
** by side.  Plain text is read where it lies, mapped; other kinds are
** extracted whole first. */
static void
scan_source_parts(const struct scan_run *run, struct scan_result *r,
    size_t size)
{
	struct text_buf b = { 0 };
	struct extract_opts xo;
	size_t bom;
	int partial = 0, fd = -1, rc;
	void *map = MAP_FAILED;

	extract_opts_resolve(&run->xo, &xo);
	if (size <= xo.max_bytes && (fd = open(r->source, O_RDONLY |
	    O_CLOEXEC)) >= 0) {
		map = mmap(NULL, size, PROT_READ, MAP_PRIVATE, fd, 0);
		if (map == MAP_FAILED)
			close(fd);
	}
	if (map != MAP_FAILED && extract_sniff(map, size, &bom) ==
	    EXTRACT_TEXT) {
		r->kind = EXTRACT_TEXT;
		r->rc = 0;
		rc = scan_text_parts(run->ix, (const char *)map + bom,
		    size - bom, fd, (off_t)bom, run->parts, run->min_fps,
		    run->min_words, &r->m, &r->n, &partial);
		b.n = size - bom;
		if (r->marks)
			copymark_reader_feed(r->marks, (const char *)map + bom,
			    size - bom);
	} else {
		/* room for the text as it is (repairs and escapes may change
		** it), unless it is too large to be extracted at all */
		b.cap = (size < xo.max_bytes ? size : xo.max_bytes) + 4096;
		if ((b.p = malloc(b.cap)) == NULL)
			b.cap = 0;
		r->rc = extract_source(r->source, &run->xo, buf_sink, &b,
		    &r->kind, r->err);
		rc = b.nomem ? -1 : scan_text_parts(run->ix, b.p, b.n, -1, 0,
		    b.n >= SCAN_SPLIT_MIN ? run->parts : 1, run->min_fps,
		    run->min_words, &r->m, &r->n, &partial);
		if (r->marks && b.p)
			copymark_reader_feed(r->marks, b.p, b.n);
	}
	if (rc == -2) {
		r->rc = -1;
		err_set(r->err, "%s: cannot read: %s", r->source,
		    strerror(errno));
	} else if (rc != 0) {
		r->rc = -1;
		err_set(r->err, "%s: out of memory", r->source);
	} else if (partial) {
		r->rc = -1;
		err_set(r->err, "%s: matched so often that part of it was not "
		    "judged (a partial scan)", r->source);
	}
	r->bytes = b.n;
	if (map != MAP_FAILED) {
		munmap(map, size);
		close(fd);
	}
	free(b.p);
}

/* ---------------------------------------------------------------- */
/* WARC files: each page (conversion record) judged on its own.      */

/* A copy of a WARC header value that is safe to print on a terminal and
** to put in JSON: bytes that cannot stand in a URI as they are (controls,
** space, DEL, anything not ASCII, so invalid UTF-8 too) are written as
** %XX, as a URI escapes them.  NULL when out of memory; the caller frees
** it. */
static char *
printable_field(const char *v)
{
	static const char hex[] = "0123456789ABCDEF";
	const unsigned char *u;
	size_t n = 0;
	char *out, *o;

	for (u = (const unsigned char *)v; *u; u++)
		n += *u <= ' ' || *u >= 0x7f ? 3 : 1;
	if ((out = malloc(n + 1)) == NULL)
		return NULL;
	for (o = out, u = (const unsigned char *)v; *u; u++) {
		if (*u <= ' ' || *u >= 0x7f) {
			*o++ = '%';
			*o++ = hex[*u >> 4];
			*o++ = hex[*u & 15];
		} else {
			*o++ = (char)*u;
		}
	}
	*o = '\0';
	return out;
}

/* Free the places of r's matches. */
static void
where_free(struct scan_result *r)
{
	size_t i;

	if (r->where == NULL)
		return;
	for (i = 0; i < r->n; i++) {
		free(r->where[i].uri);
		free(r->where[i].id);
	}
	free(r->where);
	r->where = NULL;
}

/* Scanning one WARC file: the page being read, and what is found. */
struct page_scan {
	const struct scan_run *run;
	struct scan_result *r;
	struct scanner s;
	struct extract_utf8 u;
	int active;		/* s is reading a page */
	uint64_t number;	/* its record's number */
	char *uri, *id;		/* its record's, printable */
	int nomem;
	uint64_t partial;	/* pages with too many hits to judge whole */
};

/* The repaired text of a page, to its scanner and the copy-mark reader
** (an extract_put). */
static int
page_put(void *arg, const char *p, size_t n)
{
	struct page_scan *w = arg;

	if (w->r->marks)
		copymark_reader_feed(w->r->marks, p, n);
	return scanner_feed(&w->s, p, n);
}

/* Judge the page just read and keep its matches, each with its place.
** Returns 0, or 1 when out of memory (the file is not read further). */
static int
page_judge(struct page_scan *w)
{
	struct scan_result *r = w->r;
	struct scan_match *m = NULL, *grown;
	struct scan_where *wgrown;
	size_t n = 0, i;
	int rc = 0;

	extract_utf8_finish(&w->u, page_put, w);
	w->active = 0;
	r->records++;
	r->bytes += w->s.bytes;
	if (scanner_finish(&w->s, &m, &n) != 0)
		goto nomem;
	w->partial += w->s.overflow != 0;
	if (n > 0) {
		if ((grown = realloc(r->m, (r->n + n) * sizeof(*r->m))) == NULL)
			goto nomem;
		r->m = grown;
		if ((wgrown = realloc(r->where, (r->n + n) * sizeof(*r->where))) == NULL)
			goto nomem;
		r->where = wgrown;
		for (i = 0; i < n; i++) {
			r->where[r->n].number = w->number;
			r->where[r->n].uri = strdup(w->uri);
			r->where[r->n].id = strdup(w->id);
			r->m[r->n++] = m[i];
			if (r->where[r->n - 1].uri == NULL ||
			    r->where[r->n - 1].id == NULL)
				w->nomem = rc = 1;
		}
		free(m);	/* the spans moved into r->m */
		m = NULL;
	}
	scanner_free(&w->s);
	return rc;
nomem:
	scan_matches_free(m, n);
	scanner_free(&w->s);
	w->nomem = 1;
	return 1;
}

/* A record's header was read: a conversion record (a page's text) is
** scanned; any other (warcinfo, request, response, metadata...) is
** skipped.  A warc_handler's begin. */
static int
page_begin(void *ctx, const struct warc_record *rec)
{
	struct page_scan *w = ctx;

	if (strcmp(rec->type, "conversion") != 0)
		return 0;
	free(w->uri);
	free(w->id);
	w->uri = printable_field(rec->uri);
	w->id = printable_field(rec->id);
	if (w->uri == NULL || w->id == NULL) {
		w->nomem = 1;
		return -1;
	}
	w->number = rec->number;
	scanner_init(&w->s, w->run->ix, NULL, w->run->min_fps,
	    w->run->min_words);
	memset(&w->u, 0, sizeof(w->u));
	w->active = 1;
	return 1;
}

/* The next bytes of a page's text (a warc_handler's block). */
static int
page_text(void *ctx, const char *p, size_t n)
{
	struct page_scan *w = ctx;

	return extract_utf8_repair(&w->u, p, n, page_put, w) != 0;
}

/* A page's text is over (a warc_handler's end). */
static int
page_end(void *ctx, const struct warc_record *rec)
{
	(void)rec;
	return page_judge(ctx);
}

/* Scan the WARC file r->source page by page, one after the other (the
** workers of --jobs take whole files).  A file that breaks off or turns
** malformed is an error, and keeps what the pages read before it found;
** the page being read when it broke off is judged on the text that came
** (warc.c says how much of a damaged gzip file is read). */
static void
scan_source_warc(const struct scan_run *run, struct scan_result *r)
{
	static const struct warc_handler h = { page_begin, page_text, page_end };
	struct page_scan w;
	int rc;

	memset(&w, 0, sizeof(w));
	w.run = run;
	w.r = r;
	r->warc = 1;
	r->kind = EXTRACT_TEXT;
	rc = warc_read_file(r->source, 0, &h, &w, r->err);
	if (w.active)
		page_judge(&w);
	free(w.uri);
	free(w.id);
	r->rc = rc < 0 ? -1 : 0;
	if (w.nomem) {
		r->rc = -1;
		err_set(r->err, "%s: out of memory", r->source);
	} else if (r->rc == 0 && w.partial > 0) {
		r->rc = -1;
		err_set(r->err, "%s: %llu page%s matched so often that only the "
		    "first part was judged (a partial scan)", r->source,
		    (unsigned long long)w.partial, w.partial == 1 ? "" : "s");
	}
}

/* Scan r->source into r.  Touches nothing shared but the index, which it
** only reads, so workers may run it side by side. */
static void
scan_source(const struct scan_run *run, struct scan_result *r)
{
	struct scanner s;
	struct stat st;
	struct both both;

	r->kind = EXTRACT_TEXT;
	r->err[0] = '\0';
	r->m = NULL;
	r->n = 0;
	r->marks = NULL;
	if (run->gate && (r->marks = malloc(sizeof(*r->marks))) != NULL)
		copymark_reader_init(r->marks);
	r->warc = 0;
	r->records = 0;
	r->where = NULL;
	if (strcmp(r->source, "-") != 0 && warc_is_warc_file(r->source)) {
		scan_source_warc(run, r);
		return;
	}
	if (run->parts > 1 && stat(r->source, &st) == 0 &&
	    S_ISREG(st.st_mode) && (size_t)st.st_size >= SCAN_SPLIT_MIN) {
		scan_source_parts(run, r, (size_t)st.st_size);
		return;
	}
	scanner_init(&s, run->ix, NULL, run->min_fps, run->min_words);
	both.s = &s;
	both.marks = r->marks;
	r->rc = extract_source(r->source, &run->xo, both_sink, &both,
	    &r->kind, r->err);
	if (scanner_finish(&s, &r->m, &r->n) != 0) {
		r->rc = -1;
		err_set(r->err, "out of memory");
	} else if (s.overflow) {
		r->rc = -1;
		err_set(r->err, "%s: matched so often that only its first part "
		    "was judged (a partial scan)", r->source);
	}
	r->bytes = s.bytes;
	scanner_free(&s);
}

/* The accounts that r's copy marks name, as [{account, marks}] (NULL when
** none), and free the reader.  Marks are verified with the community's
** key: one that does not verify names no one. */
static json_t *
take_marks(struct scan_run *run, struct scan_result *r)
{
	struct copymark_reader *cm = r->marks;
	json_t *arr = NULL;
	struct user u;
	int64_t account;
	size_t i;

	r->marks = NULL;
	if (cm == NULL)
		return NULL;
	copymark_reader_finish(cm);
	for (i = 0; i < cm->ncodes; i++) {
		if (!copymark_verify(run->gate, cm->codes[i], &account))
			continue;
		if (arr == NULL)
			arr = json_array();
		json_array_append_new(arr, json_pack("{s:s, s:I, s:i}",
		    "account", accounts_user_by_id(run->db, account, &u) == 1 ?
		    u.name : "(an account since removed)", "account_id",
		    (json_int_t)account, "marks", (int)cm->counts[i]));
	}
	free(cm);
	return arr;
}

/* Print the result of one source, count it in run, and free its matches.
** Names come from the database, which only this (the main) thread uses.
** A WARC file's matches name their page (uri, record) too, and its line
** says how many pages were judged (records). */
static void
print_result(struct scan_run *run, struct scan_result *r)
{
	const char *source = r->source, *err = r->err;
	struct scan_match *m = r->m;
	size_t n = r->n, i, k, shown = 0, pages = 0;
	uint64_t last_page = 0;
	json_t *o, *arr, *spans, *marks = take_marks(run, r);
	int rc = r->rc;

	run->bytes += r->bytes;
	if (marks)
		run->leaked = 1;
	if (rc != 0 && n == 0) {
		json_decref(marks);
		run->errors++;
		if (run->json) {
			o = json_pack("{s:s, s:b, s:s, s:[]}", "source", source,
			    "leaked", 0, "error", err, "matches");
			if (r->warc)	/* the pages read before the error */
				json_object_set_new(o, "records",
				    json_integer((json_int_t)r->records));
			json_dumpf(o, stdout, JSON_COMPACT);
			putchar('\n');
			json_decref(o);
		}
		fprintf(stderr, "sanctum: scan: %s\n", err);
		scan_matches_free(m, n);
		where_free(r);
		r->m = NULL;
		return;
	}
	arr = json_array();
	for (i = 0; i < n; i++) {
		json_t *e;
		if (m[i].coverage < run->threshold)
			continue;
		shown++;
		spans = json_array();
		for (k = 0; k < m[i].nspans; k++)
			json_array_append_new(spans, json_pack("[I, I]",
			    (json_int_t)m[i].spans[k][0],
			    (json_int_t)m[i].spans[k][1]));
		e = json_pack("{s:I, s:f, s:i, s:o}", "post",
		    (json_int_t)m[i].post_id, "coverage",
		    (double)((int)(m[i].coverage * 1000 + 0.5)) / 1000,
		    "fingerprints", (int)m[i].fps, "spans", spans);
		if (run->db)
			scan_add_names(run->db, m[i].post_id, e);
		if (r->where) {
			const struct scan_where *w = &r->where[i];
			json_object_set_new(e, "uri", json_string(w->uri ?
			    w->uri : ""));
			json_object_set_new(e, "record", json_string(w->id ?
			    w->id : ""));
			if (pages == 0 || w->number != last_page)
				pages++;
			last_page = w->number;
		}
		json_array_append_new(arr, e);
	}
	if (shown)
		run->leaked = 1;
	if (run->json) {
		o = json_pack("{s:s, s:s}", "source", source, "kind",
		    r->warc ? "warc" : kind_names[r->kind]);
		if (r->warc)
			json_object_set_new(o, "records",
			    json_integer((json_int_t)r->records));
		json_object_set_new(o, "leaked", json_boolean(shown > 0));
		json_object_set_new(o, "matches", arr);
		if (rc != 0)
			json_object_set_new(o, "error", json_string(err));
		if (marks)
			json_object_set(o, "copy_marks", marks);
		json_dumpf(o, stdout, JSON_COMPACT | JSON_REAL_PRECISION(4));
		putchar('\n');
		json_decref(o);
	} else {
		if (shown == 0 && marks)
			printf("%s: LEAK: copied from this community's pages\n",
			    source);
		else if (shown == 0 && r->warc)
			printf("%s: no post of this community found (%llu "
			    "page%s)\n", source, (unsigned long long)r->records,
			    r->records == 1 ? "" : "s");
		else if (shown == 0)
			printf("%s: no post of this community found\n", source);
		else if (r->warc)
			printf("%s: LEAK: posts of this community found in %zu "
			    "of %llu page%s\n", source, pages,
			    (unsigned long long)r->records, r->records == 1 ?
			    "" : "s");
		else
			printf("%s: LEAK: %zu post%s of this community found\n",
			    source, shown, shown == 1 ? "" : "s");
		for (i = 0; i < json_array_size(arr); i++) {
			json_t *e = json_array_get(arr, i);
			printf("  post %lld", (long long)json_integer_value(
			    json_object_get(e, "post")));
			if (json_object_get(e, "group"))
				printf(" in \"%s\" by %s%s", json_string_value(
				    json_object_get(e, "group")),
				    json_string_value(json_object_get(e,
				    "author")), json_is_true(json_object_get(e,
				    "anonymous")) ? " (posted anonymously)" : "");
			if (json_object_get(e, "uri"))
				printf(" at %s", json_string_value(
				    json_object_get(e, "uri"))[0] ?
				    json_string_value(json_object_get(e, "uri")) :
				    "(a page with no WARC-Target-URI)");
			printf(": %.0f%% of it, %zu passage%s\n",
			    json_real_value(json_object_get(e, "coverage")) *
			    100, json_array_size(json_object_get(e, "spans")),
			    json_array_size(json_object_get(e, "spans")) == 1 ?
			    "" : "s");
		}
		for (i = 0; i < json_array_size(marks); i++) {
			json_t *e = json_array_get(marks, i);
			printf("  copy marks: this text was shown to %s (%lld "
			    "mark%s)\n", json_string_value(json_object_get(e,
			    "account")), (long long)json_integer_value(
			    json_object_get(e, "marks")), json_integer_value(
			    json_object_get(e, "marks")) == 1 ? "" : "s");
		}
		if (rc != 0)
			fprintf(stderr, "sanctum: scan: %s (after part of it "
			    "was read)\n", err);
		json_decref(arr);
	}
	json_decref(marks);
	if (rc != 0)
		run->errors++;
	scan_matches_free(m, n);
	where_free(r);
	r->m = NULL;
	r->n = 0;
}

/* Scan one source and print its result. */
static void
scan_one(struct scan_run *run, const char *source)
{
	struct scan_result r;

	r.source = source;
	scan_source(run, &r);
	print_result(run, &r);
}

/* Sources scanned side by side by workers, printed in the order given,
** each as soon as it and those before it are done.  A worker starts a
** source only within window of the last printed, so memory holds the
** results of a few sources, however many there are. */
struct scan_pool {
	struct scan_run *run;
	struct scan_result *results;
	size_t n, next, printed, window;
	pthread_mutex_t mu;
	pthread_cond_t cv;
};

static void *
pool_worker(void *arg)
{
	struct scan_pool *p = arg;
	size_t i;

	for (;;) {
		pthread_mutex_lock(&p->mu);
		while (p->next < p->n && p->next >= p->printed + p->window)
			pthread_cond_wait(&p->cv, &p->mu);
		if (p->next >= p->n) {
			pthread_mutex_unlock(&p->mu);
			return NULL;
		}
		i = p->next++;
		pthread_mutex_unlock(&p->mu);
		scan_source(p->run, &p->results[i]);
		pthread_mutex_lock(&p->mu);
		p->results[i].done = 1;
		pthread_cond_broadcast(&p->cv);
		pthread_mutex_unlock(&p->mu);
	}
}

/* Scan sources[0..n) with jobs workers, printing in order.  Returns 0, or
** -1 when no worker could be started (nothing was scanned). */
static int
scan_pool_run(struct scan_run *run, char **sources, size_t n, int jobs)
{
	struct scan_pool p;
	pthread_t *tids;
	size_t i;
	int started = 0, k;

	memset(&p, 0, sizeof(p));
	p.run = run;
	p.n = n;
	p.window = (size_t)jobs * 4;
	p.results = calloc(n, sizeof(*p.results));
	tids = calloc((size_t)jobs, sizeof(*tids));
	if (p.results == NULL || tids == NULL) {
		free(p.results);
		free(tids);
		return -1;
	}
	for (i = 0; i < n; i++)
		p.results[i].source = sources[i];
	pthread_mutex_init(&p.mu, NULL);
	pthread_cond_init(&p.cv, NULL);
	for (k = 0; k < jobs; k++)
		if (pthread_create(&tids[k], NULL, pool_worker, &p) == 0)
			started++;
		else
			break;
	if (started == 0) {
		pthread_mutex_destroy(&p.mu);
		pthread_cond_destroy(&p.cv);
		free(p.results);
		free(tids);
		return -1;
	}
	for (i = 0; i < n; i++) {
		pthread_mutex_lock(&p.mu);
		while (!p.results[i].done)
			pthread_cond_wait(&p.cv, &p.mu);
		pthread_mutex_unlock(&p.mu);
		print_result(run, &p.results[i]);
		fflush(stdout);
		pthread_mutex_lock(&p.mu);
		p.printed = i + 1;
		pthread_cond_broadcast(&p.cv);
		pthread_mutex_unlock(&p.mu);
	}
	for (k = 0; k < started; k++)
		pthread_join(tids[k], NULL);
	pthread_mutex_destroy(&p.mu);
	pthread_cond_destroy(&p.cv);
	free(p.results);
	free(tids);
	return 0;
}

/* Add the group, author and anonymous flag of post id, read from db, to
** the JSON object of a match. */
void
scan_add_names(struct db *db, int64_t id, json_t *match)
{
	struct post_names pn;

	if (community_post_names(db, id, &pn) != 1)
		return;
	json_object_set_new(match, "group", json_string(pn.group));
	json_object_set_new(match, "author", json_string(pn.author));
	json_object_set_new(match, "anonymous", json_boolean(pn.anonymous));
	community_post_names_free(&pn);
}

/* The sources of one scan, directories walked into their files. */
struct source_list {
	char **v;
	size_t n, cap;
	int nomem;
};

/* Add path to the list ctx (also extract_walk's callback).  Returns 0,
** or 1 (stop) when out of memory. */
static int
add_source(void *ctx, const char *path)
{
	struct source_list *l = ctx;
	char **v, *copy;

	if (l->n == l->cap) {
		size_t ncap = l->cap ? l->cap * 2 : 64;
		if ((v = realloc(l->v, ncap * sizeof(*v))) == NULL) {
			l->nomem = 1;
			return 1;
		}
		l->v = v;
		l->cap = ncap;
	}
	if ((copy = strdup(path)) == NULL) {
		l->nomem = 1;
		return 1;
	}
	l->v[l->n++] = copy;
	return 0;
}

/* How many workers scan by default: one per core online. */
static int
default_jobs(void)
{
	long n = sysconf(_SC_NPROCESSORS_ONLN);

	return n < 1 ? 1 : n > SCAN_MAX_JOBS ? SCAN_MAX_JOBS : (int)n;
}

/* sanctum scan [--json] [--threshold X] [--index FILE [--index-private]]
** [--lang L] [--min-fps N] [--min-words N] [--jobs N] [--stats]
** SOURCE... */
int
scan_cmd(struct cli *c, int argc, char **argv)
{
	static const struct option opts[] = {
		{ "json", no_argument, NULL, 'j' },
		{ "threshold", required_argument, NULL, 't' },
		{ "index", required_argument, NULL, 'i' },
		{ "index-private", no_argument, NULL, 'p' },
		{ "lang", required_argument, NULL, 'l' },
		{ "min-fps", required_argument, NULL, 'f' },
		{ "min-words", required_argument, NULL, 'w' },
		{ "jobs", required_argument, NULL, 'n' },
		{ "stats", no_argument, NULL, 's' },
		{ NULL, 0, NULL, 0 }
	};
	struct scan_run run;
	struct fpindex *ix = NULL;
	const char *index_path = NULL;
	struct stat sb;
	int64_t t0, t1, t2;
	char err[ERR_MAX], *end;
	long long v;
	struct source_list list = { 0 };
	int ch, i, private = 0, jobs = default_jobs();
	size_t k;

	memset(&run, 0, sizeof(run));
	run.min_fps = SCAN_MIN_FPS;
	run.min_words = SCAN_MIN_WORDS;
	run.xo.lang = "eng";
	run.xo.allow_private = 1;	/* the command line may scan loopback */
	optind = 0;
	while ((ch = getopt_long(argc, argv, "", opts, NULL)) != -1) {
		switch (ch) {
		case 'j': run.json = 1; break;
		case 's': run.stats = 1; break;
		case 'i': index_path = optarg; break;
		case 'p': private = 1; break;
		case 'l': run.xo.lang = optarg; break;
		case 't':
			run.threshold = strtod(optarg, &end);
			if (*end || run.threshold < 0 || run.threshold > 1)
				return cli_usage(c, "scan");
			break;
		case 'n':
			if (util_parse_int(optarg, 1, SCAN_MAX_JOBS, &v) != 0)
				return cli_usage(c, "scan");
			jobs = (int)v;
			break;
		case 'f':
		case 'w':
			if (util_parse_int(optarg, 1, 1000, &v) != 0)
				return cli_usage(c, "scan");
			if (ch == 'f')
				run.min_fps = (int)v;
			else
				run.min_words = (int)v;
			break;
		default:
			return cli_usage(c, "scan");
		}
	}
	if (optind >= argc || (private && index_path == NULL))
		return cli_usage(c, "scan");
	t0 = util_clock_ns();
	if (index_path) {
		if (index_load_file(index_path, private, &ix, err) != 0)
			return cli_fail("scan: %s", err);
	} else {
		/* the dispatcher closes what this opens */
		if (cli_open_community(c, 1, err) != 0)
			return cli_fail("scan: %s", err);
		if (index_build(c->gate, &ix, err) != 0)
			return cli_fail("scan: %s", err);
		run.db = c->db;
		run.gate = c->gate;
	}
	run.ix = ix;
	t1 = util_clock_ns();
	for (i = optind; i < argc && !list.nomem; i++) {
		if (strcmp(argv[i], "-") != 0 && strstr(argv[i], "://") ==
		    NULL && stat(argv[i], &sb) == 0 && S_ISDIR(sb.st_mode)) {
			if (extract_walk(argv[i], add_source, &list, err) != 0) {
				fprintf(stderr, "sanctum: scan: %s\n", err);
				run.errors++;
			}
		} else {
			add_source(&list, argv[i]);
		}
	}
	if (list.nomem) {
		run.errors++;
		fprintf(stderr, "sanctum: scan: out of memory listing the "
		    "sources\n");
	} else {
		/* fewer sources than workers: the spare ones share the
		** large files among the sources */
		run.parts = list.n > 0 && (size_t)jobs > list.n ?
		    jobs / (int)list.n : 1;
		if ((size_t)jobs > list.n)
			jobs = (int)list.n;
		/* Tesseract asks OpenMP for a thread per core; with a worker
		** per core already, one each is enough */
		if (jobs > 1)
			setenv("OMP_THREAD_LIMIT", "1", 0);
		if (jobs <= 1 || scan_pool_run(&run, list.v, list.n, jobs) != 0)
			for (k = 0; k < list.n; k++)
				scan_one(&run, list.v[k]);
	}
	for (k = 0; k < list.n; k++)
		free(list.v[k]);
	free(list.v);
	t2 = util_clock_ns();
	if (run.stats) {
		double load = (double)(t1 - t0) / 1e9;
		double secs = (double)(t2 - t1) / 1e9;
		fprintf(stderr, "scan: index %u posts, %llu fingerprints, "
		    "%.1f MB (%.1f MB of it the filter), loaded in %.3f s; scanned "
		    "%.1f MB in %.3f s (%.1f MB/s)\n", ix->nposts,
		    (unsigned long long)ix->nentries,
		    (double)index_bytes(ix) / 1e6,
		    (double)index_filter_bytes(ix) / 1e6, load,
		    (double)run.bytes / 1e6, secs, secs > 0 ?
		    (double)run.bytes / 1e6 / secs : 0);
	}
	index_free(ix);
	if (run.leaked)
		return EXIT_LEAK;
	return run.errors ? EXIT_FAIL : EXIT_OK;
}
