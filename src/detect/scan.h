/*
** scan.h: finding the community's posts in outside text.
**
** A scanner takes the text of one source in pieces (it is an
** extract_sink), normalises it as posts were, winnows it with the scan's
** window (winnow.h), keys each selected k-gram and looks it up in the
** index, looks up the k-grams around each one that found something, and
** keeps the hits.  At the end, hits are grouped per post into passages
** (hits at most 2 (W + K) words apart whose places in the post advance as
** they do through the text: index.h); a post is reported only when one
** passage has enough evidence: at least min_fps distinct fingerprints
** that are not common phrases and that no other post holds, whose k-grams
** span at least min_words words with min_words of them unbroken (no word
** changed between), or runs of twice that together (fingerprints other
** posts hold too count only in a run of SCAN_SHARED_FPS, as a post
** written twice has, and such a run needs no unbroken part).  So a phrase
** a few posts share (a stock phrase, a signature), two common sentences
** side by side, phrases from two places of a post, a stock sentence with
** a word of the writer's own, or fingerprints scattered far apart in a
** large input do not make a leak.
** The defaults were chosen with bench/detect (docs/detection.md): recall
** on 1-3 sentence excerpts against false positives in same-domain text.
** Memory is bounded by the number of hits, not by the size of the input.
*/
#ifndef SANCTUM_SCAN_H
#define SANCTUM_SCAN_H

#include <stddef.h>
#include <stdint.h>
#include <sys/types.h>

#include "../text/normalize.h"
#include "winnow.h"

struct fpindex;
struct index_delta;
struct cli;

#define SCAN_MIN_FPS 3
#define SCAN_MIN_WORDS 10
/* distinct fingerprints that make a passage evidence even when other
** posts hold them too (see judge_post in scan.c) */
#define SCAN_SHARED_FPS 8
/* How far the place in the post (index.h) of a copied passage's hits may
** move from one hit to the next against their k-grams in the text: a word
** or two inserted or dropped by an edit, a word OCR split or joined. */
#define SCAN_PLACE_SLACK 3
#define SCAN_MAX_HITS 4000000
#define SCAN_MAX_JOBS 256	/* workers of one scan (--jobs) */

struct scan_hit {
	uint32_t post;
	uint32_t df;		/* how many posts hold the fingerprint */
	int64_t kgram;
	int64_t start, end;
	uint64_t fp;
	uint32_t place;		/* where it is in the post (index.h) */
};

/* Lookups go through stages, SCAN_BATCH k-grams apart, so that each
** memory access the index needs was asked for (prefetched) while the next
** k-grams were being normalised and hashed: the filter block when a k-gram
** is selected, tested a whole batch later; its bucket when it passed the
** filter; its entries when the bucket is not empty.  Few k-grams get past
** the filter. */
#define SCAN_BATCH 32
/* When a k-gram finds a post, the SCAN_AROUND k-grams either side of it
** that winnowing did not select are looked up too (through a filter of
** every fingerprint: index.h), so that a shared run is seen as long as it is: the
** index holds about two k-grams in three of every post (winnow.h).  The
** winnow keeps the text's recent k-grams for this. */
#define SCAN_AROUND 5
#define SCAN_QUEUE (SCAN_BATCH * 4)	/* room in the later stages */

struct scan_pending {
	uint64_t fp, h;		/* keyed fingerprint, filter hash */
	int64_t kgram, start, end;
	int around;		/* looked up because a neighbour was found */
};

/* A chain of hits being followed (scan.c): the last one's k-gram, and
** where the post is against the text there (place minus k-gram). */
struct scan_chain {
	int64_t last;
	uint32_t off;
	uint32_t id;
};

struct scan_match {
	uint32_t post;		/* the scanner's number of the post */
	int64_t post_id;	/* the post's own number */
	uint32_t fps;		/* distinct fingerprints found */
	double coverage;	/* share of the post's fingerprints found */
	int64_t (*spans)[2];	/* character offsets [start, end) */
	size_t nspans;
};

struct scanner {
	const struct fpindex *ix;
	const struct index_delta *delta;	/* posts changed since, or NULL */
	struct norm norm;
	struct winnow win;
	struct scan_pending pending[SCAN_BATCH];	/* filling up */
	struct scan_pending filterq[SCAN_QUEUE];	/* filter prefetched */
	struct scan_pending bucketq[SCAN_QUEUE];	/* bucket prefetched */
	struct scan_pending entryq[SCAN_QUEUE];		/* entries prefetched */
	struct scan_pending aroundq[SCAN_QUEUE - SCAN_BATCH];
	int npending, nfilterq, nfilterq_sel, nbucketq, nentryq, naroundq;
	int64_t seen[WINNOW_KRING];	/* of the k-grams in the winnow's
					   ring, the numbers looked up */
	int in_order;			/* hits are in text order */
	struct scan_hit *hits;
	size_t nhits, cap;
	int overflow;		/* hits were dropped: the result is partial */
	int min_fps, min_words;
	uint64_t bytes;
	/* scanning one part of a text (scan_text_parts): which piece is
	** being fed (0 before the part's own text, 1 its own, 2 after), and
	** the words of the first two */
	int own_phase;
	int64_t pre_words, own_words;
};

void scanner_init(struct scanner *s, const struct fpindex *ix,
    const struct index_delta *delta, int min_fps, int min_words);
int scanner_feed(void *s, const char *text, size_t n);
int scanner_finish(struct scanner *s, struct scan_match **out, size_t *n);
void scan_matches_free(struct scan_match *m, size_t n);
void scanner_free(struct scanner *s);

/* A text at least this long is scanned in parts side by side when the
** scan has more workers than sources (scan --jobs). */
#define SCAN_SPLIT_MIN ((size_t)4 << 20)
/* Each part reads this many bytes of its neighbours' text, so that words,
** selections and lookups around hits near its ends are the same as in one
** scan of the whole text. */
#define SCAN_PART_OVERLAP ((size_t)16 << 10)
#define SCAN_PARTS_PER_WORKER 16
#define SCAN_MAX_GROUPS 64	/* groups of posts judged side by side */

int scan_text_parts(const struct fpindex *ix, const char *text, size_t n,
    int fd, off_t base, int workers, int min_fps, int min_words,
    struct scan_match **out, size_t *nout, int *partial);

struct db;
struct json_t;
void scan_add_names(struct db *db, int64_t id, struct json_t *match);
int scan_cmd(struct cli *c, int argc, char **argv);

#endif
