/*
** winnow.h: winnowing (Schleimer, Wilkerson and Aiken, 2003) over words.
**
** Words (token hashes from the normaliser) are grouped into k-grams of K
** consecutive words; of every window of w consecutive k-grams the one
** with the smallest hash is selected (the rightmost on a tie), and each
** selection is reported once.  Any run of at least w + K - 1 words shared
** by two texts therefore yields at least one common selection.
**
** Posts are winnowed with the small window WINNOW_W_INDEX, so the index
** holds about two k-grams in three; scanned text with the larger
** WINNOW_W_SCAN, so that a scan looks up only about two in five.  Every
** k-gram the scan selects inside a run it shares with a post was also
** selected from the post: it is the smallest of a scan window inside the
** run, so also of each smaller window inside that one.  Around the
** k-grams that found something the scanner then looks up every k-gram
** (scan.h), and the dense index measures how long the shared run is.
** K and both windows were chosen by measurement (bench/detect,
** docs/detection.md).
*/
#ifndef SANCTUM_WINNOW_H
#define SANCTUM_WINNOW_H

#include <stdint.h>

#include "../text/normalize.h"

#define WINNOW_K 5
#define WINNOW_W_INDEX 2
#define WINNOW_W_SCAN 4
#define WINNOW_WMAX 4		/* the largest window */
/* The last WINNOW_KRING k-grams are kept, not only the last window: the
** scanner looks up some of them again later (scan.h). */
#define WINNOW_KRING 1024
/* The stored fingerprints' layout: 2 since they carry their place in the
** post (index.h). */
#define WINNOW_FORMAT 2
/* stored with each post's fingerprints (which also mark what the scan's
** window selects); posts stored with other values are fingerprinted again */
#define WINNOW_PARAMS (WINNOW_FORMAT * 10000 + NORM_VERSION * 1000 + \
    WINNOW_K * 100 + WINNOW_W_INDEX * 10 + WINNOW_W_SCAN)

_Static_assert(WINNOW_W_INDEX <= WINNOW_W_SCAN &&
    WINNOW_W_SCAN <= WINNOW_WMAX && WINNOW_WMAX <= WINNOW_KRING &&
    (WINNOW_KRING & (WINNOW_KRING - 1)) == 0, "windows fit the ring");

/* A selected k-gram: its (unkeyed) hash, its number in the text, and the
** character offsets of its first word's start and last word's end. */
typedef void (*winnow_emit)(void *ctx, uint64_t hash, int64_t kgram,
    int64_t start, int64_t end);

#define WINNOW_RING 8	/* word ring: a power of two of at least K */
_Static_assert(WINNOW_RING >= WINNOW_K &&
    (WINNOW_RING & (WINNOW_RING - 1)) == 0, "the word ring holds K words");

struct winnow {
	winnow_emit emit;
	void *ctx;
	uint64_t words[WINNOW_RING];	/* ring of the last K word hashes */
	int64_t wstart[WINNOW_RING];	/* and where they start */
	int64_t nwords;
	uint64_t hash[WINNOW_KRING];	/* ring of the last k-grams: hash, */
	int64_t kstart[WINNOW_KRING];	/* offset of the first word's start */
	int64_t kend[WINNOW_KRING];	/* and of the last word's end */
	int64_t nkgrams;
	int64_t last;			/* the k-gram selected last, or -1 */
	int w;				/* the window */
};

void winnow_init(struct winnow *w, int window, winnow_emit emit,
    void *ctx);
void winnow_word(void *w, uint64_t hash, int64_t start, int64_t end);
void winnow_finish(struct winnow *w);

#endif
